"""Project list: a table *Nr., Projekt, Vurdering, Status/næste skridt, Ansvarlig, Behandling*.

The PDF-to-text step prints each row's cells one after another, column by
column, separated by blank lines — but not always: a short cell shares a line
with the next one ("5 Antal skoledere Der har allerede …"), the last cells run
together ("… 2017 MA Administra-" / "tivt"), and a long cell is split into
paragraphs. The rules below use what survives extraction:

* a row starts at a line "<n> <Title>" where n is the next row number;
* the text columns have different widths, so a line much wider than the
  Projekt column holds two cells, and a paragraph narrower than the Vurdering
  column still belongs to Vurdering; widths are measured on the document itself;
* Behandling (Politisk/Administrativ) and Ansvarlig (unit initials, optionally
  "/Person Name") are recognised from the end of the row's text.

Ansvarlig keeps only the unit initials ("HHG/Flemming Jensen" → "HHG"): the
name of a public servant adds nothing to an analysis of savings, and the
database is meant to be shared and shown on a dashboard, so personal names are
not loaded at all (data minimisation) — the unit is the accountable party.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from etl.core.model import Appearance, Code, Initiative, ParsedDocument, ParseWarning, set_range
from etl.core.numbers import Amount, find_amounts, find_year_refs
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.parse.common import join_wrapped, line_pages, squash

FORMAT = "project_list"

_HEADER_WORDS = ("nr.", "projekt", "vurdering", "status", "ansvarlig", "behandling")
_ROW_START = re.compile(r"^\s*(\d{1,3})\.?\s+([A-ZÆØÅ(].*)$")
#: Unit initials as printed in Ansvarlig, optionally followed by "/First-name".
_UNIT = re.compile(r"^([A-ZÆØÅ]{2,5})(?:/(\S*))?$")
#: A (possibly hyphen-wrapped) part of a person's name after the unit.
_NAME_PART = re.compile(r"^[A-ZÆØÅa-zæøåéü][a-zæøåéü]*-?$")
_HANDLING = {"politisk": "Politisk", "administrativ": "Administrativ", "administrativt": "Administrativ"}
#: At most this many name words may follow the unit initials.
_MAX_NAME_PARTS = 4


def _is_header(line: str) -> bool:
    low = line.lower()
    return all(w in low for w in _HEADER_WORDS)


def _header(lines: list[str], limit: int | None = None) -> tuple[int, int] | None:
    """(first, last) line index of the column header: the six headings on one line, or
    wrapped over up to three lines (a narrow column wraps "Status/næste" / "skridt")."""
    for i in range(min(len(lines), limit or len(lines))):
        if not re.match(r"^\s*nr\.?\s", lines[i], re.IGNORECASE):
            continue  # the header starts with "Nr."; a title above it is not part of it
        for k in (1, 2, 3):
            if _is_header(" ".join(lines[i:i + k])):
                return i, i + k - 1
    return None


def detect(doc) -> float:
    """Certain when the six column headings are printed and numbered rows follow."""
    header = _header(doc.first_lines(400 + 2), 400)  # a header starting on line 400 may wrap twice
    if header is None:
        return 0.0
    end = header[1]
    return 1.0 if any(_ROW_START.match(ln) for ln in doc.lines[end + 1:]) else 0.6


# --------------------------------------------------------------------------- rows and blocks

Line = tuple[int, str]  # (0-based line index, text stripped)


def _rows(lines: list[str], start: int) -> list[tuple[str, list[Line]]]:
    """Cut the table body into rows at "<n> <Title>" lines, n counting up from the first row."""
    rows: list[tuple[str, list[Line]]] = []
    expected = None
    repeated: set[int] = set()  # the column header again, on every page of a PDF
    for i in range(start, len(lines)):
        found = _header(lines[i:i + 3], 1)
        if found:
            repeated.update(range(i, i + found[1] + 1))
    for i in range(start, len(lines)):
        raw = lines[i]
        if i in repeated:
            continue
        m = _ROW_START.match(raw)
        if m and (expected is None or int(m.group(1)) == expected):
            expected = int(m.group(1)) + 1
            rows.append((m.group(1), [(i, m.group(2).strip())]))
        elif rows:
            rows[-1][1].append((i, raw.strip()))
    return rows


def _blocks(row_lines: list[Line]) -> list[list[Line]]:
    """Split a row at blank lines: each block is (part of) one cell."""
    blocks: list[list[Line]] = [[]]
    for n, text in row_lines:
        if text:
            blocks[-1].append((n, text))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _split_double_space(blocks: list[list[Line]]) -> list[list[Line]]:
    """Two cells on one line separated by a run of spaces: the line starts a new block there."""
    out = []
    for block in blocks:
        cur: list[Line] = []
        for n, text in block:
            parts = re.split(r"\s{2,}", text, maxsplit=1)
            if len(parts) == 2:
                cur.append((n, parts[0]))
                out.append(cur)
                cur = [(n, parts[1])]
            else:
                cur.append((n, text))
        out.append(cur)
    return out


def _column_width(blocks: list[list[Line]]) -> int | None:
    """Width of a column from its wrapped lines (every line but a cell's last fills it).

    Lines that hold two merged cells are far wider; the median keeps them out."""
    widths = [len(t) for b in blocks if len(b) >= 2 for _, t in b[:-1]]
    if not widths:
        return None
    med = statistics.median(widths)
    return max(w for w in widths if w <= 1.5 * med)


def _split_title(block: list[Line], width: int) -> tuple[list[Line], list[Line]]:
    """Cut the Projekt cell from the row's first block; a line wider than the
    column holds the start of Vurdering, which begins at the last capitalised
    word that still fits in the Projekt column."""
    for k, (n, text) in enumerate(block):
        if len(text) <= width + 2:
            continue
        starts = [m.start() for m in re.finditer(r"(?<=\s)[A-ZÆØÅ]", text) if m.start() <= width + 1]
        cut = starts[-1] if starts else text.rfind(" ", 0, width + 1) + 1
        if cut <= 0:
            continue
        head, tail = text[:cut].strip(), text[cut:].strip()
        return block[:k] + [(n, head)], [(n, tail)] + block[k + 1:]
    return block, []


def _peel_tail(blocks: list[list[Line]]) -> tuple[str | None, str | None, str | None, list[list[Line]]]:
    """Take Behandling and Ansvarlig off the end of the row's remaining text.

    Returns (handling as printed, handling canonical, unit initials, blocks left)."""
    toks = [(bi, n, tok) for bi, b in enumerate(blocks) for n, text in b for tok in text.split()]
    end = len(toks)
    handling_printed = handling = None
    for k in (1, 2):  # "Politisk." or "Administra-" "tivt"
        if end - k < 0:
            break
        printed = join_wrapped([t for _, _, t in toks[end - k:end]])
        word = printed.rstrip(".").lower()
        if word in _HANDLING and (k == 1 or " " not in printed):
            handling_printed, handling = printed, _HANDLING[word]
            end -= k
            break
    unit = None
    for j in range(end - 1, max(end - 2 - _MAX_NAME_PARTS, -1), -1):
        m = _UNIT.match(toks[j][2])
        if m and all(_NAME_PART.match(t) for _, _, t in toks[j + 1:end]):
            if m.group(2) is None and j + 1 < end:
                continue  # bare initials followed by words: not an Ansvarlig cell
            unit = m.group(1)
            end = j
            break
    keep: dict[tuple[int, int], list[str]] = {}
    for bi, n, tok in toks[:end]:
        keep.setdefault((bi, n), []).append(tok)
    left = []
    for bi, b in enumerate(blocks):
        nb = [(n, " ".join(keep[(bi, n)])) for n, _ in b if (bi, n) in keep]
        if nb:
            left.append(nb)
    return handling_printed, handling, unit, left


def _text(blocks: list[list[Line]]) -> str | None:
    paras = [join_wrapped([t for _, t in b]) for b in blocks]
    out = "\n\n".join(p for p in paras if p)
    return out or None


# --------------------------------------------------------------------------- parse

def _title(lines: list[str], header_at: int) -> str | None:
    head = [squash(ln) for ln in lines[:header_at] if squash(ln)]
    return join_wrapped(head) or None


@dataclass
class _Row:
    """One project row, its cells read (from the text's blocks or a PDF table's cells)."""

    nr: str
    title: str
    vurdering: str | None  # paragraphs apart by a blank line
    status: str | None
    unit: str | None
    handling_printed: str | None
    handling: str | None
    page: int | None
    line: int | None  # 1-based line of the document text where the row starts
    vurd_page: int | None = None
    vurd_line: int | None = None


def parse(doc) -> ParsedDocument:
    lines = doc.lines
    header = _header(lines)
    if header is None:  # forced with --format on another layout
        raise InputError(doc.file_name, "no 'Nr. Projekt Vurdering Status Ansvarlig Behandling' table header: "
                         "not a project list")
    out = ParsedDocument(format=FORMAT, title=_title(lines, header[0]))
    dated = [r.start for ln in lines[:header[0]] for r in find_year_refs(ln)]
    out.published_year = dated[0] if dated else None
    if out.published_year is None:  # a date in the rows is about the projects, not the list
        out.warnings.append(ParseWarning(Code.YEAR_UNKNOWN, "no year printed above the table: published_year unknown",
                                         field="published_year"))
    rows = _pdf_rows(doc) if doc.container == "pdf" else None
    if rows is None:
        rows = _text_rows(lines, header[1] + 1, line_pages(doc.text or ""))
    if not rows:
        raise InputError(doc.file_name, "the project table has a header but no numbered rows (truncated?)")
    out.initiatives = [_initiative(row, out) for row in rows]
    return out


def _text_rows(lines: list[str], start: int, pages: list[int]) -> list[_Row]:
    """Rows of a text extraction, by the layout rules in the module docstring."""
    rows = _rows(lines, start)
    cells = [(nr, _blocks(rl)) for nr, rl in rows]
    title_w = _column_width([b[0] for _, b in cells if b]) or 35
    split = []
    for nr, blocks in cells:
        title_block, spill = _split_title(blocks[0], title_w)
        rest = ([spill] if spill else []) + blocks[1:]
        split.append((nr, title_block, _split_double_space(rest)))
    # Vurdering width: measured on the first cell after the title, before the tail is peeled.
    vurd_w = _column_width([rest[0] for _, _, rest in split if rest]) or 60
    out = []
    for nr, title_block, rest in split:
        first_n = title_block[0][0]
        handling_printed, handling, unit, rest = _peel_tail(rest)
        vurd: list[list[Line]] = []
        status: list[list[Line]] = []
        for k, block in enumerate(rest):
            fits = len(block) >= 2 and max(len(t) for _, t in block) <= vurd_w
            (vurd if k == 0 or (not status and fits) else status).append(block)
        vurd_n = vurd[0][0][0] if vurd else None
        out.append(_Row(nr, join_wrapped([t for _, t in title_block]), _text(vurd), _text(status), unit,
                        handling_printed, handling, pages[first_n], first_n + 1,
                        pages[vurd_n] if vurd_n is not None else None, vurd_n + 1 if vurd_n is not None else None))
    return out


def _initiative(row: _Row, out: ParsedDocument) -> Initiative:
    ini = Initiative(key=row.nr, title=row.title)
    ini.description = row.vurdering
    ini.status = row.status
    ini.responsible = row.unit
    ini.handling = row.handling
    ini.appearances.append(Appearance(page=row.page, line=row.line, section=out.title))
    _expected(ini, row, out)
    _phase_in(ini)
    page, line, nr = row.page, row.line, row.nr
    if row.handling is None:
        out.warnings.append(ParseWarning(Code.VALUE_MISSING, f"row {nr}: no Behandling (Politisk/Administrativ) "
                                         "printed", field="handling", text=row.handling_printed, page=page,
                                         line=line, key=nr))
    if row.unit is None:
        out.warnings.append(ParseWarning(Code.VALUE_MISSING, f"row {nr}: no Ansvarlig unit found",
                                         field="responsible", page=page, line=line, key=nr))
    if ini.status is None:
        out.warnings.append(ParseWarning(Code.VALUE_MISSING, f"row {nr}: Status/næste skridt is empty",
                                         field="status", page=page, line=line, key=nr))
    return ini


# --------------------------------------------------------------------------- a PDF's ruled table

#: Header cell (folded) → the row field it heads.
_COLUMNS = (("nr", "nr"), ("projekt", "title"), ("vurdering", "vurdering"), ("status", "status"),
            ("ansvarlig", "unit"), ("behandling", "handling"))


def _columns(cells: list[str]) -> dict[str, int] | None:
    found = {}
    for k, cell in enumerate(cells):
        low = squash(cell).lower()
        for head, name in _COLUMNS:
            if low.startswith(head) and name not in found:
                found[name] = k
    return found if len(found) == len(_COLUMNS) else None


def _pdf_rows(doc) -> list[_Row] | None:
    """Rows from the PDF's ruled table (its cells, read by etl.pdf_layout), over every page it
    runs on: the header repeated on each page dropped, a row without its own Nr. (a row split
    by a page break, or a wrapped cell set as a row of its own) joined to the row above. None
    when the PDF has no ruled table with the six column headings (then its text is read)."""
    from etl.parse.common import pdf_tables

    cols: dict[str, int] | None = None
    header: list[str] = []
    merged: list[tuple[dict[str, str], int, float]] = []
    for table in pdf_tables(doc):
        for cells, top in zip(table.rows, table.tops):
            head = _columns(cells)
            if head and cols is None:
                cols, header = head, cells
                continue
            if head:
                # the header again on a new page; a row split by the page break may go on in
                # the same cells when no rule was drawn between them
                cells = [c[len(h):].strip() if c.startswith(h) else c for c, h in zip(cells, header)]
                if not any(cells):
                    continue
            if cols is None:
                continue
            row = {name: cells[k] if k < len(cells) else "" for name, k in cols.items()}
            nr = row["nr"].strip().rstrip(".")
            if not nr and merged:
                prev = merged[-1][0]
                for name, text in row.items():
                    if text:
                        prev[name] = join_wrapped([prev[name], text]) if prev[name] else text
            elif nr.isdigit():
                row["nr"] = nr
                merged.append((row, table.page, top))
    if cols is None:
        return None
    return [_cell_row(row, page, top, doc) for row, page, top in merged]


def _cell_row(row: dict[str, str], page: int, top: float, doc) -> _Row:
    from etl.parse.common import pdf_line

    line = pdf_line(doc, page, top)
    resp = squash(row["unit"])
    m = _UNIT.match(resp.split(" ")[0]) if resp else None
    printed = squash(row["handling"]) or None
    handling = _HANDLING.get((printed or "").rstrip(".").lower())
    return _Row(row["nr"], squash(row["title"]), row["vurdering"].strip() or None, row["status"].strip() or None,
                m.group(1) if m else None, printed, handling, page, line, page, line)


#: Words that make an amount a cost, not the potential: "kræver en investering på 0,8 mio. kr.".
_COST = re.compile(r"investering|investere|koste[rt]?\b|udgift|omkostning|etablering|engangs|merudgift|"
                   r"finansier|kræver\s+(?:en\s+)?(?:bevilling|tilførsel)", re.IGNORECASE)
#: "Potentialet er ikke vurderet": the assessment says there is no figure yet.
_NOT_ASSESSED = re.compile(r"[^.]*\bikke\s+(?:vurderet|opgjort|kvantificeret|beregnet|fastlagt)[^.]*\.?",
                           re.IGNORECASE)


def _is_cost(text: str, a: Amount) -> bool:
    """The amount is a cost when its clause (since the last sentence end, comma or semicolon)
    speaks of an investment, expense or cost before it."""
    head = text[:a.start]
    cut = max(head.rfind(". "), head.rfind(", "), head.rfind("; "), head.rfind(" men "))
    return bool(_COST.search(head[cut + 1:]))


def _expected(ini: Initiative, row: _Row, out: ParsedDocument) -> None:
    """Expected gain from the money amounts in the Vurdering prose (single or range); an
    investment or cost printed beside it is its implementation cost, never the potential."""
    text = squash(row.vurdering or "")
    amounts = _between(text, find_amounts(text))
    costs = [a for a in amounts if _is_cost(text, a)]
    amounts = [a for a in amounts if a not in costs]
    page, line = row.vurd_page, row.vurd_line
    if len(costs) == 1:
        ini.implementation_cost_tkr, ini.implementation_cost_text = costs[0].value_tkr, costs[0].text
    elif costs:
        ini.implementation_cost_text = "; ".join(a.text for a in costs)
        out.warnings.append(ParseWarning(Code.AMOUNT_UNREADABLE, f"row {ini.key}: {len(costs)} costs in Vurdering; "
                                         "not one figure", field="implementation_cost_tkr",
                                         text=ini.implementation_cost_text, page=page, line=line, key=ini.key))
    if not amounts:
        m = _NOT_ASSESSED.search(text)
        ini.expected_text = squash(m.group(0)) if m else None
        why = "not assessed" if m else "no amount in Vurdering"
        out.warnings.append(ParseWarning(Code.AMOUNT_MISSING, f"row {ini.key}: {why}: expected gain unknown",
                                         field="expected_tkr", text=ini.expected_text, page=page, line=line,
                                         key=ini.key))
        return
    a = amounts[0]
    set_range(ini, a.low_tkr, a.high_tkr)
    ini.expected_text = a.text
    if len(amounts) > 1:
        out.warnings.append(ParseWarning(
            Code.AMOUNT_CHOSEN, f"row {ini.key}: {len(amounts)} amounts in Vurdering; the first is the expected gain",
            field="expected_tkr", text="; ".join(x.text for x in amounts), page=page, line=line, key=ini.key,
            params={"count": len(amounts)}))

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def _phase_in(ini: Initiative) -> None:
    """Full phase-in year when a sentence gives the expected amount "med virkning fra <year>".

    Only a sentence that repeats the expected amount itself counts (Status often says
    when the budget is reduced: "med virkning fra 2017 ske en reduktion … på 2 mio. kr.")."""
    if ini.expected_tkr is None:
        return
    for text in (ini.description, ini.status):
        for sentence in _SENTENCE_END.split(text or ""):
            froms = [r for r in find_year_refs(sentence) if r.kind == "from"]
            same = [a for a in _between(sentence, find_amounts(sentence))
                    if (a.low_tkr, a.high_tkr) == (ini.expected_low_tkr, ini.expected_high_tkr)]
            if len(froms) == 1 and same:
                ini.full_phase_in_year = froms[0].start
                ini.full_phase_in_text = sentence
                return


def _between(text: str, amounts: list[Amount]) -> list[Amount]:
    """Join "mellem 1,5 mio. kr. og 20 mio. kr." — printed as two amounts — into one range.

    etl.core.numbers joins such ranges only when "mellem" is printed before the first
    amount's text; its pattern takes "mellem" into that text, so the real list's
    "mellem 1,5 mio. kr. og 20 mio. kr." still arrives as two amounts. Once
    etl.core.numbers returns the range itself this does nothing (it joins only non-ranges)."""
    out: list[Amount] = []
    for a in amounts:
        prev = out[-1] if out else None
        if (prev is not None and prev.text.lower().startswith("mellem") and not prev.is_range
                and text[prev.end:a.start].strip().lower() == "og" and a.low_tkr >= prev.high_tkr):
            out[-1] = Amount(low_tkr=prev.low_tkr, high_tkr=a.high_tkr, text=text[prev.start:a.end],
                             start=prev.start, end=a.end, approx=prev.approx or a.approx,
                             per_year=prev.per_year or a.per_year, unit_tkr=prev.unit_tkr)
            continue
        out.append(a)
    return out


PARSER = LayoutParser(name=FORMAT, id_prefix="prj", detect=detect, parse=parse)
