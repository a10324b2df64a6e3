"""The budget table (contract §4) from the test database, end to end without Streamlit: the plan's
rows read from DuckDB, computed, tabled and written as CSV and XLSX. Every expected figure is
computed here from tests/appdb.py's rows and the shipped populations, never typed in."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from app import downloads
from app.planner import budget, compute, data
from app.planner.params import Target, parse
from etl.reference import read_municipalities, read_pl_index
from tests.appdb import GAINS, INITIATIVES, TARGETS

POPS, PL = read_municipalities(), read_pl_index()
SECTOR_LABELS = {"aeldre_sundhed": ("Ældre og sundhed", "Elderly and health"),
                 "social": ("Socialområdet", "Social"), "dagtilbud": ("Dagtilbud", "Day care")}
# i07: Vejle, 3.000, no yearly gains → full effect every year, scaled to Odense;
# i10: no municipality (recovery plan), 5.000, gains 1.000/3.000/5.000/5.000 → 20/60/100/100 %, not scaled;
# i06: Aalborg and Randers, 800 → not scaled (several municipalities), full effect
URL = {"plan": ["i07", "i10", "i06"], "start": "2027", "home": "Odense", "target": "2027:5000,2028:10000"}


def row(iid):
    return next(r for r in INITIATIVES if r[0] == iid)


def expected_years() -> dict[str, list[float]]:
    odense, vejle = POPS.lookup("Odense").population, POPS.lookup("Vejle").population
    i10 = [a for i, _, k, a in sorted(GAINS) if i == "i10" and k == "expected"]
    return {"i07": [round(row("i07")[5] * odense / vejle, 1)] * 4,
            "i10": [round(row("i10")[5] * a / row("i10")[5], 1) for a in i10],
            "i06": [row("i06")[5]] * 4}


@pytest.fixture()
def plan(app_con):
    p, notices = parse(URL)
    assert notices == []
    found = data.plan_initiatives(app_con, p.plan)
    inis = [found[i] for i in p.plan]
    return p, compute.plan(inis, p, POPS, PL, p.target)


def test_plan_years_from_the_database(plan):
    p, result = plan
    want = expected_years()
    assert [ln.initiative.initiative_id for ln in result.lines] == ["i07", "i10", "i06"]
    for ln in result.lines:
        assert list(ln.years) == pytest.approx(want[ln.initiative.initiative_id])
    assert [ln.scaling.reason for ln in result.lines] == ["scaled", "no_origin", "several"]
    totals = [round(sum(v[k] for v in want.values()), 1) for k in range(4)]
    assert list(result.totals) == pytest.approx(totals)
    assert list(result.remaining) == pytest.approx([5000 - totals[0]] + [10000 - t for t in totals[1:]])


@pytest.mark.parametrize("lang, total, target, remaining", [("da", "I alt", "Mål", "Mangler"),
                                                            ("en", "Total", "Target", "Remaining")])
def test_budget_csv(plan, lang, total, target, remaining):
    p, result = plan
    df = budget.table(result, p, lang, SECTOR_LABELS)
    raw = downloads.to_csv(df)
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    assert header[0] == "initiative_id"
    assert header[6:10] == ["2027", "2028", "2029", "2030"]
    assert len(header) == 11
    unit = "t.kr." if lang == "da" else "DKK k"
    assert unit in header[4] and unit in header[5]  # money headers carry their unit; the years are bare
    by_id = {r[0]: r for r in rows if r[0]}
    want = expected_years()
    for iid, years in want.items():
        assert [float(c.replace(",", ".")) for c in by_id[iid][6:10]] == pytest.approx(years)
    assert by_id["i07"][2] == "Vejle" and by_id["i07"][4] == "3000,0"
    summary = [r for r in rows if not r[0]]
    assert [r[1] for r in summary] == [total, target, remaining]
    totals = [float(c.replace(",", ".")) for c in summary[0][6:10]]
    assert totals == pytest.approx([round(sum(v[k] for v in want.values()), 1) for k in range(4)])
    assert [float(c.replace(",", ".")) for c in summary[1][6:10]] == [5000, 10000, 10000, 10000]
    assert [float(c.replace(",", ".")) for c in summary[2][6:10]] == pytest.approx(
        [round(tg - tt, 1) for tg, tt in zip([5000, 10000, 10000, 10000], totals)])


def test_no_target_no_target_rows(app_con):
    p, _ = parse({"plan": ["i07"], "start": "2027"})
    result = compute.plan(list(data.plan_initiatives(app_con, p.plan).values()), p, POPS, PL, None)
    df = budget.table(result, p, "da", SECTOR_LABELS)
    assert df.iloc[-1]["initiative_id"] == "" and df.iloc[-1]["Titel"] == "I alt"
    assert len(df) == 2


def test_target_from_a_source(app_con):
    """``target_source`` takes the source's reduction_target rows (2021-2024 in the test data):
    the last step holds in the later plan years."""
    steps = data.target_steps(app_con, "cccccccccccc")
    assert steps == tuple((y, a) for s, y, k, a, _ in TARGETS if k == "reduction_target")
    assert Target(steps=steps).for_year(2027) == steps[-1][1]


def test_xlsx_has_the_table_and_om_data(plan, tmp_path):
    p, result = plan
    df = budget.table(result, p, "da", SECTOR_LABELS)
    about = budget.about(result, p, "da", POPS, PL, "2027:5000,2028:10000", dt.date(2026, 11, 24))
    path = tmp_path / "plan.xlsx"
    path.write_bytes(downloads.to_xlsx(df, "Budget", {"Om data": about}))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Budget", "Om data"]
    assert wb["Budget"]["A1"].value == "initiative_id" and wb["Budget"]["G1"].value == "2027"
    facts = {r[0]: r[1] for r in wb["Om data"].iter_rows(min_row=2, values_only=True)}
    assert facts["Dannet"] == "2026-11-24"
    assert "Odense" in facts["Egen kommune"] and "FOLK1A" in facts["Egen kommune"]
    assert "Generel pris- og lønstigning" in facts["PL-indeks"]
    assert "tilnærmelse" in facts["Bemærk"]
    assert facts["Planens adresse"].startswith("/planner?start=2027&plan=i07&plan=i10&plan=i06")


def test_formula_like_titles_are_neutralised(app_con):
    """i03's title starts with '=': the CSV cell gets a leading apostrophe (app.downloads)."""
    p, _ = parse({"plan": ["i03"], "start": "2027"})
    result = compute.plan(list(data.plan_initiatives(app_con, p.plan).values()), p, POPS, PL, None)
    text = downloads.to_csv(budget.table(result, p, "da", SECTOR_LABELS)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0] == "i03" and rows[1][1].startswith("'=HYPERLINK")


def test_prices_convert_with_the_pl_index(app_con):
    """i07 (B17, published 2016) in 2024 prices: × the product of the growth 2017-2024."""
    p, _ = parse({"plan": ["i07"], "start": "2027", "prices": "2024"})
    result = compute.plan(list(data.plan_initiatives(app_con, p.plan).values()), p, POPS, PL, None)
    ln = result.lines[0]
    assert ln.price_reason == "converted" and ln.initiative.price_basis == "published"
    assert ln.years[0] == round(3000 * PL.factor(2016, 2024), 1)
    note = budget.note(ln, p, "da", SECTOR_LABELS)
    assert "2016-priser → 2024-priser" in note and "antaget" in note
