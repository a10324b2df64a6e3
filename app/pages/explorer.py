"""/explorer — the filtered initiatives, a page at a time (largest expected gain first; a search
by relevance); a selected row opens its detail card (app.detail_card); CSV and XLSX downloads of
exactly the filtered rows, in the same order, headed in the UI language with units."""
from __future__ import annotations

import math

import streamlit as st

from app import cached, detail_card, downloads, queries, tables
from app.i18n import tn
from app.page import Ctx, empty

PAGE_SIZE = tables.PAGE_ROWS
#: The orders offered, first the default: (sort key of app.queries, descending). A search adds
#: ``queries.RELEVANCE`` in front.
SORTS: tuple[tuple[str, bool], ...] = (
    ("expected_tkr", True), ("expected_tkr", False), ("realised_tkr", True), ("title", False), ("title", True),
    ("municipality", False), ("full_phase_in_year", False), ("full_phase_in_year", True), ("adopted", True))
#: Columns in the order shown: what a reader scans first; the internal id last.
SHOWN = ("title", "municipality", "expected_tkr", "realised_tkr", "full_phase_in_year", "adopted", "status",
         "sectors_{lang}", "types", "source", "initiative_id")


def _sort_label(c: Ctx, option: str) -> str:
    if option == queries.RELEVANCE:
        return c.t("sort_relevance")
    return c.t(f"sort_{option}")


def _choose_sort(c: Ctx, where) -> tuple[str, bool]:
    """The order the reader picked: a selectbox whose first option is the default. Its key
    differs with and without a search, so starting a search shows relevance first."""
    options = ([queries.RELEVANCE] if c.f.q else []) + [f"{k}_{'desc' if d else 'asc'}" for k, d in SORTS]
    choice = where.selectbox(c.t("sort_by"), options, key="explorer_sort_q" if c.f.q else "explorer_sort",
                             format_func=lambda o: _sort_label(c, o))
    if choice == queries.RELEVANCE:
        return queries.RELEVANCE, True
    key, _, direction = choice.rpartition("_")
    return key, direction == "desc"


def _table(c: Ctx, rows):
    """The page of rows as a selectable table; returns the selection event."""
    shown = rows.drop(columns=["expected_text", "realised_text", "page", "line"])
    words = {True: c.t("yes"), False: c.t("no")}  # a blank box read as "no" where it means unknown
    shown["adopted"] = [words.get(v) if isinstance(v, bool) else None for v in shown["adopted"].astype(object)]

    def num(key: str):
        return st.column_config.NumberColumn(c.t(f"col_{key}"))

    return st.dataframe(
        tables.numbers(shown, c.lang, amounts=("expected_tkr", "realised_tkr")), hide_index=True,
        placeholder=tables.UNKNOWN, key="explorer_table", on_select="rerun", selection_mode="single-row",
        height=tables.height(len(shown)), column_order=[k.format(lang=c.lang) for k in SHOWN],
        column_config={
            "initiative_id": st.column_config.TextColumn(c.t("col_initiative_id")),
            "municipality": st.column_config.TextColumn(c.t("col_municipality")),
            "title": st.column_config.TextColumn(c.t("col_title"), width="large"),
            "expected_tkr": num("expected_tkr"),
            "realised_tkr": num("realised_tkr"),
            "full_phase_in_year": st.column_config.NumberColumn(c.t("col_full_phase_in_year"), format="%d"),
            "adopted": st.column_config.TextColumn(c.t("col_adopted")),
            "status": st.column_config.TextColumn(c.t("col_status"), width="medium"),
            f"sectors_{c.lang}": st.column_config.TextColumn(c.t("col_sectors")),
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
    d1.download_button(c.t("download_csv"), data=lambda: downloads.to_csv(downloads.headed(export(), c.lang)),
                       file_name=downloads.file_name(f, "csv"), mime="text/csv", key="download_csv",
                       icon=":material/download:", on_click="ignore")
    d2.download_button(c.t("download_xlsx"), data=lambda: downloads.to_xlsx(downloads.headed(export(), c.lang)),
                       file_name=downloads.file_name(f, "xlsx"), key="download_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")


def render(c: Ctx) -> None:
    st.title(c.t("page_explorer"))
    total = c.query(queries.explorer_count)
    if total == 0:
        empty(c)
        return

    s1, s3 = st.columns([1, 1])
    sort, desc = _choose_sort(c, s1)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if st.session_state.get("explorer_page", 1) > pages:
        st.session_state["explorer_page"] = 1
    st.caption(tn("explorer_total", total, c.lang))
    with s3:
        page_no = st.pagination(pages, key="explorer_page") if pages > 1 else 1
    rows = c.query(queries.explorer, PAGE_SIZE, (page_no - 1) * PAGE_SIZE, sort, desc)
    event = _table(c, rows)
    st.caption(c.t("page_of", page=page_no, pages=pages) + " · " + c.t("select_hint"))
    _downloads(c, sort, desc)

    selected = list(event.selection.rows) if event and event.selection else []
    if selected and selected[0] < len(rows):
        detail_card.show(c, cached.detail(c.con, c.db_key, rows.iloc[selected[0]]["initiative_id"]))
