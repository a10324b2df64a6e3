"""Charts that cannot be misread (app/figures.py, called directly): a money bar is labelled with
its amount in the UI language, the number of initiatives behind it is in the hover with the
right plural form; the initiatives without a known year are a bar of their own and the
staircase says why it ends below the total; targets of different documents are never drawn
as one series."""
from __future__ import annotations

import pandas as pd
import pytest

from app import crossfilter, figures
from app.filters import Filters
from app.i18n import t

BY_YEAR = pd.DataFrame({"year": [2024, 2025, None], "expected_tkr": [1234.5, 188_300.0, 145_000.0],
                        "n": [1, 141, 145]})
SECTORS = pd.DataFrame({"sector": ["skole", None], "label_da": ["Skole", None], "label_en": ["School", None],
                        "n": [1, 12345], "expected_tkr": [5.0, 2_500_000.0]})


@pytest.mark.parametrize("lang, labels, hovers", [
    ("da", ["1,2", "188,3"], ["1 initiativ", "141 initiativer"]),
    ("en", ["1.2", "188.3"], ["1 initiative", "141 initiatives"]),
])
def test_year_bars_show_their_amount_and_count_in_the_hover(lang, labels, hovers):
    bar = figures.by_year(BY_YEAR, lang).data[0]
    assert list(bar.text) == labels and bar.texttemplate == "%{text}"  # the amount, not the count
    assert list(bar.hovertext) == hovers and "%{hovertext}" in bar.hovertemplate


@pytest.mark.parametrize("lang, labels, hovers", [
    ("da", ["2.500,0", "0,0"], ["12.345 initiativer", "1 initiativ"]),
    ("en", ["2,500.0", "0.0"], ["12,345 initiatives", "1 initiative"]),
])
def test_sector_bars_show_their_amount_and_count_in_the_hover(lang, labels, hovers):
    bar = figures.by_sector(SECTORS, lang).data[0]  # drawn bottom-up: the last sector first
    assert list(bar.text) == labels and list(bar.hovertext) == hovers


@pytest.mark.parametrize("present, wide, angle", [(False, False, -90), (False, True, 0), (True, False, 0)])
def test_year_labels_are_upright_only_where_the_bars_are_narrow(present, wide, angle):
    """Side by side on the overview a bar is narrower than "188,3"; at the page's width (the
    phase-in page, presenting) the amounts read horizontally."""
    assert {bar.textangle for bar in figures.by_year(BY_YEAR, "da", present, wide=wide).data} == {angle}


def test_initiatives_without_a_year_are_a_grey_bar_of_their_own_that_filters_nothing():
    fig = figures.by_year(BY_YEAR, "da")
    known, unknown = fig.data
    assert list(unknown.x) == [t("no_year_bar")] and list(unknown.text) == ["145,0"]
    assert list(unknown.hovertext) == ["145 initiativer"]
    # the bars together are the total of the key figure
    assert sum(known.y) + sum(unknown.y) == pytest.approx(BY_YEAR["expected_tkr"].sum() / 1000)
    assert crossfilter.apply(Filters(), {"selection": {"points": [{"customdata": unknown.customdata[0]}]}}) \
        == Filters()
    assert len(figures.by_year(BY_YEAR[BY_YEAR["year"].notna()], "da").data) == 1  # none: no such bar


@pytest.mark.parametrize("lang, want", [
    ("da", "Trappen ender ved 189,5 mio. kr., totalen er 334,5 mio. kr.: forskellen er 145,0 mio. kr. fra "
           "145 initiativer uden kendt indfasningsår."),
    ("en", "The staircase ends at 189.5 DKK m, the total is 334.5 DKK m: the difference is 145.0 DKK m from "
           "145 initiatives without a known phase-in year."),
])
def test_the_staircase_says_why_it_ends_below_the_total(lang, want):
    stairs = pd.DataFrame({"year": [2024, 2025], "cumulative_tkr": [1234.5, 189_534.5], "cumulative_n": [1, 142]})
    assert figures.staircase_note(BY_YEAR, stairs, lang) == want
    assert figures.staircase_note(BY_YEAR[BY_YEAR["year"].notna()], stairs, lang) is None


def test_one_initiative_without_a_year_is_counted_in_the_singular():
    one = pd.DataFrame({"year": [2024, None], "expected_tkr": [10.0, 5.0], "n": [1, 1]})
    stairs = pd.DataFrame({"year": [2024], "cumulative_tkr": [10.0], "cumulative_n": [1]})
    assert "fra 1 initiativ uden" in figures.staircase_note(one, stairs, "da")
    assert "from 1 initiative without" in figures.staircase_note(one, stairs, "en")


TARGETS = pd.DataFrame({
    "source_id": ["plan", "plan", "plan", "minutes"], "year": [2021, 2022, 2021, 2013],
    "kind": ["reduction_target", "reduction_target", "net_outstanding", "requirement"],
    "amount_tkr": [4000.0, 8000.0, 3000.0, 13000.0]})


@pytest.mark.parametrize("source, names", [
    ("plan", [t("kind_reduction_target"), t("kind_net_outstanding"), t("plan_gains")]),
    ("minutes", [t("kind_requirement")]),
])
def test_a_documents_targets_are_drawn_alone(source, names):
    plan = pd.DataFrame({"source_id": ["plan"], "year": [2022], "kind": ["expected"], "amount_tkr": [977.0],
                         "n": [1]})
    rows = TARGETS[TARGETS["source_id"] == source]
    fig = figures.targets(rows, plan[plan["source_id"] == source], "da")
    assert [trace.name for trace in fig.data] == names
    years = {int(x) for trace in fig.data for x in trace.x}
    assert years == set(rows["year"]) | ({2022} if source == "plan" else set())


def test_realisation_bars_show_the_rate_and_count_what_it_rests_on():
    df = pd.DataFrame({"sector": ["skole"], "label_da": ["Skole"], "label_en": ["School"], "rate": [0.873],
                       "n_both": [1]})
    bar = figures.realisation_rate(df, "da").data[0]
    assert list(bar.text) == ["87 %"] and list(bar.hovertext) == ["1 initiativ med begge tal"]


def test_figures_carry_no_title_that_plotly_would_cut_off():
    """Titles are headings above the charts (app.page.chart), which wrap in a narrow column."""
    for fig in (figures.by_year(BY_YEAR, "da"), figures.by_sector(SECTORS, "da"),
                figures.targets(TARGETS, None, "da")):
        assert not fig.layout.title.text
