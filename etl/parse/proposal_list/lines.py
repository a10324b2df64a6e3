"""Proposal lists, stage 1: every container as the same labelled lines.

Text is read line by line; a PDF by its text layer (pages joined by form feeds);
an XLSX sheet row by row (a row "Status | Vedtaget" — a two-column "Felt | Værdi"
record export — reads as the line "Status: Vedtaget"; other rows as their cells
joined by tabs); a CSV whose rows are such label/value pairs likewise. A label is
known by :func:`label_of`: the list-only labels in :data:`LIST_LABELS`, then the
column names every table shares (:func:`etl.table_columns.field_of`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from etl.core.document import RawDocument
from etl.core.numbers import find_amounts
from etl.parse.common import line_pages, squash
from etl.sectors import sectors_for
from etl.spreadsheet import csv_grid, sniff_separator
from etl.table_columns import field_of, fold, header_unit


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None
    line: int | None  # 1-based: the text line, or the sheet row / CSV record
    section: str | None = None  # the sheet name of an XLSX


@dataclass(frozen=True)
class Label:
    name: str  # the field: see LIST_LABELS and etl.table_columns.SYNONYMS
    label: str  # as printed
    value: str
    unit: float | None  # t.kr. per unit printed in the label ("Besparelse (1.000 kr.)")


#: Labels (folded, without units or punctuation) that proposal lists print and table headers
#: do not, or that mean something else here; checked before etl.table_columns.field_of. A
#: label matches when it equals one or starts with one and a space ("Kommentar fra udvalget").
LIST_LABELS: dict[str, str] = {
    # remarks → further_info
    "kommentar": "comment", "kommentarer": "comment", "bemaerkning": "comment", "bemaerkninger": "comment",
    "note": "comment", "noter": "comment", "yderligere information": "comment",
    # consequences → other_effects
    "konsekvenser": "effects", "konsekvens": "effects", "andre effekter": "effects",
    # personal contact data: the line and its continuation are dropped, never loaded
    "kontaktperson": "contact", "kontaktpersoner": "contact", "kontakt": "contact",
    "kontaktoplysninger": "contact", "e-mail": "contact", "email": "contact", "mail": "contact",
    "telefon": "contact", "tlf": "contact", "mobil": "contact", "direkte": "contact",
    "sagsbehandler": "contact", "ansvarlig person": "contact", "oprettet af": "contact",
    "indtastet af": "contact", "forslagsstiller": "contact",
    # the printed number (part of the key, never the title)
    "nr": "number", "loebenr": "number", "loebenummer": "number", "id": "number", "forslagsnummer": "number",
    "forslag nr": "number",
    # FOA's budget database: "Sted" holds the municipality. "Spareemne" is not here: it is the
    # title, as in every table, unless its cells are categories (segment.topic_column decides
    # with etl.table_columns.topic_is_type, the one rule for both readers)
    "sted": "municipality", "kategori": "type",
    "navn": "title", "spareforslag": "title", "forslagets navn": "title",
    "forslagets indhold": "description", "uddybning": "description",
    "oekonomi": "expected", "beloeb": "expected", "reduktion": "expected", "aendring": "expected",
    "sparepotentiale": "expected", "besparelsespotentiale": "expected", "potentiale": "expected",
    "helaarseffekt": "expected", "aarlig besparelse": "expected", "varig effekt": "expected",
    "oekonomisk effekt": "expected",
    "investering": "cost",
    "udvalg": "sector", "fagudvalg": "sector", "politikomraade": "sector", "bevillingsomraade": "sector",
    "forvaltning": "sector", "center": "sector", "afdeling": "sector", "serviceomraade": "sector",
    "hovedomraade": "sector",
    "beslutning": "status",
    "ikrafttraeden": "year", "fuld effekt fra": "year", "virkning fra": "year",
}

_LABEL_LINE = re.compile(r"^\s*(?:[-•*·–]\s+)?(?P<label>[^\W\d_][^:\t]{0,48}?)\s*:\s*(?P<value>.*)$")
#: "Status<TAB>Vedtaget": a two-column definition table copied from a web page.
_LABEL_CELL = re.compile(r"^\s*(?P<label>[^\W\d_][^:\t]{0,48}?)\s*:?\t+(?P<value>[^\t]*)$")
_FURNITURE = re.compile(r"^\s*(?:side\s+\d+(?:\s+af\s+\d+)?|[-–]?\s*\d{1,3}\s*[-–]?|\d{1,3}\s*/\s*\d{1,3})\s*$",
                        re.IGNORECASE)


def _bare(label: str) -> str:
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", fold(label))
    return squash(re.sub(r"[^a-z0-9 \-]", " ", s))


@functools.lru_cache(maxsize=4096)
def field_name(label: str) -> str | None:
    """The field a printed label (or header cell) names, or None."""
    bare = _bare(label)
    if not bare or len(bare.split()) > 5:
        return None
    for key, name in LIST_LABELS.items():
        if bare == key or bare.startswith(key + " "):
            return name
    return field_of(label)


def label_of(text: str) -> Label | None:
    """The label and value of a "Label: value" line whose label is known, else None."""
    m = _LABEL_LINE.match(text) or _LABEL_CELL.match(text)
    if m is None:
        return None
    name = field_name(m.group("label"))
    if name is None:
        return None
    return Label(name, squash(m.group("label")), m.group("value").strip(), header_unit(m.group("label")))


# --------------------------------------------------------------------------- containers


def _record_lines(cells: list[str], where: tuple[int | None, int | None], section: str | None) -> list[Line]:
    """One XLSX/CSV row as lines: a label/value pair as "Label: value" (a value over several
    lines gives continuation lines), one cell as itself, several cells joined by tabs."""
    page, line = where
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return [Line("", page, line, section)]
    if len(filled) == 2 and cells[0].strip() == filled[0] and fold(filled[0]) not in ("felt", "field", "feltnavn"):
        name = filled[0].rstrip(": ")
        if field_name(name) is not None:
            first, *rest = filled[1].splitlines() or [""]
            return [Line(f"{name}: {first}", page, line, section)] + [Line(r, page, line, section) for r in rest]
    if len(filled) == 2 and fold(filled[0]) in ("felt", "field", "feltnavn"):
        return []  # the export's own header row
    if len(filled) == 1:
        return [Line(t, page, line, section) for t in filled[0].splitlines()]
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return [Line("\t".join(squash(c) for c in cells), page, line, section)]


def _label_pairs(rows: list[list[str]]) -> bool:
    """Rows that are label/value pairs: a record view exported one field per row."""
    pairs = [r for r in rows if r and r[0].strip() and field_name(r[0].rstrip(": ")) is not None
             and sum(1 for c in r if c.strip()) == 2]
    return all(sum(1 for c in r if c.strip()) <= 2 for r in rows) and len(pairs) >= max(2, len(rows) // 2)


def lines_of(doc: RawDocument) -> list[Line]:
    """The document as lines, whatever its container; page furniture ("Side 2 af 5") left out."""
    out: list[Line] = []
    if doc.container == "xlsx":
        for name, rows in doc.sheets or []:
            for i, row in enumerate(rows, start=1):
                out += _record_lines(row, (None, i), name)
        return out
    text = doc.text or ""
    if doc.container == "text":
        sep = sniff_separator(text)
        grid = csv_grid(text, doc.file_name, sep) if sep else None
        if grid is not None and _label_pairs(grid.rows):
            for row, where in zip(grid.rows, grid.where):
                out += _record_lines(row, where, None)
            return out
    pages = line_pages(text) if doc.container == "pdf" else None
    for i, raw in enumerate(text.splitlines(), start=1):
        s = raw.replace("\f", "").rstrip()
        if doc.container == "pdf" and _FURNITURE.match(s):
            continue
        out.append(Line(s, pages[i - 1] if pages else None, i))
    return out


# --------------------------------------------------------------------------- header rows


@dataclass(frozen=True)
class Header:
    """A header row over the items' row headings: "Sted | Sektor | Spareemne | Besparelse | Beskrivelse"."""

    index: int  # in the lines
    names: list[str | None]  # field per column
    labels: list[str]
    sep: str  # "\t", "  " (two or more spaces) or " " (single spaces: cells found by content)


def _cells(text: str, sep: str) -> list[str]:
    if sep == "\t":
        parts = text.split("\t")
    elif sep == "  ":
        parts = re.split(r"\s{2,}", text.strip())
    else:
        parts = text.split()
    return [squash(p) for p in parts]


def header_of(lines: list[Line], search: int = 80) -> Header | None:
    """The header row of a list whose items start with a row of cells, or None."""
    for i, ln in enumerate(lines[:search]):
        if label_of(ln.text) is not None:
            continue
        for sep in ("\t", "  ", " "):
            if sep != " " and sep not in ln.text.strip():
                continue
            cells = _cells(ln.text, sep)
            names = [field_name(c) if c else None for c in cells]
            known = [n for n in names if n]
            if (len(cells) >= 3 and len(known) >= (len(cells) if sep == " " else max(3, len(cells) * 3 // 4))
                    and len(set(known)) == len(known) and {"expected", "description"} & set(known)
                    and {"title", "municipality", "sector", "type"} & set(known)):
                return Header(i, names, cells, sep)
            break
    return None


@dataclass(frozen=True)
class Row:
    """A row under the header: (field, header label, cell) per mapped column."""

    cells: list[tuple[str, str, str]]
    guess: str | None = None  # how cells printed without separators were told apart, when guessed


def row_cells(text: str, header: Header) -> Row | None:
    """The row a line under the header is, or None when it is not one (a labelled line,
    a wrapped value)."""
    if not text.strip() or label_of(text) is not None:
        return None
    if header.sep != " ":
        cells = _cells(text, header.sep)
        if not (len(header.names) - 1 <= len(cells) <= len(header.names)) or sum(1 for c in cells if c) < 2:
            return None
        return Row([(n, lab, c) for n, lab, c in zip(header.names, header.labels, cells) if n])
    return _row_by_content(text, header)


def _row_by_content(text: str, header: Header) -> Row | None:
    """A row printed with single spaces between its cells: the amount is the anchor (cells
    before it are municipality, sector, type …, the rest after it); the municipality is
    one word ("Region X": two), the sector the longest run of words the sector table knows."""
    money = header.names.index("expected") if "expected" in header.names else None
    if money is None:
        return None
    before = header.names[:money]
    words_all = text.split()
    amounts = [a for a in find_amounts(text) if len(text[:a.start].split()) >= len(before)]
    if not amounts or not text[:1].isupper():
        return None
    amt = amounts[0]
    pre = text[:amt.start].split()
    if re.search(r"[.!?]\s|\d", text[:amt.start]) or len(words_all) < len(before) + 1:
        return None
    cells: list[str] = []
    guess = None
    for k, name in enumerate(before):
        left = len(before) - k - 1  # columns still to fill after this one
        if left == 0:
            take = len(pre)
        elif name == "municipality":
            take = 2 if pre[:1] == ["Region"] else 1
        elif name == "sector":
            fits = [n for n in range(len(pre) - left, 0, -1) if sectors_for(" ".join(pre[:n]))]
            take = fits[0] if fits else len(pre) - left
            if not fits and left:
                guess = (f"'{' '.join(pre[:take])}' taken as the {header.labels[k]} and the next "
                         f"{left} word(s) as the following column(s): the sector is not one the sector table knows")
        else:
            take = 1
        cells.append(" ".join(pre[:take]))
        pre = pre[take:]
    after = text[amt.end:].strip()
    out = [(n, lab, c) for n, lab, c in zip(before, header.labels, cells) if n]
    out.append(("expected", header.labels[money], amt.text))
    rest = [(n, lab) for n, lab in zip(header.names[money + 1:], header.labels[money + 1:]) if n]
    if rest:
        out.append((rest[0][0], rest[0][1], after))
    return Row(out, guess)
