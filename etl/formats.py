"""The registry of parsers, and detection by content.

Every parser is listed here once, as an object (see :class:`etl.core.parser.Parser`);
an import error fails loudly. Adding a format is one module under ``etl/parse/``
and one line in :data:`PARSERS`. Detection asks every parser for a confidence and
the highest wins; earlier entries win ties.
"""
from __future__ import annotations

from etl.core.document import RawDocument
from etl.core.parser import Parser
from etl.errors import InputError
from etl.parse import b17, idebank, minutes, project_list, proposal_list, recovery_plan, table

PARSERS: list[Parser] = [
    idebank.PARSER,
    b17.PARSER,
    project_list.PARSER,
    recovery_plan.PARSER,
    minutes.PARSER,
    proposal_list.PARSER,
    table.PARSER,
]

DETECT_THRESHOLD = 0.5


def _check(parsers: list[Parser]) -> dict[str, Parser]:
    by_name: dict[str, Parser] = {}
    for p in parsers:
        if p.name in by_name:
            raise RuntimeError(f"two parsers are named {p.name!r}")
        by_name[p.name] = p
    return by_name


_BY_NAME = _check(PARSERS)


def names() -> list[str]:
    return list(_BY_NAME)


def get(name: str) -> Parser:
    """The parser called ``name`` (``--format NAME``); KeyError when there is none."""
    return _BY_NAME[name]


def scores(doc: RawDocument) -> dict[str, float]:
    return {p.name: float(p.detect(doc)) for p in PARSERS}


def detect(doc: RawDocument) -> Parser:
    """The parser most confident about this document, or a clear error."""
    return detect_scored(doc)[0]


def detect_scored(doc: RawDocument) -> tuple[Parser, float]:
    """:func:`detect` and its confidence (0–1), which the sources table records."""
    found = scores(doc)
    best = max(found, key=lambda n: found[n], default=None)
    if best is None or found[best] < DETECT_THRESHOLD:
        raise InputError(doc.file_name, "unknown layout: not a catalogue, project list, "
                         "status report, minutes or table this tool can read (use --format to force one)")
    return _BY_NAME[best], found[best]
