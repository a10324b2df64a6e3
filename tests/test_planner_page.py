"""The /planner page in Streamlit's AppTest against the test database: a plan from the URL, one-click
add and remove writing the URL, bad parameters as notices, the plan kept across pages."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import t
from bench.pages import switch_page
from etl.core.numbers import parse_danish_number

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def planner(app_db_path, monkeypatch):
    monkeypatch.setenv("SAVINGS_DB", str(app_db_path))

    def make(**params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params = params
        at.run()
        switch_page(at, "/planner").run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return make


def budget(at, lang="da"):
    """The budget table as shown (amounts are text in the UI language: '3.000', '1.234,5')."""
    return next(d.value for d in at.dataframe if "initiative_id" in getattr(d.value, "columns", []) and
                t("bt_title", lang) in d.value.columns)


def numbers(column) -> list[float | None]:
    return [None if v is None else parse_danish_number(v) for v in column]


def plan_of(at) -> list[str]:
    qp = at.query_params.get("plan", [])
    return [qp] if isinstance(qp, str) else list(qp)


def test_plan_from_the_url(planner):
    at = planner(plan=["i07", "i10"], start="2027", target="5000")
    df = budget(at)
    assert list(df["initiative_id"]) == ["i07", "i10", "", "", ""]
    assert list(df[t("bt_title")].iloc[-3:]) == [t("bt_total"), t("bt_target"), t("bt_remaining")]
    # i07: 3.000 every year; i10: 1.000/3.000/5.000/5.000 of 5.000 (its printed gains shifted to 2027)
    assert numbers(df["2027"].iloc[:3]) == [3000.0, 1000.0, 4000.0]
    assert numbers(df["2030"].iloc[:3]) == [3000.0, 5000.0, 8000.0]
    assert numbers(df["2027"].iloc[-1:]) == [1000.0] and numbers(df["2030"].iloc[-1:]) == [-3000.0]
    assert plan_of(at) == ["i07", "i10"]
    assert not at.warning


def test_bad_parameters_give_notices(planner):
    at = planner(plan=["i07", "nope"], target="abc", start="-5", home="x" * 10_000, prudent="kanske")
    texts = " ".join(w.value for w in at.warning)
    assert "nope" in texts and "abc" in texts and "-5" in texts and "kanske" in texts
    assert t("notice_too_long", param="home", value="")[:5] in texts
    assert list(budget(at)["initiative_id"])[:1] == ["i07"]
    assert plan_of(at) == ["i07"]  # the address keeps what was used


def test_add_and_remove_with_one_click(planner):
    at = planner(start="2027")
    assert not [d for d in at.dataframe if "initiative_id" in getattr(d.value, "columns", [])]
    add = next(b for b in at.button if b.key and b.key.startswith("pl_add_"))
    iid = add.key.removeprefix("pl_add_")
    add.click().run()
    assert not at.exception
    assert plan_of(at) == [iid]
    assert list(budget(at)["initiative_id"])[0] == iid
    at.button(key=f"pl_plan_rm_{iid}").click().run()
    assert plan_of(at) == []


def test_english_headers(planner):
    at = planner(plan=["i07"], start="2030", lang="en", target="2030:1000")
    df = budget(at, "en")
    assert list(df.columns[6:10]) == ["2030", "2031", "2032", "2033"]
    assert list(df[t("bt_title", "en")].iloc[-3:]) == ["Total", "Target", "Remaining"]


def test_settings_write_the_url(planner):
    at = planner(plan=["i07"], start="2027")
    at.selectbox(key="pl_home").set_value("Odense").run()
    at.number_input(key="pl_start").set_value(2028).run()
    at.text_input(key="pl_target").set_value("2028:1000,2029:2000").run()
    at.toggle(key="pl_prudent").set_value(True).run()
    assert not at.exception
    qp = at.query_params
    assert (qp["home"], qp["start"], qp["target"], qp["prudent"]) == ("Odense", "2028", "2028:1000,2029:2000", "1")
    assert list(budget(at).columns[6:10]) == ["2028", "2029", "2030", "2031"]


def test_the_plan_follows_to_other_pages_without_notices(planner):
    at = planner(plan=["i07"], start="2027")
    switch_page(at, "/explorer").run()
    assert not at.exception and not at.warning
    assert plan_of(at) == ["i07"]
    switch_page(at, "/planner").run()
    assert list(budget(at)["initiative_id"])[0] == "i07"


def test_other_pages_say_where_fixed_prices_apply(planner):
    at = planner(plan=["i07"], start="2027", prices="2024")
    switch_page(at, "/sectors").run()
    assert not at.exception
    assert t("pl_prices_elsewhere", year="2024") in [c.value for c in at.caption]
