"""The dashboard's main aggregations written in pandas, for the DuckDB-versus-pandas comparison.

WHY: "why not load everything into a DataFrame?" is the obvious alternative to
querying DuckDB on every rerun. These functions do the same work as their
``app.queries`` namesakes on DataFrames loaded once from the database, and
:func:`same_result` checks that both give the same figures — a comparison of
speed means nothing unless the answers agree.
"""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from app import queries
from app.filters import Filters


class Frames:
    """The tables the aggregations need, loaded once (the load is timed separately)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.ini = con.execute("SELECT initiative_id, source_id, title, description, expected_tkr, "
                               "realised_tkr, full_phase_in_year, adopted FROM initiatives").df()
        self.mun = con.execute("SELECT initiative_id, municipality FROM initiative_municipalities").df()
        self.sec = con.execute("SELECT initiative_id, sector FROM initiative_sectors").df()
        self.typ = con.execute("SELECT initiative_id, measure_type FROM initiative_types").df()
        self.gains = con.execute("SELECT initiative_id, year, kind, amount_tkr FROM gains").df()
        self.sources = con.execute("SELECT source_id, file_name FROM sources").df()


def filtered(fr: Frames, f: Filters) -> pd.DataFrame:
    """The initiatives matching ``f`` (the semantics of app.filter_sql.where, written independently)."""
    ini = fr.ini
    mask = pd.Series(True, index=ini.index)

    def having(table: pd.DataFrame, column: str, values) -> pd.Series:
        ids = table.loc[table[column].isin(values), "initiative_id"]
        return ini["initiative_id"].isin(ids)

    if f.municipality:
        mask &= having(fr.mun, "municipality", f.municipality)
    if f.sector:
        mask &= having(fr.sec, "sector", f.sector)
    if f.type:
        mask &= having(fr.typ, "measure_type", f.type)
    if f.source:
        s = fr.sources
        ids = s.loc[s["source_id"].isin(f.source) | s["file_name"].isin(f.source), "source_id"]
        mask &= ini["source_id"].isin(ids)
    if f.adopted is not None:
        mask &= (ini["adopted"] == f.adopted).fillna(False).astype(bool)
    if f.year_from is not None:
        mask &= (ini["full_phase_in_year"] >= f.year_from).fillna(False).astype(bool)
    if f.year_to is not None:
        mask &= (ini["full_phase_in_year"] <= f.year_to).fillna(False).astype(bool)
    if f.q:
        q = f.q.lower()
        mask &= (ini["title"].str.lower().str.contains(q, regex=False).fillna(False).astype(bool)
                 | ini["description"].fillna("").str.lower().str.contains(q, regex=False).astype(bool))
    return ini[mask]


def kpis(fr: Frames, f: Filters) -> pd.DataFrame:
    fi = filtered(fr, f)
    m = fr.mun[fr.mun["initiative_id"].isin(fi["initiative_id"])]
    if f.municipality:
        m = m[m["municipality"].isin(f.municipality)]
    return pd.DataFrame([{
        "n_initiatives": len(fi), "n_municipalities": m["municipality"].nunique(),
        "expected_tkr": fi["expected_tkr"].sum(min_count=1), "n_expected": fi["expected_tkr"].count(),
        "realised_tkr": fi["realised_tkr"].sum(min_count=1), "n_realised": fi["realised_tkr"].count(),
        "n_adopted": int(fi["adopted"].fillna(False).astype(bool).sum()),
    }])


def gains_by_year(fr: Frames, f: Filters) -> pd.DataFrame:
    fi = filtered(fr, f)
    g = fi.groupby("full_phase_in_year", dropna=False, sort=True)
    out = pd.DataFrame({"expected_tkr": g["expected_tkr"].sum(min_count=1),
                        "realised_tkr": g["realised_tkr"].sum(min_count=1),
                        "n": g.size(), "n_expected": g["expected_tkr"].count()})
    return out.rename_axis("year").reset_index()


def by_sector(fr: Frames, f: Filters) -> pd.DataFrame:
    fi = filtered(fr, f)[["initiative_id", "expected_tkr", "realised_tkr"]]
    sec = fr.sec.dropna(subset=["sector"]).drop_duplicates()
    s = fi.merge(sec, on="initiative_id", how="left")  # no canonical sector: one row, sector NaN
    per_ini = s.dropna(subset=["sector"]).groupby("initiative_id").size()
    multi = per_ini.index[per_ini > 1]
    s["is_multi"] = s["initiative_id"].isin(multi)
    g = s.groupby("sector", dropna=False)
    return pd.DataFrame({"n": g.size(), "expected_tkr": g["expected_tkr"].sum(min_count=1),
                         "realised_tkr": g["realised_tkr"].sum(min_count=1),
                         "n_expected": g["expected_tkr"].count(), "n_multi": g["is_multi"].sum()}).reset_index()


def yearly_gains(fr: Frames, f: Filters) -> pd.DataFrame:
    fi = filtered(fr, f)
    g = fr.gains[fr.gains["initiative_id"].isin(fi["initiative_id"])].groupby(["year", "kind"])
    return pd.DataFrame({"amount_tkr": g["amount_tkr"].sum(), "n": g["initiative_id"].nunique()}).reset_index()


def evr_counts(fr: Frames, f: Filters) -> pd.DataFrame:
    fi = filtered(fr, f)
    e, r = fi["expected_tkr"].notna(), fi["realised_tkr"].notna()
    both = e & r
    return pd.DataFrame([{
        "n_both": int(both.sum()), "n_expected_only": int((e & ~r).sum()),
        "n_realised_only": int((~e & r).sum()), "n_neither": int((~e & ~r).sum()),
        "expected_both_tkr": fi.loc[both, "expected_tkr"].sum(min_count=1),
        "realised_both_tkr": fi.loc[both, "realised_tkr"].sum(min_count=1),
    }])


#: name → (pandas function, key columns to align rows on).
#: (the app's query, its pandas twin here, the key columns rows are matched on).
AGGREGATIONS = (
    (queries.kpis, kpis, ()),
    (queries.gains_by_year, gains_by_year, ("year",)),
    (queries.by_sector, by_sector, ("sector",)),
    (queries.yearly_gains, yearly_gains, ("year", "kind")),
    (queries.evr_counts, evr_counts, ()),
)


def same_result(duck: pd.DataFrame, pand: pd.DataFrame, keys: tuple[str, ...]) -> bool:
    """True when every column the pandas frame has agrees with DuckDB's (sums to 1e-6 relative)."""
    if len(duck) != len(pand):
        return False
    cols = [c for c in pand.columns if c not in keys]
    if keys:
        def keyed(df):
            k = df[list(keys)].astype(object).where(df[list(keys)].notna(), "\x00NULL")
            return df.assign(**{c: k[c].astype(str) for c in keys}).sort_values(list(keys)).reset_index(drop=True)
        duck, pand = keyed(duck), keyed(pand)
        if not (duck[list(keys)].values == pand[list(keys)].values).all():
            return False
    for c in cols:
        a = pd.to_numeric(duck[c], errors="coerce").astype(float).to_numpy()
        b = pd.to_numeric(pand[c], errors="coerce").astype(float).to_numpy()
        if not np.allclose(a, b, rtol=1e-6, atol=1e-6, equal_nan=True):
            return False
    return True
