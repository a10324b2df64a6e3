"""/sectors — savings per canonical sector, without double counting in the total."""
from __future__ import annotations

import streamlit as st

from app import figures, queries, tables
from app.i18n import fmt_mio, fmt_num
from app.page import Ctx, chart, empty


def render(c: Ctx) -> None:
    st.title(c.t("page_sectors"))
    df = c.query(queries.by_sector)
    k = c.query(queries.kpis).iloc[0]
    if int(k["n_initiatives"]) == 0:
        empty(c)
        return
    multi = c.query(queries.n_multi_sector)
    st.info(c.t("sectors_note", multi=fmt_num(multi, c.lang, 0)), icon=":material/info:")
    st.metric(c.t("sectors_total"), fmt_mio(k["expected_tkr"], c.lang),
              help=c.t("kpi_expected_help", n=int(k["n_expected"]), missing=int(k["n_expected_missing"])))
    st.caption(c.t("click_hint"))
    chart(figures.by_sector(df, c.lang, c.present), "sec_bars")

    table = df.assign(label=[figures.sector_label(r, c.lang) for r in df.to_dict("records")])
    tables.show(table, c.lang, "sec_table",
                {"label": "col_sector", "n": "col_n", "expected_tkr": "col_expected", "realised_tkr": "col_realised"},
                amounts=("expected_tkr", "realised_tkr"), counts=("n",))
