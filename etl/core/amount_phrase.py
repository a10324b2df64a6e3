"""One amount phrase → a typed reading: the reader every parser uses for money written in words.

Municipal documents state a gain as a phrase, not a number — in a catalogue's
prose, in a cell of a proposal table, in an item of a list:

    "500.000 kr. per år"            → 500 t.kr. a year
    "1 mio. kr. i 2018 (2,4 mio. kr. per år fra 2019)"
                                    → 2018: 1.000, 2019 onward: 2.400; full-year effect 2.400 from 2019
    "8-9 mio."                      → a range 8.000–9.000, midpoint 8.500
    "op til 2 mio. kr."             → the high end only (low unknown)
    "3 mio. kr. over tre år"        → 1.000 a year (the total kept, with a warning)
    "blev ringet ind … 3 mio. kr."  → money once: not a yearly gain
    "0,5 mio. kr. i år 1, … 1,3 mio. kr. fra år 3"
                                    → yearly gains once År 1 is anchored (:class:`etl.core.when.Anchor`)

:func:`read_amount_phrase` returns an :class:`AmountReading` with the yearly gains,
the full-year effect (``expected_tkr`` in the contract) with its range ends, the
first year at full effect, the one-off and period-total readings, and
:class:`Note`\\ s — coded warnings with the verbatim text that the caller turns into
:class:`~etl.core.model.ParseWarning`\\ s with its own file, line and initiative.
Money and years are recognised by :mod:`etl.core.numbers`, time cues by :mod:`etl.core.when`.

What the reader does not know it does not guess: an amount in parentheses is read
only when it says what it is ("(2,4 mio. kr. per år fra 2019)") or the document
says what parentheses hold (:func:`read_paren_legend`: "I parentes står beløbet for
2020"); otherwise it is left out with a note.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from etl.core.model import Code, Param, ParseWarning
from etl.core.numbers import ONE_OFF, QUALIFIERS, YEARLY, Amount, find_amounts, find_year_refs, parse_amount
from etl.core.when import Anchor, When, phase_in, when_of


@dataclass(frozen=True)
class Note:
    """A warning about a reading, without a place: the caller adds file, line and initiative."""

    code: Code
    message: str
    text: str  # verbatim
    params: Mapping[str, Param] = field(default_factory=dict)

    def warning(self, *, field: str | None = "expected_tkr", page: int | None = None, line: int | None = None,
                key: str | None = None) -> ParseWarning:
        return ParseWarning(self.code, self.message, field=field, text=self.text, page=page, line=line, key=key,
                            params=self.params)


@dataclass(frozen=True)
class YearGain:
    """The gain of one year. ``year`` is None only for a relative year that had no anchor."""

    year: int | None
    amount_tkr: float
    onward: bool = False  # "fra 2019 (og frem)": this year and every later one
    relative: int | None = None  # the printed relative year ("År 2" → 2)
    text: str = ""


@dataclass(frozen=True)
class AmountReading:
    """What one phrase says about a gain. Magnitudes in t.kr.; the printed sign is in ``negative``."""

    text: str
    full_year_tkr: float | None = None  # the yearly effect at full phase-in (a range's midpoint)
    low_tkr: float | None = None  # a range's low end; None for "op til …" (high end only)
    high_tkr: float | None = None  # a range's high end; None for "mindst …" (low end only)
    full_year: int | None = None  # the first year at the full-year effect
    gains: tuple[YearGain, ...] = ()
    per_year: bool = False  # the phrase says the figure is yearly
    one_off_tkr: float | None = None  # money once: never a yearly gain
    total_tkr: float | None = None  # a total over ``period_years`` (full_year_tkr = total / years)
    period_years: int | None = None
    negative: bool = False
    qualifier: str | None = None  # "ca.", "op til", "mindst" … as printed (lower case)
    notes: tuple[Note, ...] = ()

    @property
    def one_off(self) -> bool:
        """Only money once: no yearly reading."""
        return self.one_off_tkr is not None and self.full_year_tkr is None


# --------------------------------------------------------------------------- parentheses

ParenKind = Literal["year", "full_year", "one_off", "cost"]


@dataclass(frozen=True)
class ParenLegend:
    """What a document says its parentheses hold: "I parentes står beløbet for 2020"."""

    kind: ParenKind
    year: int | None
    text: str


_LEGEND = re.compile(r"\b(?:i\s+parentes|parentes(?:en|erne)?\b)", re.IGNORECASE)


def read_paren_legend(line: str) -> ParenLegend | None:
    """A line that says what amounts in parentheses are: a year's amount, the full-year
    effect, a one-off or a cost; None for any other line."""
    if not line or not _LEGEND.search(line):
        return None
    text = " ".join(line.split())
    years = [r.start for r in find_year_refs(text)]
    if re.search(r"helårs|fuld\w*\s+(?:effekt|virkning)|varig", text, re.IGNORECASE):
        return ParenLegend("full_year", None, text)
    if ONE_OFF.search(text):
        return ParenLegend("one_off", years[0] if years else None, text)
    if re.search(r"udgift|investering|omkostning|merforbrug", text, re.IGNORECASE):
        return ParenLegend("cost", years[0] if years else None, text)
    if len(years) == 1:
        return ParenLegend("year", years[0], text)
    return None


# --------------------------------------------------------------------------- one figure in its phrase

_TOTAL_BEFORE = re.compile(r"(?:\bsamlet|\bsamlede|\bi alt|\btotal\w*)\s+(?:[\w.-]+\s+){0,4}(?:på\s+)?(?:ca\.\s+)?$",
                           re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^\s*(?:kr\.\s*)?(?:samlet|i alt|totalt)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s|\s(?:mens|men|og)\s(?=\w+\s+\d)|\(|\)", re.IGNORECASE)


@dataclass
class _Item:
    amount: Amount
    when: When
    in_paren: bool
    once: bool
    yearly: bool
    total: bool
    full: bool = False  # said to be the full-year effect (by the document's parentheses legend)


def _clause(s: str, start: int, end: int) -> str:
    """The clause around a figure: from the last break before it to the next break after it."""
    lo = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(s, 0, start)])
    nxt = _CLAUSE_BREAK.search(s, end)
    return s[lo: nxt.start() if nxt else len(s)]


def _in_parens(s: str, pos: int) -> bool:
    return s.count("(", 0, pos) > s.count(")", 0, pos)


def _figures(s: str, unit_tkr: float | None) -> list[Amount]:
    found = find_amounts(s)
    if found or unit_tkr is None:
        return found
    a = parse_amount(s, unit_tkr)  # a bare figure under the table's unit: "1.257", "ca. 500", "2 - 5"
    return [a] if a is not None else []


def _items(s: str, figs: list[Amount]) -> list[_Item]:
    items = []
    for k, a in enumerate(figs):
        prev_end = figs[k - 1].end if k else 0
        next_start = figs[k + 1].start if k + 1 < len(figs) else len(s)
        before, after = s[prev_end:a.start], s[a.end:next_start]
        when = when_of(before, after, first=(k == 0))
        clause = _clause(s, a.start, a.end)
        yearly = a.per_year or bool(YEARLY.search(clause)) or when.onward
        # "Det beløb, der blev ringet ind …, var 3 mio. kr.": the cue may stand before the figure's clause
        once = a.one_off or bool(ONE_OFF.search(clause)) or (bool(ONE_OFF.search(before)) and not yearly)
        items.append(_Item(amount=a, when=when, in_paren=_in_parens(s, a.start), once=once, yearly=yearly,
                           total=bool(_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after))))
    return items


def bounds(a: Amount, divide: int = 1) -> tuple[float | None, float | None]:
    """(low, high) of a figure: a bound has one end only ("op til" → high, "mindst" → low)."""
    low, high = a.low_tkr / divide, a.high_tkr / divide
    bound = QUALIFIERS.get(a.qualifier or "")
    if bound == "at_most" and not a.is_range:
        return None, high
    if bound == "at_least" and not a.is_range:
        return low, None
    return low, high


# --------------------------------------------------------------------------- the reader


def read_amount_phrase(text: str | None, *, unit_tkr: float | None = None, year: int | None = None,
                       anchor: Anchor | None = None, paren: ParenLegend | None = None) -> AmountReading:
    """Read one phrase (a cell, a list item, a clause) into yearly gains and the full-year effect.

    ``unit_tkr``: the unit of bare figures (a table header's "1.000 kr." = 1, "mio. kr." = 1000);
    a unit printed with a figure wins. ``year``: the year the cell stands for (a table
    column's year); undated figures belong to it. ``anchor``: the calendar year of "År 1".
    ``paren``: what the document says its parentheses hold."""
    s = " ".join((text or "").split())
    if not s:
        return AmountReading(text="")
    figs = _figures(s, unit_tkr)
    if not figs:
        blank = re.fullmatch(r"[-–—.\s]*", s)
        return AmountReading(text=s, notes=() if blank else (Note(Code.AMOUNT_UNREADABLE, f"no amount in '{s}'", s),))
    notes: list[Note] = []
    items = []
    for it in _items(s, figs):
        if it.in_paren and not (it.when.dated or it.yearly or it.once or it.amount.period_years):
            if paren is None or paren.kind == "cost":
                why = "the document does not say what parentheses hold" if paren is None else "a cost"
                notes.append(Note(Code.AMOUNT_PARENTHESISED, f"the amount in parentheses ({it.amount.text}) is not "
                                  f"read: {why}", s, {"amount": it.amount.text}))
                continue
            if paren.kind == "year":
                it.when = When(year=paren.year)
            elif paren.kind == "one_off":
                it.once = True
            else:
                it.yearly = it.full = True
        items.append(it)
    return _assemble(s, items, year, anchor, notes)


def _assemble(s: str, items: list[_Item], year: int | None, anchor: Anchor | None,
              notes: list[Note]) -> AmountReading:
    once = [it for it in items if it.once and not it.amount.period_years]
    period = [it for it in items if it.amount.period_years and not it.when.dated]
    rest = [it for it in items if it not in once and it not in period]
    # a total ("samlet", "i alt") without any yearly cue or year is a sum over an unstated time
    totals = [it for it in rest if it.total and not it.yearly and not it.when.dated and not _any_yearly(s)]
    if totals and len(totals) == len(rest):
        once += totals
        rest = []
    one_off_tkr = None
    for it in once:
        one_off_tkr = it.amount.value_tkr if one_off_tkr is None else one_off_tkr
        notes.append(Note(Code.AMOUNT_ONE_OFF, f"{it.amount.text} is money once, not a yearly gain", s,
                          {"amount_tkr": it.amount.value_tkr}))
    full = [it for it in rest if it.full]
    if full:  # "2,2 mio. kr. (1,1 mio. kr.)" and "Tal i parentes er helårseffekt"
        rest = [it for it in rest if not it.full and year is not None]
    dated = [it for it in rest if it.when.dated or year is not None]
    level = full[:1] or [it for it in rest if not (it.when.dated or year is not None)]
    paired = _gains(dated, year, anchor, notes, s)
    gains = [g for g, _ in paired]
    chosen: _Item | None = None
    divide = 1
    full_year: int | None = None
    if level and len({it.amount.value_tkr for it in level}) > 1:
        notes.append(Note(Code.AMOUNT_UNREADABLE, "several undated amounts, none marked as the yearly one", s,
                          {"amounts": len(level)}))
        level = []
    if gains:
        last, last_item = max(paired, key=lambda p: (p[0].year if p[0].year is not None else -1, p[0].relative or 0))
        lev = level[0] if level else None
        if lev is not None and not any(g.onward for g in gains) and lev.amount.value_tkr >= max(
                g.amount_tkr for g in gains):
            chosen = lev  # "2,2 mio. kr. (1,1 mio. kr. i 2020)": the undated figure is the full-year effect
        else:
            if lev is not None and lev.amount.value_tkr != last.amount_tkr:
                notes.append(Note(Code.AMOUNT_CHOSEN, "an undated amount differs from the dated ones: the last "
                                  "year's amount is the full-year effect", s, {"undated": lev.amount.text}))
            chosen = last_item
            if len(gains) > 1 or last.onward:  # one cell of a year column says nothing about phase-in
                full_year = _first_at_full(gains, last.amount_tkr)
    elif level:
        chosen = level[0]
        if chosen.when.onward:
            full_year = chosen.when.resolve(anchor)
    elif period:
        if len({it.amount.value_tkr / (it.amount.period_years or 1) for it in period}) == 1:
            chosen, divide = period[0], period[0].amount.period_years or 1
            notes.append(Note(Code.AMOUNT_PERIOD_TOTAL, f"{chosen.amount.text} over {divide} years read as "
                              f"{chosen.amount.value_tkr / divide:g} t.kr. a year", s,
                              {"total_tkr": chosen.amount.value_tkr, "years": divide}))
        else:
            notes.append(Note(Code.AMOUNT_UNREADABLE, "several totals over periods that disagree", s, {}))
    pi = phase_in(s)
    if pi is not None and pi.when.resolve(anchor) is not None:
        full_year = pi.when.resolve(anchor)
    if chosen is None:
        return AmountReading(text=s, gains=tuple(gains), one_off_tkr=one_off_tkr, notes=tuple(notes),
                             per_year=any(it.yearly for it in items))
    low, high = bounds(chosen.amount, divide)
    a = chosen.amount
    return AmountReading(
        text=s, full_year_tkr=a.value_tkr / divide, low_tkr=low, high_tkr=high, full_year=full_year,
        gains=tuple(gains), per_year=chosen.yearly or bool(divide > 1), one_off_tkr=one_off_tkr,
        total_tkr=a.value_tkr if divide > 1 else None, period_years=divide if divide > 1 else None,
        negative=a.negative, qualifier=a.qualifier, notes=tuple(notes))


def _any_yearly(s: str) -> bool:
    return bool(YEARLY.search(s)) or phase_in(s) is not None


def _gains(dated: list[_Item], year: int | None, anchor: Anchor | None, notes: list[Note],
           s: str) -> list[tuple[YearGain, _Item]]:
    out: list[tuple[YearGain, _Item]] = []
    guessed = False
    for it in dated:
        when = it.when if it.when.dated else When(year=year)
        y = when.resolve(anchor)
        if when.relative is not None and anchor is not None and anchor.guessed:
            guessed = True
        if when.relative is not None and anchor is None:
            notes.append(Note(Code.YEAR_MISSING, f"'{it.amount.text}' is for a relative year ({when.relative}) "
                              "and the document gives no year to anchor it", s, {"relative": when.relative}))
        if any(g.year == y and g.relative == when.relative for g, _ in out):
            notes.append(Note(Code.GAIN_DUPLICATE, f"a second amount for the same year ({it.amount.text}) "
                              "was ignored", s, {"year": y}))
            continue
        out.append((YearGain(year=y, amount_tkr=it.amount.value_tkr, onward=when.onward, relative=when.relative,
                             text=it.amount.text), it))
    if guessed and anchor is not None:
        notes.append(anchor_note(anchor, s))
    return out


def anchor_note(anchor: Anchor, text: str) -> Note:
    """The warning that relative years were given calendar years by a guess."""
    how = {"example_start": "the year the example says it started",
           "budget_year": "the budget year of the document", "printed": "printed"}[anchor.basis]
    return Note(Code.RELATIVE_YEAR_ANCHORED, f"'År 1' taken as {anchor.year}: {how} ('{anchor.evidence}')", text,
                {"anchor_year": anchor.year, "basis": anchor.basis, "evidence": anchor.evidence})


def _first_at_full(gains: list[YearGain], full: float) -> int | None:
    """The first year of the final run of years at the full-year effect."""
    dated = sorted((g for g in gains if g.year is not None), key=lambda g: g.year or 0)
    first = None
    for g in dated:
        if abs(g.amount_tkr - full) <= 1e-9 * max(1.0, full):
            first = g.year if first is None else first
        else:
            first = None
    return first
