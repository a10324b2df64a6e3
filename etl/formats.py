"""Registry of document formats and content-based detection.

Each format module exposes ``FORMAT`` (its name), ``detect(doc) -> float``
(0 = not this layout, 1 = certain) and ``parse(doc) -> ParsedDocument``.
Detection reads content, never file names; the highest score wins."""
from __future__ import annotations

import importlib

from etl.errors import InputError

#: format name → module. Order breaks ties.
MODULES = {
    "idebank": "etl.parse.idebank",
    "b17": "etl.parse.b17",
    "project_list": "etl.parse.project_list",
    "recovery_plan": "etl.parse.recovery_plan",
    "minutes": "etl.parse.minutes",
    "table": "etl.parse.table",
}

DETECT_THRESHOLD = 0.5


def available() -> dict:
    """Format name → module, for the formats whose parser module exists."""
    out = {}
    for name, modname in MODULES.items():
        try:
            out[name] = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name != modname:
                raise
    return out


def detect(doc) -> str:
    scores = {name: float(mod.detect(doc)) for name, mod in available().items()}
    best = max(scores, key=lambda n: scores[n], default=None)
    if best is None or scores[best] < DETECT_THRESHOLD:
        raise InputError(doc.file_name, "unknown layout: not a catalogue, project list, "
                         "status report, minutes or table this tool can read (use --format to force one)")
    return best


def module(name: str):
    mods = available()
    if name not in mods:
        raise KeyError(name)
    return mods[name]
