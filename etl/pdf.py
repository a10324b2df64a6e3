"""PDF validation and text layer.

camelot's errors on bad files are of mixed types and a truncated PDF can
silently yield partial tables, so every PDF is validated with pypdf first
(opens, not password protected, has pages). The text layer is then read as
positioned words (:mod:`etl.pdf_words`, pdfplumber) and laid out as the
line-oriented text the layout parsers read (:mod:`etl.pdf_layout`); a PDF
without a single word is a scan and refused."""
from __future__ import annotations

import io
import logging

from etl.core.document import RawDocument
from etl.errors import InputError


def _truncated(data: bytes) -> bool:
    """True when the file does not end with a complete PDF: no ``%%EOF``, or more than a
    little data after the last one (an incremental update cut off mid-way). Padding
    after ``%%EOF`` (whitespace, NULs), which some producers add, is fine. pypdf would
    otherwise "repair" a cut file and silently return only its first pages."""
    end = data.rfind(b"%%EOF")
    if end < 0:
        return True
    tail = data[end + 5:]
    return len(tail) > 1024 and bool(tail.strip(b" \t\r\n\x00\x0c"))


def extract_text_layer(doc: RawDocument) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    name = doc.file_name
    if _truncated(doc.data):
        raise InputError(name, "PDF is truncated (no end-of-file marker); download it again")
    try:
        reader = PdfReader(io.BytesIO(doc.data), strict=False)
        if reader.is_encrypted:
            # Many published PDFs carry only an owner password (permissions) and an
            # empty user password: they open in any viewer, so they are readable here too.
            try:
                opened = reader.decrypt("")
            except DependencyError:  # AES needs the cryptography package (pinned in requirements.txt)
                raise InputError(name, "PDF is encrypted (AES); save an unprotected copy") from None
            if not opened:
                raise InputError(name, "PDF is encrypted (password protected); save an unprotected copy")
            doc.pdf_password = ""
        n_pages = len(reader.pages)
    except InputError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises many types on damaged files
        raise InputError(name, f"PDF cannot be read ({type(exc).__name__}); it may be damaged") from None
    if not n_pages:
        raise InputError(name, "PDF has no pages")
    from etl.pdf_layout import layout
    from etl.pdf_words import read_pages

    word_pages = read_pages(doc.data, name, doc.pdf_password)
    if not any(p.lines or p.furniture for p in word_pages):
        raise InputError(name, "PDF has no text layer (a scanned image?); run OCR on it first")
    doc.page_count = n_pages
    doc.words = [w for p in word_pages for ln in p.lines for w in ln.words]
    doc.layout = text = layout(word_pages)
    return text.pages
