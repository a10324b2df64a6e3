"""The planner's candidate list (app.planner.data.candidates): each order against the same list
computed in plain Python from the facets, page by page — the effect per inhabitant only for an
initiative from one municipality with a known population, unknown figures last, ties by id."""
from __future__ import annotations

import math

import pytest

from app.filters import Filters
from app.planner import data

#: Populations the test hands the query (a municipality not listed has no known population).
POPULATIONS = {"Aarhus": 350_000, "Odense": 200_000, "København": 650_000}


def oracle(con, f: Filters, sort: str) -> list[tuple]:
    """Every kept initiative as (id, per inhabitant, realisation), in the order the planner promises."""
    ids = set(data.candidates(con, f, tuple(POPULATIONS), tuple(POPULATIONS.values()), sort, 10**6, 0)
              ["initiative_id"])  # which rows the filter keeps is the filters' test, not this one's
    rows = []
    for iid, doc, expected, realised, munis in con.execute(
            "SELECT initiative_id, doc, expected_tkr, realised_tkr, municipalities FROM initiative_facets").fetchall():
        if iid not in ids:
            continue
        pop = POPULATIONS.get(munis[0]) if munis and len(munis) == 1 else None
        per = expected * 1000 / pop if expected is not None and pop else None
        rate = realised / expected if realised is not None and expected else None
        key = {"expected": expected, "per_inhabitant": per, "realisation": rate}[sort]
        rows.append(((key is None, -(key or 0), doc), (iid, per, rate)))
    return [r for _, r in sorted(rows)]


def page(con, f: Filters, sort: str, limit: int, offset: int) -> list[tuple]:
    df = data.candidates(con, f, tuple(POPULATIONS), tuple(POPULATIONS.values()), sort, limit, offset)
    return [(r.initiative_id, None if r.kr_per_inhabitant != r.kr_per_inhabitant else r.kr_per_inhabitant,
             None if r.realisation != r.realisation else r.realisation) for r in df.itertuples()]


def close(a: list[tuple], b: list[tuple]) -> bool:
    return len(a) == len(b) and all(
        x[0] == y[0] and all((p is None and q is None) or (p is not None and q is not None and math.isclose(p, q))
                             for p, q in zip(x[1:], y[1:])) for x, y in zip(a, b))


@pytest.mark.parametrize("sort", ["expected", "per_inhabitant", "realisation"])
@pytest.mark.parametrize(("f", "limit", "offset"), [
    (Filters(), 20, 0),
    (Filters(), 3, 3),  # a later page
    (Filters(municipality=("Aarhus",)), 20, 0),
    (Filters(sector=("skole",)), 20, 0),
    (Filters(q="kommune"), 10, 0),
], ids=repr)
def test_candidates_in_the_promised_order(app_con, f, sort, limit, offset):
    want = oracle(app_con, f, sort)[offset:offset + limit]
    got = page(app_con, f, sort, limit, offset)
    assert want, "the filter keeps nothing: the test would prove nothing"
    assert close(got, want)


def test_per_inhabitant_is_known_only_for_one_listed_municipality(app_con):
    rows = oracle(app_con, Filters(), "per_inhabitant")
    assert any(per is not None for _, per, _ in rows)
    assert any(per is None for _, per, _ in rows)
