"""The document as read: bytes, decoded text, pages and (for PDFs) words with positions.

Produced by :func:`etl.read.read`, handed to every parser's ``detect`` and ``parse``.
Everything a later stage may need from the file is a typed field here, never an
open dict, so a parser can rely on what it finds.
"""
from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from etl.grid import Grid

if TYPE_CHECKING:
    from etl.pdf_layout import LayoutText

Container = Literal["text", "pdf", "xlsx"]
#: One worksheet: its name and its rows of cell text.
Sheet = tuple[str, list[list[str]]]


@dataclass(frozen=True)
class Word:
    """A word on a PDF page and its box, in PDF points from the page's top-left corner;
    ``font`` is the PDF font name without its subset tag (see :mod:`etl.pdf_words`)."""

    text: str
    page: int  # 1-based
    x0: float
    x1: float
    top: float
    bottom: float
    font: str = ""
    size: float = 0.0

    @property
    def bold(self) -> bool:
        return bool(re.search(r"bold|black|heavy|semibold", self.font, re.IGNORECASE))


@dataclass
class RawDocument:
    path: Path
    file_name: str
    sha256: str
    data: bytes
    container: Container
    text: str | None = None  # decoded text; for PDFs the text layer, pages joined by '\f'
    pages: list[str] | None = None  # PDF: text per page
    encoding: str | None = None  # text: the encoding the bytes were decoded with
    encoding_doubts: list[str] = field(default_factory=list)  # text: why letters may be wrong (etl/encoding.py)
    page_count: int | None = None  # PDF
    pdf_password: str | None = None  # PDF: "" when it opened with the empty user password
    sheets: list[Sheet] | None = None  # XLSX: every worksheet's cell text
    words: list[Word] | None = None  # PDF: the body's words with positions and fonts (furniture left out)
    #: PDF: the text layer as laid out for the parsers (``text`` is its text): where each line
    #: was printed, the running titles, ruled tables cell by cell, how the reading went
    layout: LayoutText | None = field(default=None, repr=False)
    #: PDF tables found so far, by the extraction's arguments (detect and parse both ask).
    tables: dict[Hashable, list[Grid]] = field(default_factory=dict, repr=False)

    @property
    def lines(self) -> list[str]:
        return (self.text or "").splitlines()

    def first_lines(self, n: int) -> list[str]:
        """``lines[:n]`` without splitting the whole text (a detector looks at the top of a
        200,000-line CSV). Every line of a prefix's ``splitlines`` but its last is a whole line
        of the text, so a prefix that gives more than ``n`` lines gives the first ``n``."""
        text = self.text or ""
        size = 65536
        while size < len(text):
            lines = text[:size].splitlines()
            if len(lines) > n:
                return lines[:n]
            size *= 4
        return text.splitlines()[:n]
