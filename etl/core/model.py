"""The parsed result: what every parser returns and the normaliser consumes.

Parsers know layouts; the loader knows tables. These dataclasses are the narrow
waist between them, so a new document format only fills them and never touches
SQL. Money is in thousands of DKK (t.kr.), savings positive; unknown is ``None``
(never 0) and comes with a :class:`ParseWarning` whose ``code`` says why.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, Literal, TypeVar

T = TypeVar("T")


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
class TableTotal:
    """A printed total or subtotal row for one year, checked against the rows it covers."""

    label: str  # as printed ("I alt", "Samlet besparelse")
    year: int | None
    printed_tkr: float | None
    computed_tkr: float | None  # sum of the rows it covers
    page: int | None = None
    line: int | None = None

    @property
    def difference_tkr(self) -> float | None:
        if self.printed_tkr is None or self.computed_tkr is None:
            return None
        return self.printed_tkr - self.computed_tkr


# --------------------------------------------------------------------------- warnings


class Code(StrEnum):
    """Stable warning codes: the app translates these; ``message`` is the English fallback."""

    # document level
    TITLE_UNKNOWN = "title_unknown"
    YEAR_UNKNOWN = "published_year_unknown"
    PAGES_APPROXIMATE = "pages_approximate"
    UNIT_INFERRED = "unit_inferred"
    PRICE_LEVEL_INFERRED = "price_level_inferred"
    SIGN_CONVENTION_INFERRED = "sign_convention_inferred"
    TABLE_SKIPPED = "table_skipped"
    TABLE_DOES_NOT_ADD_UP = "table_does_not_add_up"
    TABLE_FIGURES_UNPLACED = "table_figures_unplaced"
    TABLE_READ_BY_ROW = "table_read_by_row"
    TABLE_NOT_SAVINGS = "table_not_savings"  # a budget follow-up, income statement or account: not loaded
    ENCODING_UNCERTAIN = "encoding_uncertain"  # the text's letters may be wrong (etl/encoding.py)
    # structure of one initiative
    BLOCK_MISSING = "block_missing"  # a labelled block/line the layout prints is absent
    TEXT_OUTSIDE_FIELD = "text_outside_field"  # text the layout has no place for
    ROW_WITHOUT_TITLE = "row_without_title"
    REPRINT_DIFFERS = "reprint_differs"
    CONTEXT_FROM_HEADING = "context_from_heading"  # a row's value taken from a heading, caption or file name
    TITLE_FROM_DESCRIPTION = "title_from_description"  # no title column: the description's first clause
    LATE_BLOCK = "late_block"
    # values
    AMOUNT_MISSING = "amount_missing"  # no figure printed
    AMOUNT_UNREADABLE = "amount_unreadable"  # printed, but not one figure
    AMOUNT_NO_UNIT = "amount_no_unit"
    AMOUNT_CONTRADICTED = "amount_contradicted"  # prose and table disagree
    AMOUNT_CHOSEN = "amount_chosen"  # several amounts printed; one was taken (the rule is in the message)
    AMOUNT_ONLY_PERCENT = "amount_only_percent"  # a share printed, no amount in kroner
    AMOUNT_ONE_OFF = "amount_one_off"  # money once ("engangs", "blev ringet ind"): not a yearly gain
    AMOUNT_PERIOD_TOTAL = "amount_period_total"  # a total over several years read as its yearly equivalent
    AMOUNT_PARENTHESISED = "amount_parenthesised"  # an amount in parentheses whose meaning is not stated
    RELATIVE_YEAR_ANCHORED = "relative_year_anchored"  # "År 1" given a calendar year (a guess, with evidence)
    YEAR_UNREADABLE = "year_unreadable"
    YEAR_MISSING = "year_missing"
    YES_NO_UNREADABLE = "yes_no_unreadable"
    VALUE_MISSING = "value_missing"  # a labelled value is absent or empty
    MUNICIPALITY_UNREADABLE = "municipality_unreadable"
    SECTOR_UNMAPPED = "sector_unmapped"
    GAIN_DUPLICATE = "gain_duplicate"


Param = str | int | float | None


@dataclass
class ParseWarning:
    """Something a reader of the data should know: a value left NULL, a guess, a doubt.

    ``code`` and ``params`` are the stable, translatable form; ``message`` the English text."""

    code: Code
    message: str
    field: str | None = None
    text: str | None = None  # the verbatim text concerned
    page: int | None = None
    line: int | None = None
    key: str | None = None  # the initiative's key, when the warning is about one
    params: Mapping[str, Param] = dataclasses.field(default_factory=dict)  # (`field` is a column here)

    def params_json(self) -> str | None:
        return json.dumps(dict(self.params), ensure_ascii=False, sort_keys=True) if self.params else None


# --------------------------------------------------------------------------- source


SignConvention = Literal["saving_positive", "saving_negative"]


@dataclass(frozen=True)
class Decided(Generic[T]):
    """A document-level reading and how it was decided: ``printed`` (read from the
    document, ``evidence`` is the verbatim text) or ``inferred`` (a guess from the
    layout or the figures; the normaliser records a warning with the evidence).

    ``evidence`` is only ever the document's own text (the dashboard shows it beside the
    warning as such); how a guess was made is ``reason`` (English, the warning's message)
    and ``params`` (the warning's translatable parameters: ``{"negative": 16, "figures": 18}``)."""

    value: T
    how: Literal["printed", "inferred"]
    evidence: str | None = None
    page: int | None = None
    line: int | None = None
    reason: str | None = None
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass
class SourceInfo:
    """How a document states its amounts (contract §2: sources.unit_text, price_level,
    sign_convention). None where the parser does not read it."""

    unit_text: Decided[str] | None = None  # e.g. "Kr. 1000", "(1.000 kr.)"
    price_level: Decided[str] | None = None  # e.g. "2015 p/l"
    sign_convention: Decided[SignConvention] | None = None


# --------------------------------------------------------------------------- initiatives


@dataclass
class Initiative:
    """One distinct initiative. ``key`` identifies it within its document;
    printings with the same key are merged into one initiative with several
    appearances (the parser does this, see :func:`merge_printings`)."""

    key: str
    title: str
    municipalities: list[str] = field(default_factory=list)
    number: str | None = None  # the number the source prints for it ("12", "B.3"), never its title
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
    #: objects, or (the table reader's) columns: etl.core.initiative_columns.InitiativeColumns
    initiatives: Sequence[Initiative] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    totals: list[TableTotal] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    context: str | None = None  # e.g. a cover memo recorded as context, not as initiatives
    source: SourceInfo = field(default_factory=SourceInfo)


def set_range(ini: Initiative, low: float | None, high: float | None) -> None:
    """Fill expected/low/high per the contract: a range's midpoint, or all equal."""
    if low is None and high is None:
        ini.expected_tkr = ini.expected_low_tkr = ini.expected_high_tkr = None
        return
    if high is None:
        high = low
    if low is None:
        low = high
    assert low is not None and high is not None
    ini.expected_low_tkr, ini.expected_high_tkr = low, high
    ini.expected_tkr = (low + high) / 2


def set_expected(ini: Initiative, value: float, low: float | None, high: float | None) -> None:
    """Fill expected/low/high from one reading: a range's midpoint with both ends, or a bound
    with one end only ("op til 2 mio." → high 2000, low unknown; "mindst 0,5 mio." → low 500)."""
    ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr = value, low, high


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
