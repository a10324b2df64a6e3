"""The shared filter widgets in the sidebar, drawn once per run by ``dashboard.py``.

Widget keys equal the URL parameter names (``municipality``, ``sector``, …) so
tests, e2e scripts and bookmarks all speak the same names."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from app import state
from app.constants import LANG_NAMES, LANGS, YEAR_MAX, YEAR_MIN
from app.filters import Filters, Notice
from app.i18n import t
from app.page import md_escape


class Options:
    """What the widgets offer, read once per database file (see app.cached.options)."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.municipality = [str(m) for m in frames["municipality"]["municipality"]]
        sec = frames["sector"]
        self.sector = [str(s) for s in sec["sector"]]
        self.sector_label = {r.sector: (r.label_da, r.label_en) for r in sec.itertuples()}
        self.type = [str(x) for x in frames["type"]["measure_type"]]
        src = frames["source"]
        self.source = [str(s) for s in src["source_id"]]
        self.source_label = {r.source_id: r.file_name for r in src.itertuples()}
        self.source_by_file = {r.file_name: r.source_id for r in src.itertuples()}
        years = frames["years"].iloc[0] if len(frames["years"]) else None
        self.year_lo = int(years["lo"]) if years is not None and pd.notna(years["lo"]) else None
        self.year_hi = int(years["hi"]) if years is not None and pd.notna(years["hi"]) else None

    def validate(self, f: Filters, type_exists=None) -> tuple[Filters, list[Notice]]:
        """Drop values the data does not contain (with a notice); map source file names to ids."""
        notices: list[Notice] = []

        def keep(param, values, allowed):
            out = []
            for v in values:
                if v in allowed:
                    out.append(v)
                else:
                    notices.append(Notice(param, v, "unknown_value"))
            return tuple(out)

        sources = tuple(self.source_by_file.get(s, s) for s in f.source)
        types = []
        for v in f.type:
            if v in self.type or (type_exists and type_exists(v)):
                types.append(v)
                if v not in self.type:
                    self.type.append(v)
            else:
                notices.append(Notice("type", v, "unknown_value"))
        return replace(f, municipality=keep("municipality", f.municipality, set(self.municipality)),
                       sector=keep("sector", f.sector, set(self.sector)), type=tuple(types),
                       source=keep("source", sources, set(self.source))), notices


def draw(opts: Options, lang: str) -> Filters:
    """Draw the filter widgets (values come from session state) and return the resulting Filters."""
    sb = st.sidebar
    sb.radio(t("f_lang", lang), LANGS, key="lang", horizontal=True, format_func=LANG_NAMES.__getitem__)
    lang = st.session_state.get("lang", lang)
    sb.toggle(t("f_present", lang), key="present")
    sb.header(t("filters", lang))
    sb.button(t("clear_filters", lang), key="clear_filters", on_click=state.clear, icon=":material/filter_alt_off:")
    sb.text_input(t("f_q", lang), key="q", max_chars=200)
    # a selected type beyond the offered list stays selectable
    for v in st.session_state.get("type") or []:
        if v not in opts.type:
            opts.type.append(v)
    sb.multiselect(t("f_municipality", lang), opts.municipality, key="municipality", placeholder=t("choose", lang))
    sb.multiselect(t("f_sector", lang), opts.sector, key="sector", placeholder=t("choose", lang),
                   format_func=lambda s: opts.sector_label.get(s, (s, s))[1 if lang == "en" else 0])
    sb.multiselect(t("f_type", lang), opts.type, key="type", placeholder=t("choose", lang))
    sb.multiselect(t("f_source", lang), opts.source, key="source", placeholder=t("choose", lang),
                   format_func=lambda s: opts.source_label.get(s, s))
    sb.selectbox(t("f_adopted", lang), state.ADOPTED_OPTIONS, key="adopted",
                 format_func=lambda v: {"alle": t("any", lang), "ja": t("yes", lang), "nej": t("no", lang)}[v])
    c1, c2 = sb.columns(2)
    c1.number_input(t("f_year_from", lang), min_value=YEAR_MIN, max_value=YEAR_MAX, step=1, key="year_from",
                    placeholder=str(opts.year_lo or ""))
    c2.number_input(t("f_year_to", lang), min_value=YEAR_MIN, max_value=YEAR_MAX, step=1, key="year_to",
                    placeholder=str(opts.year_hi or ""))
    f = state.from_widgets()
    if f.year_from is not None or f.year_to is not None:
        sb.caption(t("year_null_note", lang))
    return f


def summary(f: Filters, opts: Options, lang: str) -> str:
    """One line naming the active data filters (shown above every page, also when presenting)."""
    parts = []
    if f.municipality:
        parts.append(", ".join(f.municipality))
    if f.sector:
        parts.append(", ".join(opts.sector_label.get(s, (s, s))[1 if lang == "en" else 0] for s in f.sector))
    if f.type:
        parts.append(", ".join(f.type))
    if f.source:
        parts.append(", ".join(opts.source_label.get(s, s) for s in f.source))
    if f.adopted is not None:
        parts.append(f"{t('f_adopted', lang)}: {t('yes' if f.adopted else 'no', lang)}")
    if f.year_from is not None or f.year_to is not None:
        parts.append(f"{t('year', lang)} {f.year_from or ''}–{f.year_to or ''}")
    if f.q:
        parts.append(f"“{f.q}”")
    return " · ".join(parts)


def show_active(f: Filters, opts: Options, lang: str) -> None:
    """The active filters and a visible 'clear filters' in the page itself."""
    text = summary(f, opts, lang)
    if not text:
        return
    a, b = st.columns([6, 1], vertical_alignment="center")
    a.caption(md_escape(t("active_summary", lang, text=text)))
    b.button(t("clear_filters", lang), key="clear_filters_main", on_click=state.clear,
             icon=":material/filter_alt_off:", type="tertiary")


def show_notices(lang: str) -> None:
    """Visible, non-fatal notices about ignored URL parameters."""
    for n in state.notices():
        st.warning(t(f"notice_{n.reason}", lang, param=md_escape(n.param), value=md_escape(n.value)),
                   icon=":material/info:")
