"""Columns and cells of a PDF page, from word positions (x/y clustering).

* **Gutters**: white space running down several lines with text on both sides.
  A run of lines sharing gutters is a *region*: two blocks of text side by side
  (an Idébank card's economy fields beside its types of measure; its area grid)
  are read one column after the other; a table of figures, or labels beside their
  values, row by row (:func:`regions`).
* **Ruled tables**: pdfplumber finds the grid in the page's vector lines
  (:mod:`etl.pdf_words`); here each cell gets the words whose middle it holds,
  and the words inside the frame but in no cell are counted (:func:`read_table`).
* **Words broken at a line end** without a hyphen ("Administrati" / "v"), which a
  layout does only when a word is wider than its column, are recognised from the
  column's width (:func:`broken_word`); a cell's lines are joined with it
  (:func:`cell_text`).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from etl.core.document import Word
from etl.parse.common import join_wrapped
from etl.pdf_words import Line, Page

Gutter = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_NUMBER = re.compile(r"^[-−–+]?\(?\d[\d.,]*\)?%?$|^[-−–]$")


# --------------------------------------------------------------------------- gutters

def _gutter_min(line: Line, page: Page) -> float:
    """The narrowest white space that separates columns rather than words."""
    space = statistics.median(page.space_width(w) for w in line.words)
    return max(3.0 * space, 0.9 * line.size)


def _gaps(line: Line, page: Page) -> list[Gutter]:
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
class Region:
    start: int
    end: int  # exclusive
    gutters: list[Gutter]
    row_wise: bool


def regions(page: Page, blank_gap: float, carry: list[Gutter] | None = None) -> list[Region]:
    """Runs of lines that share one or more gutters (white space running down the lines).

    A run starts at a line with a column gap; it goes on while every line leaves some of
    the gutter free (a column's text may run close to it: the gutter narrows, down to one
    and a half spaces — an ordinary word space is no gutter, so prose across it ends the
    run) and no blank line intervenes. It is kept when at least two of its lines
    have text on both sides a full column gap apart."""
    lines = page.lines
    out: list[Region] = []
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
        narrow = 1.5 * statistics.median(page.space_width(w) for w in lines[i].words)
        # a gutter with text on both sides, a column gap apart, is a column boundary: a line
        # across it ends the run (prose under a table); a gutter not yet confirmed may close
        confirmed = [_wide_at(lines[i], g, page) for g in gutters]
        j = i + 1
        while j < len(lines):
            if lines[j].top - lines[j - 1].bottom > blank_gap:
                break
            cut = [_cut(g, lines[j], narrow) for g in gutters]
            if not any(cut) or any(c is None and ok for c, ok in zip(cut, confirmed)):
                break
            confirmed = [ok or _wide_at(lines[j], c, page) for c, ok in zip(cut, confirmed) if c is not None]
            gutters = [c for c in cut if c is not None]
            j += 1
        last = j == len(lines)  # the region may go on on the next page
        if carried:
            gutters = [g for g in gutters if any(all(_sides(ln, g)) for ln in lines[i:j])]
        else:
            wide = 1 if last else 2
            gutters = [g for g in gutters if sum(1 for ln in lines[i:j] if _wide_at(ln, g, page)) >= wide]
        if (j - i >= 2 or carried or last) and gutters:
            out.append(Region(i, j, gutters, _row_wise(lines[i:j], gutters)))
            i = j
        else:
            i += 1
    return out


def _row_wise(lines: list[Line], gutters: list[Gutter]) -> bool:
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



def broken_word(prev: list[Word], nxt: list[Word], left: float, right: float) -> bool:
    """A word broken at the line end without a hyphen ("Administrati" / "v"): it fills the
    line to within a character or so, the next line goes on in lower case, and the two parts
    together are wider than the line — the only reason a layout breaks inside a word."""
    a, b = prev[-1], nxt[0]
    if not (a.text[-1:].isalnum() and (b.text[:1].islower() or b.text[:1] == "/")):
        return False
    char = (b.x1 - b.x0) / max(1, len(b.text))
    return right - a.x1 < 1.5 * char + 0.5 and (a.x1 - a.x0) + (b.x1 - b.x0) > right - left



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


def inside(w: Word, box: Box) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def cell_text(words: list[Word], box: Box) -> str:
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


def read_table(grid: list[list[Box | None]], words: list[Word],
                page: int) -> RuledTable:
    boxes = [b for row in grid for b in row if b]
    frame = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    placed: dict[tuple[int, int], list[Word]] = {}
    out = RuledTable(page, [], [])
    for w in words:
        if not inside(w, frame):
            continue
        at = next(((r, c) for r, row in enumerate(grid) for c, b in enumerate(row) if b and inside(w, b)), None)
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
