"""The explorer's relevance order for a text search, one definition and two ways to compute it.

**The order.** Titles that start with the search text (leading quotation marks and signs skipped)
first, then titles that contain it, then the rest; within each the largest expected gain first,
ties by ``doc`` (the initiative's number in id order). "Contains" is ``title ILIKE '%text%'``:
the text as typed, case ignored (not folded: "aarhus" does not find "Århus" here, though the
search itself keeps it — it then sorts with the rest).

**Two ways, the same order.**

- :func:`score_sql`, every row's title tested: what a database without the title index, the
  downloads (every filtered row) and the explorer's page of 50 rows use.
- :func:`order` with a resolved :class:`~app.filter_sql.Selection` on a database with the title
  index (etl.search_index.refresh_titles): the index names the kept initiatives whose *titles*
  contain every word of the search (folded); only those titles are tested with the same
  :func:`score_sql`, and the order tests two bitmaps (starts with / contains) per row. Same rows in
  the same order: a title that contains the text contains each of its words once both are folded
  (folding maps letter by letter, so it keeps "is inside"), so every title the first way scores 0
  or 1 is among the tested ones, and those are scored by the same SQL. At 1,000,000 "digital"
  keeps 700,764 initiatives of which 41,601 titles contain it: the titles tested fall from
  700,764 to 41,601 (a page 96 → 53 ms of CPU, docs/performance.md). Used where the search keeps
  many rows (:data:`INDEX_FROM_ROWS`); where it keeps few, testing them is cheaper.
"""
from __future__ import annotations

import re

import duckdb
import numpy as np

from app.filter_sql import Selection
from app.filters import Filters
from etl import search_index

_LIKE_SPECIAL = re.compile(r"[\\%_]")


def contains_pattern(text: str) -> str:
    """A ``LIKE``/``ILIKE … ESCAPE '\\'`` pattern that matches ``text`` anywhere, its own ``%``, ``_``
    and backslashes taken literally: ``50% af_x`` → ``%50\\% af\\_x%``."""
    return "%" + _LIKE_SPECIAL.sub(r"\\\g<0>", text) + "%"


def score_sql(alias: str) -> str:
    """SQL: 0 when the title of row ``alias`` starts with the text (two parameters: the
    :func:`contains_pattern` of the text, then the text), 1 when it contains it, else 2.

    Containment first: a title that starts with the text contains it, and most rows a search keeps
    match in the description only, so the regular expression runs on few titles. Containment by
    ILIKE, which lower-cases as lower() does but only where it must: half the CPU of
    strpos(lower(title), …) over 1 M titles (124 vs 237 ms, load 11)."""
    a = alias
    return (f"CASE WHEN NOT ({a}.title ILIKE ? ESCAPE '\\') THEN 2 "
            f"WHEN starts_with(regexp_replace(lower({a}.title), '^[^\\p{{L}}\\p{{N}}]+', ''), lower(?)) "
            f"THEN 0 ELSE 1 END")


def _tail(alias: str) -> str:
    return f"{alias}.expected_tkr DESC NULLS LAST, {alias}.doc"


def order_by(q: str, alias: str) -> tuple[str, list]:
    """``ORDER BY`` relevance, every title tested (the first way)."""
    return f"ORDER BY {score_sql(alias)}, {_tail(alias)}", [contains_pattern(q), q]


#: The title index pays from this many kept initiatives per search word on: each word costs a scan
#: of the word dictionary and its title postings (2–20 ms at 1,000,000), each kept row tested the
#: first way ~0.1 µs. Measured at 1,000,000 (CPU ms of a page, old → index): "digital" 700,764 kept
#: 96 → 53, with a sector 151,394 kept 42 → 43, 64,542 kept 39 → 38, "digital post" 41,601 kept
#: 43 → 73, "borger digital" 494,530 kept 70 → 64. Below it, the first way (the same order).
INDEX_FROM_ROWS = 150_000


def _bits(n: int, docs: np.ndarray) -> bytes:
    keep = np.zeros(n, dtype=bool)
    keep[docs.astype(np.int64)] = True
    return np.packbits(keep).tobytes()


def order(con: duckdb.DuckDBPyConnection, f: Filters, alias: str) -> tuple[str, list]:
    """``ORDER BY`` relevance for the rows of ``initiative_facets AS <alias>`` that ``f`` keeps, and
    its parameters: through the title index where ``f`` is resolved against a database that has
    one (the second way), else :func:`order_by`."""
    q = f.q or ""
    words = search_index.words(q)
    if not (isinstance(f, Selection) and f.bits is not None and f.titles and words
            and (f.count or 0) >= INDEX_FROM_ROWS * len(words)):
        return order_by(q, alias)
    (n,) = con.execute("SELECT count(*) FROM initiative_facets").fetchone() or (0,)  # table statistics
    candidate = np.unpackbits(np.frombuffer(f.bits, dtype=np.uint8), count=n).astype(bool)
    for word in words:
        in_title = np.zeros(n, dtype=bool)
        in_title[con.execute(search_index.TITLE_DOCS_WITH_WORD, [word]).fetchnumpy()["doc"].astype(np.int64)] = True
        candidate &= in_title
    levels: list[str] = []
    params: list = []
    if candidate.any():
        scored = con.execute(f"SELECT x.doc, {score_sql('x')} AS s FROM initiative_facets x "
                             "WHERE get_bit(?::BLOB::BIT, x.doc) = 1",
                             [contains_pattern(q), q, np.packbits(candidate).tobytes()]).fetchnumpy()
        for s in (0, 1):
            docs = scored["doc"][scored["s"] == s]
            if len(docs):
                levels.append(f"WHEN get_bit(?::BLOB::BIT, {alias}.doc) = 1 THEN {s}")
                params.append(_bits(n, docs))
    if not levels:  # no kept title contains the text: all rows score 2
        return f"ORDER BY {_tail(alias)}", []
    return f"ORDER BY CASE {' '.join(levels)} ELSE 2 END, {_tail(alias)}", params
