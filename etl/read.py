"""Read stage: bytes from disk into a :class:`RawDocument`, or a clear error.

The container (text, PDF, XLSX) is decided from the bytes, never the file name;
text encodings are detected among those a Danish document uses (etl/encoding.py)
because municipal exports still arrive as cp1252. Size is checked before reading, so a
file of hundreds of MB is rejected instead of exhausting memory."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from etl.core.document import Container, RawDocument
from etl.encoding import decode
from etl.errors import InputError

#: Largest input accepted. The biggest real catalogue is ~1 MB of text / a few MB of PDF.
MAX_INPUT_BYTES = int(os.environ.get("SAVINGS_MAX_INPUT_BYTES", 100 * 1024 * 1024))


def container_of(data: bytes) -> Container:
    """The container (pdf, xlsx or text) judged from the bytes, never from the file name."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    return "text"


#: Control characters a text file does not hold (C0 but tab, line feed, form feed and carriage
#: return; DEL and C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample) > 0.01


def read(path: str | os.PathLike) -> RawDocument:
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror})") from None
    if not path.is_file():
        raise InputError(name, "not a regular file")
    if size == 0:
        raise InputError(name, "file is empty")
    if size > MAX_INPUT_BYTES:
        raise InputError(
            name, f"file is too large ({size / 1e6:.0f} MB; the limit is {MAX_INPUT_BYTES / 1e6:.0f} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror})") from None
    doc = RawDocument(path=path, file_name=name, sha256=hashlib.sha256(data).hexdigest(),
                      data=data, container=container_of(data))
    if doc.container == "pdf":
        from etl.pdf import extract_text_layer

        doc.pages = extract_text_layer(doc)
        doc.text = "\f".join(doc.pages)
    elif doc.container == "xlsx":
        from etl.spreadsheet import sheet_text, xlsx_sheets

        # Validated here so a damaged workbook is a read error; the cells as
        # tab-separated text let every detector look at an XLSX like a text file.
        doc.sheets = xlsx_sheets(data, name)
        doc.text = sheet_text(doc.sheets)
        if not doc.text.strip():
            raise InputError(name, "Excel workbook has no filled cells")
    elif doc.container == "text":
        decoded = decode(data, name)
        doc.text, doc.encoding, doc.encoding_doubts = decoded.text, decoded.encoding, decoded.doubts
        if _looks_binary(doc.text):
            raise InputError(name, "binary content: not a text, PDF, CSV or Excel file")
        if "\r" in doc.text:  # each replace copies the text (47 MB for 200,000 rows)
            doc.text = doc.text.replace("\r\n", "\n").replace("\r", "\n")
        if not doc.text or doc.text.isspace():  # what strip() would leave empty, without the copy
            raise InputError(name, "file contains only whitespace")
    return doc
