"""The in-memory shape every parser produces and the loader consumes.

Parsers know layouts; the loader knows tables. This module is the narrow waist
between them, so a new document format only has to fill these dataclasses and
never touches SQL. Money is in thousands of DKK (t.kr.), savings positive;
unknown is ``None`` (never 0) and comes with a :class:`ParseWarning`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Appearance:
    """One printing of an initiative in a document (a card printed twice = two)."""

    page: int | None
    line: int | None
    section: str | None = None


@dataclass
class SectorTag:
    sector: str | None  # canonical key from etl.sectors (None when unmapped: warned)
    source_sector: str  # as printed


@dataclass
class Gain:
    """A gain in one year: kind is 'expected' or 'realised'."""

    year: int
    kind: str
    amount_tkr: float
    text: str | None = None


@dataclass
class Target:
    """A source-level yearly figure (reduction target, requirement, ...)."""

    year: int | None
    kind: str  # reduction_target | unallocated | net_outstanding | requirement
    amount_tkr: float | None
    text: str
    area: str | None = None
    percent: float | None = None
    page: int | None = None
    line: int | None = None


@dataclass
class ParseWarning:
    message: str
    field: str | None = None
    text: str | None = None
    page: int | None = None
    line: int | None = None
    key: str | None = None  # the initiative's key, when the warning is about one


@dataclass
class Initiative:
    """One distinct initiative. ``key`` identifies it within its document;
    printings with the same key are merged into one initiative with several
    appearances (the parser does this, see :func:`merge_printings`)."""

    key: str
    title: str
    municipalities: list[str] = field(default_factory=list)
    description: str | None = None
    expected_tkr: float | None = None
    expected_low_tkr: float | None = None
    expected_high_tkr: float | None = None
    expected_text: str | None = None
    realised_tkr: float | None = None
    realised_text: str | None = None
    full_phase_in_year: int | None = None
    full_phase_in_text: str | None = None
    implementation_cost_tkr: float | None = None
    implementation_cost_text: str | None = None
    adopted: bool | None = None
    adopted_text: str | None = None
    status: str | None = None
    feasibility: str | None = None
    other_effects: str | None = None
    about: str | None = None
    further_info: str | None = None
    responsible: str | None = None
    handling: str | None = None
    sectors: list[SectorTag] = field(default_factory=list)
    measure_types: list[str] = field(default_factory=list)
    gains: list[Gain] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)


@dataclass
class ParsedDocument:
    format: str
    title: str | None = None
    published_year: int | None = None
    initiatives: list[Initiative] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    context: str | None = None  # e.g. a cover memo recorded as context, not as initiatives


def set_range(ini: Initiative, low: float | None, high: float | None) -> None:
    """Fill expected/low/high per the contract: a range's midpoint, or all equal."""
    if low is None and high is None:
        ini.expected_tkr = ini.expected_low_tkr = ini.expected_high_tkr = None
        return
    if high is None:
        high = low
    if low is None:
        low = high
    ini.expected_low_tkr, ini.expected_high_tkr = low, high
    ini.expected_tkr = (low + high) / 2


def merge_printings(printed: list[Initiative]) -> list[Initiative]:
    """Merge printings that share a key into one initiative, in first-print order.

    The first printing supplies the fields; later printings add appearances and
    any sectors/types not already present (an example printed under two
    headings has both)."""
    by_key: dict[str, Initiative] = {}
    for ini in printed:
        first = by_key.get(ini.key)
        if first is None:
            by_key[ini.key] = ini
            continue
        first.appearances.extend(ini.appearances)
        for tag in ini.sectors:
            if all(t.source_sector != tag.source_sector for t in first.sectors):
                first.sectors.append(tag)
        for mt in ini.measure_types:
            if mt not in first.measure_types:
                first.measure_types.append(mt)
    return list(by_key.values())
