"""The planner's arithmetic (app.planner.compute): scaling, phase-in shifting, fixed prices,
prudence and the plan's totals against a target, each with expectations computed by hand.

The populations and the PL index are small made-up tables so every expected number can be
checked with pencil and paper (the comment beside each row shows the sum)."""
from __future__ import annotations

import datetime as dt

import pytest

from app.planner import compute
from app.planner.compute import Initiative, Rate
from app.planner.params import PlanParams, Target
from etl.reference import Municipality, PlIndex, Populations

D = dt.date(2024, 1, 1)
POPS = Populations((
    Municipality("Aby", "901", "Region X", 50_000, D, "test"),
    Municipality("Bby", "902", "Region X", 100_000, D, "test"),
    Municipality("Cby", "903", "Region Y", 25_000, D, "test"),
    Municipality("Nordfyns", "480", "Region Y", 30_000, D, "test"),
), "test")
# growth 2021: 2 %, 2022: 10 %, 2023: 5 %  → price years 2020 … 2023 can be expressed
PL = PlIndex({2021: 2.0, 2022: 10.0, 2023: 5.0}, {}, "test index", "test")


def ini(iid="x", munis=("Aby",), expected=1000.0, gains=(), price_year=2021, sectors=()) -> Initiative:
    return Initiative(iid, f"Initiativ {iid}", ", ".join(munis) or None, tuple(munis), tuple(sectors), expected,
                      None, tuple(gains), price_year, "published" if price_year else "unknown", "doc.txt")


@pytest.mark.parametrize("munis, home, factor, reason", [
    (("Aby",), "Bby", 2.0, "scaled"),                  # 100.000 / 50.000
    (("Bby",), "Aby", 0.5, "scaled"),                  # 50.000 / 100.000
    (("Cby",), "Bby", 4.0, "scaled"),                  # 100.000 / 25.000
    (("Aby",), "Aby", 1.0, "own"),
    (("Nordfyn",), "Aby", 50_000 / 30_000, "scaled"),  # the name without its genitive s is the same municipality
    (("Aby", "Bby"), "Cby", None, "several"),
    ((), "Aby", None, "no_origin"),
    (("Atlantis",), "Aby", None, "unknown_population"),
    (("Aby",), None, None, "no_home"),
])
def test_scaling(munis, home, factor, reason):
    s = compute.scaling(munis, POPS.lookup(home) if home else None, POPS)
    assert s.reason == reason
    assert s.factor == (pytest.approx(factor) if factor is not None else None)


@pytest.mark.parametrize("expected, gains, override, shares, basis", [
    # no profile, no override: the full effect in every plan year
    (1000, (), None, (1, 1, 1, 1), "full"),
    # a four-year profile, shifted so 2016 is the first plan year: 500/7500, 2900/7500, 5500/7500, 7500/7500
    (7500, ((2016, 500), (2017, 2900), (2018, 5500), (2019, 7500)), None,
     (500 / 7500, 2900 / 7500, 5500 / 7500, 1.0), "source"),
    # one printed year at half the effect: then the full effect after the profile ends
    (1000, ((2016, 500),), None, (0.5, 1, 1, 1), "source"),
    # a gap inside the profile keeps the year before it: 2014 → 3000 also in 2015-2017 (2018 is beyond the plan)
    (9000, ((2014, 3000), (2018, 9000)), None, (1 / 3, 1 / 3, 1 / 3, 1 / 3), "source"),
    # a gap of one year inside a profile that ends within the plan
    (1000, ((2020, 200), (2022, 600)), None, (0.2, 0.2, 0.6, 1.0), "source"),
    # the override wins over the source's profile
    (1000, ((2016, 500), (2017, 1000)), (25, 50, 100, 100), (0.25, 0.5, 1, 1), "override"),
    # no full-year effect: the profile cannot be expressed as shares
    (None, ((2016, 1750),), None, (1, 1, 1, 1), "full"),
])
def test_phase(expected, gains, override, shares, basis):
    ph = compute.phase(expected, gains, override)
    assert ph.basis == basis
    assert ph.shares == pytest.approx(shares)


@pytest.mark.parametrize("price_year, prices, factor, reason", [
    (2021, None, 1.0, "as_printed"),
    (2020, 2023, 1.02 * 1.10 * 1.05, "converted"),   # 1,1781
    (2021, 2023, 1.10 * 1.05, "converted"),          # 1,155
    (2023, 2021, 1 / (1.10 * 1.05), "converted"),    # back in time: divided
    (2022, 2022, 1.0, "converted"),
    (2019, 2023, None, "outside_index"),             # needs the growth of 2020
    (2021, 2024, None, "outside_index"),
    (None, 2023, None, "no_price_year"),
])
def test_price_factor(price_year, prices, factor, reason):
    f, why = compute.price_factor(price_year, prices, PL)
    assert why == reason
    assert f == (pytest.approx(factor) if factor is not None else None)


BY_SECTOR = {"skole": Rate(4, 1000.0, 800.0), "social": Rate(2, 1000.0, 1200.0), "aeldre": Rate(9, 900.0, 450.0)}
OVERALL = Rate(15, 2900.0, 2450.0)


@pytest.mark.parametrize("sectors, overall, applied, basis, sector, few", [
    (("skole",), OVERALL, 0.8, "sector", "skole", True),          # 800/1000 from 4 cases (< 5: few)
    (("social",), OVERALL, 1.0, "sector", "social", True),        # 1200/1000 = 1.2, capped at 100 %
    (("aeldre",), OVERALL, 0.5, "sector", "aeldre", False),       # 450/900 from 9 cases
    (("skole", "aeldre"), OVERALL, 0.5, "sector", "aeldre", False),  # the sector with more cases
    (("dagtilbud",), OVERALL, 2450 / 2900, "overall", None, False),  # no cases in its sector: all sectors
    ((), OVERALL, 2450 / 2900, "overall", None, False),
    ((), Rate(0, 0.0, 0.0), None, "none", None, False),
])
def test_prudence(sectors, overall, applied, basis, sector, few):
    pr = compute.prudence(sectors, BY_SECTOR, overall)
    assert (pr.basis, pr.sector, pr.few) == (basis, sector, few)
    assert pr.applied == (pytest.approx(applied) if applied is not None else None)


def test_one_line_scaled_priced_and_phased():
    """1.000 t.kr. from Aby (50.000) to Bby (100.000): × 2; 2021 prices to 2023: × 1,155;
    printed gains 2016: 250, 2017: 1000 → 25 %, 100 %, 100 %, 100 %.
    Full effect 1.000 × 2 × 1,155 = 2.310; years 577,5 / 2.310 / 2.310 / 2.310."""
    p = PlanParams(plan=("x",), start=2027, home="Bby", prices=2023)
    ln = compute.line(ini(gains=((2016, 250.0), (2017, 1000.0))), p, POPS.lookup("Bby"), POPS, PL)
    assert ln.full_tkr == 2310.0
    assert ln.years == (577.5, 2310.0, 2310.0, 2310.0)


def test_plan_totals_target_and_remaining():
    """Two initiatives, unscaled, as printed: 1.000 full from the first year, and 600 with the
    override 50/100/100/100. Totals 1.300, 1.600, 1.600, 1.600. Staircase target 2027: 1.500,
    2029: 1.000 → 1.500, 1.500, 1.000, 1.000. Remaining 200, −100, −600, −600 (negative: exceeded)."""
    p = PlanParams(plan=("a", "b"), start=2027, phase=(("b", (50.0, 100.0, 100.0, 100.0)),))
    target = Target(steps=((2027, 1500.0), (2029, 1000.0)))
    plan = compute.plan([ini("a"), ini("b", expected=600.0)], p, POPS, PL, target)
    assert plan.years == (2027, 2028, 2029, 2030)
    assert plan.totals == (1300.0, 1600.0, 1600.0, 1600.0)
    assert plan.targets == (1500.0, 1500.0, 1000.0, 1000.0)
    assert plan.remaining == (200.0, -100.0, -600.0, -600.0)
    assert plan.prudent_totals is None


def test_unknown_amount_is_not_counted_as_zero():
    p = PlanParams(plan=("a", "b"), start=2027)
    plan = compute.plan([ini("a"), ini("b", expected=None)], p, POPS, PL)
    assert plan.lines[1].years == (None, None, None, None)
    assert plan.totals == (1000.0, 1000.0, 1000.0, 1000.0)
    assert plan.n_unknown == 1


def test_rows_add_up_to_the_total_after_rounding():
    """Three thirds of 100 t.kr. (33,3 each after rounding): the total is 99,9, the sum of the cells
    a reader sees, not 100."""
    p = PlanParams(plan=("a", "b", "c"), start=2027, home="Bby")
    plan = compute.plan([ini(i, munis=("Aby",), expected=100 / 6) for i in "abc"], p, POPS, PL)
    assert plan.lines[0].years[0] == 33.3
    assert plan.totals[0] == 99.9


def test_prudent_totals():
    """1.000 t.kr. in 'skole' (rate 0,8) and 1.000 in 'social' (1,2 → capped 1,0): 1.800 a year."""
    p = PlanParams(plan=("a", "b"), start=2027, prudent=True)
    plan = compute.plan([ini("a", sectors=("skole",)), ini("b", sectors=("social",))], p, POPS, PL,
                        by_sector=BY_SECTOR, overall=OVERALL)
    assert plan.totals == (2000.0,) * 4
    assert plan.prudent_totals == (1800.0,) * 4
