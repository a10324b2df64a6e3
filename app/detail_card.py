"""The explorer's detail card: everything known about one initiative — full text, every
figure beside the text it was read from, where it is printed, sectors, yearly gains and
the parse warnings about it, and the most similar initiatives in other documents or municipalities
with what they expected and realised (stored by the ETL: etl/similarity.py).

:func:`figure_rows` is a pure function of the initiative's row (tested directly);
:func:`show` draws the card from ``app.queries.initiative_detail``'s frames. Document text
is shown as plain text or escaped Markdown, never rendered as HTML."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from app import cached, figures, tables
from app.i18n import fmt_tkr, t, warning_field, warning_text
from app.page import Ctx, md_escape
from app.planner import data as planner_data
from app.planner.ui import similar_table

#: (label key, figure column, printed-text column) of the money figures.
MONEY = (("expected", "expected_tkr", "expected_text"),
         ("realised", "realised_tkr", "realised_text"),
         ("detail_cost", "implementation_cost_tkr", "implementation_cost_text"))


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def _printed(text, lang: str) -> str:
    return t("detail_printed", lang, text=text) if isinstance(text, str) else ""


def figure_rows(ini: Mapping, lang: str) -> list[dict[str, str]]:
    """One row per figure: its label, its value as read (or "unknown") and the text it was read from."""
    unknown = t("detail_unknown", lang)
    rows = [{"": t(key, lang), "value": fmt_tkr(ini[tkr], lang) if _known(ini[tkr]) else unknown,
             "printed": _printed(ini[text], lang)} for key, tkr, text in MONEY]
    low, high = ini["expected_low_tkr"], ini["expected_high_tkr"]
    if _known(low) and low != high:
        rows.append({"": t("expected_range", lang),
                     "value": f"{fmt_tkr(low, lang)} – {fmt_tkr(high, lang)}", "printed": ""})
    year = ini["full_phase_in_year"]
    rows.append({"": t("col_full_phase_in_year", lang), "value": str(int(year)) if _known(year) else unknown,
                 "printed": _printed(ini["full_phase_in_text"], lang)})
    adopted = ini["adopted"]
    rows.append({"": t("col_adopted", lang),
                 "value": t("yes" if adopted else "no", lang) if _known(adopted) else unknown,
                 "printed": _printed(ini["adopted_text"], lang)})
    for key, col in (("col_status", "status"), ("detail_feasibility", "feasibility")):
        if isinstance(ini[col], str):
            rows.append({"": t(key, lang), "value": ini[col], "printed": ""})
    return rows


def show(c: Ctx, d: dict[str, pd.DataFrame]) -> None:
    """The card for one initiative (``d``: app.queries.initiative_detail)."""
    ini = d["initiative"].iloc[0]
    with st.container(border=True, key="detail_card"):
        st.subheader(c.t("detail_title", title=md_escape(ini["title"])))
        st.caption(md_escape(f"{ini['initiative_id']} · {ini['municipality'] or '–'} · {ini['file_name']}"))
        if isinstance(ini["description"], str):
            st.text(ini["description"])  # plain text: document text is never rendered as markdown/HTML
        st.markdown(f"**{c.t('detail_figures')}**")
        rows = figure_rows(ini, c.lang)
        st.dataframe(rows, hide_index=True, placeholder=tables.UNKNOWN, key="detail_figures",
                     height=tables.height(len(rows)),
                     column_config={"": st.column_config.TextColumn(""),
                                    "value": st.column_config.TextColumn(c.t("detail_value")),
                                    "printed": st.column_config.TextColumn(c.t("detail_printed_col"))})
        st.markdown(f"**{c.t('detail_appearances')}**")
        st.dataframe(d["appearances"].rename(columns={
            "file_name": c.t("col_source"), "seq": c.t("col_seq"), "section": c.t("col_section"),
            "page": c.t("col_page"), "line": c.t("col_line")}), hide_index=True,
            placeholder=tables.UNKNOWN, key="detail_appearances", height=tables.height(len(d["appearances"])))
        if len(d["sectors"]):
            st.markdown(f"**{c.t('detail_sectors')}**")
            sectors = {c.t("col_sector"): [figures.sector_label(r, c.lang) for r in d["sectors"].to_dict("records")],
                       c.t("col_source_sector"): d["sectors"]["source_sector"].tolist()}
            st.dataframe(sectors, hide_index=True, placeholder=tables.UNKNOWN, key="detail_sectors",
                         height=tables.height(len(d["sectors"])))
        if len(d["gains"]):
            st.markdown(f"**{c.t('detail_gains')}**")
            gains = d["gains"].assign(kind=[c.t(k) for k in d["gains"]["kind"]])
            gains = gains.rename(columns={"year": c.t("col_year"), "kind": c.t("col_kind"),
                                          "amount_tkr": c.t("col_amount_tkr"), "text": c.t("col_text")})
            st.dataframe(tables.numbers(gains, c.lang, amounts=(c.t("col_amount_tkr"),)),
                         hide_index=True, placeholder=tables.UNKNOWN, key="detail_gains",
                         height=tables.height(len(gains)),
                         column_config={c.t("col_year"): st.column_config.NumberColumn(format="%d")})
        similar(c, str(ini["initiative_id"]))
        if len(d["warnings"]):
            st.markdown(f"**{c.t('detail_warnings')}**")
            w = d["warnings"]
            shown = {c.t("col_page"): w["page"], c.t("col_line"): w["line"],
                     c.t("col_field"): [warning_field(f, c.lang) for f in w["field"]],
                     c.t("col_warning"): [warning_text(r.code, r.field, r.params, c.lang, r.message)
                                          for r in w.itertuples()],
                     c.t("col_text"): w["text"]}
            st.dataframe(shown, hide_index=True, placeholder=tables.UNKNOWN, key="detail_warnings",
                         row_height=tables.WRAP_ROW_PX, height=tables.height(len(w), tables.WRAP_ROW_PX))


def similar(c: Ctx, initiative_id: str) -> None:
    """The initiative's most similar initiatives elsewhere (the same table as the planner's)."""
    st.markdown(f"**{c.t('pl_similar')}**")
    rows = cached.call(c.con, c.db_key, planner_data.similar, (initiative_id,))
    if rows is None:
        st.caption(c.t("pl_similar_missing"))
    elif rows.empty:
        st.caption(c.t("pl_similar_none"))
    else:
        st.caption(c.t("pl_similar_help"))
        similar_table(c, rows, key="detail_similar")
