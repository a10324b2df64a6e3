"""Generic tables (CSV, XLSX, tables in PDFs): one initiative per row, fields by header.

This is the format for everything that is not one of the known catalogues: a
municipality's own spreadsheet of savings proposals, or a PDF report whose
proposals are a table. Columns are found by their headers (Danish or English,
see :mod:`etl.table_columns`), money is converted to t.kr. by the unit printed
in the header, and a figure that cannot be read is kept as text with a warning
and left NULL — the row itself is still an initiative (its amount is unknown,
not absent). A table with no column for the initiative's title cannot be read
without guessing, so it is refused with the headers it does have.
"""
from __future__ import annotations

import functools
import re

from etl import pdf_tables
from etl.core.document import RawDocument, Sheet
from etl.core.model import (
    Appearance,
    Code,
    Gain,
    Initiative,
    Param,
    ParsedDocument,
    ParseWarning,
    SectorTag,
    merge_printings,
)
from etl.core.numbers import find_years, parse_amount, read_number
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.grid import Grid
from etl.parse.common import adoption, municipality_names, squash
from etl.progress import Progress
from etl.sectors import sectors_for
from etl.sectors import tags as sector_tags
from etl.spreadsheet import csv_grid, sniff_separator, xlsx_grids, xlsx_sheets
from etl.table_columns import SYNONYMS, ColumnMap, describe_headers, find_header, fold, map_header

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

#: A sum line's whole label ("I alt", "Total"); "Samlet indkøb" is an initiative, not a sum.
_TOTAL = re.compile(r"(i alt|total|totalt|sum|samlet|samlet total|hovedtotal|grand total)\W*")
_TITLE_HEADER = re.compile(r"\b(" + "|".join(map(re.escape, SYNONYMS["title"])) + r")\b")


# --- where the grids come from ---------------------------------------------------------------

def _sheets(doc: RawDocument) -> list[Sheet]:
    if doc.sheets is None:
        doc.sheets = xlsx_sheets(doc.data, doc.file_name)
    return doc.sheets


def _pdf_detect_pages(doc) -> str | None:
    """The first pages whose text names a title-like header word: where a table may be."""
    pages = [str(i) for i, text in enumerate(doc.pages or [], start=1) if _TITLE_HEADER.search(fold(text))]
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
    g = csv_grid(doc.text or "", doc.file_name)
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
        return SCORE_SHAPE_ONLY if any(g.method == "lattice" for g in found) else 0.0
    found = grids(doc) if doc.container == "xlsx" else _sample_grids(doc)
    if not found:
        return 0.0
    return SCORE_TABLE if any(find_header(g.rows) for g in found) else SCORE_SHAPE_ONLY


def _sample_grids(doc) -> list[Grid]:
    """The grid of the text's first DETECT_LINES lines: the header is near the top, and a
    table of 200,000 rows need not be read twice to say that it is one."""
    head = "\n".join(doc.text.split("\n", DETECT_LINES)[:DETECT_LINES])
    try:
        g = csv_grid(head, doc.file_name)
    except InputError:  # a quoted cell cut by the sample: look at the whole text
        return grids(doc)
    return [g] if g else []


# --- cells to fields ---------------------------------------------------------------------------

def _is_total(cell: str) -> bool:
    """A sum line's label. Every label of _TOTAL starts with i, t, s or g (after fold), so a cell
    that does not is not folded at all: this runs on two cells of every row."""
    first = cell.lstrip()[:1].lower()
    return first in ("i", "t", "s", "g") and _TOTAL.fullmatch(fold(cell)) is not None


@functools.lru_cache(maxsize=65536)  # amounts repeat down a column (round figures, yearly columns)
def _amount(text: str, unit: float | None) -> tuple[float | None, float | None, str | None]:
    """(low, high, problem) in t.kr., savings positive whatever sign was printed (a budget
    table prints reduced expenditure as '-1.250'); ``problem`` says why a figure is None."""
    a = parse_amount(text, unit_tkr=unit)
    if a is not None:
        return a.low_tkr, a.high_tkr, None
    if unit is None and read_number(text.strip("() ")) is not None:
        return None, None, "no unit"
    return None, None, "not a number"


def _mid(low: float | None, high: float | None) -> float | None:
    """A range's midpoint (a single figure is a range of one)."""
    return None if low is None or high is None else (low + high) / 2


# The cells below repeat down a column (a handful of municipalities, sectors, years and types in
# 100,000 rows), so each distinct text is read once; lists are copied out of the cached tuples.

@functools.lru_cache(maxsize=4096)
def _year(text: str) -> int | None:
    n = read_number(text)
    if n is not None and n.qualifier:
        return None  # ">2026", "ca. 2026": not one year (the caller warns)
    if n is not None and not n.is_range and n.value == int(n.value):
        return -int(n.value) if n.negative else int(n.value)  # absurd years (-5) are refused with the title
    years = find_years(text)  # "2025/26", "2025-2026", "fra 2026": the first year
    return years[0] if years else None


def _sectors(text: str) -> list[SectorTag]:
    whole = sector_tags(text)  # a committee ("Social- og Sundhedsudvalget") gives one tag per sector
    if whole[0].sector is not None:
        return whole
    parts = [squash(p) for p in re.split(r"[;,/\n]", text) if squash(p)]
    if len(parts) > 1 and all(sectors_for(p) for p in parts):
        return [t for p in parts for t in sector_tags(p)]
    return whole  # the normaliser warns about unmapped sectors


@functools.lru_cache(maxsize=4096)
def _measure_types(text: str) -> tuple[str, ...]:
    return tuple(squash(t) for t in re.split(r"[;\n]", text) if squash(t))


class _RowReader:
    """Turns the rows of one mapped grid into initiatives, collecting warnings."""

    def __init__(self, grid: Grid, cm: ColumnMap, parsed: ParsedDocument, section: str | None):
        self.grid, self.cm, self.parsed, self.section = grid, cm, parsed, section
        self.unit_warned: set[str] = set()

    def cell(self, row: list[str], name: str) -> str:
        i = self.cm.columns.get(name)
        return squash(row[i]) if i is not None and i < len(row) else ""

    def warn(self, code: Code, message: str, where: tuple[int | None, int], field: str | None = None,
             text: str | None = None, key: str | None = None, **params: Param) -> None:
        page, line = where
        self.parsed.warnings.append(ParseWarning(code, message, field=field, text=text, page=page, line=line,
                                                 key=key, params=params))

    def money(self, ini: Initiative, name: str, text: str, where) -> tuple[float | None, float | None]:
        if not text:
            return None, None
        low, high, problem = _amount(text, self.cm.units.get(name))
        header = self.cm.headers[self.cm.columns[name]]
        if problem == "no unit":
            if name not in self.unit_warned:
                self.unit_warned.add(name)
                self.warn(Code.AMOUNT_NO_UNIT, f"column '{squash(header)}' names no unit (t.kr., 1.000 kr., "
                          "mio. kr. or kr.); its amounts are left empty", where, field=name, key=ini.key,
                          column=squash(header))
        elif problem:
            self.warn(Code.AMOUNT_UNREADABLE, f"{name} amount '{text}' is not a number; left empty", where,
                      field=name, text=text, key=ini.key)
        return low, high

    def initiative(self, row: list[str], where) -> Initiative | None:
        title = self.cell(row, "title")
        if not title:
            if any(squash(c) for c in row):
                self.warn(Code.ROW_WITHOUT_TITLE, "row has no title; skipped", where, field="title",
                          text=" | ".join(row)[:200])
            return None
        if _is_total(title) or (row and _is_total(row[0])):
            return None  # a sum line, not an initiative
        munis = municipality_names(self.cell(row, "municipality"))
        ini = Initiative(key=f"{'/'.join(munis)}|{fold(title)}", title=title, municipalities=munis)
        ini.description = self.cell(row, "description") or None
        ini.appearances.append(Appearance(page=where[0], line=where[1], section=self.section))

        text = self.cell(row, "expected")
        if text:
            ini.expected_text = text
            low, high = self.money(ini, "expected", text, where)
            if low is not None and high is not None:
                ini.expected_low_tkr, ini.expected_high_tkr = low, high
                ini.expected_tkr = (low + high) / 2
        text = self.cell(row, "realised")
        if text:
            ini.realised_text = text
            ini.realised_tkr = _mid(*self.money(ini, "realised", text, where))
        text = self.cell(row, "cost")
        if text:
            ini.implementation_cost_text = text
            ini.implementation_cost_tkr = _mid(*self.money(ini, "cost", text, where))
        text = self.cell(row, "year")
        if text:
            ini.full_phase_in_text = text
            ini.full_phase_in_year = _year(text)
            if ini.full_phase_in_year is None:
                self.warn(Code.YEAR_UNREADABLE, f"phase-in year '{text}' is not a year; left empty", where,
                          field="year",
                          text=text, key=ini.key)
        text = self.cell(row, "adopted")
        if text:
            ini.adopted_text = text
            ini.adopted, understood = adoption(text)
            if not understood:
                self.warn(Code.YES_NO_UNREADABLE, f"adopted '{text}' is neither yes nor no; left empty", where,
                          field="adopted",
                          text=text, key=ini.key)
        ini.status = self.cell(row, "status") or None
        text = self.cell(row, "sector")
        if text:
            ini.sectors = list(_sectors(text))
        text = self.cell(row, "type")
        if text:
            ini.measure_types = list(_measure_types(text))
        for col, year, kind, unit in self.cm.year_columns:
            text = squash(row[col]) if col < len(row) else ""
            if not text:
                continue
            low, high, problem = _amount(text, unit)
            if low is None or high is None:
                self.warn(Code.AMOUNT_NO_UNIT if problem == "no unit" else Code.AMOUNT_UNREADABLE,
                          f"{kind} gain for {year} '{text}' "
                          f"{'names no unit' if problem == 'no unit' else 'is not a number'}; left out",
                          where, field="gains", text=text, key=ini.key, year=year, kind=kind)
                continue
            ini.gains.append(Gain(year=year, kind=kind, amount_tkr=(low + high) / 2, text=text))
        return ini


_SUBHEADER_CELL = re.compile(r"^\(?\s*(?:(?:19|20)\d{2}|[a-zæøå .,()/-]*)\s*\)?$", re.IGNORECASE)


def _is_subheader(row: list[str], t: int, stream: bool) -> bool:
    """A row right below the header that continues it: its title cell is empty and
    (stream: anything, a wrapped header line) it holds only words and years, such as
    the years under a spanning 'Forventet gevinst (1.000 kr.)' or a lone '(t.kr.)'."""
    if t >= len(row) or row[t] or not any(row):
        return False
    if stream:
        return True
    cells = [c for c in row if c]
    return all(_SUBHEADER_CELL.match(c) or "kr" in fold(c) for c in cells)


def _merge_subheaders(grid: Grid, idx: int, cm: ColumnMap) -> tuple[Grid, ColumnMap]:
    """Join header rows printed over two or more lines into one: stream splits a wrapped
    header ('Forventet' / 'gevinst (t.kr.)'), and a two-level header spans one label over
    several year columns (the label is carried right to the years under it)."""
    rows = [list(r) for r in grid.rows]
    where = list(grid.where)
    t = cm.columns["title"]
    merged_any = False
    while idx + 1 < len(rows) and _is_subheader(rows[idx + 1], t, grid.method == "stream"):
        child = rows.pop(idx + 1)
        where.pop(idx + 1)
        parent, carried, out = rows[idx], "", []
        for j in range(max(len(parent), len(child))):
            p = parent[j] if j < len(parent) else ""
            c = child[j] if j < len(child) else ""
            carried = p or (carried if c else "")
            label = p or (carried if c and re.fullmatch(r"(19|20)\d{2}", c) else "")
            out.append(squash(f"{label} {c}"))
        rows[idx] = out
        merged_any = True
    if not merged_any:
        return grid, cm
    return Grid(rows, where, grid.method, grid.notes), map_header(rows[idx], cm.table_unit)


def _stream_continuations(grid: Grid, idx: int, cm: ColumnMap) -> Grid:
    """Stream prints each wrapped line of a cell as a row: a row with nothing in the
    number columns and no municipality continues the row above."""
    anchors = [cm.columns[n] for n in ("expected", "realised", "cost", "year") if n in cm.columns]
    anchors += [c for c, *_ in cm.year_columns]
    if not anchors:
        anchors = [cm.columns.get("municipality", 0)]
    muni = cm.columns.get("municipality")
    rows, where = grid.rows[: idx + 1], grid.where[: idx + 1]
    rows = [list(r) for r in rows]
    for row, w in zip(grid.rows[idx + 1:], grid.where[idx + 1:]):
        empty = all(a >= len(row) or not row[a] for a in anchors)
        if len(rows) > idx + 1 and empty and (muni is None or muni >= len(row) or not row[muni]):
            prev = rows[-1]
            for j, c in enumerate(row):
                if c and j < len(prev):
                    prev[j] = squash(f"{prev[j]} {c}")
            continue
        rows.append(list(row))
        where.append(w)
    return Grid(rows, where, grid.method, grid.notes)


def parse(doc) -> ParsedDocument:
    parsed = ParsedDocument(format=FORMAT)
    found = grids(doc)
    if not found:
        what = "PDF" if doc.container == "pdf" else "file"
        raise InputError(doc.file_name, f"unknown layout: no table found in this {what}")
    printed: list[Initiative] = []
    mapped = 0
    for grid in found:
        hdr = find_header(grid.rows)
        section = next((n[len("sheet "):].strip("'") for n in grid.notes if n.startswith("sheet ")), None)
        if hdr is None:
            if len(found) > 1:
                page = grid.where[0][0] if grid.where else None
                parsed.warnings.append(ParseWarning(
                    Code.TABLE_SKIPPED, f"a table with no column for the initiative title was skipped "
                    f"(found: {describe_headers(grid.rows)})", page=page,
                    line=grid.where[0][1] if grid.where else None))
            continue
        mapped += 1
        idx, cm = hdr
        grid, cm = _merge_subheaders(grid, idx, cm)
        if grid.method == "stream":
            grid = _stream_continuations(grid, idx, cm)
        reader = _RowReader(grid, cm, parsed, section)
        with Progress(f"reading rows of {section or doc.file_name}", len(grid.rows) - idx - 1) as bar:
            for n, (row, where) in enumerate(zip(grid.rows[idx + 1:], grid.where[idx + 1:]), start=1):
                bar.update(n)
                again = find_header([row], search=1, strict=True)
                if again is not None:
                    # a header inside the table: repeated on a new page, or the next table
                    # (with its own columns) printed right after this one
                    reader = _RowReader(grid, again[1], parsed, section)
                    continue
                ini = reader.initiative(row, where)
                if ini is not None:
                    printed.append(ini)
    if not mapped:
        raise InputError(doc.file_name, "unknown layout: no column for the initiative title "
                         f"(found: {describe_headers(found[0].rows)})")
    parsed.initiatives = merge_printings(printed)
    return parsed


PARSER = LayoutParser(name=FORMAT, id_prefix="tab", detect=detect, parse=parse)
