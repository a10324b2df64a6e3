"""Entry point: ``streamlit run dashboard.py`` (or ``make run``).

Runs on every rerun of every page: opens the database, reads the filters
(URL or session), draws the shared sidebar, writes the filters back to the
URL, then hands over to the selected page. The URL paths are the public
contract (contract.md §3).

The page scripts live in ``pages/``. A folder of that name next to the
entrypoint puts Streamlit into its legacy multipage mode until the first
``st.navigation`` call: the first request after a server start (a bookmarked
``/explorer?...``) and every AppTest page switch would run the page file alone.
``app.page.ctx`` notices that and runs this script instead, which calls
``st.navigation`` and so leaves legacy mode for good."""
from __future__ import annotations

import duckdb
import streamlit as st

from app import cached, db, sidebar, state
from app.filters import Filters, from_query_params
from app.i18n import t
from app.page import Ctx

PAGES = [  # file, url path ("" = /), title key, icon
    ("pages/overview.py", "", "page_overview", ":material/dashboard:"),
    ("pages/expected_vs_realised.py", "expected-vs-realised", "page_evr", ":material/compare_arrows:"),
    ("pages/phase_in.py", "phase-in", "page_phase_in", ":material/stairs:"),
    ("pages/sectors.py", "sectors", "page_sectors", ":material/category:"),
    ("pages/explorer.py", "explorer", "page_explorer", ":material/table_view:"),
    ("pages/sources.py", "sources", "page_sources", ":material/description:"),
    ("pages/planner.py", "planner", "page_planner", ":material/savings:"),
]

PRESENT_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 1.3rem; }
[data-testid="stMetricValue"] { font-size: 3rem; }
h1 { font-size: 3rem !important; }
</style>"""


def _lang_hint() -> str:
    """Language before the widgets exist (page titles are needed first)."""
    if "lang" in st.session_state and st.session_state.get(state.WRITTEN) is not None:
        return st.session_state["lang"] if st.session_state["lang"] in ("da", "en") else "da"
    f, _ = from_query_params({k: st.query_params.get_all(k) for k in st.query_params.keys()})
    return f.lang


def main() -> None:
    lang = _lang_hint()
    present_hint = st.session_state.get("present") if st.session_state.get(state.WRITTEN) is not None \
        else st.query_params.get("present") in ("1", "true", "ja", "yes")
    st.set_page_config(page_title=t("app_title", lang), page_icon=":material/savings:",
                       layout="wide", initial_sidebar_state="collapsed" if present_hint else "expanded")
    pg = st.navigation([st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=(url == ""))
                        for path, url, title, icon in PAGES])

    path = db.db_path()
    try:
        con, ident = db.cursor()
    except db.DatabaseMissing:
        st.title(t("app_title", lang))
        st.info(t("no_db", lang, path=path), icon=":material/database:")
        st.markdown(t("no_db_help", lang))
        st.code("python -m etl build\nmake run", language="bash")
        return
    except duckdb.Error as exc:
        st.title(t("app_title", lang))
        st.error(t("db_error", lang, path=path, error=str(exc).splitlines()[0]))
        st.markdown(t("no_db_help", lang))
        return
    db_key = (path, ident)
    if st.session_state.pop("_db_reloaded", False):
        st.toast(t("db_reloaded", lang))

    opts = sidebar.Options(cached.options(con, db_key))

    def validate(f: Filters):
        return opts.validate(f, type_exists=lambda v: con.execute(
            "SELECT 1 FROM initiative_types WHERE measure_type = ? LIMIT 1", [v]).fetchone() is not None)

    f = state.begin(validate)
    f = sidebar.draw(opts, f.lang)
    state.finish(f)
    if f.present:
        st.html(PRESENT_CSS)  # our own constant CSS; document text is never rendered as HTML
    sidebar.show_notices(f.lang)
    sidebar.show_active(f, opts, f.lang)
    st.session_state["_ctx"] = Ctx(con=con, db_key=db_key, f=f)
    try:
        pg.run()
    finally:  # a page finds a context only while this script runs it (app.page.ctx)
        st.session_state.pop("_ctx", None)


main()
