"""Generic tables (CSV, XLSX, tables in PDFs): savings lists as municipalities publish them.

This is the format for everything that is not one of the known catalogues: a
municipality's spreadsheet of savings proposals, a committee's list with a column per
budget year, an efficiency catalogue's summary table in a PDF. For each table:

1. the header maps columns to fields (:mod:`etl.table_columns`): title, number, area,
   amounts, yearly columns ("2019", "B2020", "1. overslagsår", "Helårseffekt");
2. the lines around it say what the table states once (:mod:`etl.table_context`):
   unit, price level, sign legend, municipality, committee, budget year, decision;
3. the rows are initiatives, group headings, totals or notes (:mod:`etl.table_structure`);
4. amounts are read, the unit and the sign convention decided (:mod:`etl.table_amounts`);
5. every initiative row becomes an :class:`Initiative`, every total a checked
   :class:`TableTotal`, and every guess a warning with the verbatim text.

A figure that cannot be read is kept as text with a warning and left NULL. A table
with no title column, and a table that is not a savings list (a budget follow-up, an
income statement, an account), is refused with one line that says what it found.
"""
from __future__ import annotations

import re
from itertools import compress
from operator import not_

from etl import pdf_tables
from etl.core.document import RawDocument, Sheet
from etl.core.initiative_columns import InitiativeColumns
from etl.core.model import Code, ParsedDocument, ParseWarning
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.grid import Grid
from etl.parse.common import squash
from etl.parse.table_rows import TableReader
from etl.spreadsheet import csv_grid, document_grid, sniff_separator, xlsx_grids, xlsx_sheets
from etl.table_columns import SYNONYMS, ColumnMap, describe_headers, find_header, fold, map_header
from etl.table_context import Line, not_savings, says_savings

FORMAT = "table"

#: Detection scores: below a catalogue parser's for the same text (a catalogue PDF
#: may well contain a small table), above the registry's threshold for a real table.
SCORE_TABLE = 0.9  # CSV/XLSX with a title column
SCORE_PDF_TABLE = 0.7  # a PDF table with a title column
SCORE_SHAPE_ONLY = 0.55  # table-shaped but no title column: parse explains what is missing
#: Detection reads camelot's tables from at most this many PDF pages (lattice renders pages),
#: and the first this many lines of a CSV.
DETECT_PAGES = 3
DETECT_LINES = 200

#: Words a savings table's header prints (titles or amounts), folded: where a table may be.
_HEADER_WORDS = re.compile(r"\b(" + "|".join(map(re.escape, SYNONYMS["title"] + SYNONYMS["description"]
                                                   + SYNONYMS["expected"] + SYNONYMS["full_year"])) + r")\b")
#: a figure that is not a year ("-1.200", "0,5", "450"): a header never prints one
_FIGURE = re.compile(r"[-−–÷(]?\s?\d[\d.,\s]*\)?")
_YEAR_CELL = re.compile(r"(?:19|20)\d{2}")
_NOT_SAVINGS_PAGE = re.compile(r"resultatopgoerelse|budgetopfoelgning|forventet regnskab|korrigeret budget")


# --- where the grids come from ---------------------------------------------------------------

def _sheets(doc: RawDocument) -> list[Sheet]:
    if doc.sheets is None:
        doc.sheets = xlsx_sheets(doc.data, doc.file_name)
    return doc.sheets


def _pdf_detect_pages(doc) -> str | None:
    """The first pages whose text names a header word of a savings table (or reads like a
    budget follow-up, which parse refuses by name): where a table may be."""
    pages = [str(i) for i, text in enumerate(doc.pages or [], start=1)
             if _HEADER_WORDS.search(fold(text)) or _NOT_SAVINGS_PAGE.search(fold(text))]
    return ",".join(pages[:DETECT_PAGES]) or None


def grids(doc, pages: str = "all", engine: str = "combined") -> list[Grid]:
    if doc.container == "pdf":
        found = pdf_tables.extract(doc, pages, engine=engine)
        if found and found[0].method == "lattice" and not any(find_header(g.rows) for g in found):
            # ruled boxes without a title column (a signature block, a key figure box):
            # the proposals may be an unruled table on the same pages
            found = pdf_tables.extract(doc, pages, flavors=("stream",)) or found
        return found
    if doc.container == "xlsx":
        return xlsx_grids(_sheets(doc))
    g = document_grid(doc, keep=False)
    return [g] if g else []


# --- detection ------------------------------------------------------------------------------

def detect(doc: RawDocument) -> float:
    if doc.container == "text" and (not doc.text or sniff_separator(doc.text) is None):
        return 0.0
    if doc.container == "pdf":
        pages = _pdf_detect_pages(doc)
        if pages is None:
            return 0.0
        try:
            found = grids(doc, pages, engine="vector")  # no page rendering: a first look
        except InputError:
            # camelot cannot read it (e.g. copying forbidden): leave it to a catalogue
            # parser that reads the text layer; else parse repeats the clear error.
            return SCORE_SHAPE_ONLY
        if any(find_header(g.rows) for g in found):
            return SCORE_PDF_TABLE
        if found and not_savings([squash(" ".join(r)) for g in found for r in g.rows[:6]]):
            return SCORE_SHAPE_ONLY  # parse refuses it and says what it looks like
        return SCORE_SHAPE_ONLY if any(g.method == "lattice" for g in found) else 0.0
    found = grids(doc) if doc.container == "xlsx" else _sample_grids(doc)
    if not found:
        return 0.0
    return SCORE_TABLE if any(find_header(g.rows) for g in found) else SCORE_SHAPE_ONLY


def _sample_grids(doc) -> list[Grid]:
    """The grid of the text's first DETECT_LINES lines: the header is near the top, and a
    table of 200,000 rows need not be read twice to say that it is one."""
    text, end = doc.text, -1
    for _ in range(DETECT_LINES):  # the text up to its DETECT_LINES-th line break, found without splitting it all
        end = text.find("\n", end + 1)
        if end < 0:
            head = text
            break
    else:
        head = text[:end]
    try:
        g = csv_grid(head, doc.file_name)
    except InputError:  # a quoted cell cut by the sample: look at the whole text
        return grids(doc)
    return [g] if g else []


# --- header rows printed over two or more lines ---------------------------------------------------

_SUBHEADER_CELL = re.compile(r"^\(?\s*(?:(?:19|20)\d{2}|[a-z0-9æøå .,()/-]*)\s*\)?$", re.IGNORECASE)


def _is_subheader(row: list[str], header: list[str], t: int) -> bool:
    """A row right below the header that continues it: its title cell is empty and each of
    its cells is a year, a unit, or a word under an empty header cell or continuing the one
    above in lower case — the years under a spanning 'Forventet gevinst (1.000 kr.)', a lone
    '(t.kr.)', 'Forventet' / 'gevinst'. A group heading ('ADMINISTRATION' under 'Nr.') is not."""
    if t >= len(row) or row[t] or not any(row):
        return False
    for j, cell in enumerate(row):
        c = cell.strip()
        if not c or re.fullmatch(r"\(?(?:19|20)\d{2}\)?|[A-Za-z]{1,2}\s?(?:19|20)\d{2}", c) or "kr" in fold(c):
            continue
        above = header[j].strip() if j < len(header) else ""
        if re.fullmatch(r"[-\d.,\s()]+", c) or not _SUBHEADER_CELL.match(c) or (above and not c[:1].islower()):
            return False
    return True


def _merge_subheaders(grid: Grid, idx: int, cm: ColumnMap) -> tuple[Grid, ColumnMap]:
    """Join header rows printed over two or more lines into one: stream splits a wrapped
    header ('Forventet' / 'gevinst (t.kr.)'), and a two-level header spans one label over
    several year columns (the label is carried right to the years under it)."""
    rows = [list(r) for r in grid.rows]
    where = list(grid.where)
    t = cm.columns.get("title", cm.columns.get("description", 0))
    merged_any = False
    while idx + 1 < len(rows) and _is_subheader(rows[idx + 1], rows[idx], t):
        child = rows.pop(idx + 1)
        where.pop(idx + 1)
        rows[idx] = _carry(rows[idx], child)
        merged_any = True
    if not merged_any:
        return grid, cm
    return Grid(rows, where, grid.method, grid.notes), map_header(rows[idx])


def _carry(parent: list[str], child: list[str]) -> list[str]:
    """Child cells prefixed by the parent label spanning over them (carried right over years)."""
    carried, out = "", []
    for j in range(max(len(parent), len(child))):
        p = parent[j] if j < len(parent) else ""
        c = child[j] if j < len(child) else ""
        carried = p or (carried if c else "")
        label = p or (carried if c and re.fullmatch(r"(?:19|20)\d{2}|[A-Za-z]{0,2}\s?(?:19|20)\d{2}", c) else "")
        out.append(squash(f"{label} {c}"))
    return out


def _merge_band_above(grid: Grid, idx: int, cm: ColumnMap) -> ColumnMap:
    """A band row over the year columns ('Budgetår | Overslagsår', 'Besparelse', 'Realiseret')
    printed above the header: its labels are carried right onto the years under them."""
    if idx == 0 or not cm.year_columns:
        return cm
    band = grid.rows[idx - 1]
    first = min(y.col for y in cm.year_columns)
    filled = [j for j, c in enumerate(band) if squash(c)]
    if not filled or min(filled) < first or any(re.fullmatch(r"[-\d.,\s]+", band[j]) for j in filled):
        return cm
    header = list(grid.rows[idx])
    carried = ""
    for j in range(first, len(header)):
        carried = squash(band[j]) if j < len(band) and squash(band[j]) else carried
        if carried and re.search(r"(?:19|20)\d{2}", header[j]) and not re.search(r"kr\b|1\.000", fold(carried)):
            header[j] = f"{carried} {header[j]}"
    return map_header(header)


def _stream_continuations(grid: Grid, idx: int, cm: ColumnMap) -> Grid:
    """Stream prints each wrapped line of a cell as a row: a row with nothing in the
    number columns and no municipality continues the row above."""
    anchors = [cm.columns[n] for n in ("expected", "full_year", "realised", "cost", "year", "number")
               if n in cm.columns]
    anchors += [y.col for y in cm.year_columns]
    if not anchors:
        anchors = [cm.columns.get("municipality", 0)]
    muni = cm.columns.get("municipality")
    rows, where = grid.rows[: idx + 1], grid.where[: idx + 1]
    rows = [list(r) for r in rows]
    for row, w in zip(grid.rows[idx + 1:], grid.where[idx + 1:]):
        empty = all(a >= len(row) or not row[a] for a in anchors)
        filled = [c for c in row if c]
        # a lone capitalised line is a group heading; a lone lower-case one continues a wrapped cell
        lone = len(filled) == 1 and filled[0][:1].isupper() and not re.match(r"[-–(]", filled[0])
        if len(rows) > idx + 1 and empty and not lone and (muni is None or muni >= len(row) or not row[muni]):
            prev = rows[-1]
            for j, c in enumerate(row):
                if c and j < len(prev):
                    prev[j] = squash(f"{prev[j]} {c}")
            continue
        rows.append(list(row))
        where.append(w)
    return Grid(rows, where, grid.method, grid.notes)


# --- the lines around a table -----------------------------------------------------------------

def _row_lines(grid: Grid, upto: int) -> list[Line]:
    return [Line(squash(" ".join(c for c in r if c)), w[0], w[1], "above")
            for r, w in zip(grid.rows[:upto], grid.where[:upto]) if any(r)]


def _header_line(lines: list[str], header: list[str]) -> int:
    """Index of the page line where the table's header starts (the whole row on one line, or
    one cell a line as some text layers print it); 0 when it cannot be found."""
    cells = [fold(c) for c in header if c.strip()]
    if not cells:
        return 0
    folded = [fold(ln) for ln in lines]
    for k, ln in enumerate(folded):
        if not ln.startswith(cells[0][:30]):
            continue
        if len(cells) == 1 or cells[1][:30] in ln or (k + 1 < len(folded) and folded[k + 1].startswith(cells[1][:30])):
            return k
    return 0


def _pdf_lines(doc: RawDocument, grid: Grid, idx: int) -> list[Line]:
    """The page text above a PDF table's header (and the pages before it) and below its
    last row: camelot returns only the cells, the caption and notes stand outside."""
    if doc.container != "pdf" or not doc.pages or not grid.where:
        return []
    first, last = grid.where[0][0] or 1, grid.where[-1][0] or 1
    out: list[Line] = []
    for page in range(1, first + 1):
        lines = (doc.pages[page - 1] if page - 1 < len(doc.pages) else "").splitlines()
        stop = _header_line(lines, grid.rows[idx]) if page == first else len(lines)
        out += [Line(squash(ln), page, k + 1, "above") for k, ln in enumerate(lines[:stop]) if squash(ln)]
    last_row = {fold(c) for c in grid.rows[-1] if c.strip()}
    label = next((squash(c) for c in grid.rows[-1] if len(squash(c)) > 3 and not re.fullmatch(r"[-\d.,\s]+", c)), "")
    lines = (doc.pages[last - 1] if last - 1 < len(doc.pages) else "").splitlines()
    at = max((k for k, ln in enumerate(lines) if label and fold(label[:25]) in fold(ln)), default=None)
    if at is not None:
        below = lines[at + 1:]
        while below and (fold(below[0]) in last_row or re.fullmatch(r"[-\d.,\s]+", below[0].strip())):
            below, at = below[1:], at + 1  # the rest of the last row's cells, one per line
        out += [Line(squash(ln), last, at + 2 + k, "below") for k, ln in enumerate(below) if squash(ln)]
    return out


# --- the document ---------------------------------------------------------------------------------

def _is_figure(cell: str) -> bool:
    """An amount that is not a year ("-1.200", "0,5", "450"): a header never prints one."""
    c = cell.strip()
    return _FIGURE.fullmatch(c) is not None and not _YEAR_CELL.fullmatch(c)


def _without_figure(rows: list[list[str]], cols: list[int]) -> list[int]:
    """The indices of the rows with no figure (:func:`_is_figure`) in any of ``cols``, column by
    column over the rows still left, each distinct text judged once."""
    left = list(range(len(rows)))
    judged: dict[str, bool] = {}
    for j in cols:
        if not left:
            break
        texts = [row[j] if j < len(row) else "" for row in map(rows.__getitem__, left)]
        for text in dict.fromkeys(texts).keys() - judged.keys():
            judged[text] = _is_figure(text)
        left = list(compress(left, map(not_, map(judged.__getitem__, texts))))
    return left


def _segments(grid: Grid, idx: int, cm: ColumnMap) -> list[tuple[int, int, ColumnMap]]:
    """(first data row, end, column map) of each table in a grid: a header inside the grid
    repeats on a new page (dropped) or starts the next table with its own columns."""
    out: list[tuple[int, int, ColumnMap]] = []
    start = idx + 1
    # a row with an amount in it is data, not a header: the money columns, where a data row's
    # figure is, are looked at first, for all rows at once (any cell will do)
    data = grid.rows[idx + 1:]
    for i in [idx + 1 + k for k in _without_figure(data, cm.money_columns())]:
        row = grid.rows[i]
        if any(map(_is_figure, row)):
            continue
        again = find_header([grid.rows[i]], search=1, strict=True)
        if again is None:
            continue
        if [squash(c) for c in grid.rows[i]] == [squash(c) for c in grid.rows[idx]]:
            continue  # a repeated header: the reader skips it as a header row
        out.append((start, i, cm))
        idx, cm, start = i, again[1], i + 1
    out.append((start, len(grid.rows), cm))
    return out


def parse(doc) -> ParsedDocument:
    parsed = ParsedDocument(format=FORMAT)
    found = grids(doc)
    if not found:
        what = "PDF" if doc.container == "pdf" else "file"
        raise InputError(doc.file_name, f"unknown layout: no table found in this {what}")
    printed: list[InitiativeColumns] = []
    mapped, refused = 0, []
    for grid in found:
        hdr = find_header(grid.rows)
        section = next((n[len("sheet "):].strip("'") for n in grid.notes if n.startswith("sheet ")), None)
        first_rows = [squash(" ".join(r)) for r in grid.rows[:8]]
        page, line = grid.where[0] if grid.where else (None, None)
        if hdr is None:
            other = not_savings(first_rows)
            if other:
                refused.append(other)
            if len(found) > 1:
                why = (f"it looks like {other[0]} ('{other[1]}')" if other else
                       f"no column for the initiative title (found: {describe_headers(grid.rows)})")
                parsed.warnings.append(ParseWarning(Code.TABLE_NOT_SAVINGS if other else Code.TABLE_SKIPPED,
                                                    f"a table was skipped: {why}", page=page, line=line,
                                                    text=other[1] if other else None))
            continue
        idx, cm = hdr
        around = _pdf_lines(doc, grid, idx) + _row_lines(grid, idx)
        caption = [x.text for x in around if x.place == "above"][-6:]
        other = not_savings(grid.rows[idx])
        if other is None and not says_savings(caption + grid.rows[idx]):
            other = not_savings(caption)  # "Driftsbudget 2020" over "Tekst | Budget 2020": not savings
        if other:
            refused.append(other)
            parsed.warnings.append(ParseWarning(Code.TABLE_NOT_SAVINGS, f"a table was skipped: it looks like "
                                                f"{other[0]} ('{other[1]}'), not a list of savings", page=page,
                                                line=line, text=other[1]))
            continue
        mapped += 1
        grid, cm = _merge_subheaders(grid, idx, cm)
        cm = _merge_band_above(grid, idx, cm)
        if grid.method == "stream":
            grid = _stream_continuations(grid, idx, cm)
            around = _pdf_lines(doc, grid, idx) + _row_lines(grid, idx)
        for start, end, seg_cm in _segments(grid, idx, cm):
            reader = TableReader(doc.file_name, grid.rows[start - 1] if start > idx + 1 else grid.rows[idx],
                                 grid.rows[start:end], grid.where[start:end], seg_cm, around, section, parsed,
                                 squashed=grid.squashed)
            printed.append(reader.read())
    if not mapped:
        if refused:
            what, words = refused[0]
            raise InputError(doc.file_name, f"not a savings table: it looks like {what} ('{words}'); nothing loaded")
        raise InputError(doc.file_name, "unknown layout: no column for the initiative title "
                         f"(found: {describe_headers(found[0].rows)})")
    parsed.initiatives = InitiativeColumns.concat(printed).merged()  # (merge_printings' rule)
    return parsed


PARSER = LayoutParser(name=FORMAT, id_prefix="tab", detect=detect, parse=parse, max_score=SCORE_TABLE)
