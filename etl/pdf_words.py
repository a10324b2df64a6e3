"""A PDF's text layer as positioned words and lines, with their fonts (pdfplumber).

What the layout readers need and a plain text dump loses: where every word is,
in which font, and what on a page is *furniture* — running headers, footers,
page numbers, a catalogue title repeated on every page. Check boxes are
normalised here, once, through :mod:`etl.checkboxes` (a glyph of a symbol font
becomes ☒ or ☐), so everything downstream sees one pair of characters.

Coordinates are PDF points from the page's top-left corner (pdfplumber's
``top``/``bottom``), pages 1-based.
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from etl import checkboxes
from etl.core.document import Word
from etl.errors import InputError


@dataclass
class Line:
    """Words that share a baseline, left to right."""

    page: int
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]  # body lines, top to bottom
    furniture: list[Line] = field(default_factory=list)
    #: width of a space per (font, size), measured on the page's own space characters
    space: dict[tuple[str, float], float] = field(default_factory=dict)
    #: ruled tables (pdfplumber's grid from the vector lines): rows of cell boxes
    #: (x0, top, x1, bottom), None where a merged cell covers the place
    tables: list[list[list[tuple[float, float, float, float] | None]]] = field(default_factory=list)
    images: int = 0

    def space_width(self, word: Word) -> float:
        return self.space.get((word.font, round(word.size, 1))) or 0.27 * (word.size or 10.0)


# --------------------------------------------------------------------------- words

def _font(fontname: str) -> str:
    return fontname.split("+", 1)[-1]


def _split_word(w: dict, page: int) -> list[Word]:
    """One pdfplumber word → words, each check box a word of its own (☒/☐)."""
    out: list[Word] = []
    cur: list[dict] = []

    def flush() -> None:
        if cur:
            out.append(Word("".join(c["text"] for c in cur), page, cur[0]["x0"], cur[-1]["x1"],
                            min(c["top"] for c in cur), max(c["bottom"] for c in cur),
                            _font(cur[0]["fontname"]), round(float(cur[0]["size"]), 1)))
            cur.clear()

    for c in w["chars"]:
        ch = c["text"]
        if ch in checkboxes.SPACE_GLYPHS:
            flush()
            continue
        ticked = checkboxes.state(ch, c["fontname"]) if len(ch) == 1 else None
        if ticked is None:
            cur.append(c)
            continue
        flush()
        out.append(Word(checkboxes.mark(ticked), page, c["x0"], c["x1"], c["top"], c["bottom"],
                        _font(c["fontname"]), round(float(c["size"]), 1)))
    flush()
    return out


def _lines(words: list[Word]) -> list[Line]:
    """Group words into lines: a word belongs to a line when its vertical middle lies
    within the line's band (so a larger heading or a box glyph on the same baseline joins)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.top + w.bottom) / 2
        for ln in reversed(lines[-3:]):
            top, bottom = min(x.top for x in ln), max(x.bottom for x in ln)
            if top <= mid <= bottom and not any(x.x0 < w.x1 - 1 and w.x0 < x.x1 - 1 for x in ln):
                ln.append(w)
                break
        else:
            lines.append([w])
    out = [Line(ws[0].page, sorted(ws, key=lambda w: w.x0)) for ws in lines]
    return sorted(out, key=lambda ln: (ln.top, ln.x0))


def _closed(page) -> dict:
    """pdfplumber's table settings with the ends of every vertical rule as horizontal rules too:
    a row split by a page break is drawn without its closing rule (the grid stays open at the
    bottom of one page and the top of the next), and its cells would otherwise be lost."""
    ends = {round(float(e[k]), 1) for e in page.edges if e["orientation"] == "v" for k in ("top", "bottom")}
    return {"explicit_horizontal_lines": sorted(ends)}


def _spaces(chars: list[dict]) -> dict[tuple[str, float], float]:
    widths: dict[tuple[str, float], list[float]] = {}
    for c in chars:
        if c["text"] == " " and c["width"] > 0:
            widths.setdefault((_font(c["fontname"]), round(float(c["size"]), 1)), []).append(c["width"])
    return {k: statistics.median(v) for k, v in widths.items()}


def read_pages(data: bytes, file_name: str, password: str | None = None) -> list[Page]:
    """Every page's words and lines. Raises InputError when the file cannot be read."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            for n, p in enumerate(pdf.pages, start=1):
                raw = p.extract_words(x_tolerance_ratio=0.15, y_tolerance=2, keep_blank_chars=False,
                                      extra_attrs=["fontname", "size"], return_chars=True)
                words = [w for r in raw for w in _split_word(r, n)]
                tables = [[[(float(c[0]), float(c[1]), float(c[2]), float(c[3])) if c else None for c in row.cells]
                           for row in t.rows] for t in p.find_tables(_closed(p))]
                tables = [t for t in tables if len(t) >= 2 and max(len(r) for r in t) >= 2]
                pages.append(Page(n, float(p.width), float(p.height), _lines(words), space=_spaces(p.chars),
                                  tables=tables, images=len(p.images)))
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many types on odd files
        if type(exc).__name__ == "PDFTextExtractionNotAllowed":
            raise InputError(file_name, "PDF forbids copying its text (document permissions); "
                             "save an unprotected copy") from None
        raise InputError(file_name, f"the PDF's text cannot be read ({type(exc).__name__}); "
                         "it may be damaged") from None
    find_furniture(pages)
    return pages


# --------------------------------------------------------------------------- page furniture

_PAGE_NO = re.compile(r"^\W*(?:\d{1,3}|(?:side|page|s\.)\s*\d{1,4}|\d{1,4}\s*(?:af|of|/)\s*\d{1,4})\W*$",
                      re.IGNORECASE)
#: A header or footer lies in the top or bottom part of the page ...
BAND = 0.15
#: ... at the same height on every page it repeats on (points).
Y_TOLERANCE = 3.0


def _shape(text: str) -> str:
    """Furniture compared with its numbers blanked ('Side 3 af 9' = 'Side 4 af 9')."""
    return re.sub(r"\d+", "#", text.strip().lower())


def _ruled(line: Line, page: Page) -> bool:
    """Inside a ruled table (a table's header repeated on each page is not furniture)."""
    for t in page.tables:
        boxes = [b for row in t for b in row if b]
        if (min(b[1] for b in boxes) - 1 <= line.top and line.bottom <= max(b[3] for b in boxes) + 1
                and min(b[0] for b in boxes) - 1 <= line.x0 and line.x1 <= max(b[2] for b in boxes) + 1):
            return True
    return False


def _in_band(line: Line, page: Page, top: bool) -> bool:
    return line.bottom <= page.height * BAND if top else line.top >= page.height * (1 - BAND)


def _candidates(page: Page) -> list[int]:
    """Indexes of lines that may be furniture: at each end of the page, up to three lines in
    the band, outside any ruled table, that whitespace (at least 0.8 line heights) separates
    from the next line towards the body. A running header is set off from the text; a table
    header repeated at the top of a page is not."""
    out: list[int] = []
    n = len(page.lines)
    for top in (True, False):
        order = list(range(n)) if top else list(range(n - 1, -1, -1))
        block: list[int] = []
        for i in order[:3]:
            if not _in_band(page.lines[i], page, top) or _ruled(page.lines[i], page):
                break
            block.append(i)
        for k in range(len(block), 0, -1):
            last = page.lines[block[k - 1]]
            nxt = page.lines[order[k]] if k < n else None
            gap = float("inf") if nxt is None else (nxt.top - last.bottom if top else last.top - nxt.bottom)
            if gap >= 0.8 * last.height:
                out.extend(block[:k])
                break
    return out


def find_furniture(pages: list[Page]) -> None:
    """Move running headers/footers and page numbers from ``page.lines`` to ``page.furniture``.

    Furniture is recognised by position and repetition: a line in the top or bottom band,
    set off from the body, whose text (numbers blanked) recurs at the same height on at least
    two pages — or a bare page number ("7", "Side 7", "7 af 12") there."""
    cands = {p.number: _candidates(p) for p in pages}
    seen: dict[tuple[str, int], set[int]] = {}
    for p in pages:
        for i in cands[p.number]:
            seen.setdefault((_shape(p.lines[i].text), round(p.lines[i].top / Y_TOLERANCE)), set()).add(p.number)
    # on a quarter of the pages, or on three pages in a row (a chapter's running header)
    enough = max(2, -(-len(pages) // 4))

    # the body's extent on every page: furniture lies beyond it on the other pages (a
    # heading or an orphaned line that happens to repeat at one height lies within it)
    extent: dict[int, tuple[float, float]] = {}
    for p in pages:
        body = [ln for i, ln in enumerate(p.lines) if i not in set(cands[p.number])]
        if body:
            extent[p.number] = (min(ln.top for ln in body), max(ln.bottom for ln in body))

    def outside(line: Line, page: Page) -> bool:
        others = [e for n, e in extent.items() if n != page.number]
        if line.top < page.height / 2:
            return all(line.bottom <= top + 1 for top, _ in others)
        return all(line.top >= bottom - 1 for _, bottom in others)

    def repeats(line: Line) -> bool:
        y = round(line.top / Y_TOLERANCE)
        on = set().union(*(seen.get((_shape(line.text), y + d), set()) for d in (-1, 0, 1)))
        return len(on) >= enough or any({n, n + 1, n + 2} <= on for n in on)

    for p in pages:
        drop = {i for i in cands[p.number]
                if (_PAGE_NO.match(p.lines[i].text) or repeats(p.lines[i])) and outside(p.lines[i], p)}
        p.furniture = [ln for i, ln in enumerate(p.lines) if i in drop]
        p.lines = [ln for i, ln in enumerate(p.lines) if i not in drop]


def running_titles(pages: list[Page]) -> list[str]:
    """The texts printed as furniture on most pages (not page numbers), top to bottom:
    a catalogue's running title and subtitle. A number that changes from page to page
    beside the title (its page number) is left out; one that does not (a year) is kept."""
    exact: Counter[str] = Counter(ln.text for p in pages for ln in p.furniture)
    counts: Counter[str] = Counter()
    order: dict[str, tuple[int, float]] = {}
    for p in pages:
        for ln in p.furniture:
            text = ln.text if exact[ln.text] > 1 else re.sub(r"\s*\b\d{1,4}\s*$", "", ln.text).strip()
            if text and not _PAGE_NO.match(text):
                counts[text] += 1
                order.setdefault(text, (0 if ln.top < p.height / 2 else 1, ln.top))
    keep = [t for t, c in counts.items() if c >= max(2, len(pages) // 2)]
    return sorted(keep, key=lambda t: order[t])
