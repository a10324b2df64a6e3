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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from etl.core.document import Word
from etl.parse.common import join_wrapped
from etl.pdf_columns import Gutter, RuledTable, broken_word, inside, read_table, regions
from etl.pdf_words import BAND, Line, Page, running_titles


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


# --------------------------------------------------------------------------- emission

def _render(words: list[Word], page: Page, left: float, gutters: Sequence[Gutter] = ()) -> str:
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

    def line(self, words: list[Word], left: float, right: float, gutters: Sequence[Gutter] = (),
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
    tables: list[RuledTable] = field(default_factory=list)
    #: the gutters of a column region the page ends in (it may go on on the next page)
    open_columns: list[Gutter] | None = None


def layout_page(page: Page, gap: float, carry: list[Gutter] | None = None) -> _PageText:
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
    for k, grid in enumerate(page.tables):
        boxes = [b for row in grid for b in row if b]
        frames.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                       max(b[2] for b in boxes), max(b[3] for b in boxes)))
        for i, ln in enumerate(page.lines):
            if i not in owner and any(inside(x, frames[k]) for x in ln.words):
                owner[i] = k
    run: list[Line] = []
    done: set[int] = set()
    for i in range(len(page.lines) + 1):  # one past the end: the last run is emitted too
        t = owner.get(i)
        if i < len(page.lines) and t is None:
            run.append(page.lines[i])
            continue
        if run:
            out.open_columns = _flow(w, replace(page, lines=run), left, right, carry if run[0] is page.lines[0]
                                     else None, out)
            run = []
        if t is not None and t not in done:
            done.add(t)
            table = read_table(page.tables[t], words, page.number)
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


def _flow(w: _Writer, page: Page, left: float, right: float, carry: list[Gutter] | None,
          out: _PageText) -> list[Gutter] | None:
    """Emit a run of lines outside ruled tables: column regions by columns, gutter tables by
    rows, the rest line by line. Returns the columns of a region the run ends in."""
    found = regions(page, w.blank_gap, carry)
    starting = {r.start: r for r in found}
    i = 0
    while i < len(page.lines):
        r = starting.get(i)
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
    font changes (a heading's last line, a new field), the last line stopped well short of
    the right margin, or it ended a sentence and the page starts with a capital (a page
    break gives no white space to go by; a sentence that ends with the page's last line
    mid-paragraph is read as a paragraph end)."""
    last, first = before.lines[-1], page.lines[0]
    if (last.words[-1].font, last.words[-1].size) != (first.words[0].font, first.words[0].size):
        return True
    if last.text.endswith((".", ":", "!", "?")) and first.text[:1].isupper():
        return True  # a full last line that ends a sentence, a capital on the next page
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
            if (o.top is not None and not o.table and o.right != 0 and
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
