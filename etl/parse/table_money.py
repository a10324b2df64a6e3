"""One table row's amounts → its initiative's money fields (used by :mod:`etl.parse.table_rows`).

The full-year effect (``expected_tkr``) is an explicit full-year column, else the table's
single amount column, else the last budget year; every yearly column is a gain; amounts a
phrase ties to other years ("1 mio. kr. i 2018 (…)") are gains too. Every figure is signed
by the table's convention (:func:`etl.table_amounts.signed`): a saving positive, a cost
negative. A figure that cannot be read leaves its field NULL with a coded warning.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from etl.core.initiative_columns import GainItem, InitiativeWriter
from etl.core.model import Code, Param, ParseWarning, SignConvention
from etl.core.numbers import Amount
from etl.parse.table_cells import Reading, rounding, signed_range
from etl.table_amounts import Cell, apply_unit
from etl.table_columns import ColumnMap

Where = tuple[int | None, int]
Row = Mapping[int, Reading | None]  # a row's amount cells read: column → reading (None: blank)


def main_column(cm: ColumnMap) -> int | None:
    """The column holding the full-year effect, if one does."""
    for name in ("full_year", "expected"):
        if name in cm.columns:
            return cm.columns[name]
    if "row_total" in cm.columns and not cm.year_columns:
        return cm.columns["row_total"]
    return None


@dataclass
class MoneyReader:
    """Fills the money fields of a table's initiatives from their rows' cells."""

    cm: ColumnMap
    convention: SignConvention | None
    warn: Callable[..., None]  # TableReader.warn
    warnings: list[ParseWarning]
    out: InitiativeWriter  # the table's initiatives, written row by row

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
    def _distinct_years(self) -> bool:
        """No two yearly columns give the same (year, kind): their gains need no de-duplication."""
        return len({(year, kind) for _, year, kind in self._years}) == len(self._years)

    @functools.cached_property
    def _cols(self) -> tuple[int, int, int | None]:
        """The realised, cost and row-total columns (-1, -1, None where the table has none)."""
        cols = self.cm.columns
        return cols.get("realised", -1), cols.get("cost", -1), cols.get("row_total")

    def fill(self, n: int, row: Row, where: Where, plain: bool = False) -> None:
        """Initiative ``n``'s full-year effect (a full-year column, else the amount column, else the
        last budget year), yearly gains, realised and cost, signed by the table's convention (each
        reading's ``signed``, :meth:`etl.parse.table_cells.AmountCells.sign`), written into
        ``out`` (its key and title written first). ``plain``: every reading is plain (no unit to
        apply, no note, problem or phrase gain): nothing to warn."""
        get, out = row.get, self.out
        c = out.columns
        if not plain:
            for r in row.values():
                if r is not None and (m := r.cell.money) is not None and m.unit_tkr is None and r.cell.problem is None:
                    apply_unit(r.cell, self.cm.table_unit or 1.0)
                    r.sign_with(self.convention)
        main = self._main
        chosen: tuple[float, float, str] | None = None  # (low, high, text) of the full-year effect
        for col in self._full_cols:
            if (r := get(col)) is not None and r.figure:
                chosen = (r.signed[0], r.signed[1], r.cell.text)
                break
            if r is not None and r.cell.nil:  # a dash under "Helårsvirkning"/"Samlet varig ændring": no lasting effect
                chosen = (0.0, 0.0, r.cell.text)
                break
        mr = get(main) if main is not None else None
        if chosen is None and mr is not None and mr.figure:
            chosen = (mr.signed[0], mr.signed[1], mr.cell.text)
            c.full_phase_in_year[n] = mr.cell.full_year
        if not plain:
            names = self._names
            for col, r in row.items():
                name = names.get(col)
                if r is not None and name is not None and name != "row_total" \
                        and (r.cell.notes or r.cell.problem is not None):
                    self._cell_warning(c.key[n], r.cell, f"{name} amount", where, name)
        if mr is not None:
            c.expected_text[n] = mr.cell.text
        if plain and self._distinct_years:  # (nil cells are no figure: no gain)
            out.gains[n] = [(year, kind, r.signed[2], r.cell.text) for col, year, kind in self._years
                            if (r := get(col)) is not None and r.figure]
        else:
            out.gains[n] = self._gains(c.key[n], row, where)
        if chosen is None and main is None:  # no amount column: the last budget year is the full-year effect
            chosen = self._last_year(row)
        if chosen is not None:
            lo, hi = chosen[0], chosen[1]
            c.expected_low_tkr[n], c.expected_high_tkr[n], c.expected_tkr[n] = lo, hi, (lo + hi) / 2
            c.expected_text[n] = c.expected_text[n] or chosen[2]
        realised, cost, row_total = self._cols
        if (r := get(realised)) is not None:
            c.realised_text[n] = r.cell.text
            if r.figure:
                c.realised_tkr[n] = r.signed[2]
        if (r := get(cost)) is not None:
            c.implementation_cost_text[n] = r.cell.text
            if r.figure and (m := r.cell.money) is not None:
                c.implementation_cost_tkr[n] = m.value_tkr
        if row_total is not None:
            self._row_total(n, row, where)

    def _gains(self, key: str, row: Row, where: Where) -> list[GainItem]:
        """Every yearly column's gain (its cell's remarks warned), then the gains a phrase ties to
        other years; one per (year, kind), the first column's."""
        gains: dict[tuple[int, str], GainItem] = {}
        for col, year, kind in self._years:
            if (r := row.get(col)) is None or (yc := r.cell).nil:
                continue
            if yc.notes or yc.problem is not None:  # (the message is formatted only then)
                self._cell_warning(key, yc, f"{kind} gain for {year}", where, "gains", year=year, kind=kind)
            if r.figure:
                gains[(year, kind)] = (year, kind, r.signed[2], yc.text)
        for r in row.values():
            if r is None:
                continue
            for year, amount in r.cell.gains:
                lo, hi = self._range(amount)
                gains.setdefault((year, "expected"), (year, "expected", (lo + hi) / 2, r.cell.text))
        return list(gains.values())

    def _last_year(self, row: Row) -> tuple[float, float, str] | None:
        """The full-year effect of a table with only yearly columns: its last budget year
        (a dash or blank there, with figures in earlier years, is nil)."""
        years = sorted((y for y in self.cm.year_columns if y.kind == "expected" and y.year is not None),
                       key=lambda y: y.year or 0)
        if not years:
            return None
        last = row.get(years[-1].col)
        if last is not None and last.cell.money is not None and not last.cell.problem:
            return last.signed[0], last.signed[1], last.cell.text
        earlier = [r for y in years[:-1] if (r := row.get(y.col)) is not None and r.cell.money is not None]
        if (last is None or last.cell.nil) and earlier:
            return 0.0, 0.0, last.cell.text if last else ""
        return None

    def _row_total(self, n: int, row: Row, where: Where) -> None:
        """A printed 'I alt' column beside yearly columns: the row's years must add up to it."""
        col = self.cm.columns.get("row_total")
        if col is None or not self.cm.year_columns or (r := row.get(col)) is None:
            return
        total = r.cell
        if total.money is None or total.problem:
            return
        got = [amount for _, kind, amount, _ in self.out.gains[n] if kind == "expected"]
        value = r.signed[2]
        tolerance = rounding(total) * (len(got) + 1) / 2
        if got and abs(sum(got) - value) > tolerance + 1e-9:
            c = self.out.columns
            self.warn(Code.TABLE_DOES_NOT_ADD_UP, f"row '{c.title[n]}': its years add up to {sum(got):g} t.kr., "
                      f"its total column prints {value:g}", where, field="gains", text=total.text, key=c.key[n],
                      printed=value, computed=sum(got))

    def _cell_warning(self, key: str, cell: Cell, what: str, where: Where, field: str, **params: Param) -> None:
        """The phrase reader's notes, and why a figure was left out."""
        for note in cell.notes:
            self.warnings.append(note.warning(field=field, page=where[0], line=where[1], key=key))
        if cell.problem is None or any(n.code == cell.problem for n in cell.notes):
            return
        text = cell.text
        message = {Code.AMOUNT_NO_UNIT: f"{what} '{text}' names no unit and none is stated for the table; left empty",
                   Code.AMOUNT_ONLY_PERCENT: f"{what} '{text}' is a share, not an amount in kroner; left empty",
                   }.get(cell.problem, f"{what} '{text}' is not a number; left empty")
        self.warn(cell.problem, message, where, field=field, text=text, key=key, **params)

    def _range(self, amount: Amount) -> tuple[float, float]:
        lo, hi, _ = signed_range(amount, self.convention)
        return lo, hi
