"""/phase-in — gains by year of full phase-in, the cumulative staircase, and the
recovery plan's reduction targets with the net outstanding on the same axis."""
from __future__ import annotations

import streamlit as st

from app import figures, queries, tables
from app.i18n import fmt_num
from app.page import Ctx, chart, empty


def render(c: Ctx) -> None:
    st.title(c.t("page_phase_in"))
    by_year = c.query(queries.gains_by_year)
    if by_year.empty:
        empty(c)
    else:
        no_year = int(by_year.loc[by_year["year"].isna(), "n"].sum())
        if no_year:
            st.caption(c.t("no_year", n=fmt_num(no_year, c.lang, 0)))
        st.caption(c.t("click_hint"))
        chart(figures.by_year(by_year, c.lang, c.present), "ph_by_year")
        chart(figures.staircase(c.query(queries.staircase), c.lang, c.present), "ph_staircase")

    st.subheader(c.t("chart_targets"))
    targets = c.query(queries.targets)
    if targets.empty:
        st.info(c.t("no_targets"), icon=":material/info:")
        return
    st.caption(c.t("targets_note"))
    plan = c.query(queries.yearly_gains, True)
    chart(figures.staircase(None, c.lang, c.present, targets=targets, plan=plan), "ph_targets", clickable=False)
    wide = targets.pivot_table(index="year", columns="kind", values="amount_tkr", aggfunc="sum").reset_index()
    wide = wide.rename(columns={k: c.t(f"kind_{k}") for k in targets["kind"].unique()})
    st.dataframe(tables.numbers(wide, c.lang, amounts=[col for col in wide.columns if col != "year"]),
                 hide_index=True, placeholder=tables.UNKNOWN, key="ph_targets_table",
                 column_config={"year": st.column_config.NumberColumn(c.t("year"), format="%d")})
