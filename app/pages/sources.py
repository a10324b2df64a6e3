"""/sources — loaded documents, what each contributed (initiatives, target figures, savings
requirements), NULL figures per source, and the parse warnings in the UI language beside the
verbatim document text they concern."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import cached, db, source_queries, tables, upload
from app.i18n import fmt_num, fmt_tkr, format_label, t, tn, warning_field, warning_kind, warning_text
from app.page import Ctx, md_escape

#: Parse warnings listed at most (the total is always stated).
WARNINGS_LIMIT = 1000
#: Column → i18n key of the documents table: what each document is and what it contributed.
#: Two narrow tables rather than one of 14 columns, which was cut off at 1,280 px in English.
SOURCE_COLUMNS = {
    "file_name": "col_file_name", "contribution": "col_contribution", "n_warnings": "col_n_warnings",
    "format": "col_format", "layout_score": "col_layout_score", "reader": "col_reader",
    "words_outside": "col_words_outside", "title": "col_doc_title", "published_year": "col_published_year",
    "n_appearances": "col_n_appearances", "loaded_at": "col_loaded_at"}
#: Column → i18n key of the missing-figures table: per document, how many of its initiatives lack
#: each figure (unknown, never counted as 0), and its parse warnings.
MISSING_COLUMNS = {
    "file_name": "col_file_name", "n_initiatives": "col_n_initiatives", "null_expected": "col_null_expected",
    "null_realised": "col_null_realised", "null_year": "col_null_year", "null_adopted": "col_null_adopted"}


def contribution(row, lang: str) -> str:
    """What one source added to the data, in words: ``152 initiativer``, ``0 initiativer ·
    1 besparelseskrav`` (a meeting's minutes load a requirement, no initiatives)."""
    parts = [tn("count_initiatives", int(row["n_initiatives"]), lang)]
    if int(row["n_target_figures"]):
        parts.append(tn("count_target_figures", int(row["n_target_figures"]), lang))
    if int(row["n_requirements"]):
        parts.append(tn("count_requirements", int(row["n_requirements"]), lang))
    return " · ".join(parts)


def warnings_shown(warn: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The parse warnings as a reader sees them: field and sentence in ``lang`` (from ``code`` and
    ``params``), the verbatim document text beside, the initiative id last."""
    return pd.DataFrame({
        "file_name": warn["file_name"], "page": warn["page"], "line": warn["line"],
        "kind": [warning_kind(code, lang) for code in warn["code"]],
        "field": [warning_field(f, lang) for f in warn["field"]],
        "warning": [warning_text(r.code, r.field, r.params, lang, r.message) for r in warn.itertuples()],
        "text": warn["text"], "initiative_id": warn["initiative_id"]})


#: Columns of the warnings table, in the order shown → i18n key of their header: the warning and
#: the document's own text first (what a reader checks), where it is printed after them.
WARNING_COLUMNS = {"warning": "col_warning", "text": "col_text", "file_name": "col_source", "page": "col_page",
                   "line": "col_line", "kind": "col_warning_kind", "field": "col_field",
                   "initiative_id": "col_initiative_id"}


def documents(c: Ctx):
    """The loaded documents with their counts for this page's filters: what does not depend on
    the filters once per database file, the initiatives' figures per filter (one scan)."""
    return source_queries.sources_from(cached.call(c.con, c.db_key, source_queries.source_documents),
                                c.query(source_queries.source_figures))


def _loaded(c: Ctx, lines: list[str]) -> str:
    """The ETL's summary lines (``<file>: <format>, N initiatives, …``) in the UI language: each
    file with what it contributed, read from the database it was loaded into."""
    src = documents(c)
    by_name = {r["file_name"]: r for r in src.to_dict("records")}
    out = []
    for line in lines:
        name = line.split(": ", 1)[0]
        row = by_name.get(name)
        out.append(f"{name}: {contribution(row, c.lang)}" if row else line)
    return "; ".join(map(md_escape, out))


def add_document(c: Ctx) -> None:
    """Upload a document and load it with ``python -m etl add`` (app.upload)."""
    done = st.session_state.pop("upload_result", None)
    if done is not None:  # the outcome of the load, after the rerun that shows the new data
        show = st.success if done.ok else st.error
        show(c.t("upload_busy") if done.busy else
             c.t("upload_done" if done.ok else "upload_failed", summary=_loaded(c, done.lines) if done.ok else "",
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
            return tn("totals_agree", n, lang)
        return tn("totals_differ", k, lang, total=fmt_num(n, lang, 0), diff=fmt_tkr(diff, lang))

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
    unmapped = source_queries.unmapped_from(cached.call(c.con, c.db_key, source_queries.unmapped_all),
                                     c.query(source_queries.source_figures)["source_id"])
    if unmapped.empty:
        return
    st.subheader(c.t("unmapped_title", n=fmt_num(len(unmapped), c.lang, 0)))
    st.caption(c.t("unmapped_help"))
    unmapped = unmapped.rename(columns={"file_name": c.t("col_source"), "source_sector": c.t("col_source_sector"),
                                        "n": c.t("col_n_initiatives")})
    st.dataframe(tables.numbers(unmapped, c.lang, counts=(c.t("col_n_initiatives"),)), hide_index=True,
                 placeholder=tables.UNKNOWN, key="unmapped_sectors", height=tables.height(len(unmapped)))


def render(c: Ctx) -> None:
    st.title(c.t("page_sources"))
    st.caption(c.t("sources_documents"))
    src = documents(c)
    if src.empty:
        st.info(c.t("no_sources"), icon=":material/info:")
        add_document(c)
        return
    if not c.f.is_empty():
        st.caption(c.t("filtered_counts"))
    src = src.assign(contribution=[contribution(r, c.lang) for r in src.to_dict("records")],
                     format=[format_label(x, c.lang) for x in src["format"]])
    config: dict = {k: c.t(v) for k, v in SOURCE_COLUMNS.items()}
    config |= {"title": st.column_config.TextColumn(c.t("col_doc_title"), width="medium"),
               "published_year": st.column_config.NumberColumn(c.t("col_published_year"), format="%d")}
    st.dataframe(tables.numbers(src[list(SOURCE_COLUMNS)], c.lang, counts=("n_appearances", "n_warnings",
                                "words_outside"), shares=("layout_score",)),
                 hide_index=True, placeholder=tables.UNKNOWN, key="sources_table", height=tables.height(len(src)),
                 column_config=config)
    st.markdown(f"**{c.t('missing_title')}**")
    st.caption(c.t("sources_intro"))
    counts = [k for k in MISSING_COLUMNS if k.startswith(("n_", "null_"))]
    st.dataframe(tables.numbers(src[list(MISSING_COLUMNS)], c.lang, counts=counts), hide_index=True,
                 placeholder=tables.UNKNOWN, key="missing_table", height=tables.height(len(src)),
                 column_config={k: c.t(v) for k, v in MISSING_COLUMNS.items()}
                 | {"file_name": st.column_config.TextColumn(c.t("col_file_name"), width="medium")})

    pdf = c.query(source_queries.pdf_tables)
    if not pdf.empty:  # how confidently the tables of PDF sources were read
        with st.expander(c.t("pdf_tables_title", n=fmt_num(len(pdf), c.lang, 0)), icon=":material/table:"):
            st.caption(c.t("pdf_tables_help"))
            tables.show(pdf, c.lang, "pdf_tables", {k: f"col_pdf_{k}" for k in pdf.columns},
                        counts=("page", "n_rows", "n_cols", "words_outside"), shares=("accuracy", "whitespace"))

    add_document(c)
    unmapped_sectors(c)

    read = c.query(source_queries.amount_readings)
    if not read.empty:
        st.subheader(c.t("readings_title"))
        st.caption(c.t("readings_intro"))
        shown = readings(read, c.lang)
        # five columns side by side at 1,280 px: a long file name is cut (its cell shows it whole)
        widths = {"file_name": 190, "unit": 80, "price_level": 90, "sign": 180, "totals": 260}
        st.dataframe(shown, hide_index=True, placeholder=tables.UNKNOWN, key="readings_table",
                     height=tables.height(len(shown)),
                     column_config={k: st.column_config.TextColumn(c.t(v), width=widths.get(k))
                                    for k, v in READING_COLUMNS.items()})

    warn, n_warn = c.query(source_queries.warnings, WARNINGS_LIMIT, 0)
    st.subheader(c.t("warnings_title", n=fmt_num(n_warn, c.lang, 0)))
    if n_warn == 0:
        st.info(c.t("no_warnings"), icon=":material/check:")
        return
    by_field = c.query(source_queries.warnings_by_field)
    by_field = pd.DataFrame({"file_name": by_field["file_name"],
                             "kind": [warning_kind(code, c.lang) for code in by_field["code"]],
                             "field": [warning_field(f, c.lang) for f in by_field["field"]], "n": by_field["n"]})
    tables.show(by_field, c.lang, "warnings_by_field", {"file_name": "col_source", "kind": "col_warning_kind",
                                                        "field": "col_field", "n": "col_n_warnings"}, counts=("n",))
    if n_warn > len(warn):
        st.caption(tn("warnings_shown", n_warn, c.lang, shown=fmt_num(len(warn), c.lang, 0)))
    shown = warnings_shown(warn, c.lang)
    head = {k: t(v, c.lang) for k, v in WARNING_COLUMNS.items()}
    config = {k: st.column_config.TextColumn(h, width="large" if k in ("warning", "text") else None)
              for k, h in head.items()}
    config |= {k: st.column_config.NumberColumn(head[k], format="%d") for k in ("page", "line")}
    st.dataframe(shown, hide_index=True, placeholder=tables.UNKNOWN, key="warnings_table",
                 row_height=tables.WRAP_ROW_PX, height=tables.height(len(shown), tables.WRAP_ROW_PX),
                 column_config=config, column_order=list(WARNING_COLUMNS))
