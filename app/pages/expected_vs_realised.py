"""/expected-vs-realised — realised against expected where both are known, and the
realisation rate per sector with the number of initiatives it rests on."""
from __future__ import annotations

import streamlit as st

from app import figures, queries, summary, tables
from app.i18n import fmt_mio, fmt_num, fmt_pct, tn
from app.page import Ctx, chart, empty

#: Points drawn in the scatter at most (the largest expected first).
POINTS_LIMIT = 2000


def render(c: Ctx) -> None:
    st.title(c.t("page_evr"))
    es = c.query(summary.evr_summary)  # one scan for the counts and the rates per sector
    counts = summary.evr_counts_from(es).iloc[0]
    total = sum(int(counts[k]) for k in ("n_both", "n_expected_only", "n_realised_only", "n_neither"))
    if total == 0:
        empty(c)
        return
    st.caption(c.t("evr_intro"))
    m = st.columns(5)  # key figures side by side, also when presenting (one per row filled the projector)
    m[0].metric(c.t("evr_both"), fmt_num(int(counts["n_both"]), c.lang, 0), border=True)
    m[1].metric(c.t("evr_expected_only"), fmt_num(int(counts["n_expected_only"]), c.lang, 0), border=True)
    m[2].metric(c.t("evr_realised_only"), fmt_num(int(counts["n_realised_only"]), c.lang, 0), border=True)
    m[3].metric(c.t("evr_neither"), fmt_num(int(counts["n_neither"]), c.lang, 0), border=True)
    rate = (counts["realised_both_tkr"] / counts["expected_both_tkr"]
            if int(counts["n_both"]) and counts["expected_both_tkr"] else None)
    m[4].metric(c.t("evr_rate"), fmt_pct(rate, c.lang), border=True, help=c.t("evr_rate_help"))

    if int(counts["n_both"]) == 0:
        st.info(c.t("empty_chart"), icon=":material/info:")
        return
    points = c.query(queries.evr_points, POINTS_LIMIT)
    if int(counts["n_both"]) > len(points):
        st.caption(tn("evr_sample", int(counts["n_both"]), c.lang, shown=fmt_num(len(points), c.lang, 0)))
    chart(figures.expected_vs_realised(points, c.lang, c.present), "evr_scatter", c.t("chart_evr"), clickable=False)
    st.caption(f"{c.t('evr_expected_both')}: {fmt_mio(counts['expected_both_tkr'], c.lang)} · "
               f"{c.t('evr_realised_both')}: {fmt_mio(counts['realised_both_tkr'], c.lang)}")

    rates = summary.realisation_from(es, c.sectors)
    st.caption(c.t("click_hint"))
    chart(figures.realisation_rate(rates, c.lang, c.present), "evr_rate", c.t("chart_rate"))
    table = rates.assign(label=[figures.sector_label(r, c.lang) for r in rates.to_dict("records")])
    st.caption(c.t("evr_table_note"))
    tables.show(table, c.lang, "evr_table", {
        "label": "col_sector", "rate": "col_rate", "n_both": "col_n_both", "expected_both_tkr": "col_expected_both",
        "realised_both_tkr": "col_realised_both", "n_expected_only": "col_n_expected_only",
        "n_realised_only": "col_n_realised_only"},
        totals=("expected_both_tkr", "realised_both_tkr"), shares=("rate",),
        counts=("n_both", "n_expected_only", "n_realised_only"))
