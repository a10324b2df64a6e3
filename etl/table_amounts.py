"""How a table's amount cells become signed savings in t.kr.: cells, the unit, the sign.

Three decisions, each made once per table and recorded with its evidence:

* **cells** — a cell holds a bare figure ("-1.250", "~150", "100–200"), a figure with its
  unit ("0,5 mio."), a phrase ("ca. 300.000 kr. årligt", "2,2 mio. kr. (1,1 mio. kr.)"),
  a dash (nil) or text ("se bilag"). All of it is read by the one amount reader,
  :mod:`etl.core.numbers`; this module only says which of a phrase's amounts a column means.
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

from etl.core.model import Code, Decided, SignConvention
from etl.core.numbers import Amount, find_amounts, find_year_refs, parse_amount, read_number
from etl.parse.common import squash
from etl.table_columns import SignHint
from etl.table_context import ParenNote

_NIL = {"-", "–", "—", "÷", "--", "0-", "x"}
_PERCENT = re.compile(r"%|\bpct\b|procent", re.IGNORECASE)


@dataclass
class Cell:
    """One amount cell read. ``money`` is the figure the column means (magnitude in t.kr.
    and the printed sign); ``gains`` are amounts the phrase ties to other years."""

    text: str
    money: Amount | None = None
    nil: bool = False  # a dash: nothing in this year
    gains: list[tuple[int, Amount]] = field(default_factory=list)
    full_year: Amount | None = None  # the phrase's yearly/full-year figure, when it names one
    problem: Code | None = None
    note: str | None = None  # what was chosen, for an AMOUNT_CHOSEN warning

    @property
    def bare(self) -> bool:
        """A figure without a unit of its own (the table's unit applies)."""
        return self.money is not None and self.money.unit_tkr is None


def _year_after(text: str, amount: Amount, end: int) -> tuple[str, int] | None:
    """'i 2018' / 'fra 2019' right after an amount (before the next one)."""
    refs = [r for r in find_year_refs(text[amount.end:end]) if r.kind in ("in", "from")]
    return (refs[0].kind, refs[0].start) if refs else None


def _phrase(text: str, found: list[Amount], paren: ParenNote | None) -> Cell:
    """Several amounts in one cell: which one the column means. The rules, in order:
    a document line says what the parentheses hold; one amount is per year ("2,4 mio. kr.
    per år fra 2019") and the others are tied to years ("1 mio. kr. i 2018"); else the
    first amount, with a note that the others were left out."""
    cell = Cell(text)
    inside = [a for a in found if text.rfind("(", 0, a.start) > text.rfind(")", 0, a.start)]
    outside = [a for a in found if a not in inside]
    if paren is not None and len(outside) == 1 and len(inside) == 1:
        cell.money = outside[0]
        if paren.year is not None:
            cell.gains.append((paren.year, inside[0]))
        else:
            cell.full_year = inside[0]
        return cell
    yearly = [a for a in found if a.per_year and not a.one_off]
    if len(yearly) == 1:
        cell.money = cell.full_year = yearly[0]
        ends = [a.start for a in found[1:]] + [len(text)]
        for a, end in zip(found, ends):
            tied = _year_after(text, a, end)
            if tied and (a is not yearly[0] or tied[0] == "from"):
                cell.gains.append((tied[1], a))
        return cell
    cell.money = outside[0] if outside else found[0]
    cell.problem = Code.AMOUNT_CHOSEN
    cell.note = (f"'{cell.money.text}' taken of {len(found)} amounts"
                 + (" (no line of the document says what the parentheses hold)" if inside else ""))
    return cell


def _bare_pair(s: str, unit: float | None) -> list[Amount]:
    """'1.250 (1.100)' under a unit: two figures, the second in parentheses."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", s)
    if m is None or unit is None:
        return []
    a, b = parse_amount(m.group(1), unit_tkr=unit), parse_amount(m.group(2), unit_tkr=unit)
    if a is None or b is None:
        return []
    a.start, a.end = m.start(1), m.end(1)
    b.start, b.end = m.start(2), m.end(2)
    return [a, b]


def read_cell(text: str, unit: float | None, paren: ParenNote | None = None) -> Cell:
    """A table's amount cell. ``unit`` is the column's or table's unit (None: not known);
    a unit printed in the cell wins. A bare figure read without a unit keeps
    ``money.unit_tkr`` None so the caller can apply an inferred unit or warn."""
    s = squash(text)
    if s in _NIL:
        return Cell(s, nil=True)
    whole = parse_amount(s, unit_tkr=unit)
    if whole is not None:
        return Cell(s, money=whole)
    found = find_amounts(s) or _bare_pair(s, unit)
    if found:
        if len(found) == 1:
            one = found[0]
            cell = Cell(s, money=one)
            if one.per_year:
                cell.full_year = one
            return cell
        return _phrase(s, found, paren)
    if _PERCENT.search(s):
        return Cell(s, problem=Code.AMOUNT_ONLY_PERCENT)
    n = read_number(s.strip("() "))
    if n is not None and unit is None:
        bare = Amount(low_tkr=n.low, high_tkr=n.high, text=s, start=0, end=len(s), negative=n.negative
                      or (s.startswith("(") and s.endswith(")")), qualifier=n.qualifier, unit_tkr=None)
        return Cell(s, money=bare, problem=Code.AMOUNT_NO_UNIT)
    return Cell(s, problem=Code.AMOUNT_UNREADABLE)


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
    evidence: str  # the figures and the rule, for the warning


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
        return UnitGuess(0.001, "kr.", f"figures such as {sample} are whole thousands of kroner")
    if max(values) < 100 and any("," in t for t, _ in nums):
        return UnitGuess(1000.0, "mio. kr.", f"figures such as {sample} are small and carry decimals")
    return UnitGuess(1.0, "1.000 kr.", f"figures such as {sample}; thousands of kroner, as Danish budget tables print")


# --- the sign convention -------------------------------------------------------------------------

@dataclass(frozen=True)
class SignEvidence:
    """What a table prints that bears on its sign convention."""

    legend: Decided[SignConvention] | None  # "minus = mindreudgift"
    saving_totals: list[tuple[str, bool]]  # (verbatim row, printed negative) of totals named as savings
    hinted: list[tuple[str, SignHint, list[bool]]]  # (where it is named, hint, negative flags of its figures)
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
            return Decided("saving_negative", "inferred", f"every figure under {saving[0][0]} is printed negative")
        return Decided("saving_positive", "printed", saving[0][0])
    if not any(ev.figures):
        return None
    neg = sum(ev.figures)
    conv = "saving_negative" if neg * 2 >= len(ev.figures) else "saving_positive"
    return Decided(conv, "inferred", f"{neg} of {len(ev.figures)} figures printed negative")


def signed(amount: Amount, convention: SignConvention | None) -> tuple[float, float]:
    """(low, high) as savings: positive for a saving, negative for a cost."""
    flip = amount.negative != (convention == "saving_negative")
    lo, hi = (-amount.high_tkr, -amount.low_tkr) if flip else (amount.low_tkr, amount.high_tkr)
    return lo, hi
