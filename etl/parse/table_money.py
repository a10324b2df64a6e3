"""One table row's amounts → an initiative's money fields (used by :mod:`etl.parse.table_rows`).

The full-year effect (``expected_tkr``) is an explicit full-year column, else the table's
single amount column, else the last budget year; every yearly column is a gain; amounts a
phrase ties to other years ("1 mio. kr. i 2018 (…)") are gains too. Every figure is signed
by the table's convention (:func:`etl.table_amounts.signed`): a saving positive, a cost
negative. A figure that cannot be read leaves its field NULL with a coded warning.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.core.model import Code, Gain, Initiative, Param, ParseWarning, SignConvention
from etl.core.numbers import Amount
from etl.table_amounts import Cell, apply_unit, signed
from etl.table_columns import ColumnMap

Where = tuple[int | None, int]
_DECIMALS = re.compile(r",(\d+)")


def main_column(cm: ColumnMap) -> int | None:
    """The column holding the full-year effect, if one does."""
    for name in ("full_year", "expected"):
        if name in cm.columns:
            return cm.columns[name]
    if "row_total" in cm.columns and not cm.year_columns:
        return cm.columns["row_total"]
    return None


def _nil(text: str) -> Amount:
    """A dash where a full-year effect stands: nothing lasting, 0 t.kr."""
    return Amount(0.0, 0.0, text, 0, 0, unit_tkr=1.0)


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


@dataclass
class MoneyReader:
    """Fills one initiative's money fields from its row's cells."""

    cm: ColumnMap
    convention: SignConvention | None
    warn: Callable[..., None]  # TableReader.warn
    warnings: list[ParseWarning]

    # What the column map says, worked out once per table (a reader serves every row of one
    # table, whose column map no longer changes once its rows are read).
    @functools.cached_property
    def _main(self) -> int | None:
        return main_column(self.cm)

    @functools.cached_property
    def _full_cols(self) -> list[int]:
        main, cm = self._main, self.cm
        full = [y for y in cm.year_columns if y.full_year and y.kind == "expected"]
        return ([main] if main is not None and "full_year" in cm.columns else []) + [y.col for y in full]

    @functools.cached_property
    def _names(self) -> dict[int, str]:
        """Column → the first field mapped to it."""
        out: dict[int, str] = {}
        for n, i in self.cm.columns.items():
            out.setdefault(i, n)
        return out

    @functools.cached_property
    def _years(self) -> list[tuple[int, int, str]]:
        """(column, year, kind) of the yearly columns that have a year, left to right."""
        return [(y.col, y.year, y.kind) for y in sorted(self.cm.year_columns, key=lambda y: y.col)
                if y.year is not None]

    @functools.cached_property
    def _cols(self) -> tuple[int, int, int | None]:
        """The realised, cost and row-total columns (-1, -1, None where the table has none)."""
        cols = self.cm.columns
        return cols.get("realised", -1), cols.get("cost", -1), cols.get("row_total")

    def fill(self, ini: Initiative, cells: dict[int, Cell], where: Where, plain: bool = False) -> None:
        """The row's full-year effect (a full-year column, else the amount column, else the last
        budget year), yearly gains, realised and cost, signed by the table's convention.
        ``plain``: every cell is a figure or dash with no unit to apply, no note, problem or
        phrase gain (the caller knows it of its readings): nothing to apply or warn."""
        cm, get = self.cm, cells.get
        if not plain:
            for cell in cells.values():
                if cell.money is not None and cell.money.unit_tkr is None and cell.problem is None:
                    apply_unit(cell, cm.table_unit or 1.0)
        main = self._main
        chosen: tuple[Amount, str] | None = None
        for col in self._full_cols:
            if (c := get(col)) is not None and c.money is not None and c.problem is None:
                chosen = (c.money, c.text)
                break
            if c is not None and c.nil:  # a dash under "Helårsvirkning"/"Samlet varig ændring": no lasting effect
                chosen = (_nil(c.text), c.text)
                break
        mc = get(main) if main is not None else None
        if chosen is None and mc is not None and mc.money is not None and mc.problem is None:
            chosen = (mc.money, mc.text)
            ini.full_phase_in_year = mc.full_year
        if not plain:
            names = self._names
            for col, cell in cells.items():
                name = names.get(col)
                if name is not None and name != "row_total" and (cell.notes or cell.problem is not None):
                    self._cell_warning(ini, cell, f"{name} amount", where, name)
        if mc is not None:
            ini.expected_text = mc.text
        gains: dict[tuple[int, str], Gain] = {}
        for col, year, kind in self._years:
            yc = get(col)
            if yc is None or yc.nil:
                continue
            if not plain and (yc.notes or yc.problem is not None):  # (the message is formatted only then)
                self._cell_warning(ini, yc, f"{kind} gain for {year}", where, "gains", year=year, kind=kind)
            if yc.money is None or yc.problem is not None:
                continue
            lo, hi = self._range(yc.money)
            gains[(year, kind)] = Gain(year, kind, (lo + hi) / 2, yc.text)
        if not plain:
            for cell in cells.values():
                for year, amount in cell.gains:
                    lo, hi = self._range(amount)
                    gains.setdefault((year, "expected"), Gain(year, "expected", (lo + hi) / 2, cell.text))
        ini.gains = list(gains.values())
        if chosen is None and main is None:  # no amount column: the last budget year is the full-year effect
            chosen = self._last_year(cells)
        if chosen is not None:
            lo, hi = self._range(chosen[0])
            ini.expected_low_tkr, ini.expected_high_tkr, ini.expected_tkr = lo, hi, (lo + hi) / 2
            ini.expected_text = ini.expected_text or chosen[1]
        realised, cost, row_total = self._cols
        if (c := get(realised)) is not None and c.money is not None and not c.problem:
            ini.realised_text = c.text
            lo, hi = self._range(c.money)
            ini.realised_tkr = (lo + hi) / 2
        elif c is not None:
            ini.realised_text = c.text
        if (c := get(cost)) is not None:
            ini.implementation_cost_text = c.text
            if c.money is not None and not c.problem:
                ini.implementation_cost_tkr = c.money.value_tkr
        if row_total is not None:
            self._row_total(ini, cells, where)

    def _last_year(self, cells: dict[int, Cell]) -> tuple[Amount, str] | None:
        """The full-year effect of a table with only yearly columns: its last budget year
        (a dash or blank there, with figures in earlier years, is nil)."""
        years = sorted((y for y in self.cm.year_columns if y.kind == "expected" and y.year is not None),
                       key=lambda y: y.year or 0)
        if not years:
            return None
        last = cells.get(years[-1].col)
        if last is not None and last.money is not None and not last.problem:
            return last.money, last.text
        earlier = [cells[y.col] for y in years[:-1] if y.col in cells and cells[y.col].money is not None]
        if (last is None or last.nil) and earlier:
            return _nil(last.text if last else ""), last.text if last else ""
        return None

    def _row_total(self, ini: Initiative, cells: dict[int, Cell], where: Where) -> None:
        """A printed 'I alt' column beside yearly columns: the row's years must add up to it."""
        col = self.cm.columns.get("row_total")
        if col is None or not self.cm.year_columns or col not in cells:
            return
        total = cells[col]
        if total.money is None or total.problem:
            return
        got = [g.amount_tkr for g in ini.gains if g.kind == "expected"]
        lo, hi = self._range(total.money)
        value = (lo + hi) / 2
        tolerance = rounding(total) * (len(got) + 1) / 2
        if got and abs(sum(got) - value) > tolerance + 1e-9:
            self.warn(Code.TABLE_DOES_NOT_ADD_UP, f"row '{ini.title}': its years add up to {sum(got):g} t.kr., "
                      f"its total column prints {value:g}", where, field="gains", text=total.text, key=ini.key,
                      printed=value, computed=sum(got))

    def _cell_warning(self, ini: Initiative, cell: Cell, what: str, where: Where, field: str, **params: Param) -> None:
        """The phrase reader's notes, and why a figure was left out."""
        for note in cell.notes:
            self.warnings.append(note.warning(field=field, page=where[0], line=where[1], key=ini.key))
        if cell.problem is None or any(n.code == cell.problem for n in cell.notes):
            return
        text = cell.text
        message = {Code.AMOUNT_NO_UNIT: f"{what} '{text}' names no unit and none is stated for the table; left empty",
                   Code.AMOUNT_ONLY_PERCENT: f"{what} '{text}' is a share, not an amount in kroner; left empty",
                   }.get(cell.problem, f"{what} '{text}' is not a number; left empty")
        self.warn(cell.problem, message, where, field=field, text=text, key=ini.key, **params)

    def _range(self, amount: Amount) -> tuple[float, float]:
        lo, hi = signed(amount, self.convention)
        return lo + 0.0, hi + 0.0  # no -0.0 for a nil figure
