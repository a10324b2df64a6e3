"""The planner's URL parameters (contract §4) as one typed value, parsed defensively.

The query string is user input: every part that cannot be used is dropped with a
:class:`~app.filters.Notice` (shown on the page), never an exception. Parsing happens in two
steps: :func:`parse` checks the form of each value (numbers, years, lengths) without the
database; :func:`check` then drops what the data does not know (an initiative id, a source, a
municipality, a price year outside the PL index)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.constants import YEAR_MAX, YEAR_MIN
from app.filters import Notice, values_of
from etl.core.numbers import parse_danish_number

#: The parameters the planner owns (the shared filters are app.filters').
PARAMS = ("plan", "start", "target", "target_source", "home", "prices", "phase", "prudent")
N_YEARS = 4  # the budget year and three "overslagsår"
MAX_PLAN = 100  # initiatives in one plan
MAX_VALUE = 300  # characters of one parameter value; longer is not a value a user typed
TRUE, FALSE = ("1", "true", "ja", "yes"), ("0", "false", "nej", "no")


@dataclass(frozen=True)
class Target:
    """A yearly savings target in t.kr.: one amount for every year (``flat``), or a staircase of
    ``steps`` (year, amount) where a year without its own step keeps the step before it and the
    years before the first step have none."""

    flat: float | None = None
    steps: tuple[tuple[int, float], ...] = ()

    def for_year(self, year: int) -> float | None:
        if self.flat is not None:
            return self.flat
        amount = None
        for y, a in self.steps:
            if y <= year:
                amount = a
        return amount

    def to_param(self) -> str:
        if self.flat is not None:
            return _num(self.flat)
        return ",".join(f"{y}:{_num(a)}" for y, a in self.steps)


@dataclass(frozen=True)
class PlanParams:
    plan: tuple[str, ...] = ()
    start: int = field(default_factory=lambda: dt.date.today().year + 1)
    target: Target | None = None
    target_source: str | None = None
    home: str | None = None
    prices: int | None = None
    phase: tuple[tuple[str, tuple[float, ...]], ...] = ()  # (initiative_id, per cent in each plan year)
    prudent: bool = False

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start, self.start + N_YEARS))

    def phase_of(self, initiative_id: str) -> tuple[float, ...] | None:
        return dict(self.phase).get(initiative_id)

    def is_default(self, today: dt.date | None = None) -> bool:
        return self == PlanParams(start=(today or dt.date.today()).year + 1)


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)


def _amount(text: str) -> float | None:
    """A non-negative amount as the URL or a user writes it: ``5000``, ``5.000``, ``12,5``.
    ``5,000`` is refused: in English it means five thousand, in Danish five."""
    s = text.strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s):
        return None
    value = parse_danish_number(s)
    return value if value is not None and value >= 0 else None


def parse_target(text: str) -> Target | None:
    """``5000`` → one amount for every year; ``2027:5000,2028:10000`` → a staircase; else None."""
    s = text.strip()
    if ":" not in s:
        amount = _amount(s)
        return None if amount is None else Target(flat=amount)
    steps: dict[int, float] = {}
    for part in s.split(","):
        year, sep, amount_text = part.partition(":")
        amount = _amount(amount_text)
        if not sep or not year.strip().isdigit() or amount is None:
            return None
        y = int(year.strip())
        if not YEAR_MIN <= y <= YEAR_MAX or y in steps:
            return None
        steps[y] = amount
    return Target(steps=tuple(sorted(steps.items())))


def parse_phase(text: str) -> tuple[str, tuple[float, ...]] | None:
    """``ID:25/50/100/100`` → (ID, (25, 50, 100, 100)); the years after fewer than four values have the
    full effect, as after a source's own profile (``ID:25/50`` → 25, 50, 100, 100)."""
    iid, sep, pcts = text.strip().rpartition(":")
    if not sep or not iid.strip():
        return None
    values = [parse_danish_number(p) for p in pcts.split("/")]
    if not 1 <= len(values) <= N_YEARS or any(v is None or not 0 <= v <= 100 for v in values):
        return None
    full = [float(v) for v in values if v is not None]
    full += [100.0] * (N_YEARS - len(full))
    return iid.strip(), tuple(full)


def _year(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX else None


def _flag(raw: str) -> bool | None:
    s = raw.strip().lower()
    return True if s in TRUE else False if s in FALSE else None


def parse(mapping: Mapping, today: dt.date | None = None) -> tuple[PlanParams, list[Notice]]:
    """PlanParams from a query-string mapping (``st.query_params``, or a dict of str | list)."""
    notices: list[Notice] = []

    def values(key: str) -> list[str]:
        out = []
        for v in values_of(mapping, key):
            if len(v) > MAX_VALUE:
                notices.append(Notice(key, v[:40] + "…", "too_long"))
            elif v.strip():
                out.append(v.strip())
        return out

    def last(key: str) -> str | None:
        vals = values(key)
        return vals[-1] if vals else None

    def read(key: str, parse: Callable[[str], Any], why: str) -> Any:
        """The last value of ``key`` parsed; a value ``parse`` refuses (None) is a notice."""
        raw = last(key)
        if raw is None:
            return None
        value = parse(raw)
        if value is None:
            notices.append(Notice(key, raw, why))
        return value

    plan = list(dict.fromkeys(v for raw in values("plan") for v in raw.split(",") if v.strip()))
    plan = [v.strip() for v in plan]
    if len(plan) > MAX_PLAN:
        notices.append(Notice("plan", str(len(plan)), "too_many"))
        plan = plan[:MAX_PLAN]

    start = read("start", _year, "bad_year") or (today or dt.date.today()).year + 1
    target = read("target", parse_target, "bad_target")
    prices = read("prices", _year, "bad_year")

    phase: dict[str, tuple[float, ...]] = {}
    for raw in values("phase"):
        parsed = parse_phase(raw)
        if parsed is None:
            notices.append(Notice("phase", raw, "bad_phase"))
        else:
            phase[parsed[0]] = parsed[1]

    prudent = bool(read("prudent", _flag, "bad_flag"))

    return PlanParams(plan=tuple(plan), start=start, target=target, target_source=last("target_source"),
                      home=last("home"), prices=prices, phase=tuple(phase.items()), prudent=prudent), notices


def check(p: PlanParams, *, known_ids: Callable[[tuple[str, ...]], set[str]],
          target_sources: Mapping[str, str], home_name: Callable[[str], str | None],
          price_years: tuple[int, int]) -> tuple[PlanParams, list[Notice]]:
    """Drop what the data does not know, with a notice each.

    ``known_ids(ids)`` → the ids that exist; ``target_sources``: source id and file name → source
    id, for sources with reduction targets; ``home_name(name)`` → the municipality's canonical
    name or None; ``price_years``: the first and last price year the PL index can express."""
    notices: list[Notice] = []
    known = known_ids(p.plan) if p.plan else set()
    plan = tuple(i for i in p.plan if i in known)
    notices += [Notice("plan", i, "unknown_initiative") for i in p.plan if i not in known]
    phase = tuple((i, v) for i, v in p.phase if i in plan)
    notices += [Notice("phase", i, "phase_not_in_plan") for i, _ in p.phase if i not in plan]
    target_source = None
    if p.target_source is not None:
        target_source = target_sources.get(p.target_source)
        if target_source is None:
            notices.append(Notice("target_source", p.target_source, "unknown_target_source"))
    home = None
    if p.home is not None:
        home = home_name(p.home)
        if home is None:
            notices.append(Notice("home", p.home, "unknown_value"))
    prices = p.prices
    if prices is not None and not price_years[0] <= prices <= price_years[1]:
        notices.append(Notice("prices", str(prices), "prices_outside_index"))
        prices = None
    return replace(p, plan=plan, phase=phase, target_source=target_source, home=home, prices=prices), notices


def to_query_params(p: PlanParams, today: dt.date | None = None) -> dict[str, str | list[str]]:
    """The URL form; nothing when the planner is untouched (other pages' links stay short), and
    ``start`` always otherwise, so a link opened next year shows the same years."""
    if p.is_default(today):
        return {}
    out: dict[str, str | list[str]] = {"start": str(p.start)}
    if p.plan:
        out["plan"] = list(p.plan)
    if p.target is not None:
        out["target"] = p.target.to_param()
    if p.target_source:
        out["target_source"] = p.target_source
    if p.home:
        out["home"] = p.home
    if p.prices is not None:
        out["prices"] = str(p.prices)
    if p.phase:
        out["phase"] = [f"{i}:" + "/".join(_num(v) for v in pcts) for i, pcts in p.phase]
    if p.prudent:
        out["prudent"] = "1"
    return out
