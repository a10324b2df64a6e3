"""/sectors — savings per canonical sector, without double counting in the total."""
from __future__ import annotations

import streamlit as st

from app import figures, summary, tables
from app.i18n import fmt_mio, tn
from app.page import Ctx, chart, empty, expected_help


def render(c: Ctx) -> None:
    st.title(c.t("page_sectors"))
    s = c.query(summary.summary)  # one scan; the municipalities are not shown here
    if int(s["n"].sum()) == 0:
        empty(c)
        return
    df = summary.by_sector_from(s, c.sectors)
    k = summary.kpis_from(s, 0).iloc[0]  # n_municipalities unused here
    multi = summary.n_multi_from(s)
    st.info(c.t("sectors_note", multi=tn("count_multi_sector", multi, c.lang)), icon=":material/info:")
    st.metric(c.t("sectors_total"), fmt_mio(k["expected_tkr"], c.lang), help=expected_help(c, k))
    st.caption(c.t("click_hint"))
    chart(figures.by_sector(df, c.lang, c.present), "sec_bars", c.t("chart_sectors"))

    table = df.assign(label=[figures.sector_label(r, c.lang) for r in df.to_dict("records")])
    tables.show(table, c.lang, "sec_table",
                {"label": "col_sector", "n": "col_n", "expected_tkr": "col_expected", "realised_tkr": "col_realised"},
                totals=("expected_tkr", "realised_tkr"), counts=("n",))
