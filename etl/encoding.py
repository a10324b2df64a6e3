"""Text bytes to text, only in the encodings a Danish document plausibly uses, never as mojibake.

Municipal exports arrive as UTF-8 (with or without BOM), as UTF-16 (Excel's "Unicode text"),
or in the Western single-byte code pages of Windows and older Macs. Any bytes decode in a
single-byte code page, so a Russian cp1251 file read as cp1252 is "silently" Ïðèâåò; the
ETL therefore accepts only these encodings:

- UTF-8 and UTF-16, with or without byte-order mark;
- Windows-1252, ISO-8859-1, ISO-8859-15 and Mac Roman, chosen by charset-normalizer among
  these four only (``cp_isolation``), and ISO-8859-15 rather than 1252 when the text has a
  byte 0xA4 (€ there, ¤ in 1252) and none of 1252's own 0x80–0x9F characters.

It refuses (one error line) a text none of them reads cleanly (naming what charset-normalizer
thinks it is, e.g. "cp1251, Russian"), one whose letters are mostly not Latin ones (more than
``MAX_FOREIGN_LETTERS``, 30 %, outside A–Z: Danish text has 2–5 % æøå é), and one with more
than ``MAX_REPLACEMENT_SHARE`` (1 %) replacement characters (U+FFFD, a file already damaged).
It warns (``encoding_uncertain``, kept with the source's parse warnings) when a single-byte
guess was not clean (charset-normalizer's mess ratio above ``LOW_CONFIDENCE_CHAOS``), when a
few replacement characters are in the text, and when UTF-8 text contains UTF-8 read as 1252
and saved again ("Ã¸" for "ø"): letters are then wrong in the data, and the warning says where
to look."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from etl.errors import InputError

#: charset-normalizer's names of the single-byte code pages accepted.
SINGLE_BYTE = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
ACCEPTED = "UTF-8, UTF-16, Windows-1252, ISO-8859-1/15 or Mac Roman"
MAX_FOREIGN_LETTERS = 0.30
MAX_REPLACEMENT_SHARE = 0.01
LOW_CONFIDENCE_CHAOS = 0.05
#: How much of a file the detector looks at (it is linear, and the encoding does not change).
SAMPLE_BYTES = 4 * 1024 * 1024
#: UTF-8 of æøåÆØÅé read as Windows-1252: the trace a double decoding leaves.
_DOUBLE_ENCODED = re.compile("Ã[¦¸¥†˜…©]")
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")


@dataclass
class Decoded:
    text: str
    encoding: str
    doubts: list[str] = field(default_factory=list)  # why the text may hold wrong letters


def decode(data: bytes, file_name: str) -> Decoded:
    """Decode ``data`` or raise :class:`InputError` with the reason in one line."""
    out = _decode(data, file_name)
    _check_letters(out, file_name)
    return out


def _decode(data: bytes, file_name: str) -> Decoded:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export is UTF-16
        return _strict(data, "utf-16", file_name)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8-sig", file_name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return _strict(data, utf16, file_name)
    if b"\x00" in data[:65536]:
        raise InputError(file_name, "binary content: not a text, PDF, CSV or Excel file")
    return _single_byte(data, file_name)


def _strict(data: bytes, encoding: str, file_name: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        name = encoding.removesuffix("-sig").upper()
        raise InputError(file_name, f"text starts as {name} but is not valid {name} (byte {exc.start:,}); "
                         "save it as UTF-8") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL (Latin text in UTF-16)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _single_byte(data: bytes, file_name: str) -> Decoded:
    from charset_normalizer import from_bytes

    sample = data[:SAMPLE_BYTES]
    best = from_bytes(sample, cp_isolation=list(SINGLE_BYTE)).best()
    if best is None or best.encoding is None:
        guess = from_bytes(sample).best()
        what = f" (it looks like {guess.encoding}, {guess.language})" if guess and guess.encoding else ""
        raise InputError(file_name, f"text is not in an encoding a Danish document uses{what}: "
                         f"not {ACCEPTED}; save it as UTF-8")
    encoding = best.encoding
    if encoding in ("cp1252", "latin_1") and b"\xa4" in data and not _CP1252_ONLY.search(data):
        encoding = "iso8859_15"  # 0xA4 is € there; ¤ in a Danish budget is implausible
    out = Decoded(data.decode(encoding, errors="replace"), encoding)
    if best.chaos > LOW_CONFIDENCE_CHAOS:
        out.doubts.append(f"encoding guessed as {encoding} with low confidence (mess ratio {best.chaos:.2f}); "
                          "check that æ, ø and å read right")
    return out


def letter_counts(sample: str) -> tuple[int, int]:
    """(letters, foreign letters) of a text: A–Z and every alphabetic character beyond ASCII;
    of those, the ones whose lower case is not in ``_LATIN``."""
    # Letters beyond ASCII are a few per cent of a Danish text: each distinct one is judged once.
    wide = foreign = 0
    for ch, n in Counter(_NON_ASCII.findall(sample)).items():
        if ch.isalpha():
            wide += n
            if ch.lower() not in _LATIN:
                foreign += n
    # the ASCII letters are the bytes A–Z, a–z of the UTF-8: a wider character's bytes are all ≥ 0x80
    ascii_letters = len(sample.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LETTER_BYTES))
    return ascii_letters + wide, foreign


def _check_letters(out: Decoded, file_name: str) -> None:
    sample = out.text[:SAMPLE_BYTES]
    letters, foreign = letter_counts(sample)
    if not letters:
        return
    replaced = sample.count("\ufffd")
    if replaced > MAX_REPLACEMENT_SHARE * letters:
        raise InputError(file_name, f"{replaced:,} characters cannot be decoded as {out.encoding} (shown as �): "
                         "the file is damaged or in another encoding; save it as UTF-8")
    if replaced:
        what = "1 character" if replaced == 1 else f"{replaced:,} characters"
        out.doubts.append(f"{what} could not be decoded (shown as �): letters are missing")
    if foreign > MAX_FOREIGN_LETTERS * letters:
        raise InputError(file_name, f"text read as {out.encoding} is mostly letters a Danish document does not "
                         f"use ({foreign / letters:.0%}); it is in another encoding or language; "
                         "save it as UTF-8")
    double = _DOUBLE_ENCODED.findall(sample)
    if double:
        out.doubts.append(f"the text was decoded wrongly before it was saved ({len(double):,} places such as "
                          f"'{double[0]}' for a Danish letter); fix the file or export it again as UTF-8")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: every byte but A-Z and a-z (deleted to count the ASCII letters)
_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))
#: Latin letters beyond A–Z that Danish and neighbouring languages print (names, loanwords).
_LATIN = frozenset("æøåéèêëáàâäíìîïóòôöúùûüýÿñçðþßšžœ")
