"""Small helpers every layout parser needs (page footers, whitespace, Danish numbers)."""
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


_NUM = re.compile(r"^[+-−–]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+-−–]?\d+(,\d+)?$")


def parse_danish_number(text: str) -> float | None:
    """'1.257' → 1257, '189,37' → 189.37, '-1.250' → -1250; anything else → None."""
    s = text.strip().replace("\u2212", "-").replace("–", "-").replace(" ", "")
    if not _NUM.match(s):
        return None
    return float(s.replace(".", "").replace(",", "."))
