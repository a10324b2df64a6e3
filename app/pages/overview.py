"""/ — key figures for the current filter and the three main charts, small."""
from __future__ import annotations

import streamlit as st

from app import figures, queries
from app.i18n import fmt_mio, fmt_num, fmt_pct
from app.page import Ctx, chart, columns, empty


def render(c: Ctx) -> None:
    st.title(c.t("app_title"))
    k = c.query(queries.kpis).iloc[0]
    n = int(k["n_initiatives"])
    if n == 0:
        empty(c)
        return

    # money first and wide enough for "1.234,5 mio. kr.", counts below; side by side also when presenting
    m3, m4 = st.columns(2)
    m3.metric(c.t("kpi_expected"), fmt_mio(k["expected_tkr"], c.lang), border=True,
              help=c.t("kpi_expected_help", n=int(k["n_expected"]), missing=int(k["n_expected_missing"])))
    m4.metric(c.t("kpi_realised"), fmt_mio(k["realised_tkr"], c.lang), border=True,
              help=c.t("kpi_realised_help", n=int(k["n_realised"])))
    m1, m2, m5 = st.columns(3)
    m1.metric(c.t("kpi_initiatives"), fmt_num(n, c.lang, 0), border=True)
    m2.metric(c.t("kpi_municipalities"), fmt_num(int(k["n_municipalities"]), c.lang, 0), border=True)
    m5.metric(c.t("kpi_adopted"), fmt_pct(k["share_adopted"], c.lang), border=True,
              help=c.t("kpi_adopted_help", n=int(k["n_adopted_known"])))

    st.caption(c.t("click_hint"))
    g1, g2, g3 = columns(c, 3)
    with g1:
        chart(figures.by_year(c.query(queries.gains_by_year), c.lang, c.present), "ov_by_year")
    with g2:
        chart(figures.staircase(c.query(queries.staircase), c.lang, c.present), "ov_staircase")
    with g3:
        chart(figures.by_sector(c.query(queries.by_sector), c.lang, c.present), "ov_sectors")
