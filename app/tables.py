"""Numbers in dashboard tables, formatted on the server in the UI language.

WHY not ``NumberColumn(format="localized")``: that follows the *browser's* locale,
so a projector laptop set up in English shows ``10,000`` inside the Danish UI.
A pandas Styler's display values are what ``st.dataframe`` shows, while the cells
keep their numbers (right-aligned, and sorted as numbers when a header is clicked).
Unknown values are shown as :data:`UNKNOWN` (pass it as ``placeholder``), never as
0 and never as Streamlit's default "None".

Tables are as tall as their rows (:func:`height`): Streamlit's default of ten visible rows hid
the last rows of short tables behind an inner scroll bar."""
from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from app.i18n import fmt_amount, fmt_num, fmt_pct, t

UNKNOWN = "–"
#: Tables of up to this many rows (one explorer page) are shown whole, without an inner scroll
#: bar; longer ones (the parse warnings) scroll inside a box of :data:`SCROLL_ROWS` rows.
PAGE_ROWS = 50
SCROLL_ROWS = 15
ROW_PX = 35  # Streamlit's row height (the header row is as tall)
#: Rows of tables whose cells are sentences (parse warnings): Streamlit wraps a cell's text only
#: in rows taller than 4rem (64 px); 84 px holds four lines, the rest shows on hover.
WRAP_ROW_PX = 84


def height(n_rows: int, row_px: int = ROW_PX) -> int | Literal["content"]:
    """``st.dataframe(height=…)`` for ``n_rows`` rows of ``row_px``: the whole table up to
    :data:`PAGE_ROWS`, else a box of :data:`SCROLL_ROWS` rows under the header."""
    if n_rows <= PAGE_ROWS:
        return "content"
    return SCROLL_ROWS * row_px + ROW_PX + 3


def _known(fmt):
    return lambda value: "" if value is None or pd.isna(value) else fmt(value)


def _formats(lang: str, amounts=(), counts=(), shares=(), totals=()) -> dict:
    """Money is in whole t.kr. everywhere: ``amounts`` are single figures, shown with the decimals
    the source printed (``189,37``); ``totals`` are sums, always whole (a sum of figures printed in
    kroner would otherwise show ``195.841,37``)."""
    formats = {c: _known(lambda v: fmt_amount(v, lang)) for c in amounts}
    formats |= {c: _known(lambda v: fmt_num(v, lang, 0)) for c in (*counts, *totals)}
    formats |= {c: _known(lambda v: fmt_pct(v, lang)) for c in shares}
    return formats


def numbers(df: pd.DataFrame, lang: str, amounts=(), counts=(), shares=(), totals=()) -> Styler:
    """``df`` with its amount, total, count and share (0–1, shown as percent) columns in
    ``lang``'s number format (:func:`_formats`). Columns not named keep Streamlit's own display
    (text, years, booleans)."""
    formats = _formats(lang, amounts, counts, shares, totals)
    return df.style.format({c: f for c, f in formats.items() if c in df.columns})


def as_text(df: pd.DataFrame, lang: str, amounts=(), counts=(), shares=(), totals=()) -> tuple[pd.DataFrame, dict]:
    """The same formats as :func:`numbers`, written into the cells as text, and the column
    configuration that right-aligns them. WHY: a Styler costs ~40 ms per table on every rerun
    (Streamlit renders it through pandas' HTML machinery); a page that redraws several tables on
    each click (the planner) shows them as text. The price: a click on such a header sorts as
    text. Unknown stays None (shown as :data:`UNKNOWN`)."""
    out = df.copy()
    for col, fmt in _formats(lang, amounts, counts, shares, totals).items():
        if col in out.columns:
            out[col] = pd.Series([None if v is None or pd.isna(v) else fmt(v) for v in out[col]],
                                 index=out.index, dtype=object)
    return out, {col: st.column_config.TextColumn(alignment="right") for col in (*amounts, *counts, *shares, *totals)
                 if col in out.columns}



def show(df: pd.DataFrame, lang: str, key: str, labels: dict[str, str], amounts=(), counts=(), shares=(),
         totals=()):
    """``st.dataframe`` of ``labels``' columns, headed by their UI strings (``labels``: column →
    i18n key), numbers formatted by :func:`numbers`, unknown shown as :data:`UNKNOWN`, as tall as
    its rows (:func:`height`)."""
    return st.dataframe(numbers(df[list(labels)], lang, amounts, counts, shares, totals), hide_index=True,
                        placeholder=UNKNOWN, key=key, height=height(len(df)),
                        column_config={col: t(label, lang) for col, label in labels.items()})
