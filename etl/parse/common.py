"""Small text helpers every layout parser needs (whitespace, wrapped lines, pages).

Numbers are read in :mod:`etl.core.numbers`."""
from __future__ import annotations


def squash(text: str) -> str:
    """Collapse runs of whitespace (PDF-to-text pads and wraps freely). ``str.split`` splits at
    exactly the characters ``\\s`` matches, at a third of the regex's cost per table cell."""
    squashed = " ".join(text.split())
    return text if squashed == text else squashed  # the original object: no second copy of a long cell


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
