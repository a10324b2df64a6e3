"""What every page needs: its context (cursor, filters, language) and a chart helper
whose clicks become filters."""
from __future__ import annotations

import re
import runpy
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app import crossfilter, state
from app.filters import Filters
from app.i18n import t

ENTRYPOINT = Path(__file__).resolve().parent.parent / "dashboard.py"


@dataclass(frozen=True)
class Ctx:
    con: object
    db_key: tuple
    f: Filters

    @property
    def lang(self) -> str:
        return self.f.lang

    @property
    def present(self) -> bool:
        return self.f.present

    def t(self, key: str, **kw) -> str:
        return t(key, self.lang, **kw)


def ctx() -> Ctx:
    """The context dashboard.py sets while it runs this page.

    Without one, Streamlit's legacy ``pages/`` mode ran the page file alone
    (first request after a server start, AppTest page switches): run the
    entrypoint instead, which registers the pages with ``st.navigation`` and
    runs this page again with its context, then end this bare run."""
    c = st.session_state.get("_ctx")
    if c is None:
        runpy.run_path(str(ENTRYPOINT), run_name="__main__")
        st.stop()
    return c


def _on_select(chart_key: str) -> None:
    event = st.session_state.get(chart_key)
    new = crossfilter.apply(state.from_widgets(), event)
    if new != state.from_widgets():
        state.set_filters(new)


def chart(fig, key: str, clickable: bool = True) -> None:
    """A plotly chart; with ``clickable`` a click on a mark filters every page."""
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


def empty(c: Ctx) -> None:
    st.info(c.t("empty"), icon=":material/filter_alt_off:")
