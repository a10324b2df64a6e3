"""Read stage: bytes from disk into a :class:`RawDocument`, or a clear error.

The container (text, PDF, XLSX) is decided from the bytes, never the file name;
text encodings are detected (UTF-8 first, then charset-normalizer) because
municipal exports still arrive as cp1252. Size is checked before reading, so a
file of hundreds of MB is rejected instead of exhausting memory."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from etl.core.document import Container, RawDocument
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


def decode_text(data: bytes, file_name: str) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding) or raising InputError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export is UTF-16
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(file_name, "text starts as UTF-16 but is not valid UTF-16; save it as UTF-8") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data_ = data[3:]
        try:
            return data_.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:65536]:
        raise InputError(file_name, "binary content: not a text, PDF, CSV or Excel file")
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise InputError(file_name, "text encoding could not be detected; save it as UTF-8")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(file_name, f"text is not valid {best.encoding}; save it as UTF-8") from None
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
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
        doc.text, doc.encoding = decode_text(data, name)
        if _looks_binary(doc.text):
            raise InputError(name, "binary content: not a text, PDF, CSV or Excel file")
        doc.text = doc.text.replace("\r\n", "\n").replace("\r", "\n")
        if not doc.text.strip():
            raise InputError(name, "file contains only whitespace")
    return doc
