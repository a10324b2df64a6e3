"""CSV text and XLSX workbooks as grids of cell text, with the file row of each row.

Municipal exports come as ';'-separated CSV with decimal commas (Danish Excel),
','-separated CSV (English Excel, Google Sheets) or XLSX. All of them become the
same :class:`etl.pdf_tables.Grid` so one parser maps them to initiatives, and a
warning can name the row a user sees when opening the file.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from itertools import compress, count
from operator import call

from etl import collector
from etl.archive import check_zip
from etl.errors import InputError
from etl.grid import Grid
from etl.progress import Progress

SEPARATORS = (";", ",", "\t")


#: Where the first lines are looked for: splitting a 200,000-line text to read 30 lines of it
#: cost half a second, three times per file.
SAMPLE_CHARS = 65536


def _sample_lines(text: str, n: int = 30) -> list[str]:
    """The first ``n`` non-blank lines."""
    head = text[:SAMPLE_CHARS]
    lines = head.splitlines()
    if len(head) < len(text) and lines:
        lines.pop()  # may be cut in the middle
    found = [ln for ln in lines if ln.strip()][:n]
    if len(found) < n and len(head) < len(text):
        return [ln for ln in text.splitlines() if ln.strip()][:n]  # very long lines: look at all of it
    return found


class _SharedText(dict[str, str]):
    """One string object per distinct short cell text: ``shared[text]``. A column of 100,000 rows
    names a handful of municipalities, sectors, statuses and years; without this each cell is its
    own copy (about 60 bytes each, eight cells a row). Bounded: long texts (titles, descriptions)
    and anything past ``limit`` distinct values are passed through. A dict whose ``__missing__``
    decides, so a text seen before is found without a Python call (a CSV row is read in C)."""

    def __init__(self, limit: int = 50_000, longest: int = 64):
        super().__init__()
        self.limit, self.longest = limit, longest

    def __missing__(self, text: str) -> str:
        if len(self) < self.limit and len(text) <= self.longest:
            self[text] = text
        return text


class _StrippedText(_SharedText):
    """``stripped[cell]``: the cell's text stripped, one object per distinct short text, as
    :class:`_SharedText` of the stripped text; the cell as read is remembered too, so a cell seen
    before is stripped and shared by one lookup in C."""

    def __missing__(self, raw: str) -> str:
        text = raw.strip()
        if len(self) < self.limit and len(text) <= self.longest:
            text = self.setdefault(text, text)
            self[raw] = text
        return text


def sniff_separator(text: str) -> str | None:
    """The separator that splits the first lines into the same number (≥ 2) of fields,
    or None when the text is not a table (prose has no consistent field count)."""
    lines = _sample_lines(text)
    if len(lines) < 2:
        return None
    best, best_score = None, 0.0
    for sep in SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        width = max(set(counts), key=counts.count)
        if width < 2:
            continue
        share = counts.count(width) / len(counts)
        score = share + width / 1000  # prefer more columns on equal consistency
        if share >= 0.8 and score > best_score:
            best, best_score = sep, score
    return best


def csv_grid(text: str, file_name: str = "", sep: str | None = None) -> Grid | None:
    """Parse CSV text (separator sniffed unless given); None when it is not a table.

    Row numbers are the line on which each record starts, so quoted cells with
    line breaks do not shift the numbers of the rows below them."""
    sep = sep or sniff_separator(text)
    if sep is None:
        return None
    with collector.paused():  # lists of strings, no cycles: not worth the collector's scans
        got = _line_cells(text, sep)
        if got is None:
            return _read_records(text, file_name, sep)
        cells, squashed = got
        filled = list(map(any, cells))
        where: list[tuple[int | None, int]] = [(None, line) for line in compress(count(1), filled)]
        return Grid(list(compress(cells, filled)), where, "csv", [f"separator {sep!r}"], squashed=squashed)


#: Characters of text split into lines at a time (the lines are freed before the next part).
CHUNK_CHARS = 1 << 20


def _line_cells(text: str, sep: str) -> tuple[list[list[str]], bool] | None:
    """The stripped cells of each line (line n at index n - 1) as ``csv.reader`` reads the whole
    text, when every record is one line, and whether every cell is its own squash
    (:func:`etl.parse.common.squash`, see :func:`_plain_spaces`); None when a record may not be
    one line (a quoted cell with a line break, an unclosed quote) or the reader would refuse the
    text: then only the reader can say.

    A line without a quote character is, for the reader starting a record, that line split at
    the separator (an empty line: no cells; it is blank either way): no state but a quoted
    cell carries a record past a line's end, and there is no carriage return or NUL in the text
    and no cell longer than the reader's limit. The lines with quotes are read by the reader
    itself, one after the other and then one empty line: if each gave one record on its own
    line, no record began before its line or ran past it. This splits a 200,000-row file in
    C instead of the reader going through every character of it (47 MB)."""
    if len(sep) != 1 or "\r" in text or "\0" in text:
        return None
    cells: list[list[str]] = []
    lookup = _StrippedText().__getitem__
    share: list[Callable[[str], str]] = []
    squashed = True
    for part in _line_chunks(text):
        lines = part.split("\n")
        got = _records(lines, sep)
        if got is None:
            return None
        records, quoted = got
        # the reader only drops quote characters: a quoted record's cells hold no character its
        # line does not, but may join two spaces ('"a " b' is 'a  b')
        squashed = squashed and _plain_spaces(part) and "  " not in "|".join(map("|".join, quoted))
        if not share:
            share = _column_sharing(records, lookup)
        width = max(map(len, records), default=0)
        if width > len(share):  # a longer row further down: its further cells shared
            share += [lookup] * (width - len(share))
        cells += [list(map(call, share, record)) for record in records]
    return cells, squashed


#: The whitespace characters (``str.split``'s) of Latin-1 but the space and the line break.
_LATIN1_SPACES = b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0"


def _plain_spaces(text: str) -> bool:
    """Whether every cell cut from ``text`` (at separators or line breaks) and then stripped is
    its own squash: no whitespace character but the space and the line break, and no double
    space. Checked in C, a part of the text at a time, so the table parser need not look at every
    cell again (``Grid.squashed``): a Latin-1 text's bytes without those characters, else (a
    wider character in it) the text printable but for its line breaks (every whitespace
    character but the space is unprintable)."""
    if "  " in text:
        return False
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text.replace("\n", "|").isprintable()
    return len(raw.translate(None, _LATIN1_SPACES)) == len(raw)


def _line_chunks(text: str) -> Iterator[str]:
    """``text`` in parts of about CHUNK_CHARS characters, cut at line breaks (each part's lines
    are ``part.split("\\n")``; the lines are freed before the next part)."""
    start = 0
    while True:
        end = text.find("\n", start + CHUNK_CHARS)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _records(lines: list[str], sep: str) -> tuple[list[list[str]], list[list[str]]] | None:
    """Each line's record (see :func:`_line_cells`) and the records of the lines with a quote,
    or None."""
    if max(map(len, lines)) > csv.field_size_limit():
        return None
    quoted = [line for line in lines if '"' in line]
    if not quoted:
        return [line.split(sep) for line in lines], []
    reader = csv.reader(quoted + [""], delimiter=sep)
    try:
        read = list(reader)
    except csv.Error:
        return None
    if reader.line_num != len(read):
        return None  # a record ran over two or more lines
    next_read = iter(read).__next__
    return [next_read() if '"' in line else line.split(sep) for line in lines], read


def _column_sharing(records: list[list[str]], lookup: Callable[[str], str],
                    sample: int = 1000) -> list[Callable[[str], str]]:
    """What strips each column's cells: ``lookup`` (a :class:`_StrippedText`: one object per
    repeated short text), or ``str.strip`` alone for a column whose first ``sample`` records hold
    mostly different, longer texts (titles, descriptions): there, looking each text up in vain
    cost a Python call per cell and shared nothing. Only which strings are one object depends on it."""
    out: list[Callable[[str], str]] = []
    head = records[:sample]
    for j in range(max(map(len, records), default=0)):
        texts = [r[j].strip() for r in head if len(r) > j]
        repeated = len(set(texts)) <= len(texts) // 2
        short = sum(map(len, texts)) <= 16 * len(texts)
        out.append(lookup if repeated or short else str.strip)
    return out


def _read_records(text: str, file_name: str, sep: str) -> Grid:
    """:func:`csv_grid` by the reader alone, record by record (any text)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    rows: list[list[str]] = []
    where: list[tuple[int | None, int]] = []
    prev_end = 0
    lookup = _SharedText().__getitem__
    try:
        for record in reader:
            start, prev_end = prev_end + 1, reader.line_num
            cells = list(map(lookup, map(str.strip, record)))
            if any(cells):
                rows.append(cells)
                where.append((None, start))
    except csv.Error as exc:
        raise InputError(file_name, f"CSV cannot be read at line {reader.line_num}: {exc}") from None
    return Grid(rows, where, "csv", [f"separator {sep!r}"])


#: Where a text document keeps its whole grid between detection and parsing (RawDocument.tables).
_GRID_KEY = ("csv_grid",)


def document_grid(doc, keep: bool = True) -> Grid | None:
    """:func:`csv_grid` of a text document's whole text (separator sniffed), read once per
    document: detection (etl.parse.proposal_list looks for labelled lines in it) and the table
    parser both read every row, a second or more a pass for a 200,000-row CSV. Kept in
    ``doc.tables`` until a caller passes ``keep=False`` (the parser's last look: the grid is
    freed with the parse, not held through the load)."""
    got = doc.tables.get(_GRID_KEY)
    if got is None:
        g = csv_grid(doc.text or "", doc.file_name)
        got = [g] if g is not None else []
        if keep:
            doc.tables[_GRID_KEY] = got
    elif not keep:
        del doc.tables[_GRID_KEY]
    return got[0] if got else None


def _cell_text(value) -> str:
    """Render a typed XLSX cell as the text a Danish reader would see (decimal comma),
    so numbers go through the same parser as CSV and PDF cells."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, "f").rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def xlsx_sheets(data: bytes, file_name: str) -> list[tuple[str, list[list[str]]]]:
    """Every worksheet as (name, rows of cell text); raises InputError for anything
    that is not a readable workbook (a .docx, a damaged zip, a zip bomb).

    openpyxl's ``read_only`` mode streams each sheet's XML row by row instead of building
    the whole workbook, so a sheet of a million rows is read at constant overhead (the
    cell text itself is kept), with a progress bar on a terminal."""
    check_zip(data, file_name)  # before anything unpacks it: a zip bomb is refused from its directory
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except KeyError:  # a zip without workbook parts: .docx, .odt, an archive
        raise InputError(file_name, "zip archive without an Excel workbook in it (a Word or other "
                         "Office file?); save the table as .xlsx or CSV") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(file_name, f"not a readable Excel workbook ({type(exc).__name__}); "
                         "save it as .xlsx or CSV") from None
    except Exception as exc:  # openpyxl raises its own types for odd workbooks
        raise InputError(file_name, f"Excel workbook cannot be read ({type(exc).__name__})") from None
    sheets = []
    try:
        for ws in wb.worksheets:
            sheets.append((ws.title, _sheet_rows(ws)))
    except InputError:
        raise
    except Exception as exc:  # the sheet's XML is damaged or cut short (a CRC error, bad XML)
        raise InputError(file_name, f"Excel workbook cannot be read: sheet {ws.title!r} is damaged "
                         f"({type(exc).__name__}); save it again as .xlsx or CSV") from None
    finally:
        wb.close()
    return sheets


def _sheet_rows(ws) -> list[list[str]]:
    rows: list[list[str]] = []
    shared = _SharedText()
    total = ws.max_row if isinstance(ws.max_row, int) and ws.max_row > 1 else None
    with Progress(f"reading sheet {ws.title!r}", total) as bar:
        for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
            rows.append([shared[_cell_text(v)] for v in row])
            bar.update(n)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def sheet_text(sheets: list[tuple[str, list[list[str]]]]) -> str:
    """Tab-separated text of the workbook, sheets separated by form feeds: line n of
    a sheet is its row n, so other detectors can read an XLSX like text."""
    return "\f".join("\n".join("\t".join(r) for r in rows) for _, rows in sheets)


def xlsx_grids(sheets: list[tuple[str, list[list[str]]]]) -> list[Grid]:
    """One grid per non-empty sheet; row numbers as Excel shows them (1-based)."""
    out = []
    for name, rows in sheets:
        keep = [(r, i) for i, r in enumerate(rows, start=1) if any(c for c in r)]
        if keep:
            out.append(Grid([r for r, _ in keep], [(None, i) for _, i in keep], "xlsx",
                            [f"sheet {name!r}"]))
    return out
