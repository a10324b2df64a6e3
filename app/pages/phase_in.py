"""/phase-in — gains by year of full phase-in, the cumulative staircase, and each document's
targets or requirements in a chart of their own (never summed across documents)."""
from __future__ import annotations

import streamlit as st

from app import figures, queries, summary, tables
from app.i18n import tn
from app.page import Ctx, chart, empty


def _targets(c: Ctx) -> None:
    st.subheader(c.t("chart_targets"))
    targets = c.query(queries.targets)
    if targets.empty:
        st.info(c.t("no_targets"), icon=":material/info:")
        return
    st.caption(c.t("targets_note"))
    plan = c.query(queries.plan_gains)
    for source_id, rows in targets.groupby("source_id", sort=False):
        first = rows.iloc[0]
        title = first["source_title"] if isinstance(first["source_title"], str) else first["file_name"]
        chart(figures.targets(rows, plan[plan["source_id"] == source_id], c.lang, c.present),
              f"ph_targets_{source_id}", c.t("chart_targets_of", source=title), clickable=False)
        st.caption(first["file_name"])
        wide = rows.pivot_table(index="year", columns="kind", values="amount_tkr", aggfunc="sum").reset_index()
        kinds = [k for k in figures.TARGET_STYLE if k in wide.columns]
        labels = {k: c.t("target_col", kind=c.t(f"kind_{k}")) for k in kinds}
        st.dataframe(tables.numbers(wide[["year", *kinds]], c.lang, amounts=kinds), hide_index=True,
                     placeholder=tables.UNKNOWN, key=f"ph_targets_table_{source_id}", height=tables.height(len(wide)),
                     column_config={"year": st.column_config.NumberColumn(c.t("year"), format="%d"), **labels})


def render(c: Ctx) -> None:
    st.title(c.t("page_phase_in"))
    by_year = summary.gains_by_year_from(c.query(summary.summary))
    if by_year.empty:
        empty(c)
    else:
        no_year = int(by_year.loc[by_year["year"].isna(), "n"].sum())
        if no_year:
            st.caption(tn("no_year", no_year, c.lang, bar=c.t("no_year_bar")))
        st.caption(c.t("click_hint"))
        chart(figures.by_year(by_year, c.lang, c.present, wide=True), "ph_by_year", c.t("chart_by_year"))
        stairs = summary.staircase_from(by_year)
        chart(figures.staircase(stairs, c.lang, c.present), "ph_staircase", c.t("chart_staircase"))
        note = figures.staircase_note(by_year, stairs, c.lang)
        if note:
            st.caption(note)
    _targets(c)
