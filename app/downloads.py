"""Downloads of exactly the filtered rows: CSV for Danish Excel and XLSX.

Danish Excel opens a CSV correctly only with a BOM, ``;`` between fields and a
decimal comma. Text from public documents may start with ``=``, ``+``, ``-``
or ``@`` and would run as a formula when opened, so such cells get a leading
apostrophe (OWASP CSV injection advice)."""
from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl.styles import Font

from app.filters import Filters, to_query_params

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, ``;`` separator, decimal comma, no index."""
    text = _safe_frame(df).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str = "initiativer", extra: dict[str, pd.DataFrame] | None = None) -> bytes:
    """One sheet of ``df`` (bold header), then the ``extra`` sheets (e.g. the planner's "Om data")."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in {sheet: df, **(extra or {})}.items():
            _safe_frame(frame).to_excel(xw, index=False, sheet_name=name)
            for cell in xw.sheets[name][1]:
                cell.font = Font(bold=True)
    return buf.getvalue()


def file_name(f: Filters, ext: str, today: dt.date | None = None) -> str:
    """``initiativer_sector-skole_adopted-ja_2026-11-24.csv``: the filter and the date."""
    parts = ["initiativer"]
    for key, value in to_query_params(f.data_part()).items():
        vals = value if isinstance(value, list) else [value]
        parts.append(f"{key}-" + "+".join(vals))
    stem = "_".join(parts)
    stem = re.sub(r"[^0-9A-Za-zæøåÆØÅ_+\-]+", "-", stem)[:120].strip("-")
    return f"{stem}_{(today or dt.date.today()).isoformat()}.{ext}"
