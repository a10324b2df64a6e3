"""Recovery-plan status: prose sections per initiative, then a yearly table (the "staircase").

The table (``(1.000 kr.) 2021 2022 2023 2024``) has rows for the reduction
target, each initiative, the expected-but-unallocated amount and the net
outstanding. Text extraction keeps a row intact only when its label and figures
sit on one line; for the initiative rows it prints all the labels first and
then the figures one per line, *column by column* (every row's 2021 figure,
then every row's 2022 figure, ...), because that is the order in which the PDF
draws the cells. The parser therefore reads the figures in column order; if the
counts do not fit, or only row order makes the table's own arithmetic add up,
it says so in a warning instead of guessing silently.

Signs: the table prints reductions of expenditure as negative numbers; the
product stores a saving as a positive amount, so every figure is negated
(a printed 0 stays a known 0; a printed "-" means nothing in that cell).

Phase-in rule: ``expected_tkr`` is the amount in the table's last year (the
full effect the plan counts on); ``full_phase_in_year`` is the first year of
the final run of years that already show that amount (977, 1.257, 1.257, 1.257
→ 2022).
"""
from __future__ import annotations

import re

from etl.core.model import Appearance, Code, Decided, Gain, Initiative, ParsedDocument, ParseWarning, Target, set_range
from etl.core.numbers import find_amounts, find_year_refs, parse_amount
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.parse.common import join_wrapped, line_pages, squash

FORMAT = "recovery_plan"

_HEADER = re.compile(r"^\s*\(\s*(1\.000 kr\.|t\.\s?kr\.|mio\. kr\.|kr\.)\s*\)\s+((?:(?:19|20)\d\d\s*){2,})$",
                     re.IGNORECASE)
#: What every line _HEADER matches contains, searched in the whole text at once: a text without
#: it (a 200,000-line CSV) has no such line, and its lines need not be split and matched one by one.
_HEADER_HINT = re.compile(r"\(\s*(?:1\.000 kr\.|t\.\s?kr\.|mio\. kr\.|kr\.)\s*\)\s+(?:19|20)\d\d", re.IGNORECASE)
_VALUE = r"(?:[-−–]|[-−–]?\s?\d{1,3}(?:\.\d{3})*(?:,\d+)?)"
_VALUE_ONLY = re.compile(rf"^\s*{_VALUE}\s*$")
_STATUS = re.compile(r"status\s+(?:[a-zæøå]+\s+)?((?:19|20)\d\d)", re.IGNORECASE)
_STOP = {"med", "for", "til", "fra", "vedr", "samt", "eller", "egen", "egne", "frem", "over", "under", "mellem"}
TOLERANCE_TKR = 0.5
#: How far below its header a staircase table's rows may be printed (labels and scrambled figures).
_TABLE_SPAN = 120


def _kind(label: str) -> str:
    low = label.lower()
    if "reduktionsmål" in low or "besparelsesmål" in low:
        return "reduction_target"
    if "udestående" in low:
        return "net_outstanding"
    if "ufordelt" in low:
        return "unallocated"
    return "initiative"


def _staircase_header(lines: list[str]) -> int | None:
    """Line index of the "(1.000 kr.) <year> <year> …" header whose table has a reduction-target
    row and an outstanding or unallocated row — the staircase, not any yearly budget table."""
    for i, ln in enumerate(lines):
        if _HEADER.match(ln):
            kinds = {_kind(x) for x in lines[i + 1:i + 1 + _TABLE_SPAN]}
            if "reduction_target" in kinds and {"net_outstanding", "unallocated"} & kinds:
                return i
    return None


def detect(doc) -> float:
    """Certain when a yearly table with reduction target and outstanding/unallocated rows is printed."""
    if not _HEADER_HINT.search(doc.text or ""):
        return 0.0  # no line matches _HEADER: no staircase header either
    lines = doc.lines
    if _staircase_header(lines) is not None:
        return 1.0
    return 0.2 if any(_HEADER.match(ln) for ln in lines) else 0.0


# --------------------------------------------------------------------------- table

def _inline(line: str, n_years: int) -> tuple[str, list[str]] | None:
    """'Label v1 … vN' → (label, cells) when the line ends in exactly one figure per year."""
    m = re.match(rf"^\s*(\S.*?)\s+((?:{_VALUE}\s+){{{n_years - 1}}}{_VALUE})\s*$", line)
    if not m or _VALUE_ONLY.match(m.group(1)):
        return None
    cells = re.findall(rf"(?:^|\s)({_VALUE})(?=\s|$)", m.group(2))
    return (squash(m.group(1)), cells) if len(cells) == n_years else None


def _value(cell: str, unit: float) -> float | None:
    """Printed cell → saving in t.kr. (sign flipped); '-' → None (nothing printed)."""
    amt = parse_amount(cell, unit_tkr=unit)
    if amt is None:
        return None
    return (amt.value_tkr if amt.negative else -amt.value_tkr) + 0.0  # + 0.0: a printed 0 is 0, not -0


def _unit(header: str) -> float:
    """t.kr. per printed unit of a "(1.000 kr.)" / "(mio. kr.)" header."""
    amt = parse_amount(header if header[:1].isdigit() else f"1 {header}")
    return amt.value_tkr if amt else 1.0


def _table(lines: list[str], at: int, unit: float, years: list[int], out: ParsedDocument,
           pages: list[int]) -> list[dict]:
    """Rows of the table from the header at line ``at``: label, kind, line and cells per year."""
    n = len(years)
    rows: list[dict] = []
    labels: list[dict] = []
    values: list[tuple[int, str]] = []
    groups: list[tuple[list[dict], list[tuple[int, str]]]] = []

    def flush() -> None:
        if labels or values:
            groups.append((list(labels), list(values)))
            rows.extend(labels)
        labels.clear()
        values.clear()

    for i in range(at + 1, len(lines)):
        raw = lines[i]
        text = squash(raw)
        if not text:
            continue
        where = {"line": i + 1, "page": pages[i]}
        inl = _inline(raw, n)
        if inl:
            flush()
            label, cells = inl
            rows.append({"label": label, "kind": _kind(label), "cells": [(i + 1, c) for c in cells], **where})
            if rows[-1]["kind"] == "net_outstanding":
                break  # the last row of the staircase
            continue
        if _VALUE_ONLY.match(raw):
            values.append((i + 1, text))
            continue
        if values:  # a label after figures: a new group
            flush()
        if text.endswith(":"):
            continue  # a group heading such as "Initiativer (status april 2021):"
        if len(text) > 80:
            break  # prose again: the table has ended
        labels.append({"label": text, "kind": _kind(text), **where})
    flush()
    for group in groups:
        _place(group, rows, years, unit, out)
    return rows


def _place(group: tuple[list[dict], list[tuple[int, str]]], rows: list[dict], years: list[int], unit: float,
           out: ParsedDocument) -> None:
    """Give each label of a scrambled group its figures: column by column (the extraction's
    order), or row by row when only that order makes the whole table add up."""
    labels, values = group
    n, k = len(years), len(labels)
    if len(values) != k * n or not k:
        first = labels[0] if labels else {}
        out.warnings.append(ParseWarning(
            Code.TABLE_FIGURES_UNPLACED,
            f"table: {k} row labels but {len(values)} figures (expected {k * n}); their figures cannot be placed",
            field="gains", line=first.get("line") or (values[0][0] if values else None), page=first.get("page"),
            params={"labels": k, "figures": len(values), "expected": k * n}))
        for lab in labels:
            lab["cells"] = [None] * n
        return
    by_column = [[values[j * k + i] for j in range(n)] for i in range(k)]
    by_row = [[values[i * n + j] for j in range(n)] for i in range(k)]
    for lab, cells in zip(labels, by_column):
        lab["cells"] = cells
    if k == 1 or _adds_up(rows, years, unit):
        return
    for lab, cells in zip(labels, by_row):
        lab["cells"] = cells
    if _adds_up(rows, years, unit):
        out.warnings.append(ParseWarning(Code.TABLE_READ_BY_ROW,
                                         "table figures read row by row: only that order adds up",
                                         field="gains", line=labels[0]["line"], page=labels[0]["page"]))
        return
    for lab, cells in zip(labels, by_column):
        lab["cells"] = cells


def _amounts(row: dict, unit: float) -> list[float | None]:
    return [_value(c, unit) for _, c in row["cells"]] if row.get("cells") and row["cells"][0] else []


def _differences(rows: list[dict], years: list[int], unit: float) -> list[tuple[int, float, float]]:
    """(year, printed target, sum of parts) for each year where the target is not the sum of its parts."""
    target = next((r for r in rows if r["kind"] == "reduction_target"), None)
    if target is None or not _amounts(target, unit):
        return []
    out = []
    for j, year in enumerate(years):
        goal = _amounts(target, unit)[j]
        parts = [(_amounts(r, unit) or [None] * len(years))[j] for r in rows if r["kind"] != "reduction_target"]
        total = sum(p for p in parts if p is not None)
        if goal is not None and abs(goal - total) > TOLERANCE_TKR:
            out.append((year, goal, total))
    return out


def _adds_up(rows: list[dict], years: list[int], unit: float) -> bool:
    kinds = {r["kind"] for r in rows}
    return "reduction_target" in kinds and len(kinds) > 1 and not _differences(rows, years, unit)


# --------------------------------------------------------------------------- prose

_BULLET = re.compile(r"^(?:o|•|-|–)\s+")


def _sections(lines: list[str], end: int) -> list[dict]:
    """Headed prose sections before the table.

    A heading follows a blank line, starts with a capital, and is followed by a
    blank line, a new sentence or a bullet — the first line of a paragraph runs
    on in lower case or ends in a hyphen. Headings are short unless a bullet list
    follows. One printed with an indent (a bullet glyph lost in extraction) is a
    point inside the section above; bullets ("o …") inside a section become paragraphs."""
    widths = sorted(len(ln.strip()) for ln in lines[:end] if ln.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 80
    secs: list[dict] = []
    for i in range(end):
        text = lines[i].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        prev_blank = i == 0 or not lines[i - 1].strip()
        bullet_next = bool(_BULLET.match(nxt))
        if (prev_blank and text and text[0].isupper() and not text.endswith(("-", ":", ","))
                and (not nxt or nxt[0].isupper() or bullet_next)
                and (len(text) < 0.75 * full or bullet_next)):
            secs.append({"heading": squash(text).rstrip("."), "line": i, "sub": lines[i][:1].isspace(),
                         "body": []})
        elif secs and text:
            secs[-1]["body"].append(text)
    for s in secs:
        paras: list[list[str]] = [[]]
        for text in s["body"]:
            if _BULLET.match(text) and paras[-1]:
                paras.append([])
            paras[-1].append(_BULLET.sub("", text))
        s["own"] = s["text"] = "\n".join(join_wrapped(p) for p in paras if p)
    for k, s in enumerate(secs):  # a top-level section's text includes its bullet points
        if not s["sub"]:
            parts = [s["text"]]
            for sub in secs[k + 1:]:
                if not sub["sub"]:
                    break
                parts.append(f"{sub['heading']}: {sub['own']}")
            s["text"] = "\n\n".join(p for p in parts if p)
    return secs


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-zæøå]{4,}", text.lower()) if w not in _STOP}


def _match(sections: list[dict], rows: list[dict]) -> dict[int, list[dict]]:
    """Each section goes to the table row whose label shares most word stems with its heading."""
    found: dict[int, list[dict]] = {}
    for k, s in enumerate(sections):
        scores = [(len(_stems(s["heading"]) & _stems(r["label"])), n) for n, r in enumerate(rows)]
        best = max(scores, default=(0, -1))
        if best[0] == 0 or [sc for sc, _ in scores].count(best[0]) > 1:
            continue
        parent = next((p for p in reversed(sections[:k]) if not p["sub"]), None) if s["sub"] else None
        if parent is not None and parent in found.get(best[1], []):
            continue  # already part of its parent's text
        found.setdefault(best[1], []).append(s)
    return found


# --------------------------------------------------------------------------- parse

def _title(lines: list[str]) -> tuple[str | None, int | None]:
    start = next((i for i, ln in enumerate(lines) if squash(ln)), None)
    end = next((j for j in range(start, len(lines)) if not squash(lines[j])), len(lines)) if start is not None else 0
    # the first paragraph: a long title wraps (a PDF's heading)
    first = join_wrapped(lines[start:end]).rstrip(".") if start is not None else None
    m = next((m for ln in lines[:40] for m in [_STATUS.search(ln)] if m), None)
    if first and m:
        status = m.group(0)
        return (first if status.lower() in first.lower() else f"{first} — {status}"), int(m.group(1))
    return first, None


def parse(doc) -> ParsedDocument:
    lines = doc.lines
    pages = line_pages(doc.text or "")
    at = _staircase_header(lines)
    if at is None:  # forced with --format on another layout
        at = next((i for i, ln in enumerate(lines) if _HEADER.match(ln)), None)
    if at is None:
        raise InputError(doc.file_name, "no yearly table '(1.000 kr.) 2021 2022 …' found: not a recovery-plan status")
    head = _HEADER.match(lines[at])
    assert head is not None  # both searches above matched _HEADER at this line
    unit = _unit(head.group(1))
    years = [int(y) for y in head.group(2).split()]
    title, year = _title(lines)
    out = ParsedDocument(format=FORMAT, title=title, published_year=year)
    out.source.unit_text = Decided(head.group(1), "printed", evidence=squash(lines[at]), page=pages[at], line=at + 1)
    if year is None:
        out.warnings.append(ParseWarning(Code.YEAR_UNKNOWN,
                                         "no 'status <month> <year>' printed: published_year unknown",
                                         field="published_year"))
    rows = _table(lines, at, unit, years, out, pages)
    for year_, goal, total in _differences(rows, years, unit):
        out.warnings.append(ParseWarning(
            Code.TABLE_DOES_NOT_ADD_UP,
            f"table does not add up in {year_}: reduction target {goal:g} t.kr. but initiatives + unallocated "
            f"+ net outstanding = {total:g} t.kr. (difference {goal - total:g} t.kr.)",
            field="targets", line=at + 1, page=pages[at],
            params={"year": year_, "printed_tkr": goal, "computed_tkr": total}))
    for r in rows:
        if r["kind"] == "initiative" or not r.get("cells") or r["cells"][0] is None:
            continue
        for yr, (ln, cell) in zip(years, r["cells"]):
            out.targets.append(Target(year=yr, kind=r["kind"], amount_tkr=_value(cell, unit),
                                      text=f"{r['label']} {yr}: {cell}", page=pages[ln - 1], line=ln))
    ini_rows = [r for r in rows if r["kind"] == "initiative"]
    matched = _match(_sections(lines, at), ini_rows)
    out.initiatives = [_initiative(r, matched.get(n, []), years, unit, pages, out) for n, r in enumerate(ini_rows)]
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ(])")


def _prose_years(text: str) -> dict[int, tuple[float, str]]:
    """Amounts the prose states for one year: "en mulig udgiftsreduktion i 2021 på 407.000 kr."

    Only a sentence with exactly one "i <year>" and one amount after it counts;
    "fra og med 2022 … ca. det samme beløb" is too vague to check against."""
    out: dict[int, tuple[float, str]] = {}
    for sentence in _SENTENCE_END.split(text):
        refs = [r for r in find_year_refs(sentence) if r.kind == "in"]
        amounts = find_amounts(sentence)
        if len(refs) == 1 and len(amounts) == 1 and refs[0].pos < amounts[0].start:
            out[refs[0].start] = (amounts[0].value_tkr, f"{refs[0].text} … {amounts[0].text}")
    return out


def _check_prose(ini: Initiative, secs: list[dict], table: dict[int, float | None], r: dict,
                 out: ParsedDocument) -> None:
    """Compare the table with the amounts the initiative's prose sections state for a year;
    a year is checked only when every section states it (their sum is the table's row)."""
    stated = [_prose_years(s["own"] if s["sub"] else s["text"]) for s in secs]
    for year, value in table.items():
        if not stated or not all(year in st for st in stated):
            continue
        prose = sum(st[year][0] for st in stated)
        if abs(prose - (value or 0.0)) > TOLERANCE_TKR:
            printed = "-" if value is None else f"{value:g} t.kr."
            out.warnings.append(ParseWarning(
                Code.AMOUNT_CONTRADICTED,
                f"'{r['label']}' {year}: the prose states {prose:g} t.kr., the table {printed}",
                field="gains", key=ini.key, text="; ".join(st[year][1] for st in stated),
                line=r["line"], page=r["page"], params={"year": year, "prose_tkr": prose, "table_tkr": value}))


def _initiative(r: dict, secs: list[dict], years: list[int], unit: float, pages: list[int],
                out: ParsedDocument) -> Initiative:
    ini = Initiative(key=r["label"], title=r["label"])
    if secs:
        ini.description = "\n\n".join(f"{s['heading']}: {s['text']}" if len(secs) > 1 else s["text"]
                                      for s in secs) or None
        ini.appearances.append(Appearance(page=pages[secs[0]["line"]], line=secs[0]["line"] + 1,
                                          section=secs[0]["heading"]))
    else:
        ini.appearances.append(Appearance(page=r["page"], line=r["line"], section="Økonomioversigt"))
        out.warnings.append(ParseWarning(Code.VALUE_MISSING, f"no prose section describes '{r['label']}'",
                                         field="description",
                                         key=ini.key, line=r["line"], page=r["page"]))
    cells = r.get("cells") or [None] * len(years)
    amounts = []
    for yr, cell in zip(years, cells):
        value = _value(cell[1], unit) if cell else None
        amounts.append(value)
        if value is not None:
            ini.gains.append(Gain(year=yr, kind="expected", amount_tkr=value, text=cell[1]))
    if r.get("cells") and r["cells"][0] is not None:
        _check_prose(ini, secs, dict(zip(years, amounts)), r, out)
    last = amounts[-1] if amounts else None
    if last is None:
        out.warnings.append(ParseWarning(Code.AMOUNT_MISSING, f"'{r['label']}': no amount in {years[-1]} in the table: "
                                         "expected gain unknown", field="expected_tkr", key=ini.key,
                                         line=r["line"], page=r["page"]))
        return ini
    set_range(ini, last, last)
    ini.expected_text = f"{years[-1]}: {cells[-1][1]}"
    first = len(amounts) - 1
    while first > 0 and (prev := amounts[first - 1]) is not None and abs(prev - last) <= TOLERANCE_TKR:
        first -= 1
    ini.full_phase_in_year = years[first]
    ini.full_phase_in_text = f"{years[first]}: {cells[first][1]}"
    return ini


PARSER = LayoutParser(name=FORMAT, id_prefix="rec", detect=detect, parse=parse)
