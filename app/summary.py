"""Per-filter summaries: the figures of several charts from one scan of the filtered initiatives.

WHY: at 1,000,000 initiatives each query of a page scanned the filtered rows again — the
overview asked four (key figures, gains by year, the staircase, per sector; the key figures two
scans in one), the sectors page three. Now a page scans once: :func:`summary` groups the
filtered initiatives by (year of full phase-in, ``sector_mask``) — a few hundred to a few
thousand rows at 1 M — and the key figures, the gains by year, the staircase and the per-sector
figures are sums over those rows (``*_from``: a small DuckDB query over the summary, the same SQL
shapes as before, so NULL stays NULL and a sum of no known figure is NULL, never 0). The
expected-vs-realised page has its own summary per ``sector_mask`` (:func:`evr_summary`). The
number of distinct municipalities cannot be summed from groups: :func:`municipality_count` is
its own scan, asked by the overview only.

``app.queries`` keeps its functions (``kpis``, ``gains_by_year``, …: ``(con, filters) ->
DataFrame``) on top of these; the pages ask for the summary once through the cache and derive.
Sums of sums may differ from a sum over the rows in the last binary digit (DuckDB's parallel
sums already do); counts are exact."""
from __future__ import annotations

import duckdb
import pandas as pd

from app.filter_sql import FACETS, where
from app.filters import Filters


def sectors(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The canonical sectors (``sector``, ``label_da``, ``label_en``, ``sort_order``) in order: what
    the per-sector figures spread the summary's ``sector_mask`` over (the pages take it from the
    sidebar's options, read once per database file)."""
    return con.execute("SELECT sector, label_da, label_en, sort_order FROM sectors ORDER BY sort_order").df()


def _sum(values: pd.Series) -> float:
    """SQL's ``sum``: NULL (NaN) when no value is known, never 0."""
    return float(values.sum(min_count=1))


def _bits(mask) -> int:
    return bin(int(mask)).count("1")


def summary(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """The filtered initiatives grouped by ``year`` (of full phase-in; NULL = unknown) and
    ``sector_mask``: ``n``, ``expected_tkr``, ``n_expected``, ``realised_tkr``, ``n_realised``,
    ``n_adopted``, ``n_adopted_known``. One scan; every other figure here is summed from it."""
    cond = where(f, "x")
    sql = f"""
        SELECT x.full_phase_in_year AS year, x.sector_mask, count(*) AS n,
               sum(x.expected_tkr) AS expected_tkr, count(x.expected_tkr) AS n_expected,
               sum(x.realised_tkr) AS realised_tkr, count(x.realised_tkr) AS n_realised,
               count(*) FILTER (WHERE x.adopted) AS n_adopted, count(x.adopted) AS n_adopted_known
        FROM {FACETS} x WHERE {cond.sql}
        GROUP BY x.full_phase_in_year, x.sector_mask
    """
    return con.execute(sql, cond.params).df()


def municipality_count(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    """How many distinct municipalities the filtered initiatives name; with a municipality filter
    only the selected ones count (not the co-named)."""
    cond = where(f, "x")
    mun_cond, mun_params = "", []
    if f.municipality:
        mun_cond = f" WHERE m IN ({', '.join('?' * len(f.municipality))})"
        mun_params = list(f.municipality)
    sql = f"""SELECT count(DISTINCT m) FROM (SELECT unnest(x.municipalities) AS m FROM {FACETS} x
              WHERE {cond.sql}){mun_cond}"""
    return int(con.execute(sql, cond.params + mun_params).fetchall()[0][0])


def kpis_from(s: pd.DataFrame, n_municipalities: int) -> pd.DataFrame:
    """One row: counts and sums of the filtered initiatives (``s``: a :func:`summary`)."""
    n, known = int(s["n"].sum()), int(s["n_adopted_known"].sum())
    n_expected, n_adopted = int(s["n_expected"].sum()), int(s["n_adopted"].sum())
    return pd.DataFrame({
        "n_initiatives": [n], "n_municipalities": [int(n_municipalities)],
        "expected_tkr": [_sum(s["expected_tkr"])], "n_expected": [n_expected],
        "n_expected_missing": [n - n_expected], "realised_tkr": [_sum(s["realised_tkr"])],
        "n_realised": [int(s["n_realised"].sum())], "n_adopted": [n_adopted], "n_adopted_known": [known],
        "share_adopted": [n_adopted / known if known else float("nan")]})


#: What :func:`gains_by_year_from` sums per year.
_BY_YEAR = ["expected_tkr", "realised_tkr", "n", "n_expected"]


def gains_by_year_from(s: pd.DataFrame) -> pd.DataFrame:
    """Expected annual gain and count per year of full phase-in; year NULL = unknown (counted),
    last."""
    g = s.groupby("year", dropna=False, sort=True)[_BY_YEAR].sum(min_count=1).reset_index()
    g["year"] = g["year"].astype(s["year"].dtype)
    return g.astype({"n": "int64", "n_expected": "int64"})


def staircase_from(by_year: pd.DataFrame) -> pd.DataFrame:
    """Cumulative expected annual gain by year of full phase-in (known years only), from
    :func:`gains_by_year_from`'s rows: no scan of its own."""
    y = by_year[by_year["year"].notna()]
    gain = y["expected_tkr"].fillna(0.0).astype("float64")
    return pd.DataFrame({"year": y["year"].astype("int32"), "expected_tkr": gain,
                         "cumulative_tkr": gain.cumsum(), "cumulative_n": y["n"].cumsum().astype("float64")}
                        ).reset_index(drop=True)


def _per_sector(per_mask: pd.DataFrame, sectors_: pd.DataFrame, measures: dict) -> pd.DataFrame:
    """``measures`` ({column: how to total it}) per canonical sector, summed over the rows of
    ``per_mask`` (indexed by ``sector_mask``) whose mask has that sector's bit; the masks with no
    canonical sector as the row with ``sector`` NULL, last. A sector no row has is left out."""
    masks = [int(m) for m in per_mask.index]
    rows: list[dict] = []
    claimed: set[int] = set()
    for sec in sectors_.itertuples():
        hit = [(m >> (int(sec.sort_order) - 1)) & 1 == 1 for m in masks]
        if any(hit):
            claimed.update(m for m, h in zip(masks, hit) if h)
            rows.append({"sector": sec.sector, "label_da": sec.label_da, "label_en": sec.label_en,
                         "sort_order": int(sec.sort_order), **{c: fn(per_mask[hit]) for c, fn in measures.items()}})
    rest = [m not in claimed for m in masks]
    if any(rest):
        rows.append({"sector": None, "label_da": None, "label_en": None, "sort_order": None,
                     **{c: fn(per_mask[rest]) for c, fn in measures.items()}})
    out = pd.DataFrame(rows, columns=["sector", "label_da", "label_en", "sort_order", *measures])
    return out.astype({"sort_order": "Int32"})


def by_sector_from(s: pd.DataFrame, sectors_: pd.DataFrame) -> pd.DataFrame:
    """Per canonical sector: initiatives and sums; an initiative in several sectors is in each row
    (``n_multi`` counts those); no canonical sector = the row with ``sector`` NULL."""
    g = s.groupby("sector_mask")[["n", "expected_tkr", "realised_tkr", "n_expected"]].sum(min_count=1)
    g["multi"] = [_bits(m) > 1 for m in g.index]
    out = _per_sector(g, sectors_, {
        "n": lambda d: int(d["n"].sum()), "expected_tkr": lambda d: _sum(d["expected_tkr"]),
        "realised_tkr": lambda d: _sum(d["realised_tkr"]), "n_expected": lambda d: int(d["n_expected"].sum()),
        "n_multi": lambda d: int(d.loc[d["multi"], "n"].sum())})
    return out.astype({"n": "int64", "n_expected": "int64", "n_multi": "int64",
                       "expected_tkr": "float64", "realised_tkr": "float64"})


def n_multi_from(s: pd.DataFrame) -> int:
    """Filtered initiatives in more than one canonical sector."""
    multi = [_bits(m) > 1 for m in s["sector_mask"]]
    return int(s.loc[multi, "n"].sum()) if len(s) else 0


def evr_summary(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """The filtered initiatives per ``sector_mask``: ``n``, ``n_expected``, ``n_realised``,
    ``n_both`` (both figures known) and the sums of each figure over those with both."""
    cond = where(f, "x")
    sql = f"""
        SELECT x.sector_mask, count(*) AS n, count(x.expected_tkr) AS n_expected,
               count(x.realised_tkr) AS n_realised,
               count(*) FILTER (WHERE x.expected_tkr IS NOT NULL AND x.realised_tkr IS NOT NULL) AS n_both,
               sum(x.expected_tkr) FILTER (WHERE x.realised_tkr IS NOT NULL) AS expected_both_tkr,
               sum(x.realised_tkr) FILTER (WHERE x.expected_tkr IS NOT NULL) AS realised_both_tkr
        FROM {FACETS} x WHERE {cond.sql} GROUP BY x.sector_mask
    """
    return con.execute(sql, cond.params).df()


def evr_counts_from(es: pd.DataFrame) -> pd.DataFrame:
    """How many filtered initiatives have both, one or neither figure (``es``: :func:`evr_summary`)."""
    n, ne, nr, nb = (int(es[c].sum()) for c in ("n", "n_expected", "n_realised", "n_both"))
    return pd.DataFrame({"n_both": [nb], "n_expected_only": [ne - nb], "n_realised_only": [nr - nb],
                         "n_neither": [n - ne - nr + nb], "expected_both_tkr": [_sum(es["expected_both_tkr"])],
                         "realised_both_tkr": [_sum(es["realised_both_tkr"])]})


def realisation_from(es: pd.DataFrame, sectors_: pd.DataFrame) -> pd.DataFrame:
    """Per sector: realised ÷ expected over initiatives with both figures, and the counts it rests
    on (a sector with no figure at all is left out)."""
    g = es.groupby("sector_mask")[["n_both", "n_expected", "n_realised", "expected_both_tkr",
                                   "realised_both_tkr"]].sum(min_count=1)
    g = g[(g["n_expected"] + g["n_realised"] - g["n_both"]) > 0]
    out = _per_sector(g, sectors_, {
        "n_both": lambda d: int(d["n_both"].sum()),
        "n_expected_only": lambda d: int((d["n_expected"] - d["n_both"]).sum()),
        "n_realised_only": lambda d: int((d["n_realised"] - d["n_both"]).sum()),
        "expected_both_tkr": lambda d: _sum(d["expected_both_tkr"]),
        "realised_both_tkr": lambda d: _sum(d["realised_both_tkr"])})
    out = out.astype({"n_both": "int64", "n_expected_only": "int64", "n_realised_only": "int64",
                      "expected_both_tkr": "float64", "realised_both_tkr": "float64"})
    out["rate"] = out["realised_both_tkr"] / out["expected_both_tkr"].where(out["expected_both_tkr"] != 0)
    return out
