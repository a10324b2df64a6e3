"""Entry point: ``streamlit run dashboard.py`` (or ``make run``).

Runs on every rerun of every page: opens the database, reads the filters (URL or
session), draws the shared sidebar, writes the filters back to the URL, builds the
page context and hands it to the selected page. The URL paths are public (bookmarks,
shared links): the README lists them.

How a page is made (the pattern every page follows):

- a page is a module ``app/pages/<name>.py`` with one function ``render(c: Ctx) -> None``;
  it asks for data with ``c.query(queries.<function>, *args)`` (cached per filters and
  database file) and draws figures from ``app.figures``;
- ``app/pages/__init__.py`` lists the pages (``PageSpec``: URL path, title key, icon,
  render function); this script turns each into ``st.Page(callable, url_path=…)`` with
  the context bound, and ``st.navigation`` runs the selected one;
- the context (:class:`app.page.Ctx`: cursor, database identity, filters) is passed as
  an argument — nothing travels through ``st.session_state``.

WHY the pages are not in a ``pages/`` folder next to this file: such a folder puts
Streamlit into its legacy multipage mode until the first ``st.navigation`` call, so the
first request after a server start (a bookmarked ``/explorer?sector=…``) ran the page
file alone, without sidebar or filters. With no such folder every request runs this
script, which calls ``st.navigation`` (tests/e2e/test_pages.py opens a bookmark as a
fresh server's first request).

Tests switch pages by URL path (``bench.pages.switch_page``): AppTest's own
``switch_page`` knows only file pages."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import duckdb
import streamlit as st

from app import cached, db, sidebar, state
from app.constants import known_lang
from app.filters import Filters, from_query_params
from app.i18n import t
from app.page import Ctx
from app.pages import PAGES
from app.planner import ui as planner_ui

#: The browser-tab icon, served by the dashboard itself. WHY a file: a ``:material/…:`` page icon
#: becomes a fonts.gstatic.com address, which a seminar room without internet cannot load.
ICON = Path(__file__).resolve().parent / "app" / "assets" / "icon.png"

PRESENT_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 1.3rem; }
h1 { font-size: 3rem !important; }
h3 { font-size: 1.7rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 1rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 3rem !important; }
</style>"""


def _lang_hint() -> str:
    """Language before the widgets exist (page titles are needed first)."""
    if "lang" in st.session_state and st.session_state.get(state.WRITTEN) is not None:
        return known_lang(st.session_state["lang"])
    f, _ = from_query_params({k: st.query_params.get_all(k) for k in st.query_params})
    return f.lang


def _database_problem(lang: str, message: str, show=st.error) -> None:
    st.title(t("app_title", lang))
    show(message, icon=":material/database:")
    st.markdown(t("no_db_help", lang))
    st.code('.venv/bin/python -m etl build\nmake etl ARGS="build"\nmake run', language="bash")


def context(lang: str) -> Ctx | None:
    """Open the database, draw the sidebar and return this run's context; or explain why the
    database cannot be read and return None."""
    path = db.db_path()
    try:
        con, ident = db.cursor()
    except db.DatabaseMissing:
        _database_problem(lang, t("no_db", lang, path=path), st.info)
        return None
    except duckdb.Error as exc:
        _database_problem(lang, t("db_error", lang, path=path, error=str(exc).splitlines()[0]))
        return None
    db_key = (path, ident)
    problem = cached.facets_problem(con, db_key)
    if problem:
        _database_problem(lang, t("db_outdated", lang, path=path, error=problem))
        return None
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
    planner_ui.prices_note(f.lang)
    return Ctx(con=con, db_key=db_key, f=f)


def _page(render: Callable[[Ctx], None], c: Ctx | None) -> None:
    if c is not None:  # None: the database problem is already explained above
        render(c)


def main() -> None:
    lang = _lang_hint()
    present_hint = st.session_state.get("present") if st.session_state.get(state.WRITTEN) is not None \
        else st.query_params.get("present") in ("1", "true", "ja", "yes")
    st.set_page_config(page_title=t("app_title", lang), page_icon=str(ICON),
                       layout="wide", initial_sidebar_state="collapsed" if present_hint else "expanded")
    c = context(lang)
    lang = c.lang if c else lang
    pg = st.navigation([st.Page(partial(_page, p.render, c), title=t(p.title_key, lang), icon=p.icon,
                                url_path=p.url_path, default=(p.url_path == "")) for p in PAGES])
    pg.run()


main()
