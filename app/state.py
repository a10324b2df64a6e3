"""Filter state across reruns and pages: session state is the truth, the URL its mirror.

Streamlit's sidebar navigation drops the query string when it switches pages,
so the filters live in ``st.session_state`` (under the sidebar widgets' keys)
and are written back to ``st.query_params`` on every run. The URL is read
only when a session starts, or when it changes to something other than what
this app last wrote (a pasted or edited link) — then it wins."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app.constants import known_lang
from app.filters import MULTI, PAGE_PARAMS, Filters, Notice, from_query_params, to_query_params

WRITTEN = "_qp_written"
PAGE_STATE = "_page_params"  # the planner's parameters (app.filters.PAGE_PARAMS) as the URL has them
NOTICES = "_notices"
NOTICES_FOR = "_notices_for"
CURRENT = "_filters"
ADOPTED_OPTIONS = ("alle", "ja", "nej")
WIDGET_KEYS = MULTI + ("adopted", "year_from", "year_to", "q", "lang", "present")


def _url_now() -> dict[str, list[str]]:
    qp = st.query_params
    return {k: list(qp.get_all(k)) for k in qp}


def _normal(params: dict) -> dict[str, list[str]]:
    return {k: (list(v) if isinstance(v, list) else [v]) for k, v in params.items()}


def store(f: Filters) -> None:
    """Put Filters into the widgets' session-state keys (before the widgets are drawn)."""
    ss = st.session_state
    for key in MULTI:
        ss[key] = list(getattr(f, key))
    ss["adopted"] = "alle" if f.adopted is None else ("ja" if f.adopted else "nej")
    ss["year_from"] = f.year_from
    ss["year_to"] = f.year_to
    ss["q"] = f.q or ""
    ss["lang"] = f.lang
    ss["present"] = f.present


def from_widgets() -> Filters:
    """Filters as the widgets hold them now."""
    ss = st.session_state
    adopted = {"ja": True, "nej": False}.get(ss.get("adopted", "alle"))
    y0, y1 = ss.get("year_from"), ss.get("year_to")
    y0 = int(y0) if y0 is not None else None
    y1 = int(y1) if y1 is not None else None
    if y0 is not None and y1 is not None and y0 > y1:
        y0, y1 = y1, y0
    q = (ss.get("q") or "").strip() or None
    return Filters(
        **{k: tuple(ss.get(k) or ()) for k in MULTI}, adopted=adopted, year_from=y0, year_to=y1, q=q,
        lang=known_lang(ss.get("lang")), present=bool(ss.get("present")))


def begin(validate) -> Filters:
    """Start of every run: decide whether the URL or the session holds the filters.

    ``validate(filters) -> (filters, notices)`` drops values the data does not
    know (an unknown municipality), so the widgets never get an invalid option."""
    ss = st.session_state
    url = _url_now()
    written = ss.get(WRITTEN)
    if written is None or (url and url != written):
        ss[PAGE_STATE] = {k: v for k, v in url.items() if k in PAGE_PARAMS}
        f, notices = from_query_params(url)
        f, more = validate(f)
        store(f)
        ss[NOTICES] = list(notices) + list(more)
        ss[NOTICES_FOR] = _normal(to_query_params(f))
        ss[CURRENT] = f
        return f
    if any(k not in ss for k in WIDGET_KEYS) and isinstance(ss.get(CURRENT), Filters):
        store(ss[CURRENT])  # widget state was dropped on a page switch: restore it
    f = from_widgets()
    ss[CURRENT] = f
    return f


def finish(f: Filters) -> None:
    """After the widgets: write the filters to the URL (only when it differs, to avoid churn)."""
    ss = st.session_state
    ss[CURRENT] = f
    params = _normal(to_query_params(f)) | page_params()
    if _url_now() != _normal(params):
        st.query_params.from_dict(params)
    ss[WRITTEN] = _normal(params)


def page_params() -> dict[str, list[str]]:
    """The planner's parameters of this session: they follow the user from page to page in the URL
    (like the filters) so a link copied anywhere keeps the plan, and ``prices`` serves every page."""
    return dict(st.session_state.get(PAGE_STATE) or {})


def set_page_params(params: dict[str, str | list[str]]) -> None:
    """Replace the planner's parameters (from the planner's widgets; written to the URL by finish)."""
    st.session_state[PAGE_STATE] = _normal(params)
    if st.session_state.get(WRITTEN) is not None:
        url = _normal(to_query_params(current())) | _normal(params)
        st.query_params.from_dict(url)
        st.session_state[WRITTEN] = url


def current() -> Filters:
    """The filters of this run (set by the sidebar before the page is drawn)."""
    return st.session_state.get(CURRENT) or Filters()


def notices() -> list[Notice]:
    """Notices about the URL that set the current filters; they vanish once the filters change."""
    ss = st.session_state
    if ss.get(NOTICES) and ss.get(NOTICES_FOR) == _normal(to_query_params(current())):
        return list(ss[NOTICES])
    return []


def set_filters(f: Filters) -> None:
    """Replace the filters from a callback (cross-filter click, clear button)."""
    store(f)
    st.session_state[CURRENT] = f


def clear() -> None:
    """'Clear filters': keep language and presentation mode, drop every data filter."""
    f = from_widgets()
    set_filters(replace(Filters(), lang=f.lang, present=f.present))
