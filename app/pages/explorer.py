"""/explorer — the filtered initiatives, a page at a time; a selected row opens its
detail card (app.detail_card); CSV and XLSX downloads of exactly the filtered rows."""
from __future__ import annotations

import math

import streamlit as st

from app import cached, detail_card, downloads, queries, tables
from app.i18n import fmt_num
from app.page import Ctx, empty

PAGE_SIZE = 50


def _table(c: Ctx, rows):
    """The page of rows as a selectable table; returns the selection event."""
    shown = rows.drop(columns=["expected_text", "realised_text", "page", "line"])

    def num(key: str):
        return st.column_config.NumberColumn(c.t(f"col_{key}"))

    return st.dataframe(
        tables.numbers(shown, c.lang, amounts=("expected_tkr", "realised_tkr")), hide_index=True,
        placeholder=tables.UNKNOWN, key="explorer_table", on_select="rerun", selection_mode="single-row",
        column_config={
            "initiative_id": st.column_config.TextColumn(c.t("col_initiative_id"), width="small"),
            "municipality": st.column_config.TextColumn(c.t("col_municipality")),
            "title": st.column_config.TextColumn(c.t("col_title"), width="large"),
            "expected_tkr": num("expected_tkr"),
            "realised_tkr": num("realised_tkr"),
            "full_phase_in_year": st.column_config.NumberColumn(c.t("col_full_phase_in_year"), format="%d"),
            "adopted": st.column_config.CheckboxColumn(c.t("col_adopted")),
            "status": st.column_config.TextColumn(c.t("col_status")),
            "sectors": st.column_config.TextColumn(c.t("col_sectors")),
            "types": st.column_config.TextColumn(c.t("col_types")),
            "source": st.column_config.TextColumn(c.t("col_source")),
        })


def _downloads(c: Ctx, sort: str, desc: bool) -> None:
    """CSV and XLSX of every filtered row, built only when a button is pressed."""
    con, f = c.con, c.f

    def export():
        cur = con.cursor()  # runs on another thread: its own cursor
        try:
            return queries.export_rows(cur, f, sort, desc)
        finally:
            cur.close()

    d1, d2 = st.columns(2)
    d1.download_button(c.t("download_csv"), data=lambda: downloads.to_csv(export()),
                       file_name=downloads.file_name(f, "csv"), mime="text/csv", key="download_csv",
                       icon=":material/download:", on_click="ignore")
    d2.download_button(c.t("download_xlsx"), data=lambda: downloads.to_xlsx(export()),
                       file_name=downloads.file_name(f, "xlsx"), key="download_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")


def render(c: Ctx) -> None:
    st.title(c.t("page_explorer"))
    total = c.query(queries.explorer_count)
    if total == 0:
        empty(c)
        return

    s1, s2, s3 = st.columns([3, 1, 3])
    sort = s1.selectbox(c.t("sort_by"), queries.SORT_KEYS, key="explorer_sort",
                        format_func=lambda k: c.t(f"col_{k}"))
    desc = s2.toggle(c.t("descending"), key="explorer_desc")
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if st.session_state.get("explorer_page", 1) > pages:
        st.session_state["explorer_page"] = 1
    st.caption(c.t("explorer_total", n=fmt_num(total, c.lang, 0)))
    with s3:
        page_no = st.pagination(pages, key="explorer_page") if pages > 1 else 1
    rows = c.query(queries.explorer, PAGE_SIZE, (page_no - 1) * PAGE_SIZE, sort, desc)
    event = _table(c, rows)
    st.caption(c.t("page_of", page=page_no, pages=pages) + " · " + c.t("select_hint"))
    _downloads(c, sort, desc)

    selected = list(event.selection.rows) if event and event.selection else []
    if selected and selected[0] < len(rows):
        detail_card.show(c, cached.detail(c.con, c.db_key, rows.iloc[selected[0]]["initiative_id"]))
