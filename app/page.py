"""What every page needs: its context (cursor, filters, language) and a chart helper
whose clicks become filters.

A page is a module of ``app/pages/`` with one function ``render(c: Ctx) -> None``;
``dashboard.py`` builds the :class:`Ctx` once per run and passes it in."""
from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import streamlit as st

from app import cached, crossfilter, state
from app.filters import Filters
from app.i18n import t, tn


@dataclass(frozen=True)
class Ctx:
    """One run of one page: this session's cursor, the database file it reads, the filters."""

    con: duckdb.DuckDBPyConnection
    db_key: tuple  # (path, file identity): part of every cache key
    f: Filters

    @property
    def lang(self) -> str:
        return self.f.lang

    @property
    def present(self) -> bool:
        return self.f.present

    def t(self, key: str, **kw) -> str:
        return t(key, self.lang, **kw)

    def query(self, query: cached.Query, *args):
        """``query(cursor, filters, *args)`` for this page's filters, through the cache."""
        return cached.run(self.con, self.db_key, query, self.f, *args)

    @property
    def sectors(self):
        """The canonical sectors in order (sector, labels, ``sort_order``), read once per file:
        what the per-sector figures of app.summary spread over."""
        return cached.options(self.con, self.db_key)["sector"]


def _on_select(chart_key: str) -> None:
    event = st.session_state.get(chart_key)
    new = crossfilter.apply(state.from_widgets(), event)
    if new != state.from_widgets():
        state.set_filters(new)


def chart(fig, key: str, title: str | None = None, clickable: bool = True) -> None:
    """A plotly chart under its ``title`` (a heading that wraps in a narrow column; plotly's own
    title would be cut off); with ``clickable`` a click on a mark filters every page."""
    if title:
        st.markdown(f"#### {md_escape(title)}")
    if clickable:
        st.plotly_chart(fig, key=key, on_select=lambda: _on_select(key), selection_mode=("points",),
                        config={"displaylogo": False})
    else:
        st.plotly_chart(fig, key=key, config={"displaylogo": False})


def columns(c: Ctx, n: int):
    """Side-by-side columns, or full width (one per row) in presentation mode."""
    if c.present:
        return [st.container() for _ in range(n)]
    return st.columns(n)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text) -> str:
    """Document text shown inside Markdown (headings, captions) must stay literal text."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def expected_help(c: Ctx, k) -> str:
    """The expected total's help (overview, sectors): what it sums, and how many have no amount.
    ``k``: a row of app.queries.kpis."""
    return c.t("kpi_expected_help", initiatives=tn("count_initiatives", int(k["n_expected"]), c.lang),
               missing=tn("count_missing_amount", int(k["n_expected_missing"]), c.lang))


def empty(c: Ctx) -> None:
    st.info(c.t("empty"), icon=":material/filter_alt_off:")
