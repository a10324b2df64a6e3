"""The explorer's detail card: each figure beside the text it was read from; unknown is said,
never shown as 0 (app/detail_card.py, called directly)."""
from __future__ import annotations

import math

import pytest

from app import queries
from app.detail_card import figure_rows
from app.i18n import fmt_tkr, t

BASE = {"expected_tkr": 1000.0, "expected_text": "1.000", "expected_low_tkr": 1000.0, "expected_high_tkr": 1000.0,
        "realised_tkr": None, "realised_text": None, "implementation_cost_tkr": None,
        "implementation_cost_text": None, "full_phase_in_year": 2025, "full_phase_in_text": "2025",
        "adopted": True, "adopted_text": "Vedtaget", "status": None, "feasibility": None}


def rows(lang="da", **change) -> dict[str, tuple[str, str]]:
    return {r[""]: (r["value"], r["printed"]) for r in figure_rows({**BASE, **change}, lang)}


@pytest.mark.parametrize("change, label, want", [
    ({}, "expected", ("1.000,0 t.kr.", t("detail_printed", text="1.000"))),
    ({}, "realised", (t("detail_unknown"), "")),  # NULL is unknown, not 0
    ({"realised_tkr": math.nan}, "realised", (t("detail_unknown"), "")),  # as pandas hands a NULL over
    ({}, "col_full_phase_in_year", ("2025", t("detail_printed", text="2025"))),
    ({"full_phase_in_year": None, "full_phase_in_text": None}, "col_full_phase_in_year", (t("detail_unknown"), "")),
    ({"adopted": False}, "col_adopted", (t("no"), t("detail_printed", text="Vedtaget"))),
    ({"adopted": None}, "col_adopted", (t("detail_unknown"), t("detail_printed", text="Vedtaget"))),
    ({"expected_low_tkr": 500.0, "expected_high_tkr": 1500.0}, "expected_range", ("500,0 t.kr. – 1.500,0 t.kr.", "")),
    ({"status": "Gennemført"}, "col_status", ("Gennemført", "")),
])
def test_figure_rows(change, label, want):
    assert rows(**change)[t(label)] == want


def test_no_range_row_for_a_single_figure_and_no_status_row_without_status():
    got = rows()
    assert t("expected_range") not in got and t("col_status") not in got and t("detail_feasibility") not in got


def test_figure_rows_of_a_real_initiative_in_english(app_con):
    ini = queries.initiative_detail(app_con, "i07")["initiative"].iloc[0]
    got = {r[""]: r for r in figure_rows(ini, "en")}
    assert got[t("expected", "en")]["value"] == fmt_tkr(3000.0, "en", 1)
    assert got[t("realised", "en")]["printed"] == t("detail_printed", "en", text="3,3 mio. kr.")
