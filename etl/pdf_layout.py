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
from dataclasses import dataclass, field

from etl.pdf_words import Line, Page, Word, running_titles


@dataclass(frozen=True)
class Origin:
    """Where a line of the layout text was printed (``top`` None for a blank line)."""

    page: int
    top: float | None


@dataclass
class LayoutText:
    pages: list[str]  # one text per page; the document text is these joined by '\f'
    origins: list[Origin]  # one per line of the joined text (as ``str.splitlines`` cuts it)
    running_titles: list[str] = field(default_factory=list)
    words: int = 0
    furniture_lines: int = 0
    column_blocks: int = 0  # regions read column by column
    table_blocks: int = 0  # gutter regions read row by row

    @property
    def text(self) -> str:
        return "\f".join(self.pages)


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


@dataclass
class _Region:
    start: int
    end: int  # exclusive
    gutters: list[tuple[float, float]]
    row_wise: bool


def _regions(page: Page) -> list[_Region]:
    """Runs of lines that share one or more gutters, each with text on both sides in at
    least two lines; a line that crosses every gutter, or a gap of a blank line, ends a run."""
    lines = page.lines
    out: list[_Region] = []
    i = 0
    while i < len(lines):
        gutters = _gaps(lines[i], page)
        if not gutters:
            i += 1
            continue
        minimum = min(_gutter_min(lines[i], page), 12.0)
        j = i + 1
        while j < len(lines):
            prev, ln = lines[j - 1], lines[j]
            if ln.top - prev.bottom > 1.6 * max(prev.height, ln.height):
                break
            cut = [c for g in gutters for c in [_cut(g, ln, minimum)] if c]
            if not cut:
                break
            gutters = cut
            j += 1
        gutters = [g for g in gutters
                   if sum(1 for ln in lines[i:j] if all(_sides(ln, g))) >= 2]
        if j - i >= 2 and gutters:
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

def _render(words: list[Word], page: Page, left: float) -> str:
    """One line as text: leading and inner white space as spaces of the font's width."""
    out = []
    x = left
    for k, w in enumerate(words):
        space = page.space_width(w)
        gap = w.x0 - x
        n = round(gap / space) if space > 0 else 1
        if k == 0:
            out.append(" " * max(0, n))
        else:
            out.append(" " * max(1, n))
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
    def __init__(self, page: Page, gap: float):
        self.page = page
        self.lines: list[str] = []
        self.origins: list[Origin] = []
        sizes = [ln.size for ln in page.lines] or [10.0]
        self.usual_gap = gap
        size = statistics.median(sizes)
        self.blank_gap = self.usual_gap + 0.45 * size
        self.pitch = self.usual_gap + size
        self.prev: Line | None = None

    def blank(self, n: int = 1) -> None:
        if not self.lines:
            return
        have = len(self.lines) - len("\n".join(self.lines).rstrip("\n").split("\n"))
        for _ in range(n - have):
            self.lines.append("")
            self.origins.append(Origin(self.page.number, None))

    def line(self, words: list[Word], left: float) -> None:
        top = min(w.top for w in words)
        if self.prev is not None and top - self.prev.bottom > self.blank_gap:
            gap = top - self.prev.bottom - self.usual_gap
            self.blank(max(1, round(gap / self.pitch)))
        self.lines.append(_render(words, self.page, left))
        self.origins.append(Origin(self.page.number, round(top, 1)))
        self.prev = Line(self.page.number, words)

    def column_break(self) -> None:
        self.blank()
        self.prev = None


def layout_page(page: Page, gap: float) -> tuple[list[str], list[Origin], int, int]:
    """The page's body as text lines, their origins, and (column regions, table regions);
    ``gap`` is the document's :func:`usual_gap`."""
    w = _Writer(page, gap)
    if not page.lines:
        return [], [], 0, 0
    left = min(ln.x0 for ln in page.lines)
    regions = {r.start: r for r in _regions(page)}
    n_cols = n_tables = 0
    i = 0
    while i < len(page.lines):
        r = regions.get(i)
        if r is None or r.row_wise:
            end = r.end if r is not None else i + 1
            n_tables += r is not None
            for ln in page.lines[i:end]:
                w.line(ln.words, left)
            i = end
            continue
        n_cols += 1
        mid = (r.gutters[0][0] + r.gutters[0][1]) / 2
        block = page.lines[r.start:r.end]
        if i:
            w.column_break()
        for left_side in (True, False):
            rows = [[x for x in ln.words if (x.x1 <= mid if left_side else x.x0 >= mid)] for ln in block]
            rows = [ws for ws in rows if ws]
            col_left = min(ws[0].x0 for ws in rows)
            for ws in rows:
                w.line(ws, col_left)
            w.column_break()
        i = r.end
    while w.lines and w.lines[-1] == "":
        w.lines.pop()
        w.origins.pop()
    return w.lines, w.origins, n_cols, n_tables


def layout(pages: list[Page]) -> LayoutText:
    """The document's layout text; pages joined by form feeds (see the module docstring)."""
    out = LayoutText(pages=[], origins=[], running_titles=running_titles(pages))
    gap = usual_gap(pages)
    for p in pages:
        lines, origins, cols, tables = layout_page(p, gap)
        out.pages.append("\n".join(lines))
        out.origins.extend(origins or [Origin(p.number, None)])
        out.column_blocks += cols
        out.table_blocks += tables
        out.words += sum(len(ln.words) for ln in p.lines)
        out.furniture_lines += len(p.furniture)
    return out
