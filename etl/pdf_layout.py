"""A PDF page's words as the line-oriented text the layout parsers read.

The parsers were written against text extractions: one printed line per text line,
blank lines between paragraphs, indentation and runs of spaces where the page has
white space. This module produces exactly that from word positions, so each
layout keeps one reader (its parser) whether the document came as text or PDF:

* furniture (running headers and footers, page numbers) is left out
  (:mod:`etl.pdf_words` found it); pages are joined by form feeds, so
  ``etl.parse.common.line_pages`` gives every line its PDF page;
* a gap between lines larger than the page's usual line spacing is a blank line;
* indentation and gaps inside a line become spaces (one per space width of the
  font), so "Label: value" and two cells three spaces apart stay apart;
* **blocks side by side** — white space running down several lines (a gutter)
  with text on both sides, as an Idébank card's economy fields beside its types
  of measure — are read one column after the other, so neither column's lines
  interleave with the other's. A gutter region that is a table (three or more
  columns, a column of numbers, or "Label:" / value pairs) stays row by row, which
  is how a table is read.

Every emitted line keeps where it came from (:class:`Origin`).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

from etl.parse.common import join_wrapped
from etl.pdf_words import BAND, Line, Page, Word, running_titles


@dataclass(frozen=True)
class Origin:
    """Where a line of the layout text was printed (``top`` None for a blank line), and what
    :meth:`LayoutText.paragraphs` needs to know about it."""

    page: int
    top: float | None
    font: str = ""  # font and size of the line's last word
    size: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    left: float = 0.0  # the margins of the text flow the line belongs to
    right: float = 0.0
    table: bool = False  # a row of a table (cells apart by tabs)


@dataclass
class LayoutText:
    pages: list[str]  # one text per page; the document text is these joined by '\f'
    origins: list[Origin]  # one per line of the joined text (as ``str.splitlines`` cuts it)
    running_titles: list[str] = field(default_factory=list)
    tables: list[RuledTable] = field(default_factory=list)
    words: int = 0
    furniture_lines: int = 0
    column_blocks: int = 0  # regions read column by column
    table_blocks: int = 0  # gutter regions read row by row

    @property
    def text(self) -> str:
        return "\f".join(self.pages)

    def paragraphs(self) -> tuple[str, list[int]]:
        """The text with every paragraph on one line (wrapped lines joined, hyphenation undone),
        as a word processor's text export prints it; and for each of its lines the 0-based
        line of :attr:`text` where that paragraph starts.

        Two lines are one paragraph when nothing but the line break separates them: no blank
        line, the same font and size, the first reaches the right margin of its text flow, the
        second does not start a list item, and neither is a table row."""
        lines = self.text.splitlines()
        paras: list[list] = []  # [page it starts on, text, line of self.text it starts at]
        prev: Origin | None = None
        for k, line in enumerate(lines):
            o = self.origins[k] if k < len(self.origins) else Origin(paras[-1][0] if paras else 1, None)
            if prev is not None and o.top is not None and paras and _continues(prev, o, line):
                paras[-1][1] = join_wrapped([paras[-1][1], line])
            else:
                paras.append([o.page, line.rstrip() if o.top is not None else "", k])
            prev = o if o.top is not None else None
        pages: list[str] = []
        starts: list[int] = []
        for n in range(1, max([p for p, _, _ in paras] + [len(self.pages)]) + 1):
            items = [(t, k) for p, t, k in paras if p == n] or [("", starts[-1] if starts else 0)]
            pages.append("\n".join(t for t, _ in items))
            starts.extend(k for _, k in items)
        return "\f".join(pages), starts


_BULLET = re.compile(r"^\s*(?:[-–•·▪o]\s|\d{1,2}[.)]\s)")


def _continues(prev: Origin, cur: Origin, text: str) -> bool:
    if prev.table or cur.table or (prev.font, prev.size) != (cur.font, cur.size) or _BULLET.match(text):
        return False
    return prev.x1 >= prev.right - 0.15 * (prev.right - prev.left) and abs(cur.x0 - prev.x0) < 2 * cur.size


_NUMBER = re.compile(r"^[-−–+]?\(?\d[\d.,]*\)?%?$|^[-−–]$")


# --------------------------------------------------------------------------- gutters

def _gutter_min(line: Line, page: Page) -> float:
    """The narrowest white space that separates columns rather than words."""
    space = statistics.median(page.space_width(w) for w in line.words)
    return max(3.0 * space, 0.9 * line.size)


def _gaps(line: Line, page: Page) -> list[tuple[float, float]]:
    g = _gutter_min(line, page)
    return [(a.x1, b.x0) for a, b in zip(line.words, line.words[1:]) if b.x0 - a.x1 >= g]


def _cut(gutter: tuple[float, float], line: Line, minimum: float) -> tuple[float, float] | None:
    """The part of a gutter that no word of ``line`` covers (the widest piece), if wide enough."""
    pieces = [gutter]
    for w in line.words:
        nxt = []
        for a, b in pieces:
            if w.x1 <= a or w.x0 >= b:
                nxt.append((a, b))
                continue
            if w.x0 > a:
                nxt.append((a, w.x0))
            if w.x1 < b:
                nxt.append((w.x1, b))
        pieces = nxt
    best = max(pieces, key=lambda p: p[1] - p[0], default=None)
    return best if best is not None and best[1] - best[0] >= minimum else None


def _sides(line: Line, gutter: tuple[float, float]) -> tuple[bool, bool]:
    mid = (gutter[0] + gutter[1]) / 2
    return any(w.x1 <= mid for w in line.words), any(w.x0 >= mid for w in line.words)


def _wide_at(line: Line, gutter: tuple[float, float], page: Page) -> bool:
    """Text on both sides of the gutter, at least a column gap apart on this line."""
    mid = (gutter[0] + gutter[1]) / 2
    left = [w.x1 for w in line.words if w.x1 <= mid]
    right = [w.x0 for w in line.words if w.x0 >= mid]
    return bool(left and right) and min(right) - max(left) >= _gutter_min(line, page)


@dataclass
class _Region:
    start: int
    end: int  # exclusive
    gutters: list[tuple[float, float]]
    row_wise: bool


def _regions(page: Page, blank_gap: float, carry: list[tuple[float, float]] | None = None) -> list[_Region]:
    """Runs of lines that share one or more gutters (white space running down the lines).

    A run starts at a line with a column gap; it goes on while every line leaves some of
    the gutter free (a column's text may run close to it: the gutter narrows, down to a
    space's width) and no blank line intervenes. It is kept when at least two of its lines
    have text on both sides a full column gap apart."""
    lines = page.lines
    out: list[_Region] = []
    i = 0
    while i < len(lines):
        # the columns of a region that the previous page ended in go on at the top of this one
        carried = i == 0 and bool(carry)
        gutters = list(carry or []) if carried else _gaps(lines[i], page)
        if carried:
            gutters = [c for g in gutters for c in [_cut(g, lines[0], 1.0)] if c]
        if not gutters:
            i += 1
            continue
        narrow = 0.5 * statistics.median(page.space_width(w) for w in lines[i].words)
        j = i + 1
        while j < len(lines):
            if lines[j].top - lines[j - 1].bottom > blank_gap:
                break
            cut = [c for g in gutters for c in [_cut(g, lines[j], narrow)] if c]
            if not cut:
                break
            gutters = cut
            j += 1
        last = j == len(lines)  # the region may go on on the next page
        if carried:
            gutters = [g for g in gutters if any(all(_sides(ln, g)) for ln in lines[i:j])]
        else:
            wide = 1 if last else 2
            gutters = [g for g in gutters if sum(1 for ln in lines[i:j] if _wide_at(ln, g, page)) >= wide]
        if (j - i >= 2 or carried or last) and gutters:
            out.append(_Region(i, j, gutters, _row_wise(lines[i:j], gutters)))
            i = j
        else:
            i += 1
    return out


def _row_wise(lines: list[Line], gutters: list[tuple[float, float]]) -> bool:
    """A table is read row by row: three or more columns, a column of numbers (amounts,
    page numbers), or labels ending in ':' beside their values. Two blocks of text side by
    side are read column by column."""
    if len(gutters) >= 2:
        return True
    mid = (gutters[0][0] + gutters[0][1]) / 2
    left = [" ".join(w.text for w in ln.words if w.x1 <= mid) for ln in lines]
    right = [" ".join(w.text for w in ln.words if w.x0 >= mid) for ln in lines]
    left, right = [t for t in left if t], [t for t in right if t]
    numeric = sum(1 for t in right if all(_NUMBER.match(x) for x in t.split()))
    labels = sum(1 for t in left if t.endswith(":"))
    return numeric >= 0.8 * len(right) or labels >= 0.8 * len(left)


# --------------------------------------------------------------------------- emission

def _render(words: list[Word], page: Page, left: float, gutters: list[tuple[float, float]] = ()) -> str:
    """One line as text: white space as spaces of the font's width; in a table (``gutters``)
    a tab for every column boundary between two words, so a cell never runs into the next."""
    out = []
    x = left
    for k, w in enumerate(words):
        tabs = sum(1 for a, b in gutters if x <= a + 0.5 and b <= w.x0 + 0.5)
        if tabs:
            out.append("\t" * tabs)
        else:
            space = page.space_width(w)
            n = round((w.x0 - x) / space) if space > 0 else 1
            out.append(" " * max(0 if k == 0 else 1, n))
        out.append(w.text)
        x = w.x1
    return "".join(out).rstrip()


def broken_word(prev: list[Word], nxt: list[Word], left: float, right: float) -> bool:
    """A word broken at the line end without a hyphen ("Administrati" / "v"): it fills the
    line to within a character or so, the next line goes on in lower case, and the two parts
    together are wider than the line — the only reason a layout breaks inside a word."""
    a, b = prev[-1], nxt[0]
    if not (a.text[-1:].isalnum() and (b.text[:1].islower() or b.text[:1] == "/")):
        return False
    char = (b.x1 - b.x0) / max(1, len(b.text))
    return right - a.x1 < 1.5 * char + 0.5 and (a.x1 - a.x0) + (b.x1 - b.x0) > right - left


def usual_gap(pages: list[Page]) -> float:
    """The white space between two lines of one paragraph: the lower quartile of the gaps
    between consecutive lines over the whole document (a page of short paragraphs has more
    paragraph gaps than line gaps, a document has not)."""
    gaps = [b.top - a.bottom for p in pages for a, b in zip(p.lines, p.lines[1:]) if b.top > a.bottom]
    if len(gaps) >= 2:
        return statistics.quantiles(gaps, n=4)[0]
    return gaps[0] if gaps else 2.0


class _Writer:
    """Emits a page's lines with blank lines for vertical white space."""

    def __init__(self, page: Page, gap: float):
        self.page = page
        self.lines: list[str] = []
        self.origins: list[Origin] = []
        size = statistics.median([ln.size for ln in page.lines] or [10.0])
        self.usual_gap = gap
        self.blank_gap = gap + 0.45 * size
        self.pitch = gap + size
        self.prev: list[Word] | None = None

    def blank(self, n: int = 1) -> None:
        have = 0
        while have < len(self.lines) and self.lines[-1 - have] == "":
            have += 1
        if have == len(self.lines):
            return  # nothing above: no blank lines at the top of a page
        for _ in range(n - have):
            self.lines.append("")
            self.origins.append(Origin(self.page.number, None))

    def line(self, words: list[Word], left: float, right: float, gutters: list[tuple[float, float]] = (),
             join: bool = False) -> None:
        """Emit one printed line; ``left``/``right`` are its text flow's margins; ``join``
        allows gluing a word broken at the previous line's end (the flow's width is known)."""
        top = min(w.top for w in words)
        prev = self.prev
        if prev is not None and top - max(w.bottom for w in prev) > self.blank_gap:
            gap = top - max(w.bottom for w in prev) - self.usual_gap
            self.blank(max(1, round(gap / self.pitch)))
        elif prev is not None and join and broken_word(prev, words, left, right):
            glued = self.lines[-1] + words[0].text + _render(words, self.page, words[0].x1)[len(words[0].text):]
            self.lines[-1] = glued.rstrip()
            o = self.origins[-1]
            self.origins[-1] = Origin(o.page, o.top, words[-1].font, words[-1].size, o.x0, words[-1].x1,
                                      left, right, o.table)
            self.prev = words
            return
        self.lines.append(_render(words, self.page, left, gutters))
        self.origins.append(Origin(self.page.number, round(top, 1), words[-1].font, words[-1].size,
                                   words[0].x0, words[-1].x1, left, right, bool(gutters)))
        self.prev = words

    def column_break(self) -> None:
        self.blank()
        self.prev = None


def _margins(page: Page) -> tuple[float, float]:
    """The body's left and right edges, from the lines between the header and footer bands
    (a running header that repetition could not tell from the body — a one-page document —
    sits further out and would indent everything)."""
    body = [ln for ln in page.lines if BAND * page.height < ln.top < (1 - BAND) * page.height] or page.lines
    return min(ln.x0 for ln in body), max(ln.x1 for ln in body)


@dataclass
class _PageText:
    lines: list[str]
    origins: list[Origin]
    column_blocks: int = 0
    table_blocks: int = 0
    #: the gutters of a column region the page ends in (it may go on on the next page)
    open_columns: list[tuple[float, float]] | None = None


@dataclass
class RuledTable:
    """A ruled table (pdfplumber found its grid in the page's vector lines), cell by cell."""

    page: int
    rows: list[list[str]]  # cell text; a cell's paragraphs apart by a blank line
    tops: list[float]  # where each row's text starts
    words: int = 0  # words placed in a cell
    words_outside: int = 0  # words inside the table's frame that fell in no cell
    cells: int = 0
    empty: int = 0  # cells without text

    @property
    def whitespace(self) -> float:
        """Empty cells in percent (what camelot calls whitespace)."""
        return 100.0 * self.empty / self.cells if self.cells else 0.0


def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def cell_text(words: list[Word], box: tuple[float, float, float, float]) -> str:
    """A cell's words as text: lines in order, wrapped parts joined (a hyphenation undone,
    a word broken without a hyphen glued: the cell's width is known), paragraphs apart."""
    if not words:
        return ""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(w.top - rows[-1][0].top) < 0.5 * (w.bottom - w.top):
            rows[-1].append(w)
        else:
            rows.append([w])
    rows = [sorted(r, key=lambda w: w.x0) for r in rows]
    pad = max(0.0, min(w.x0 for w in words) - box[0])
    left, right = box[0] + pad, box[2] - pad
    height = statistics.median(w.bottom - w.top for w in words)
    paras: list[str] = []
    prev: list[Word] | None = None
    for r in rows:
        text = " ".join(w.text for w in r)
        if prev is not None and r[0].top - max(w.bottom for w in prev) > 0.6 * height:
            paras.append(text)  # white space between: a new paragraph of the cell
        elif prev is not None and broken_word(prev, r, left, right):
            paras[-1] += text
        elif paras:
            paras[-1] = join_wrapped([paras[-1], text])
        else:
            paras.append(text)
        prev = r
    return "\n\n".join(paras)


def _read_table(grid: list[list[tuple[float, float, float, float] | None]], words: list[Word],
                page: int) -> RuledTable:
    boxes = [b for row in grid for b in row if b]
    frame = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    placed: dict[tuple[int, int], list[Word]] = {}
    out = RuledTable(page, [], [])
    for w in words:
        if not _inside(w, frame):
            continue
        at = next(((r, c) for r, row in enumerate(grid) for c, b in enumerate(row) if b and _inside(w, b)), None)
        if at is None:
            out.words_outside += 1
        else:
            out.words += 1
            placed.setdefault(at, []).append(w)
    for r, row in enumerate(grid):
        cells = [cell_text(placed.get((r, c), []), b) if b else "" for c, b in enumerate(row)]
        out.cells += sum(1 for b in row if b)
        out.empty += sum(1 for b, c in zip(row, cells) if b and not c)
        if any(cells):
            out.rows.append(cells)
            out.tops.append(min(w.top for c in range(len(row)) for w in placed.get((r, c), [])))
    return out


def _margins(page: Page) -> tuple[float, float]:
    """The body's left and right edges, from the lines between the header and footer bands
    (a running header that repetition could not tell from the body — a one-page document —
    sits further out and would indent everything)."""
    body = [ln for ln in page.lines if BAND * page.height < ln.top < (1 - BAND) * page.height] or page.lines
    return min(ln.x0 for ln in body), max(ln.x1 for ln in body)


@dataclass
class _PageText:
    lines: list[str]
    origins: list[Origin]
    column_blocks: int = 0
    table_blocks: int = 0
    tables: list[RuledTable] = field(default_factory=list)
    #: the gutters of a column region the page ends in (it may go on on the next page)
    open_columns: list[tuple[float, float]] | None = None


def layout_page(page: Page, gap: float, carry: list[tuple[float, float]] | None = None) -> _PageText:
    """The page's body as text lines with their origins; ``gap`` is the document's
    :func:`usual_gap`, ``carry`` the columns the previous page ended in. A ruled table is
    one line per row, its cells apart by tabs; the rest is read by :func:`_flow`."""
    w = _Writer(page, gap)
    out = _PageText(w.lines, w.origins)
    if not page.lines:
        return out
    left, right = _margins(page)
    words = [x for ln in page.lines for x in ln.words]
    owner: dict[int, int] = {}  # line index → table index
    frames = []
    for t, grid in enumerate(page.tables):
        boxes = [b for row in grid for b in row if b]
        frames.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                       max(b[2] for b in boxes), max(b[3] for b in boxes)))
        for i, ln in enumerate(page.lines):
            if i not in owner and any(_inside(x, frames[t]) for x in ln.words):
                owner[i] = t
    run: list[Line] = []
    done: set[int] = set()
    for i, ln in enumerate(page.lines + [None]):  # type: ignore[list-item]
        t = owner.get(i)
        if ln is not None and t is None:
            run.append(ln)
            continue
        if run:
            out.open_columns = _flow(w, replace(page, lines=run), left, right, carry if run[0] is page.lines[0]
                                     else None, out)
            run = []
        if t is not None and t not in done:
            done.add(t)
            table = _read_table(page.tables[t], words, page.number)
            out.tables.append(table)
            w.column_break()
            for cells, top in zip(table.rows, table.tops):
                w.lines.append("\t".join(c.replace("\n\n", " ") for c in cells).rstrip())
                w.origins.append(Origin(page.number, round(top, 1), left=left, right=right, table=True))
            w.column_break()
            out.open_columns = None
    while w.lines and w.lines[-1] == "":
        w.lines.pop()
        w.origins.pop()
    return out


def _flow(w: _Writer, page: Page, left: float, right: float, carry: list[tuple[float, float]] | None,
          out: _PageText) -> list[tuple[float, float]] | None:
    """Emit a run of lines outside ruled tables: column regions by columns, gutter tables by
    rows, the rest line by line. Returns the columns of a region the run ends in."""
    found = _regions(page, w.blank_gap, carry)
    regions = {r.start: r for r in found}
    i = 0
    while i < len(page.lines):
        r = regions.get(i)
        if r is None:
            w.line(page.lines[i].words, left, right, join=True)
            i += 1
            continue
        if r.row_wise:
            out.table_blocks += 1
            for ln in page.lines[r.start:r.end]:
                w.line(ln.words, left, right, r.gutters)
            w.prev = None
            i = r.end
            continue
        out.column_blocks += 1
        mid = (r.gutters[0][0] + r.gutters[0][1]) / 2
        block = page.lines[r.start:r.end]
        w.column_break()
        for left_side in (True, False):
            rows = [[x for x in ln.words if (x.x1 <= mid if left_side else x.x0 >= mid)] for ln in block]
            rows = [ws for ws in rows if ws]
            col_left = min(ws[0].x0 for ws in rows)
            col_right = max(ws[-1].x1 for ws in rows)
            for ws in rows:
                w.line(ws, col_left, col_right)
            w.column_break()
        i = r.end
    return next((r.gutters for r in found if r.end == len(page.lines) and not r.row_wise), None)


def _new_paragraph(before: Page, page: Page) -> bool:
    """Does the page start a new paragraph rather than continue the last one? Yes when the
    font changes (a heading's last line, a new field) or the last line stopped well short
    of the right margin."""
    last, first = before.lines[-1], page.lines[0]
    if (last.words[-1].font, last.words[-1].size) != (first.words[0].font, first.words[0].size):
        return True
    right = max(ln.x1 for ln in before.lines)
    left = min(ln.x0 for ln in before.lines)
    return last.x1 < right - 0.15 * (right - left)


def layout(pages: list[Page]) -> LayoutText:
    """The document's layout text; pages joined by form feeds (see the module docstring)."""
    out = LayoutText(pages=[], origins=[], running_titles=running_titles(pages))
    gap = usual_gap(pages)
    prev: Page | None = None
    carry = None
    for p in pages:
        pt = layout_page(p, gap, carry)
        carry = pt.open_columns
        if prev is not None and prev.lines and p.lines and pt.lines and out.pages and out.pages[-1]:
            o = pt.origins[0]
            before = out.pages[-1].split("\n")
            if (o.top is not None and not o.table and not o.right == 0 and
                    broken_word(prev.lines[-1].words, p.lines[0].words, o.left, o.right)):
                # a word broken at the page's last line goes on on the next page
                out.pages[-1] = "\n".join(before[:-1] + [before[-1] + pt.lines.pop(0).lstrip()])
                pt.origins.pop(0)
            elif _new_paragraph(prev, p):
                pt.lines.insert(0, "")
                pt.origins.insert(0, Origin(p.number, None))
        prev = p
        out.pages.append("\n".join(pt.lines))
        out.origins.extend(pt.origins or [Origin(p.number, None)])
        out.column_blocks += pt.column_blocks
        out.table_blocks += pt.table_blocks
        out.tables.extend(pt.tables)
        out.words += sum(len(ln.words) for ln in p.lines)
        out.furniture_lines += len(p.furniture)
    return out
