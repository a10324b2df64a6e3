"""Cheap necessary conditions in front of costly detection (etl/parse/*'s ``detect``): a detector
that skips its case-blind regular expressions, or the split of a whole text into lines, must
decide exactly as if it had run them. Each hint is proved here, over every code point where it
rests on how Python's ``re.IGNORECASE`` and ``\\s`` match, and each detector is compared with its
former whole-text code on texts made to sit on the edges."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.core.document import RawDocument
from etl.parse import idebank, minutes, project_list, recovery_plan, table

#: every code point (surrogates included: a str may hold them)
EVERY = "".join(map(chr, range(0x110000)))


def _doc(text: str) -> RawDocument:
    return RawDocument(path=Path("x.txt"), file_name="x.txt", sha256="", data=b"", container="text", text=text)


@pytest.mark.parametrize("letter", list("fagomrulndi"))
def test_what_a_case_blind_letter_matches(letter):
    """Under re.IGNORECASE these letters match their two ASCII cases only; "i" also dotless ı
    and dotted İ, which are beyond ASCII: so in lowered UTF-8 each is its lower-case byte, or
    (for i) bytes ≥ 0x80."""
    found = set(re.findall(letter, EVERY, re.IGNORECASE))
    ascii_ = {letter, letter.upper()}
    assert ascii_ <= found
    for ch in found - ascii_:
        assert letter == "i" and all(b >= 0x80 for b in ch.encode("utf-8", "surrogatepass"))


def test_what_whitespace_is_in_utf8():
    r"""Every character ``\s`` matches is encoded in the bytes 09–0D, 1C–20 or ≥ 0x80."""
    allowed = set(range(0x09, 0x0E)) | set(range(0x1C, 0x21)) | set(range(0x80, 0x100))
    spaces = re.findall(r"\s", EVERY)
    assert " " in spaces and "\u00a0" in spaces and "\u3000" in spaces
    for ch in spaces:
        assert set(ch.encode("utf-8", "surrogatepass")) <= allowed, hex(ord(ch))


def _idebank_before(doc: RawDocument) -> float:
    """etl.parse.idebank.detect as it was: both case-blind patterns over the whole text."""
    text = doc.text or ""
    areas = len(re.findall(r"Berørte\s+fagområder", text, re.IGNORECASE))
    effect = len(re.findall(r"Effekt\s+ved\s+fuld\s+indfasning", text, re.IGNORECASE))
    return idebank.score(text, areas, effect)


CARD = "Berørte fagområder\nØkonomi\nEffekt ved fuld indfasning (t.kr.): 450\n"
IDEBANK_TEXTS = {
    "nothing": "Kommune;Titel\nOdense;Fælles indkøb\n",
    "a table's header": "Titel;Fuldt indfaset år;Effekt (t.kr.)\nA;2025;10\n",
    "one card": CARD,
    "six cards with boxes": (CARD + "☐ ☒ " * 5) * 6,
    "upper case": CARD.upper(),
    "areas only": "BERØRTE\tFAGOMRÅDER\n",
    "effect only, no-break and em spaces": "Effekt\u00a0ved\u2003fuld indfasning",
    "dotless and dotted i": "Berørte fagområder\nEffekt ved fuld ındfasning\nEffekt ved fuld İNDFASNING\n",
    "Kelvin and Angstrom signs": "Berørte fagomr\u212bder\nEffe\u212at ved fuld indfasning\n",
    "long s": "Effekt ved fuld indfa\u017fning\nberørte fagområder\n",
    "words apart": "fagområder berørte; fuld effekt ved indfasning\n",
    "line breaks between the words": "Berørte\n\nfagområder\nEffekt\nved\nfuld\r\nindfasning\n",
    "unencodable surrogate beside": "\ud800Berørte fagområder\udfff Effekt ved fuld indfasning\n",
}


@pytest.mark.parametrize("case", list(IDEBANK_TEXTS))
def test_idebank_detect_decides_as_before(case):
    doc = _doc(IDEBANK_TEXTS[case])
    assert idebank.detect(doc) == _idebank_before(doc)


HEADER_LINES = [
    "(1.000 kr.) 2021 2022 2023 2024",
    "  ( t.kr. )   2019 2020",
    "(MIO. KR.)\t2020 2021 2022",
    "(kr.) 1999 2000",
    "(1.000 \u212aR.) 2021 2022",
]


@pytest.mark.parametrize("line", HEADER_LINES)
def test_every_staircase_header_line_holds_the_hint(line):
    assert recovery_plan._HEADER.match(line)
    assert recovery_plan._HEADER_HINT.search(f"tekst før\n{line}\nefter")


def _recovery_before(doc: RawDocument) -> float:
    lines = doc.lines
    if recovery_plan._staircase_header(lines) is not None:
        return 1.0
    return 0.2 if any(recovery_plan._HEADER.match(ln) for ln in lines) else 0.0


STAIRCASE = ("Status 2022\n(1.000 kr.) 2021 2022 2023\nReduktionsmål -500 -1.000 -1.500\n"
             "Initiativ A 200 400 600\nUfordelt 300 600 900\n")
RECOVERY_TEXTS = {
    "a staircase": STAIRCASE,
    "a header without its rows": "(1.000 kr.) 2021 2022 2023\nNoget andet 1 2 3\n",
    "a CSV with a unit in its header": "Titel;Forventet gevinst (t.kr.);2025 (t.kr.)\nA;10;5\n",
    "a unit and years on different lines": "(1.000 kr.)\n2021 2022\n",
    "nothing": "Bare tekst.\n",
}


@pytest.mark.parametrize("case", list(RECOVERY_TEXTS))
def test_recovery_plan_detect_decides_as_before(case):
    doc = _doc(RECOVERY_TEXTS[case])
    assert recovery_plan.detect(doc) == _recovery_before(doc)


def _lines(n: int, sep: str = "\n") -> str:
    return sep.join(f"linje {i} " + "x" * (i % 700) for i in range(n))


FIRST_LINES_TEXTS = {
    "empty": "",
    "one line": "en linje",
    "fewer lines than asked": _lines(50),
    "many lines": _lines(3000),
    "lines longer than a prefix": "\n".join("y" * 70000 for _ in range(5)),
    "CR LF, form feeds, line separators": _lines(3000, "\r\n") + "\f" + _lines(500, "\u2028"),
    "a CR LF cut by the first prefix": "a" * 65535 + "\r\n" + _lines(1000),
    "blank lines": "\n" * 1000,
}


@pytest.mark.parametrize("case", list(FIRST_LINES_TEXTS))
@pytest.mark.parametrize("n", [0, 1, 399, 402, 2000])
def test_first_lines_are_the_first_of_lines(case, n):
    doc = _doc(FIRST_LINES_TEXTS[case])
    assert doc.first_lines(n) == doc.lines[:n]


def _minutes_before(doc: RawDocument) -> float:
    head = "\n".join(doc.lines[:400]).lower()
    found = sum(1 for m in minutes._MARKERS if m in head)
    return min(1.0, found / 5) if "mødedato" in head or "referat" in head else min(0.4, found / 10)


def _project_list_before(doc: RawDocument) -> float:
    lines = doc.lines
    header = project_list._header(lines, 400)
    if header is None:
        return 0.0
    rows = sum(1 for ln in lines[header[1] + 1:] if project_list._ROW_START.match(ln))
    return 1.0 if rows >= 1 else 0.6


PROJECTS = "Nr. Projekt Vurdering Status/næste skridt Ansvarlig Behandling\n1 Indkøb\nTekst\n"
TOP_TEXTS = {
    "minutes": "Referat\nUdvalg: Økonomiudvalget\nMødedato: 1. marts\nSagsresume\nBeslutning\n",
    "minutes' markers below line 400": "\n" * 400 + "Mødedato: 1. marts\nSagsresume\n",
    "a project list": PROJECTS,
    "a project list's header on line 399, wrapped": "\n" * 399 + "Nr. Projekt Vurdering\nStatus/næste\n"
                                                     "skridt Ansvarlig Behandling\n1 Indkøb\n",
    "a project list's header below line 400": "\n" * 401 + PROJECTS,
    "a header without rows": PROJECTS.replace("1 Indkøb", "Indkøb"),
    "a long CSV": _lines(5000).replace(" ", ";"),
}


@pytest.mark.parametrize("case", list(TOP_TEXTS))
def test_minutes_and_project_list_detect_decide_as_before(case):
    doc = _doc(TOP_TEXTS[case])
    assert minutes.detect(doc) == _minutes_before(doc)
    assert project_list.detect(doc) == _project_list_before(doc)


@pytest.mark.parametrize("text", [
    "",
    "a;b",
    "a;b\n",
    "\n".join(f"{i};x" for i in range(199)),
    "\n".join(f"{i};x" for i in range(200)),
    "\n".join(f"{i};x" for i in range(201)) + "\n",
    "\n".join(f"{i};x" for i in range(5000)),
])
def test_the_detection_sample_is_the_first_lines(monkeypatch, text):
    """table._sample_grids reads the text up to its 200th line break, as
    ``"\\n".join(text.split("\\n", 200)[:200])`` did."""
    seen = []
    monkeypatch.setattr(table, "csv_grid", lambda head, name: seen.append(head))
    table._sample_grids(_doc(text))
    assert seen == ["\n".join(text.split("\n", table.DETECT_LINES)[:table.DETECT_LINES])]
