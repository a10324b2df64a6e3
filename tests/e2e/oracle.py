"""The expected answer for a filter, computed straight from the database with hand-written SQL.

WHY not ``app.filter_sql``: the browser tests check the dashboard's numbers against an
independent reading of the URL parameters as the README documents them (``sector``,
``municipality``, ``adopted``, ``year_from``/``year_to`` on the year of full phase-in, ``q`` as
free text in title and description). Reusing the app's own SQL would make the comparison
circular.

Also picks filter values from the data itself, so the same tests run on the real ETL build
and on the small tests/appdb.py database without a single typed-in number."""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-zÆØÅæøåÉé]{5,}")
LEADING_SIGNS = re.compile(r"^[\W_]+")


def default_order(rows: list[tuple], q: str | None) -> list[tuple]:
    """The explorer's default order, as its README states it: the largest expected gain first;
    with a search text, by relevance — titles that start with the text (quotation marks
    skipped), then titles that contain it, then the rest — and within each, the largest
    expected gain first. Ties by id. ``rows``: (initiative_id, title, expected_tkr, …)."""
    def gain(r):
        return (r[2] is None, -(r[2] or 0.0), r[0])

    if not q:
        return sorted(rows, key=gain)
    needle = q.lower()

    def relevance(r):
        title = (r[1] or "").lower()
        rank = 0 if LEADING_SIGNS.sub("", title).startswith(needle) else 1 if needle in title else 2
        return (rank, *gain(r))
    return sorted(rows, key=relevance)


@dataclass(frozen=True)
class Result:
    rows: list[tuple]  # (initiative_id, title, expected_tkr, realised_tkr, full_phase_in_year, adopted)

    @property
    def ids(self) -> list[str]:
        return [r[0] for r in self.rows]

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def expected_tkr(self) -> float | None:
        vals = [r[2] for r in self.rows if r[2] is not None]
        return sum(vals) if vals else None


def filtered(sql, *, sector=(), municipality=(), adopted: bool | None = None,
             year_from: int | None = None, year_to: int | None = None, q: str | None = None) -> Result:
    """The initiatives a filter keeps, in the explorer's default order (:func:`default_order`)."""
    cond, params = ["TRUE"], []
    if sector:
        cond.append(f"initiative_id IN (SELECT initiative_id FROM initiative_sectors "
                    f"WHERE sector IN ({','.join('?' * len(sector))}))")
        params += list(sector)
    if municipality:
        cond.append(f"initiative_id IN (SELECT initiative_id FROM initiative_municipalities "
                    f"WHERE municipality IN ({','.join('?' * len(municipality))}))")
        params += list(municipality)
    if adopted is not None:
        cond.append("adopted = ?")
        params.append(adopted)
    if year_from is not None:
        cond.append("full_phase_in_year >= ?")
        params.append(year_from)
    if year_to is not None:
        cond.append("full_phase_in_year <= ?")
        params.append(year_to)
    if q:
        cond.append("(contains(lower(title), lower(?)) OR contains(lower(coalesce(description, '')), lower(?)))")
        params += [q, q]
    rows = sql(f"""SELECT initiative_id, title, expected_tkr, realised_tkr, full_phase_in_year, adopted
                   FROM initiatives WHERE {' AND '.join(cond)}""", params)
    return Result(default_order(rows, q))


def total(sql) -> Result:
    return filtered(sql)


def shared_filter(sql) -> dict:
    """A filter with ``sector``, ``adopted``, ``year_from`` and ``q`` that keeps at least one
    initiative and drops at least one, taken from the data.

    Tries sectors from the most populated down: adopted initiatives of that sector with a known
    year, ``year_from`` at their median year, ``q`` a word from a remaining title."""
    everything = total(sql).count
    sectors = [s for (s,) in sql("""SELECT s.sector FROM initiative_sectors s JOIN initiatives i USING (initiative_id)
                                     WHERE s.sector IS NOT NULL AND i.adopted AND i.full_phase_in_year IS NOT NULL
                                     GROUP BY s.sector ORDER BY count(DISTINCT i.initiative_id) DESC, s.sector""")]
    for sector in sectors:
        base = filtered(sql, sector=[sector], adopted=True)
        years = sorted(r[4] for r in base.rows if r[4] is not None)
        year_from = years[len(years) // 2]
        kept = filtered(sql, sector=[sector], adopted=True, year_from=year_from)
        for row in kept.rows:
            words = WORD.findall(row[1] or "")
            if not words:
                continue
            q = max(words, key=len).lower()
            params = {"sector": sector, "adopted": "ja", "year_from": str(year_from), "q": q}
            result = filtered(sql, sector=[sector], adopted=True, year_from=year_from, q=q)
            if 0 < result.count < everything:
                return params
    raise AssertionError("the database has no sector with adopted, dated, titled initiatives to filter on")


def shared_result(sql, params: dict) -> Result:
    """``filtered`` for a URL-style filter dict as returned by ``shared_filter``."""
    return filtered(sql, sector=[params["sector"]] if "sector" in params else (),
                    adopted={"ja": True, "nej": False}.get(params.get("adopted")),
                    year_from=int(params["year_from"]) if "year_from" in params else None,
                    q=params.get("q"))


def search_word(sql) -> str:
    """A word from some title that keeps some initiatives and drops others (a useful ``q``)."""
    everything = total(sql).count
    titles = [t for (t,) in sql("SELECT title FROM initiatives ORDER BY initiative_id")]
    for title in titles:
        for word in sorted(set(WORD.findall(title)), key=len, reverse=True):
            if 0 < filtered(sql, q=word).count < everything:
                return word.lower()
    raise AssertionError("no title word narrows the initiatives")


def sector_label(sql, sector: str, lang: str = "da") -> str:
    col = "label_en" if lang == "en" else "label_da"
    return sql(f"SELECT {col} FROM sectors WHERE sector = ?", [sector])[0][0]
