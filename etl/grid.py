"""The one shape every table source is reduced to before its rows become initiatives.

CSV, XLSX and PDF tables differ in how they are read, not in what they say;
reducing them to rows of cell text with the place each row was printed lets a
single parser map headers to fields for all of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableRead:
    """How camelot read one table on one page: its parsing report."""

    page: int
    method: str
    n_rows: int
    n_cols: int
    accuracy: float
    whitespace: float


@dataclass
class Grid:
    """A table as rows of cleaned cell text, with where each row was printed.

    ``where[i]`` is ``(page, row)`` for row ``i``: the PDF page (None for CSV/XLSX)
    and the 1-based row number on that page's table (or in the file)."""

    rows: list[list[str]]
    where: list[tuple[int | None, int]]
    method: str  # 'lattice', 'stream', 'csv', 'xlsx'
    notes: list[str] = field(default_factory=list)
    reads: list[TableRead] = field(default_factory=list)  # PDF: camelot's report of every page's table
    #: every cell is its own squash (etl.parse.common.squash), as checked where the cells were cut
    #: (a CSV's text): the table parser need not look at each cell again. False: not known.
    squashed: bool = False

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)
