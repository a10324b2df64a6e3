"""The planner's URL parameters (contract §4): what each form means, and that bad input of any
kind gives a notice and is ignored, never an exception."""
from __future__ import annotations

import datetime as dt

import pytest

from app.filters import PAGE_PARAMS, from_query_params
from app.planner import params
from app.planner.params import PlanParams, Target, check, parse, parse_phase, parse_target, to_query_params

TODAY = dt.date(2026, 5, 1)


def test_the_filters_know_the_planner_parameters():
    """The shared URL parser does not call the planner's parameters unknown."""
    assert set(PAGE_PARAMS) == set(params.PARAMS)
    _, notices = from_query_params(dict.fromkeys(PAGE_PARAMS, "1"))
    assert not [n for n in notices if n.reason == "unknown_param"]


@pytest.mark.parametrize("text, target", [
    ("5000", Target(flat=5000.0)),
    ("5.000", Target(flat=5000.0)),                 # Danish thousands separator
    ("12,5", Target(flat=12.5)),                    # Danish decimal comma
    ("0", Target(flat=0.0)),
    ("2027:5000,2028:10000", Target(steps=((2027, 5000.0), (2028, 10000.0)))),
    (" 2028: 10.000 , 2027: 5.000 ", Target(steps=((2027, 5000.0), (2028, 10000.0)))),  # sorted, spaces
    ("abc", None),
    ("-5", None),                                   # a target is a saving: not negative
    ("5,000", None),                                # five thousand in English, five in Danish: refused
    ("2027:5000,2027:6000", None),                  # a year twice
    ("2027:", None),
    ("2027:5000,x", None),
    ("99999:5", None),                              # not a year
    ("1e3", None),
])
def test_parse_target(text, target):
    assert parse_target(text) == target


@pytest.mark.parametrize("year, amount", [(2026, None), (2027, 5000.0), (2028, 10000.0), (2031, 10000.0)])
def test_staircase_years(year, amount):
    """Before the first step no target; a year without its own step keeps the step before it."""
    assert Target(steps=((2027, 5000.0), (2028, 10000.0))).for_year(year) == amount


@pytest.mark.parametrize("text, parsed", [
    ("idb-1:25/50/100/100", ("idb-1", (25.0, 50.0, 100.0, 100.0))),
    ("idb-1:0/12,5/75/100", ("idb-1", (0.0, 12.5, 75.0, 100.0))),
    ("idb-1:25/50", ("idb-1", (25.0, 50.0, 100.0, 100.0))),   # the years after: full effect
    ("idb-1:150/100/100/100", None),                          # over 100 %
    ("idb-1:25/50/75/100/100", None),                         # five years
    ("idb-1:", None),
    (":25/50", None),
    ("idb-1", None),
    ("idb-1:a/b", None),
])
def test_parse_phase(text, parsed):
    assert parse_phase(text) == parsed


def test_defaults():
    p, notices = parse({}, TODAY)
    assert notices == []
    assert p == PlanParams(start=2027)
    assert p.years == (2027, 2028, 2029, 2030)
    assert to_query_params(p, TODAY) == {}


def test_round_trip():
    url = {"start": "2027", "plan": ["b", "a"], "target": "2027:5000,2028:10000", "target_source": "src1",
           "home": "Odense", "prices": "2024", "phase": ["a:25/50/100/100"], "prudent": "1"}
    p, notices = parse(url, TODAY)
    assert notices == []
    assert p.plan == ("b", "a")  # the order the user added them in
    assert to_query_params(p, TODAY) == url


@pytest.mark.parametrize("url, param, reason", [
    ({"start": "-2027"}, "start", "bad_year"),
    ({"start": "20x7"}, "start", "bad_year"),
    ({"start": "3000"}, "start", "bad_year"),
    ({"target": "abc"}, "target", "bad_target"),
    ({"prices": "nu"}, "prices", "bad_year"),
    ({"phase": "x:1/2/3/4/5"}, "phase", "bad_phase"),
    ({"prudent": "måske"}, "prudent", "bad_flag"),
    ({"plan": "x" * 10_000}, "plan", "too_long"),
    ({"target": "1" * 10_000}, "target", "too_long"),
    ({"home": "Ø" * 10_000}, "home", "too_long"),
    ({"phase": ["a:" + "1/" * 5000]}, "phase", "too_long"),
    ({"plan": [f"id{i}" for i in range(150)]}, "plan", "too_many"),
])
def test_bad_input_gives_a_notice_and_the_default(url, param, reason):
    p, notices = parse(url, TODAY)
    assert [(n.param, n.reason) for n in notices] == [(param, reason)]
    assert len(notices[0].value) <= 60  # what the page shows of the bad value stays short
    default = PlanParams(start=2027)
    if reason == "too_many":
        assert len(p.plan) == params.MAX_PLAN
    else:
        assert p == default


def test_plan_ids_may_also_come_comma_separated_and_repeat():
    p, _ = parse({"plan": ["a,b", "a", " c "]}, TODAY)
    assert p.plan == ("a", "b", "c")


def test_check_drops_what_the_data_does_not_know():
    p, _ = parse({"plan": ["a", "zzz", "b"], "phase": ["a:50", "zzz:50"], "target_source": "nope.txt",
                  "home": "Atlantis", "prices": "2030"}, TODAY)
    checked, notices = check(p, known_ids=lambda ids: {"a", "b"}, target_sources={"src1": "src1"},
                             home_name=lambda name: None, price_years=(2009, 2025))
    assert checked.plan == ("a", "b")
    assert checked.phase == (("a", (50.0, 100.0, 100.0, 100.0)),)
    assert (checked.target_source, checked.home, checked.prices) == (None, None, None)
    assert sorted((n.param, n.reason) for n in notices) == [
        ("home", "unknown_value"), ("phase", "phase_not_in_plan"), ("plan", "unknown_initiative"),
        ("prices", "prices_outside_index"), ("target_source", "unknown_target_source")]


def test_check_maps_names_to_their_canonical_form():
    p, _ = parse({"home": "Københavns Kommune", "target_source": "plan.txt"}, TODAY)
    checked, notices = check(p, known_ids=lambda ids: set(), target_sources={"plan.txt": "src1", "src1": "src1"},
                             home_name=lambda name: "København", price_years=(2009, 2025))
    assert notices == []
    assert (checked.home, checked.target_source) == ("København", "src1")
