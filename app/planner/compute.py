"""The planner's arithmetic, pure and typed: no database, no Streamlit.

For each initiative of a plan, over the plan years ``start`` … ``start+3``::

    year effect = printed full-year effect × scaling × price factor × phase-in share

- **scaling** (:func:`scaling`): population(home) ÷ population(origin), only for an initiative from
  exactly one other municipality whose population is known; otherwise the factor is None, the
  reason says why, and the plan uses the printed amount unscaled;
- **price factor** (:func:`price_factor`): the PL index from the amounts' price year to ``prices``;
  1 when no fixed prices are asked for; None (amount kept as printed) when the price year is unknown
  or outside the index;
- **phase-in share** (:func:`phase`): an override's per cent; else the initiative's printed yearly
  gains ÷ its full-year effect, shifted so the first gain year is ``start`` (a year missing
  inside the profile keeps the year before it; after the profile, the full effect); else 100 %.

A prudent estimate multiplies by the realisation rate observed in the initiative's sector
(:func:`prudence`), at most 100 %. Year cells are rounded to :data:`DECIMALS` decimals and the
totals add the rounded cells, so a budget table's rows add up to its total row."""
from __future__ import annotations

from dataclasses import dataclass

from app.planner.params import N_YEARS, PlanParams, Target
from etl.reference import Municipality, PlIndex, Populations

DECIMALS = 1
FEW_CASES = 5  # a realisation rate resting on fewer initiatives is flagged


@dataclass(frozen=True)
class Initiative:
    """What the plan needs to know of one initiative (app.planner.data reads it)."""

    initiative_id: str
    title: str
    municipality: str | None  # as stored: several joined with ", "
    municipalities: tuple[str, ...]
    sectors: tuple[str, ...]  # canonical sectors
    expected_tkr: float | None
    realised_tkr: float | None
    gains: tuple[tuple[int, float], ...]  # printed expected gain per year, ascending years
    price_year: int | None  # the price level of its amounts
    price_basis: str  # 'price_level' (printed) | 'published' (assumed: the document's year) | 'unknown'
    file_name: str


@dataclass(frozen=True)
class Scaling:
    factor: float | None  # None: not scaled (see reason)
    reason: str  # 'scaled' | 'own' | 'no_home' | 'no_origin' | 'several' | 'unknown_population'
    origin: Municipality | None = None
    home: Municipality | None = None


@dataclass(frozen=True)
class Phase:
    shares: tuple[float, ...]  # fraction of the full-year effect in each plan year
    basis: str  # 'override' | 'source' | 'full'
    first_year: int | None = None  # the source's first gain year (basis 'source')


@dataclass(frozen=True)
class Rate:
    """Realised ÷ expected over the ``n`` initiatives with both figures."""

    n: int
    expected_tkr: float
    realised_tkr: float

    @property
    def rate(self) -> float | None:
        return self.realised_tkr / self.expected_tkr if self.n and self.expected_tkr else None


@dataclass(frozen=True)
class Prudence:
    applied: float | None  # the factor used: min(observed rate, 1); None = no rate known
    rate: Rate | None
    basis: str  # 'sector' | 'overall' | 'none'
    sector: str | None = None

    @property
    def few(self) -> bool:
        return self.rate is not None and self.rate.n < FEW_CASES


@dataclass(frozen=True)
class Line:
    initiative: Initiative
    scaling: Scaling
    price: float | None  # the price factor applied (None: amount kept in its printed prices)
    price_reason: str  # 'as_printed' | 'converted' | 'no_price_year' | 'outside_index'
    phase: Phase
    full_tkr: float | None  # printed × scaling × price factor: what the years are shares of
    years: tuple[float | None, ...]
    prudence: Prudence | None
    prudent_years: tuple[float | None, ...]


@dataclass(frozen=True)
class Plan:
    years: tuple[int, ...]
    lines: tuple[Line, ...]
    totals: tuple[float, ...]
    targets: tuple[float | None, ...]
    prudent_totals: tuple[float, ...] | None

    @property
    def remaining(self) -> tuple[float | None, ...]:
        """Target − total per year: what is still missing; negative = the target is exceeded."""
        return tuple(None if t is None else round(t - s, DECIMALS) for t, s in zip(self.targets, self.totals))

    @property
    def n_unknown(self) -> int:
        """Initiatives without a full-year effect: not in the totals."""
        return sum(1 for ln in self.lines if ln.full_tkr is None)


def scaling(municipalities: tuple[str, ...], home: Municipality | None, pops: Populations) -> Scaling:
    if home is None:
        return Scaling(None, "no_home")
    if not municipalities:
        return Scaling(None, "no_origin", home=home)
    if len(municipalities) > 1:
        return Scaling(None, "several", home=home)
    origin = pops.lookup(municipalities[0])
    if origin is None:
        return Scaling(None, "unknown_population", home=home)
    if origin.code == home.code:
        return Scaling(1.0, "own", origin, home)
    return Scaling(home.population / origin.population, "scaled", origin, home)


def price_factor(price_year: int | None, prices: int | None, pl: PlIndex) -> tuple[float | None, str]:
    """(factor, reason): 1 when ``prices`` is None; None when the amounts' year is unknown or the
    index does not reach it."""
    if prices is None:
        return 1.0, "as_printed"
    if price_year is None:
        return None, "no_price_year"
    f = pl.factor(price_year, prices)
    return (f, "converted") if f is not None else (None, "outside_index")


def phase(expected_tkr: float | None, gains: tuple[tuple[int, float], ...],
          override: tuple[float, ...] | None) -> Phase:
    if override is not None:
        return Phase(tuple(p / 100 for p in override), "override")
    if not gains or not expected_tkr:
        return Phase((1.0,) * N_YEARS, "full")
    first = gains[0][0]
    by_offset = {year - first: amount for year, amount in gains}
    last_offset = max(by_offset)
    shares = []
    current = 0.0
    for k in range(N_YEARS):
        if k in by_offset:
            current = by_offset[k] / expected_tkr
        elif k > last_offset:
            current = 1.0
        shares.append(current)
    return Phase(tuple(shares), "source", first)


def prudence(sectors: tuple[str, ...], by_sector: dict[str, Rate], overall: Rate) -> Prudence:
    """The rate of the initiative's sector with the most cases (ties: the first in name order),
    else the rate over all sectors, else none."""
    known = [(by_sector[s].n, s) for s in sorted(sectors) if s in by_sector and by_sector[s].rate is not None]
    if known:
        n, sector = max(known, key=lambda x: x[0])
        r = by_sector[sector]
        return Prudence(min(r.rate or 0.0, 1.0), r, "sector", sector)
    if overall.rate is not None:
        return Prudence(min(overall.rate, 1.0), overall, "overall")
    return Prudence(None, None, "none")


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, DECIMALS) + 0.0  # + 0.0: no "-0.0" in a table


def line(ini: Initiative, p: PlanParams, home: Municipality | None, pops: Populations, pl: PlIndex,
         by_sector: dict[str, Rate] | None = None, overall: Rate | None = None) -> Line:
    sc = scaling(ini.municipalities, home, pops)
    price, price_reason = price_factor(ini.price_year, p.prices, pl)
    ph = phase(ini.expected_tkr, ini.gains, p.phase_of(ini.initiative_id))
    full = None if ini.expected_tkr is None else ini.expected_tkr * (sc.factor or 1.0) * (price or 1.0)
    years = tuple(None if full is None else _round(full * s) for s in ph.shares)
    pr = prudence(ini.sectors, by_sector or {}, overall or Rate(0, 0.0, 0.0)) if p.prudent else None
    prudent_years: tuple[float | None, ...] = ()
    if pr is not None:
        prudent_years = tuple(None if y is None or pr.applied is None else _round(y * pr.applied) for y in years)
    return Line(ini, sc, price, price_reason, ph, _round(full), years, pr, prudent_years)


def _totals(rows: list[tuple[float | None, ...]]) -> tuple[float, ...]:
    return tuple(round(sum(v for v in col if v is not None), DECIMALS) + 0.0 for col in zip(*rows)) \
        if rows else (0.0,) * N_YEARS


def plan(initiatives: list[Initiative], p: PlanParams, pops: Populations, pl: PlIndex,
         target: Target | None = None, by_sector: dict[str, Rate] | None = None,
         overall: Rate | None = None) -> Plan:
    """The whole plan, initiatives in the order given. ``target`` is the staircase in force
    (``p.target``, or the one a source's reduction targets give)."""
    home = pops.lookup(p.home) if p.home else None
    lines = tuple(line(i, p, home, pops, pl, by_sector, overall) for i in initiatives)
    totals = _totals([ln.years for ln in lines])
    prudent = _totals([ln.prudent_years for ln in lines]) if p.prudent else None
    targets = tuple(None if target is None else target.for_year(y) for y in p.years)
    return Plan(p.years, lines, totals, targets, prudent)
