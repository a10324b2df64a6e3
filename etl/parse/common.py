"""Small text helpers every layout parser needs (whitespace, wrapped lines, pages).

Numbers are read in :mod:`etl.core.numbers`."""
from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace (PDF-to-text pads and wraps freely)."""
    return _WS.sub(" ", text).strip()


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines; a trailing hyphen before a lower-case continuation is a
    hyphenation ("admi-" + "nistrationen"), otherwise lines join with a space."""
    out = ""
    for part in (squash(p) for p in parts):
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out = out[:-1] + part
        elif out:
            out += " " + part
        else:
            out = part
    return out


def line_pages(text: str) -> list[int]:
    """Page number (1-based) of every line of ``text``, indexed like ``text.splitlines()``.

    A PDF's text is its pages joined by form feeds, and ``splitlines`` also breaks
    at a form feed, so line numbers and pages both come from the same split: a
    line that ends in ``\\f`` closes its page. Plain text without form feeds is page 1."""
    pages, page = [], 1
    for line in text.splitlines(keepends=True):
        pages.append(page)
        if line.endswith("\f"):
            page += 1
    return pages


def paragraph_view(doc):
    """For a PDF: (a copy of ``doc`` whose text has one paragraph per line, the function that
    maps its 1-based line numbers back to the document's own lines) — the form of a layout
    whose text export prints every paragraph on one line (the B17 catalogue). None otherwise."""
    layout = getattr(doc, "layout", None)
    if layout is None:
        return None
    import copy

    text, starts = layout.paragraphs()
    view = copy.copy(doc)
    view.text = text
    view.pages = text.split("\f")

    def line(n: int | None) -> int | None:
        return None if n is None or not 1 <= n <= len(starts) else starts[n - 1] + 1

    return view, line


def remap_lines(parsed, line) -> None:
    """Apply ``line`` (see :func:`paragraph_view`) to every line number in a parsed document."""
    for ini in parsed.initiatives:
        for a in ini.appearances:
            a.line = line(a.line)
    for item in [*parsed.warnings, *parsed.targets]:
        item.line = line(item.line)


def pdf_running_titles(doc) -> list[str]:
    """A PDF's running header/footer texts (its title, subtitle), which its layout text
    leaves out as page furniture; [] for other documents."""
    layout = getattr(doc, "layout", None)
    return list(layout.running_titles) if layout is not None else []


def pdf_line(doc, page: int | None, top: float | None) -> int | None:
    """The 1-based line of a PDF's layout text printed at ``top`` on ``page`` (None if unknown)."""
    layout = getattr(doc, "layout", None)
    if layout is None or page is None or top is None:
        return None
    best = min(((abs(o.top - top), k) for k, o in enumerate(layout.origins) if o.page == page and o.top is not None),
               default=None)
    return best[1] + 1 if best is not None and best[0] < 3 else None


def pdf_tables(doc) -> list:
    """A PDF's ruled tables, cell by cell (:class:`etl.pdf_layout.RuledTable`); [] otherwise."""
    layout = getattr(doc, "layout", None)
    return list(layout.tables) if layout is not None else []
