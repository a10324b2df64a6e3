"""Numbers in dashboard tables, formatted on the server in the UI language.

WHY not ``NumberColumn(format="localized")``: that follows the *browser's* locale,
so a projector laptop set up in English shows ``10,000`` inside the Danish UI.
A pandas Styler's display values are what ``st.dataframe`` shows, while the cells
keep their numbers (right-aligned, and sorted as numbers when a header is clicked).
Unknown values are shown as :data:`UNKNOWN` (pass it as ``placeholder``), never as
0 and never as Streamlit's default "None"."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal
from pandas.io.formats.style import Styler

from app.i18n import LOCALE, fmt_num, fmt_pct, t

UNKNOWN = "–"
AMOUNT = "#,##0.##"  # t.kr. as printed: 189,37 stays 189,37, 10000 becomes 10.000


def _known(fmt):
    return lambda value: "" if value is None or pd.isna(value) else fmt(value)


def _formats(lang: str, amounts=(), counts=(), shares=()) -> dict:
    locale = LOCALE.get(lang, LOCALE["da"])
    formats = {c: _known(lambda v: format_decimal(v, format=AMOUNT, locale=locale)) for c in amounts}
    formats |= {c: _known(lambda v: fmt_num(v, lang, 0)) for c in counts}
    formats |= {c: _known(lambda v: fmt_pct(v, lang)) for c in shares}
    return formats


def numbers(df: pd.DataFrame, lang: str, amounts=(), counts=(), shares=()) -> Styler:
    """``df`` with its amount, count and share (0–1, shown as percent) columns in
    ``lang``'s number format. Columns not named keep Streamlit's own display (text,
    years, booleans)."""
    formats = _formats(lang, amounts, counts, shares)
    return df.style.format({c: f for c, f in formats.items() if c in df.columns})


def as_text(df: pd.DataFrame, lang: str, amounts=(), counts=(), shares=()) -> tuple[pd.DataFrame, dict]:
    """The same formats as :func:`numbers`, written into the cells as text, and the column
    configuration that right-aligns them. WHY: a Styler costs ~40 ms per table on every rerun
    (Streamlit renders it through pandas' HTML machinery); a page that redraws several tables on
    each click (the planner) shows them as text. The price: a click on such a header sorts as
    text. Unknown stays None (shown as :data:`UNKNOWN`)."""
    out = df.copy()
    for col, fmt in _formats(lang, amounts, counts, shares).items():
        if col in out.columns:
            out[col] = pd.Series([None if v is None or pd.isna(v) else fmt(v) for v in out[col]],
                                 index=out.index, dtype=object)
    return out, {col: st.column_config.TextColumn(alignment="right") for col in (*amounts, *counts, *shares)
                 if col in out.columns}


def show(df: pd.DataFrame, lang: str, key: str, labels: dict[str, str], amounts=(), counts=(), shares=()):
    """``st.dataframe`` of ``labels``' columns, headed by their UI strings (``labels``: column →
    i18n key), numbers formatted by :func:`numbers`, unknown shown as :data:`UNKNOWN`."""
    return st.dataframe(numbers(df[list(labels)], lang, amounts, counts, shares), hide_index=True,
                        placeholder=UNKNOWN, key=key,
                        column_config={col: t(label, lang) for col, label in labels.items()})
