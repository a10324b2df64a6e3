"""/explorer — the filtered initiatives, a page at a time; a selected row opens its
detail card (full text, every figure with its printed text, document, page, line);
CSV and XLSX downloads of exactly the filtered rows."""
import math

import streamlit as st

from app import cached, downloads, figures, queries, tables
from app.i18n import fmt_num, fmt_tkr
from app.page import ctx, empty, md_escape

PAGE_SIZE = 50
SORT_KEYS = ("title", "municipality", "expected_tkr", "realised_tkr", "full_phase_in_year", "adopted")

c = ctx()
st.title(c.t("page_explorer"))
total = cached.run(c.con, c.db_key, "explorer_count", c.f)
if total == 0:
    empty(c)
    st.stop()

s1, s2, s3 = st.columns([3, 1, 3])
sort = s1.selectbox(c.t("sort_by"), SORT_KEYS, key="explorer_sort", format_func=lambda k: c.t(f"col_{k}"))
desc = s2.toggle(c.t("descending"), key="explorer_desc")
pages = max(1, math.ceil(total / PAGE_SIZE))
if st.session_state.get("explorer_page", 1) > pages:
    st.session_state["explorer_page"] = 1
st.caption(c.t("explorer_total", n=fmt_num(total, c.lang, 0)))
with s3:
    page_no = st.pagination(pages, key="explorer_page") if pages > 1 else 1
rows = cached.run(c.con, c.db_key, "explorer", c.f, PAGE_SIZE, (page_no - 1) * PAGE_SIZE, sort, desc)

shown = rows.drop(columns=["expected_text", "realised_text", "page", "line"])
num = lambda key: st.column_config.NumberColumn(c.t(f"col_{key}"))  # noqa: E731
event = st.dataframe(
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
st.caption(c.t("page_of", page=page_no, pages=pages) + " · " + c.t("select_hint"))

con, f = c.con, c.f


def _export():
    cur = con.cursor()  # runs on another thread: its own cursor
    try:
        return queries.export_rows(cur, f, sort, desc)
    finally:
        cur.close()


d1, d2 = st.columns(2)
d1.download_button(c.t("download_csv"), data=lambda: downloads.to_csv(_export()),
                   file_name=downloads.file_name(f, "csv"), mime="text/csv", key="download_csv",
                   icon=":material/download:", on_click="ignore")
d2.download_button(c.t("download_xlsx"), data=lambda: downloads.to_xlsx(_export()),
                   file_name=downloads.file_name(f, "xlsx"), key="download_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:", on_click="ignore")

selected = list(event.selection.rows) if event and event.selection else []
if selected and selected[0] < len(rows):
    iid = rows.iloc[selected[0]]["initiative_id"]
    d = cached.detail(c.con, c.db_key, iid)
    ini = d["initiative"].iloc[0]
    unknown = c.t("detail_unknown")
    with st.container(border=True, key="detail_card"):
        st.subheader(c.t("detail_title", title=md_escape(ini["title"])))
        st.caption(md_escape(f"{ini['initiative_id']} · {ini['municipality'] or '–'} · {ini['file_name']}"))
        if isinstance(ini["description"], str):
            st.text(ini["description"])  # plain text: document text is never rendered as markdown/HTML
        st.markdown(f"**{c.t('detail_figures')}**")
        figs = []
        for key, tkr, text in (("expected", "expected_tkr", "expected_text"),
                               ("realised", "realised_tkr", "realised_text"),
                               ("detail_cost", "implementation_cost_tkr", "implementation_cost_text")):
            value = fmt_tkr(ini[tkr], c.lang, 1) if ini[tkr] == ini[tkr] and ini[tkr] is not None else unknown
            printed = c.t("detail_printed", text=ini[text]) if isinstance(ini[text], str) else ""
            figs.append({"": c.t(key), "value": value, "printed": printed})
        if ini["expected_low_tkr"] == ini["expected_low_tkr"] and ini["expected_low_tkr"] != ini["expected_high_tkr"]:
            figs.append({"": c.t("expected_range"),
                         "value": f"{fmt_tkr(ini['expected_low_tkr'], c.lang, 1)} – "
                                  f"{fmt_tkr(ini['expected_high_tkr'], c.lang, 1)}", "printed": ""})
        year = int(ini["full_phase_in_year"]) if ini["full_phase_in_year"] == ini["full_phase_in_year"] \
            and ini["full_phase_in_year"] is not None else None
        figs.append({"": c.t("col_full_phase_in_year"), "value": str(year) if year else unknown,
                     "printed": c.t("detail_printed", text=ini["full_phase_in_text"])
                     if isinstance(ini["full_phase_in_text"], str) else ""})
        adopted = ini["adopted"]
        figs.append({"": c.t("col_adopted"),
                     "value": unknown if adopted is None or adopted != adopted else c.t("yes" if adopted else "no"),
                     "printed": c.t("detail_printed", text=ini["adopted_text"])
                     if isinstance(ini["adopted_text"], str) else ""})
        for key, col in (("col_status", "status"), ("detail_feasibility", "feasibility")):
            if isinstance(ini[col], str):
                figs.append({"": c.t(key), "value": ini[col], "printed": ""})
        st.dataframe(figs, hide_index=True, placeholder=tables.UNKNOWN, key="detail_figures", column_config={
            "": st.column_config.TextColumn(""), "value": st.column_config.TextColumn(c.t("detail_value")),
            "printed": st.column_config.TextColumn(c.t("detail_printed_col"))})
        st.markdown(f"**{c.t('detail_appearances')}**")
        st.dataframe(d["appearances"].rename(columns={
            "file_name": c.t("col_source"), "seq": c.t("col_seq"), "section": c.t("col_section"),
            "page": c.t("col_page"), "line": c.t("col_line")}), hide_index=True,
            placeholder=tables.UNKNOWN, key="detail_appearances")
        if len(d["sectors"]):
            st.markdown(f"**{c.t('detail_sectors')}**")
            sectors = {c.t("col_sector"): [figures.sector_label(r, c.lang) for r in d["sectors"].to_dict("records")],
                       c.t("col_source_sector"): d["sectors"]["source_sector"].tolist()}
            st.dataframe(sectors, hide_index=True, placeholder=tables.UNKNOWN, key="detail_sectors")
        if len(d["gains"]):
            st.markdown(f"**{c.t('detail_gains')}**")
            gains = d["gains"].assign(kind=[c.t(k) for k in d["gains"]["kind"]])
            gains = gains.rename(columns={"year": c.t("col_year"), "kind": c.t("col_kind"),
                                               "amount_tkr": c.t("col_amount_tkr"), "text": c.t("col_text")})
            st.dataframe(tables.numbers(gains, c.lang, amounts=(c.t("col_amount_tkr"),)),
                         hide_index=True, placeholder=tables.UNKNOWN, key="detail_gains",
                         column_config={c.t("col_year"): st.column_config.NumberColumn(format="%d")})
        if len(d["warnings"]):
            st.markdown(f"**{c.t('detail_warnings')}**")
            st.dataframe(d["warnings"].rename(columns=lambda col: c.t(f"col_{col}")), hide_index=True,
                         placeholder=tables.UNKNOWN, key="detail_warnings")
