"""/sources — loaded documents, their counts, parse warnings and NULL figures per source."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import db, queries, tables, upload
from app.i18n import fmt_num, fmt_tkr, t
from app.page import Ctx, md_escape

#: Parse warnings listed at most (the total is always stated).
WARNINGS_LIMIT = 1000
#: Column → i18n key of the sources table: counts first (they are what this page is for),
#: descriptive columns after.
SOURCE_COLUMNS = {
    "file_name": "col_file_name", "format": "col_format", "layout_score": "col_layout_score",
    "reader": "col_reader", "words_outside": "col_words_outside", "n_initiatives": "col_n_initiatives",
    "n_appearances": "col_n_appearances", "n_warnings": "col_n_warnings", "null_expected": "col_null_expected",
    "null_realised": "col_null_realised", "null_year": "col_null_year", "null_adopted": "col_null_adopted",
    "n_targets": "col_n_targets", "title": "col_doc_title", "published_year": "col_published_year",
    "loaded_at": "col_loaded_at"}


def add_document(c: Ctx) -> None:
    """Upload a document and load it with ``python -m etl add`` (app.upload)."""
    done = st.session_state.pop("upload_result", None)
    if done is not None:  # the outcome of the load, after the rerun that shows the new data
        show = st.success if done.ok else st.error
        show(c.t("upload_busy") if done.busy else
             c.t("upload_done" if done.ok else "upload_failed", summary="; ".join(map(md_escape, done.lines)),
                 error=md_escape(" ".join(done.lines))), icon=":material/upload_file:")
    if c.present or not upload.enabled(db.db_path()):
        return
    with st.expander(c.t("upload_title"), icon=":material/upload_file:"):
        st.caption(c.t("upload_help"))
        file = st.file_uploader(c.t("upload_file"), type=[s.lstrip(".") for s in upload.ALLOWED], key="upload_file")
        if file is None or not st.button(c.t("upload_load"), key="upload_load", type="primary"):
            return
        try:
            path = upload.store(file.name, file.getvalue())
        except upload.UploadRefused as why:
            st.error(c.t(why.key, **why.params))
            return
        with st.spinner(c.t("upload_loading", name=md_escape(path.name))):
            st.session_state["upload_result"] = upload.load(path, db.db_path())
        st.rerun()


#: Column → i18n key of the "how the amounts were read" table.
READING_COLUMNS = {"file_name": "col_file_name", "unit": "col_unit", "price_level": "col_price_level",
                   "sign": "col_sign", "totals": "col_totals"}


def readings(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One line per source: unit, price level and sign convention in words ('(udledt)' when
    inferred), and the totals check ('alle 12 summer stemmer' or the mismatch)."""
    def inferred(value, flag: bool) -> str | None:
        return None if value is None or pd.isna(value) else (t("inferred", lang, x=value) if flag else value)

    def totals(n: int, k: int, diff) -> str | None:
        if not n:
            return None
        if not k:
            return t("totals_agree_one" if n == 1 else "totals_agree_other", lang, n=fmt_num(n, lang, 0))
        return t("totals_differ_one" if k == 1 else "totals_differ_other", lang, k=fmt_num(k, lang, 0),
                 n=fmt_num(n, lang, 0), diff=fmt_tkr(diff, lang))

    return pd.DataFrame({
        "file_name": df["file_name"],
        "unit": [inferred(u, f) for u, f in zip(df["unit_text"], df["unit_inferred"])],
        "price_level": [inferred(p, f) for p, f in zip(df["price_level"], df["price_level_inferred"])],
        "sign": [inferred(t(f"sign_{s}", lang), f) if isinstance(s, str) else None
                 for s, f in zip(df["sign_convention"], df["sign_inferred"])],
        "totals": [totals(n, k, d) for n, k, d in zip(df["n_totals"], df["n_differ"], df["max_difference_tkr"])],
    }, columns=list(READING_COLUMNS))


def unmapped_sectors(c: Ctx) -> None:
    """Every printed sector name the canonical list does not know, so none is silently lost."""
    unmapped = c.query(queries.unmapped_sectors)
    if unmapped.empty:
        return
    st.subheader(c.t("unmapped_title", n=fmt_num(len(unmapped), c.lang, 0)))
    st.caption(c.t("unmapped_help"))
    unmapped = unmapped.rename(columns={"file_name": c.t("col_source"), "source_sector": c.t("col_source_sector"),
                                        "n": c.t("col_n_initiatives")})
    st.dataframe(tables.numbers(unmapped, c.lang, counts=(c.t("col_n_initiatives"),)), hide_index=True,
                 placeholder=tables.UNKNOWN, key="unmapped_sectors")


def render(c: Ctx) -> None:
    st.title(c.t("page_sources"))
    st.caption(c.t("sources_intro"))
    src = c.query(queries.sources)
    if src.empty:
        st.info(c.t("no_sources"), icon=":material/info:")
        add_document(c)
        return
    if not c.f.is_empty():
        st.caption(c.t("filtered_counts"))
    counts = [k for k in SOURCE_COLUMNS if k.startswith(("n_", "null_", "words_"))]
    st.dataframe(tables.numbers(src[list(SOURCE_COLUMNS)], c.lang, counts=counts, shares=("layout_score",)),
                 hide_index=True,
                 placeholder=tables.UNKNOWN, key="sources_table",
                 column_config={k: (st.column_config.NumberColumn(c.t(v), format="%d") if k == "published_year"
                                    else c.t(v)) for k, v in SOURCE_COLUMNS.items()})

    pdf = c.query(queries.pdf_tables)
    if not pdf.empty:  # how confidently the tables of PDF sources were read
        with st.expander(c.t("pdf_tables_title", n=fmt_num(len(pdf), c.lang, 0)), icon=":material/table:"):
            st.caption(c.t("pdf_tables_help"))
            tables.show(pdf, c.lang, "pdf_tables", {k: f"col_pdf_{k}" for k in pdf.columns},
                        counts=("page", "n_rows", "n_cols", "words_outside"), shares=("accuracy", "whitespace"))

    add_document(c)
    unmapped_sectors(c)

    read = c.query(queries.amount_readings)
    if not read.empty:
        st.subheader(c.t("readings_title"))
        st.caption(c.t("readings_intro"))
        tables.show(readings(read, c.lang), c.lang, "readings_table", READING_COLUMNS)

    warn, n_warn = c.query(queries.warnings, WARNINGS_LIMIT, 0)
    st.subheader(c.t("warnings_title", n=fmt_num(n_warn, c.lang, 0)))
    if n_warn == 0:
        st.info(c.t("no_warnings"), icon=":material/check:")
        return
    by_field = c.query(queries.warnings_by_field)
    by_field = by_field.rename(columns={"file_name": c.t("col_source"), "field": c.t("col_field"),
                                        "n": c.t("col_n_warnings")})
    st.dataframe(tables.numbers(by_field, c.lang, counts=(c.t("col_n_warnings"),)), hide_index=True,
                 placeholder=tables.UNKNOWN, key="warnings_by_field")
    if n_warn > len(warn):
        st.caption(c.t("warnings_shown", shown=fmt_num(len(warn), c.lang, 0), total=fmt_num(n_warn, c.lang, 0)))
    st.dataframe(warn.rename(columns={"file_name": c.t("col_source"), "initiative_id": c.t("col_initiative_id"),
                                      "page": c.t("col_page"), "line": c.t("col_line"), "field": c.t("col_field"),
                                      "message": c.t("col_message"), "text": c.t("col_text")}),
                 hide_index=True, placeholder=tables.UNKNOWN, key="warnings_table")
