"""/ — key figures for the current filter and the three main charts, small."""
from __future__ import annotations

import streamlit as st

from app import figures, summary
from app.i18n import fmt_mio, fmt_num, fmt_pct, tn
from app.page import Ctx, chart, columns, empty, expected_help


def render(c: Ctx) -> None:
    st.title(c.t("app_title"))
    s = c.query(summary.summary)  # one scan: every figure of the page but the municipalities
    n = int(s["n"].sum())
    if n == 0:
        empty(c)
        return
    k = summary.kpis_from(s, c.query(summary.municipality_count)).iloc[0]

    # money first and wide enough for "1.234,5 mio. kr.", counts below; side by side also when presenting
    m3, m4 = st.columns(2)
    m3.metric(c.t("kpi_expected"), fmt_mio(k["expected_tkr"], c.lang), border=True, help=expected_help(c, k))
    m4.metric(c.t("kpi_realised"), fmt_mio(k["realised_tkr"], c.lang), border=True,
              help=c.t("kpi_realised_help", initiatives=tn("count_initiatives", int(k["n_realised"]), c.lang)))
    m1, m2, m5 = st.columns(3)
    m1.metric(c.t("kpi_initiatives"), fmt_num(n, c.lang, 0), border=True)
    m2.metric(c.t("kpi_municipalities"), fmt_num(int(k["n_municipalities"]), c.lang, 0), border=True)
    m5.metric(c.t("kpi_adopted"), fmt_pct(k["share_adopted"], c.lang), border=True,
              help=c.t("kpi_adopted_help", initiatives=tn("count_initiatives", int(k["n_adopted_known"]), c.lang)))

    st.caption(c.t("click_hint"))
    by_year = summary.gains_by_year_from(s)
    stairs = summary.staircase_from(by_year)
    # the two charts by year side by side (same years), the sectors below at full width: three
    # columns left about 270 px per chart at 1,280 px, too little for sector names and year labels
    g1, g2 = columns(c, 2)
    with g1:
        chart(figures.by_year(by_year, c.lang, c.present), "ov_by_year", c.t("chart_by_year"))
    with g2:
        chart(figures.staircase(stairs, c.lang, c.present), "ov_staircase", c.t("chart_staircase"))
        note = figures.staircase_note(by_year, stairs, c.lang)
        if note:
            st.caption(note)
    chart(figures.by_sector(summary.by_sector_from(s, c.sectors), c.lang, c.present), "ov_sectors",
          c.t("chart_sectors"))
