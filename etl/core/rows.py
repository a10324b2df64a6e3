"""One row dataclass per database table: the only place a table's columns are listed.

:mod:`etl.normalise` builds these rows, :mod:`etl.load` inserts them in the order of
``dataclasses.fields`` (see :func:`columns`), and ``tests/test_schema.py`` checks that
``etl/schema.sql`` declares exactly these columns. A new column is one field here plus
one line in schema.sql.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Protocol


class Row(Protocol):
    """A row dataclass: its fields are the table's columns, ``table`` the table's name."""

    table: ClassVar[str]


@dataclass(frozen=True, slots=True)
class SourceRow:
    table: ClassVar[str] = "sources"
    source_id: str
    file_name: str
    sha256: str
    format: str
    title: str | None
    published_year: int | None
    loaded_at: dt.datetime
    container: str | None
    encoding: str | None
    size_bytes: int | None
    page_count: int | None
    context: str | None
    n_initiatives: int
    n_appearances: int
    n_warnings: int
    unit_text: str | None = None
    price_level: str | None = None
    sign_convention: str | None = None
    # how the document was read (see docs/schema.md): the layout detector's confidence, and
    # for a PDF the reader and what it could not place
    layout_score: float | None = None
    reader: str | None = None
    words_read: int | None = None
    words_outside: int | None = None
    furniture_lines: int | None = None
    column_blocks: int | None = None


@dataclass(frozen=True, slots=True)
class SectorRow:
    table: ClassVar[str] = "sectors"
    sector: str
    label_da: str
    label_en: str
    sort_order: int


@dataclass(frozen=True, slots=True)
class InitiativeRow:
    table: ClassVar[str] = "initiatives"
    initiative_id: str
    source_id: str
    municipality: str | None
    title: str
    description: str | None
    expected_tkr: float | None
    expected_low_tkr: float | None
    expected_high_tkr: float | None
    expected_text: str | None
    realised_tkr: float | None
    realised_text: str | None
    full_phase_in_year: int | None
    full_phase_in_text: str | None
    implementation_cost_tkr: float | None
    implementation_cost_text: str | None
    adopted: bool | None
    adopted_text: str | None
    status: str | None
    feasibility: str | None
    other_effects: str | None
    about: str | None
    further_info: str | None
    responsible: str | None
    handling: str | None
    first_page: int | None
    first_line: int | None
    source_number: str | None = None


@dataclass(frozen=True, slots=True)
class AppearanceRow:
    table: ClassVar[str] = "appearances"
    initiative_id: str
    source_id: str
    seq: int
    section: str | None
    page: int | None
    line: int | None


@dataclass(frozen=True, slots=True)
class MunicipalityRow:
    table: ClassVar[str] = "initiative_municipalities"
    initiative_id: str
    municipality: str


@dataclass(frozen=True, slots=True)
class SectorTagRow:
    table: ClassVar[str] = "initiative_sectors"
    initiative_id: str
    sector: str | None
    source_sector: str


@dataclass(frozen=True, slots=True)
class TypeRow:
    table: ClassVar[str] = "initiative_types"
    initiative_id: str
    measure_type: str


@dataclass(frozen=True, slots=True)
class GainRow:
    table: ClassVar[str] = "gains"
    initiative_id: str
    year: int
    kind: str
    amount_tkr: float
    text: str | None


@dataclass(frozen=True, slots=True)
class TargetRow:
    table: ClassVar[str] = "targets"
    source_id: str
    year: int | None
    kind: str
    amount_tkr: float | None
    text: str
    area: str | None
    percent: float | None
    page: int | None
    line: int | None


@dataclass(frozen=True, slots=True)
class TableTotalRow:
    table: ClassVar[str] = "table_totals"
    source_id: str
    label: str
    year: int | None
    printed_tkr: float | None
    computed_tkr: float | None
    difference_tkr: float | None
    page: int | None
    line: int | None


@dataclass(frozen=True, slots=True)
class WarningRow:
    table: ClassVar[str] = "parse_warnings"
    source_id: str
    initiative_id: str | None
    page: int | None
    line: int | None
    field: str | None
    message: str
    text: str | None
    code: str
    params: str | None  # JSON object of the code's parameters


@dataclass(frozen=True, slots=True)
class PdfTableRow:
    """A table read from a PDF page, and how confident its reader was."""

    table: ClassVar[str] = "pdf_tables"
    source_id: str
    seq: int
    page: int
    method: str  # 'lattice'/'stream' (camelot), 'ruled' (the layout reader's grid)
    n_rows: int
    n_cols: int
    accuracy: float | None  # camelot's accuracy (percent); NULL for the layout reader
    whitespace: float | None  # empty cells, percent
    words_outside: int | None  # words inside the table's frame that fell in no cell


@dataclass(frozen=True, slots=True)
class CurationRow:
    table: ClassVar[str] = "curation_log"
    initiative_id: str
    column: str
    old_value: str | None
    new_value: str | None
    reason: str | None
    curation_file: str


#: Every table the ETL writes row by row, in insert order. ``initiative_facets`` is
#: derived in SQL from its view (etl/schema.sql), not listed here.
ROW_TYPES: tuple[type[Row], ...] = (SourceRow, SectorRow, InitiativeRow, AppearanceRow, MunicipalityRow,
                               SectorTagRow, TypeRow, GainRow, TargetRow, TableTotalRow, WarningRow,
                               PdfTableRow, CurationRow)
TABLES: dict[str, type[Row]] = {cls.table: cls for cls in ROW_TYPES}


_COLUMNS: dict[type, tuple[str, ...]] = {}


def columns(row_type: type) -> tuple[str, ...]:
    """The table's columns, in the order of the dataclass fields."""
    if row_type not in _COLUMNS:
        _COLUMNS[row_type] = tuple(f.name for f in fields(row_type))
    return _COLUMNS[row_type]


def values(row: Any) -> tuple:
    """A row's values in :func:`columns` order."""
    return tuple(getattr(row, name) for name in columns(type(row)))


@dataclass
class Rows:
    """All rows one source contributes."""

    source: SourceRow
    initiatives: list[InitiativeRow] = field(default_factory=list)
    appearances: list[AppearanceRow] = field(default_factory=list)
    municipalities: list[MunicipalityRow] = field(default_factory=list)
    sectors: list[SectorTagRow] = field(default_factory=list)
    types: list[TypeRow] = field(default_factory=list)
    gains: list[GainRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    totals: list[TableTotalRow] = field(default_factory=list)
    warnings: list[WarningRow] = field(default_factory=list)
    pdf_tables: list[PdfTableRow] = field(default_factory=list)

    def by_table(self) -> dict[str, list]:
        """Table name → rows, in insert order (the source first)."""
        out: dict[str, list] = {"sources": [self.source]}
        for rows in (self.initiatives, self.appearances, self.municipalities, self.sectors, self.types,
                     self.gains, self.targets, self.totals, self.warnings, self.pdf_tables):
            if rows:
                out.setdefault(type(rows[0]).table, []).extend(rows)
        return out
