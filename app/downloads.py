"""Downloads of exactly the filtered rows: CSV for Danish Excel and XLSX.

Danish Excel opens a CSV correctly only with a BOM, ``;`` between fields and a
decimal comma. Text from public documents may start with ``=``, ``+``, ``-``
or ``@`` and would run as a formula when opened (OWASP "CSV injection"); how
each format keeps such text inert:

- CSV has no types, so Excel decides from the text: a cell that starts with
  ``= + - @``, a tab or a carriage return gets a leading apostrophe, unless it
  is a plain number (``-1.250``: Excel reads the number it is, nothing runs).
  Text such as ``- Reduktion af vikarer`` keeps its apostrophe: Excel reads a
  leading minus as a formula and would show ``#NAME?`` instead of the text.
- XLSX has types: every text cell is written as a string, which Excel shows
  and never evaluates, so nothing is prefixed and ``- Reduktion`` stays as it
  is. Formula-like ones also carry Excel's own "text" flag (``quotePrefix``),
  so editing the cell in Excel does not turn it into a formula either."""
from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl.styles import Font

from app.filters import Filters, to_query_params

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A number as a spreadsheet reads one (Danish or English separators): never a formula.
_PLAIN_NUMBER = re.compile(r"[+\-]?\d[\d.,]*")


def formula_like(value) -> bool:
    """True for a text cell a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def neutralise(value):
    """For CSV: prefix a text cell that a spreadsheet would read as a formula with an apostrophe."""
    return "'" + value if formula_like(value) else value


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
    """One sheet of ``df`` (bold header), then the ``extra`` sheets (e.g. the planner's "Om data"), as typed
    cells; text is text (see the module docstring), never a formula."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in {sheet: df, **(extra or {})}.items():
            frame.to_excel(xw, index=False, sheet_name=name)
            ws = xw.sheets[name]
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if formula_like(cell.value):
                        cell.data_type = "s"  # openpyxl made "=…" a formula: it is the document's text
                        cell.quotePrefix = True
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
