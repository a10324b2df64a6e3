"""A table's amount cells, read column by column (used by :mod:`etl.parse.table_rows`).

An amount column repeats its figures ("150", "-1.200"), and the same figure stands in several
columns ("263,2" under the expected gain and under 2026 and 2027). Each distinct text is read
once per unit (:func:`etl.table_amounts.read_figure`; a phrase, whose reading depends on the
column's year and the table's legend, once per unit and year), and each column is kept as one
list of readings aligned with the table's rows. What the rows' structure and sign need of a
reading — its value, its printed sign, whether the money reader has anything to do with it but
take the figure — is worked out with it, once; a row's cells are handed out as a dict when its
initiative is made.

A reading is shared by every cell that prints its text and never changed, with one exception:
a bare figure (no unit anywhere yet) is given the table's unit in place by the money reader
(``apply_unit``), so each of its cells gets its own copy. Values and signs are those of the
readings as read (nothing changes a cell before the money reader fills its row).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter

from etl.core.amount_phrase import ParenLegend
from etl.core.model import SignConvention
from etl.core.numbers import Amount
from etl.table_amounts import Cell, read_cell, read_figure, signed

Value = tuple[float, float]  # (printed t.kr. with its printed sign, rounding)
_DECIMALS = re.compile(r",(\d+)")


def rounding(cell: Cell) -> float:
    """What the last printed digit is worth, in t.kr. (half of it is a cell's rounding)."""
    m = cell.money
    if m is None:
        return 0.0
    return _last_digit(m.text) * (m.unit_tkr or 1.0)


@functools.lru_cache(maxsize=65536)
def _last_digit(text: str) -> float:
    """What the last printed digit of a figure is worth in its own unit (once per distinct text:
    a table's figures repeat; the cache is emptied after each table, :func:`forget`)."""
    decimals = _DECIMALS.search(text)
    return 10.0 ** -len(decimals.group(1)) if decimals else 1.0


def forget() -> None:
    """Empty the per-text cache once a table is read: the cached texts would keep the memory of the
    table's freed cells from going back (a few live objects pin CPython's allocation arenas;
    measured, 250 MB more held through the load of a 200,000-row table)."""
    _last_digit.cache_clear()


def signed_range(amount: Amount, convention: SignConvention | None) -> tuple[float, float, float]:
    """(low, high, midpoint) of a figure as savings under the table's convention
    (:func:`etl.table_amounts.signed`), without -0.0 for a nil figure."""
    lo, hi = signed(amount, convention)
    lo, hi = lo + 0.0, hi + 0.0
    return lo, hi, (lo + hi) / 2


@dataclass(slots=True)
class Reading:
    """A distinct amount text read, and what the rows need of it: its value (for the structure
    and the totals; None: no figure in t.kr. yet), its printed sign (0: no figure or nil, 1
    positive, 2 negative), ``plain``: a figure or dash with no unit to apply, no note, no
    problem and no phrase gain; ``figure``: a figure the money reader takes (read, no problem);
    and, once the table's sign convention is decided, ``signed``: that figure as (low, high,
    midpoint) savings (:func:`signed_range`)."""

    cell: Cell
    bare: bool
    value: Value | None
    sign: int
    plain: bool
    figure: bool = False
    signed: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @classmethod
    def of(cls, cell: Cell) -> Reading:
        m = cell.money
        value: Value | None = None
        if cell.nil:
            value = (0.0, 0.0)
        elif m is not None and m.unit_tkr is not None:
            v = m.value_tkr
            value = (-v if m.negative else v, rounding(cell))
        sign = 0 if m is None or not m.value_tkr else 2 if m.negative else 1
        bare = cell.bare
        return cls(cell, bare, value, sign, not bare and not cell.notes and cell.problem is None and not cell.gains,
                   m is not None and cell.problem is None)

    def sign_with(self, convention: SignConvention | None) -> None:
        """Work out ``signed`` (again, after a bare figure was given its unit: then ``figure``
        too)."""
        m = self.cell.money
        self.figure = m is not None and self.cell.problem is None
        if m is not None:
            self.signed = signed_range(m, convention)


def _copy(cell: Cell) -> Cell:
    """A cell's own copy of a reading (every field, whatever fields Cell has; its own gains
    list), built through ``__init__`` so it keeps CPython's compact instance dict (a million
    copies made by ``__dict__.update`` took 64 MB more)."""
    fields = dict(cell.__dict__)
    fields["gains"] = list(cell.gains)
    return Cell(**fields)


class AmountCells:
    """The amount columns of one table's rows (squashed), read: ``cols`` are (column, unit,
    year) in the column map's order, ``cost`` the cost column (its figures are no row's
    value), ``skip`` the rows not read (notes)."""

    def __init__(self, rows: list[list[str]], cols: list[tuple[int, float | None, int | None]],
                 cost: int | None, paren: ParenLegend | None, skip: set[int]):
        self.columns: dict[int, list[Reading | None]] = {}  # column → the reading of each row
        self._signs: dict[int, bytes] = {}
        self._odd: set[int] = set()  # rows with a reading that is not plain
        self._values: dict[int, dict[int, Value]] = {}
        self._bare: set[int] = set()  # rows with a bare figure (its cells are copies)
        self.convention: SignConvention | None = None
        figures: dict[float | None, dict[str, Reading]] = {}  # unit → text → reading
        phrases: dict[tuple[float | None, int | None], dict[str, Reading]] = {}  # (unit, year) → text → …
        short = min(map(len, rows), default=0)
        for col, unit, year in cols:
            texts = list(map(itemgetter(col), rows)) if col < short else [r[col] if col < len(r) else "" for r in rows]
            for i in skip:
                texts[i] = ""
            distinct = dict.fromkeys(texts)
            distinct.pop("", None)
            known, said = figures.setdefault(unit, {}), phrases.setdefault((unit, year), {})
            read: dict[str, Reading] = {}
            signs: dict[str, int] = {"": 0}
            odd: set[str] = set()  # texts not plain
            bare: set[str] = set()
            for text in distinct:
                got = known.get(text) or said.get(text)
                if got is None:
                    cell = read_figure(text, unit)
                    if cell is not None:
                        got = known[text] = Reading.of(cell)
                    else:  # a phrase: read with the column's year and the legend
                        got = said[text] = Reading.of(read_cell(text, unit, paren, year))
                read[text], signs[text] = got, got.sign
                if not got.plain:
                    odd.add(text)
                    if got.bare:
                        bare.add(text)
            self.columns[col] = list(map(read.get, texts))
            self._signs[col] = bytes(map(signs.__getitem__, texts))
            if odd:
                self._odd.update(compress(count(), map(odd.__contains__, texts)))
            if bare:
                self._bare.update(compress(count(), map(bare.__contains__, texts)))
        self._counted = [(col, arr) for col, arr in self.columns.items() if col != cost]
        self._cols, self._arrays = list(self.columns), list(self.columns.values())
        self._readings = [r for by_text in [*figures.values(), *phrases.values()] for r in by_text.values()]

    def sign(self, convention: SignConvention | None) -> None:
        """The table's sign convention decided: every reading's ``signed`` worked out, once."""
        self.convention = convention
        for r in self._readings:
            r.sign_with(convention)
        self._readings = []

    def row(self, index: int) -> dict[int, Reading | None]:
        """The row's amount cells read, column → reading (None: blank), in the column map's
        order; a bare figure's reading is of its own copy of the cell (the money reader gives
        it the table's unit in place)."""
        row = dict(zip(self._cols, map(itemgetter(index), self._arrays)))
        if index in self._bare:
            for col, r in row.items():
                if r is not None and r.bare:
                    row[col] = copy = Reading.of(_copy(r.cell))
                    copy.sign_with(self.convention)
        return row

    def plain(self, index: int) -> bool:
        """Every amount cell of the row plain (see :class:`Reading`)."""
        return index not in self._odd

    def values(self, index: int) -> dict[int, Value]:
        """Printed figures of a row (sign as printed), column → (t.kr., rounding); the cost
        column's are not the row's. Worked out once, when first asked."""
        got = self._values.get(index)
        if got is None:
            got = self._values[index] = {col: v for col, arr in self._counted
                                         if (r := arr[index]) is not None and (v := r.value) is not None}
        return got

    def flags(self, cols: list[int], indices: list[int]) -> list[bool]:
        """Whether each figure (not nil) in ``cols`` of the rows ``indices`` is printed negative,
        counted column by column in C: the sign decision counts them, in no order."""
        out: list[bool] = []
        for col in cols:
            signs = self._signs.get(col)
            if signs is not None and indices:
                got = bytes(map(signs.__getitem__, indices))
                out += [True] * got.count(2) + [False] * got.count(1)
        return out
