"""Cross-filtering: a plotly selection event becomes new Filters."""
import pandas as pd

from app import crossfilter, figures
from app.filters import Filters


def event(*customdata):
    return {"selection": {"points": [{"x": 1, "y": 2, "customdata": c} for c in customdata],
                          "point_indices": list(range(len(customdata))), "box": [], "lasso": []}}


def test_click_on_year_bar_sets_year_range():
    f = crossfilter.apply(Filters(sector=("skole",)), event("year:2025"))
    assert (f.year_from, f.year_to, f.sector) == (2025, 2025, ("skole",))


def test_several_years_become_a_range():
    f = crossfilter.apply(Filters(), event("year:2024", "year:2021", "year:2023"))
    assert (f.year_from, f.year_to) == (2021, 2024)


def test_click_on_sector_replaces_sector_choice_and_keeps_others():
    base = Filters(sector=("dagtilbud",), adopted=True, lang="en")
    f = crossfilter.apply(base, event(["sector:skole"]))  # customdata may arrive as a list
    assert f.sector == ("skole",) and f.adopted is True and f.lang == "en"


def test_empty_or_foreign_selection_changes_nothing():
    base = Filters(q="x")
    for ev in (None, {}, {"selection": {"points": []}}, event("initiative:i01"), event(None), event("year:abc"),
               event("year:1066")):
        assert crossfilter.apply(base, ev) == base


def test_figures_carry_the_tokens_crossfilter_reads():
    df = pd.DataFrame({"year": [2024, 2025, None], "expected_tkr": [1.0, 2.0, 3.0], "n": [1, 2, 1]})
    fig = figures.by_year(df, "da")
    f = crossfilter.apply(Filters(), event(fig.data[0].customdata[1]))
    assert (f.year_from, f.year_to) == (2025, 2025)
    sec = pd.DataFrame({"sector": ["skole", None], "label_da": ["Skole", None], "label_en": ["School", None],
                        "n": [2, 1], "expected_tkr": [5.0, 1.0]})
    fig = figures.by_sector(sec, "en")
    tokens = list(fig.data[0].customdata)
    assert "sector:skole" in tokens
    assert crossfilter.apply(Filters(), event("sector:")) == Filters()  # the "no sector" bar


def test_separators_follow_language():
    df = pd.DataFrame({"year": [2024], "expected_tkr": [1234.5], "n": [1]})
    assert figures.by_year(df, "da").layout.separators == ",."
    assert figures.by_year(df, "en").layout.separators == ".,"
