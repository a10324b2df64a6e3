"""How a table's amount cells become signed savings in t.kr.: cells, the unit, the sign.

Three decisions, each made once per table and recorded with its evidence:

* **cells** — a cell holds a bare figure ("-1.250", "~150", "100–200"), a figure with its
  unit ("0,5 mio."), a phrase ("ca. 300.000 kr. årligt", "2,2 mio. kr. (1,1 mio. kr.)"),
  a dash (nil) or text ("se bilag"). Figures are read by :mod:`etl.core.numbers`, phrases
  by the one amount phrase reader :mod:`etl.core.amount_phrase`.
* **unit** — printed in the column header or above the table (decided by the caller);
  when nothing states it, :func:`infer_unit` guesses from the figures and says why.
* **sign** — :func:`decide_sign` reads a legend, a saving-labelled total, the column names,
  and last the figures themselves. A saving is positive in the database and a cost negative:
  a cost must never become a saving.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from etl.core.amount_phrase import Note, ParenLegend, read_amount_phrase
from etl.core.model import Code, Decided, SignConvention
from etl.core.numbers import Amount, find_amounts, parse_amount, read_number
from etl.parse.common import squash
from etl.table_columns import SignHint

_NIL = {"-", "–", "—", "÷", "--", "0-", "x"}
_PERCENT = re.compile(r"%|\bpct\b|procent", re.IGNORECASE)
_BARE_PAIR = re.compile(r"(?P<a>[-−–÷]?\s?[\d.,]+)\s*\((?P<b>[-−–÷]?\s?[\d.,]+)\)")
_UNIT_WORDS = {1000.0: "mio. kr.", 1.0: "t.kr.", 0.001: "kr."}


@dataclass
class Cell:
    """One amount cell read. ``money`` is the figure the column means (magnitude in t.kr.
    and the printed sign); ``gains`` are amounts the phrase ties to other years; ``notes``
    the phrase reader's coded remarks (an amount in parentheses left out, money once …)."""

    text: str
    money: Amount | None = None
    nil: bool = False  # a dash: nothing in this year
    gains: list[tuple[int, Amount]] = field(default_factory=list)
    full_year: int | None = None  # the first year at the full effect, when the phrase says it
    problem: Code | None = None
    notes: tuple[Note, ...] = ()

    @property
    def bare(self) -> bool:
        """A figure without a unit of its own (the table's unit applies)."""
        return self.money is not None and self.money.unit_tkr is None


def _amount(value: float, negative: bool, text: str, unit: float | None, low: float | None = None,
            high: float | None = None, qualifier: str | None = None) -> Amount:
    return Amount(low_tkr=value if low is None else low, high_tkr=value if high is None else high, text=text,
                  start=0, end=len(text), approx=qualifier is not None, negative=negative, qualifier=qualifier,
                  unit_tkr=unit if unit is not None else 1.0)


def _phrase(s: str, unit: float | None, year: int | None, paren: ParenLegend | None) -> Cell:
    """A cell that is more than one figure, read by the one amount phrase reader
    (:func:`etl.core.amount_phrase.read_amount_phrase`)."""
    pair = _BARE_PAIR.fullmatch(s)
    if pair and unit in _UNIT_WORDS:  # "1.250 (1.100)" under the table's unit: the same phrase with units
        words = _UNIT_WORDS[unit]
        s_read = f"{pair.group('a')} {words} ({pair.group('b')} {words})"
    else:
        s_read = s
    r = read_amount_phrase(s_read, unit_tkr=unit, year=year, paren=paren)
    cell = Cell(s, notes=r.notes, full_year=r.full_year)
    if r.full_year_tkr is not None:
        cell.money = _amount(r.full_year_tkr, r.negative, s, unit, r.low_tkr, r.high_tkr, r.qualifier)
    cell.gains = [(g.year, _amount(g.amount_tkr, r.negative, g.text or s, unit)) for g in r.gains
                  if g.year is not None and not (year is not None and g.year == year)]
    if cell.money is None:
        one_off = r.one_off_tkr is not None
        cell.problem = Code.AMOUNT_ONE_OFF if one_off else Code.AMOUNT_UNREADABLE
    return cell


def read_cell(text: str, unit: float | None, paren: ParenLegend | None = None, year: int | None = None) -> Cell:
    """A table's amount cell. ``unit`` is the column's or table's unit (None: not known);
    a unit printed in the cell wins; ``year`` is the column's year. A bare figure read
    without a unit keeps ``money.unit_tkr`` None so the caller can apply an inferred unit."""
    s = squash(text)
    cell = read_figure(s, unit)
    return _phrase(s, unit, year, paren) if cell is None else cell


def read_figure(s: str, unit: float | None) -> Cell | None:
    """:func:`read_cell` of a squashed cell that is one figure, a dash, a share or a figure
    without a unit — read the same whatever the column's year and the table's legend for
    parentheses; None for a phrase (which :func:`read_cell` reads with them)."""
    if s in _NIL:
        return Cell(s, nil=True)
    whole = parse_amount(s, unit_tkr=unit)
    if whole is not None:
        return Cell(s, money=whole)
    if _PERCENT.search(s) and not find_amounts(s):
        return Cell(s, problem=Code.AMOUNT_ONLY_PERCENT)
    n = read_number(s.strip("() "))
    if n is not None and unit is None:
        bare = Amount(low_tkr=n.low, high_tkr=n.high, text=s, start=0, end=len(s), negative=n.negative
                      or (s.startswith("(") and s.endswith(")")), qualifier=n.qualifier, unit_tkr=None)
        return Cell(s, money=bare, problem=Code.AMOUNT_NO_UNIT)
    return None


def apply_unit(cell: Cell, unit: float) -> None:
    """Give a bare figure the table's (inferred) unit."""
    if cell.money is not None and cell.money.unit_tkr is None:
        m = cell.money
        cell.money = Amount(low_tkr=m.low_tkr * unit, high_tkr=m.high_tkr * unit, text=m.text, start=m.start,
                            end=m.end, approx=m.approx, negative=m.negative, qualifier=m.qualifier,
                            unit_tkr=unit)
        cell.problem = None


# --- the unit, when nothing states it ---------------------------------------------------------

@dataclass(frozen=True)
class UnitGuess:
    factor: float
    unit_text: str
    sample: str  # the figures as printed ("450.000, 1.200.000"), the warning's verbatim text
    rule: str  # whole_kroner | millions | thousands: why (app.i18n WARNING_WORDS)
    reason: str  # the same in English, for the warning's message


def infer_unit(bare: list[str]) -> UnitGuess | None:
    """A unit for figures printed without one anywhere: whole kroner when every figure is
    a multiple of 1.000 and most are 50.000 or more ("450.000"); millions when every figure
    is under 100 and some carry decimals ("2,4"); otherwise thousands, the unit Danish
    budget tables use. None when there is no figure."""
    nums = [(t, n) for t in bare if (n := read_number(t.strip("() "))) is not None]
    values = [n.value for _, n in nums if n.value]
    if not values:
        return None
    sample = ", ".join(dict.fromkeys(t for t, _ in nums[:4]))
    if all(v % 1000 == 0 for v in values) and statistics.median(values) >= 50_000:
        return UnitGuess(0.001, "kr.", sample, "whole_kroner",
                         f"figures such as {sample} are whole thousands of kroner")
    if max(values) < 100 and any("," in t for t, _ in nums):
        return UnitGuess(1000.0, "mio. kr.", sample, "millions",
                         f"figures such as {sample} are small and carry decimals")
    return UnitGuess(1.0, "1.000 kr.", sample, "thousands",
                     f"figures such as {sample}; thousands of kroner, as Danish budget tables print")


# --- the sign convention -------------------------------------------------------------------------

@dataclass(frozen=True)
class SignEvidence:
    """What a table prints that bears on its sign convention."""

    legend: Decided[SignConvention] | None  # "minus = mindreudgift"
    saving_totals: list[tuple[str, bool]]  # (verbatim row, printed negative) of totals named as savings
    hinted: list[tuple[str, SignHint, list[bool]]]  # (the name as printed, hint, negative flags of its figures)
    figures: list[bool]  # negative flag of every figure in the table's rows


def decide_sign(ev: SignEvidence) -> Decided[SignConvention] | None:
    """The table's convention: a printed legend; a total named as a saving ('Samlet
    besparelse -1.500'); the column names ('Besparelse' positive, 'Budgetændring' negative,
    unless every figure of a saving-named column is negative); last the figures (most
    negative: budget table). None when no figure is negative and nothing says anything."""
    if ev.legend is not None:
        return ev.legend
    if ev.saving_totals:
        neg = sum(1 for _, n in ev.saving_totals if n)
        conv: SignConvention = "saving_negative" if neg * 2 > len(ev.saving_totals) else "saving_positive"
        return Decided(conv, "printed", ev.saving_totals[0][0])
    change = [h for h in ev.hinted if h[1] == "change"]
    saving = [h for h in ev.hinted if h[1] == "saving"]
    if change and not saving:
        return Decided("saving_negative", "printed", change[0][0])
    if saving and not change:
        flags = [f for _, _, fl in saving for f in fl]
        if len(flags) >= 2 and all(flags):
            return Decided("saving_negative", "inferred", saving[0][0],
                           reason=f"every figure under '{saving[0][0]}' is printed negative",
                           params={"all_negative_under": saving[0][0]})
        return Decided("saving_positive", "printed", saving[0][0])
    if not any(ev.figures):
        return None
    neg = sum(ev.figures)
    conv = "saving_negative" if neg * 2 >= len(ev.figures) else "saving_positive"
    return Decided(conv, "inferred", None, reason=f"{neg} of {len(ev.figures)} figures printed negative",
                   params={"negative": neg, "figures": len(ev.figures)})


def signed(amount: Amount, convention: SignConvention | None) -> tuple[float, float]:
    """(low, high) as savings: positive for a saving, negative for a cost."""
    flip = amount.negative != (convention == "saving_negative")
    lo, hi = (-amount.high_tkr, -amount.low_tkr) if flip else (amount.low_tkr, amount.high_tkr)
    return lo, hi
