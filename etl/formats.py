"""The registry of parsers, and detection by content.

Every parser is listed here once, as an object (see :class:`etl.core.parser.Parser`);
an import error fails loudly. Adding a format is one module under ``etl/parse/``
and one line in :data:`PARSERS`. Detection asks the parsers for a confidence and
the highest wins; earlier entries win ties. A parser whose declared ``max_score`` cannot
win against a score already found is not asked (the proposal-list detector reads every
line of a text: 3.7 s of CPU for a 200,000-row CSV that the table parser claims at 0.9).
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
    """Every parser's confidence (all of them asked; for tests and diagnosis)."""
    return {p.name: float(p.detect(doc)) for p in PARSERS}


#: (registry position, parser), the highest ``max_score`` first: a parser that cannot win is
#: then usually known to be one before it is asked.
_BY_MAX = sorted(enumerate(PARSERS), key=lambda ip: (-ip[1].max_score, ip[0]))


def _best(doc: RawDocument) -> tuple[Parser, float] | None:
    """The winner of :func:`scores` (highest, earliest on ties), asking only parsers that can win."""
    best: tuple[int, Parser, float] | None = None
    for pos, parser in _BY_MAX:
        if best is not None and (parser.max_score, -pos) <= (best[2], -best[0]):
            continue  # cannot score higher, and would lose a tie to an earlier entry
        score = float(parser.detect(doc))
        if best is None or (score, -pos) > (best[2], -best[0]):
            best = (pos, parser, score)
    return (best[1], best[2]) if best else None


def detect(doc: RawDocument) -> Parser:
    """The parser most confident about this document, or a clear error."""
    return detect_scored(doc)[0]


def detect_scored(doc: RawDocument) -> tuple[Parser, float]:
    """:func:`detect` and its confidence (0–1), which the sources table records."""
    best = _best(doc)
    if best is None or best[1] < DETECT_THRESHOLD:
        raise InputError(doc.file_name, "unknown layout: not a catalogue, project list, "
                         "status report, minutes or table this tool can read (use --format to force one)")
    return best
