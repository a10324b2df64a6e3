"""One row dataclass per database table: the only place a table's columns are listed.

:mod:`etl.normalise` builds a table's rows column by column (:class:`Columns`: one sequence per
field of the table's row dataclass, in the order of ``dataclasses.fields``, see :func:`columns`),
:mod:`etl.load` inserts each as one Arrow table, and ``tests/test_schema.py`` checks that
``etl/schema.sql`` declares exactly these columns. A new column is one field here plus
one line in schema.sql.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, ClassVar, Generic, Protocol, TypeVar


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


R = TypeVar("R", bound=Row)


class Columns(Generic[R]):
    """Rows of one table held column by column: one sequence per field of ``row_type`` (a list,
    or an Arrow array already typed as inserted), in the order of its fields, all of one length.
    A large table's rows are never made as objects (the 200,000 row objects of a 200,000-row
    table took ~0.65 s to build and as long again to take apart for Arrow); iterating makes them
    on demand (tests, small tables)."""

    __slots__ = ("row_type", "values")

    def __init__(self, row_type: type[R], values: Sequence[Sequence[Any]]) -> None:
        names = columns(row_type)
        if len(values) != len(names):
            raise ValueError(f"{row_type.table}: {len(values)} columns for {len(names)} fields")
        if len({len(v) for v in values}) > 1:
            raise ValueError(f"{row_type.table}: columns of different lengths")
        self.row_type = row_type
        self.values: tuple[Sequence[Any], ...] = tuple(values)

    @classmethod
    def of(cls, row_type: type[R], **by_name: Sequence[Any]) -> Columns[R]:
        """The columns named as the fields of ``row_type``, each exactly once."""
        names = columns(row_type)
        if by_name.keys() != set(names):
            raise TypeError(f"{row_type.table}: missing {sorted(set(names) - by_name.keys())}, "
                            f"unknown {sorted(by_name.keys() - set(names))}")
        return cls(row_type, [by_name[n] for n in names])

    @classmethod
    def from_rows(cls, row_type: type[R], rows: Iterable[R]) -> Columns[R]:
        """A few row objects (the sectors, a document's warnings or targets) as columns."""
        rows = list(rows)
        return cls(row_type, [list(map(attrgetter(n), rows)) for n in columns(row_type)])

    @classmethod
    def empty(cls, row_type: type[R]) -> Columns[R]:
        return cls(row_type, [[] for _ in columns(row_type)])

    @property
    def table(self) -> str:
        return self.row_type.table

    def column(self, name: str) -> Sequence[Any]:
        return self.values[columns(self.row_type).index(name)]

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0

    def __iter__(self) -> Iterator[R]:
        """The rows as ``row_type`` objects, made one at a time."""
        return map(self.row_type, *(v.to_pylist() if hasattr(v, "to_pylist") else v for v in self.values))

    def __repr__(self) -> str:
        return f"Columns({self.row_type.__name__}, {len(self)} rows)"


def _empty(row_type: type[R]) -> Any:
    return field(default_factory=lambda: Columns.empty(row_type))


@dataclass
class Rows:
    """All rows one source contributes: its ``sources`` row, and every other table's rows as
    :class:`Columns`."""

    source: SourceRow
    initiatives: Columns[InitiativeRow] = _empty(InitiativeRow)
    appearances: Columns[AppearanceRow] = _empty(AppearanceRow)
    municipalities: Columns[MunicipalityRow] = _empty(MunicipalityRow)
    sectors: Columns[SectorTagRow] = _empty(SectorTagRow)
    types: Columns[TypeRow] = _empty(TypeRow)
    gains: Columns[GainRow] = _empty(GainRow)
    targets: Columns[TargetRow] = _empty(TargetRow)
    totals: Columns[TableTotalRow] = _empty(TableTotalRow)
    warnings: Columns[WarningRow] = _empty(WarningRow)
    pdf_tables: Columns[PdfTableRow] = _empty(PdfTableRow)

    def by_table(self) -> dict[str, Columns]:
        """Table name → its rows, in insert order (the source first), tables without rows left out."""
        out: dict[str, Columns] = {"sources": Columns.from_rows(SourceRow, [self.source])}
        for batch in (self.initiatives, self.appearances, self.municipalities, self.sectors, self.types,
                      self.gains, self.targets, self.totals, self.warnings, self.pdf_tables):
            if len(batch):
                out[batch.table] = batch
        return out
