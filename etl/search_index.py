"""The free-text search index: which initiatives contain which words.

The dashboard's ``q`` filter must not scan every title and description on each rerun (a million
descriptions of ~940 characters are ~0.9 GB of text: 0.3-2 s per evaluation). After every
``build`` and ``add`` the ETL (``etl.load.refresh_facets``) rewrites, from ``initiatives``:

* ``search_terms(term_id, term, n_docs)`` — every distinct word of the searched text, folded
  (below); ``term_id`` is its rank in sort order, ``n_docs`` how many initiatives contain it;
* ``search_postings(term_id, doc)`` — one row per word and initiative containing it
  (``doc`` = ``initiative_facets.doc``), sorted by ``term_id``: a word's rows are contiguous, so
  DuckDB's zone maps skip the rest of the table;
* ``search_index_info`` — the rules (:data:`RULES`) and the number of initiatives it was built
  for. The dashboard uses the index only when both match its own; otherwise it scans.

**Semantics** (README, docs/schema.md). The query is split into words (runs of letters and
digits). An initiative matches when *every* word occurs inside a word of its title, its
description or its municipality names, compared after folding: lower case, æ→ae, ø→oe, å→aa,
other accents dropped (é→e, ü→u). So "rengøring" finds "Rengøringsudbud", "udbud" finds it too,
"Århus" finds "Aarhus", and "digital post" finds a text with both words anywhere. A query without
letters or digits (only punctuation) filters nothing. A query word holds no separator, so
"inside a word of the text" equals "inside the folded text": the scan a database without the
index falls back to (:func:`condition` with ``indexed=False``) selects the same rows.

**Size.** Each distinct (word, initiative) pair is stored once, as two integers: at 1,000,000
synthetic initiatives ~78 M pairs, compressed by the sort order to tens of MB
(docs/performance.md). Prefixes or n-grams would multiply that by the length of a word; instead
a word inside a compound ("udbud" in "rengøringsudbud") is found on the dictionary of distinct
words (~1 M rows, a few MB), and only the matching words' postings are read."""
from __future__ import annotations

import functools
import hashlib
import threading

import duckdb
import numpy as np
import pyarrow as pa

from etl import text_pieces
from etl.query_rows import one_row
from etl.schema import create_statement

#: Folding, as a SQL expression of ``{}``: lower case and the Danish letters spelled out ...
SPELL = "replace(replace(replace(lower({}), 'æ', 'ae'), 'ø', 'oe'), 'å', 'aa')"
#: ... then accents off (é→e, ü→u).
FOLD = "strip_accents(" + SPELL + ")"
#: What separates words after folding: anything that is not a letter or a digit (RE2 classes).
SEPARATOR = r"[^\pL\pN]+"
#: Before folding, accents may still be combining marks (``\pM``): part of their word.
SEPARATOR_UNFOLDED = r"[^\pL\pN\pM]+"
#: Identifies the rules above: an index built with other rules is not used (the app scans).
RULES = "words-" + hashlib.sha1((FOLD + SEPARATOR + SEPARATOR_UNFOLDED).encode()).hexdigest()[:12]
#: The most (term, initiative) pairs the index sorts at once in numpy (8 bytes each, and as many
#: again for the sort): a larger index is written in ranges of terms (:func:`_term_ranges`). 200,000
#: generated rows have 4.4 M pairs, 1,000,000 synthetic ones with long descriptions ~80 M.
RANGE_PAIRS = 16_000_000
#: :data:`SPELL` of a text already in lower case.
_SPELL_LOWERED = SPELL.replace("lower({})", "{}")


def fold_sql(expr: str) -> str:
    return FOLD.format(expr)


def words_sql(expr: str) -> str:
    """SQL: the distinct folded words of the text ``expr`` (a list; empty strings dropped)."""
    return (f"list_filter(list_distinct(regexp_split_to_array({fold_sql(expr)}, '{SEPARATOR}')), "
            f"lambda w: w <> '')")


def text_sql(alias: str) -> str:
    """SQL: what the search reads of a row ``alias`` of ``initiatives`` — title, description and
    municipality names."""
    return f"concat_ws(' ', {alias}.title, {alias}.description, {alias}.municipality)"


# --------------------------------------------------------------------------- ETL side

def refresh(con: duckdb.DuckDBPyConnection, pieces: text_pieces.Pieces | None = None) -> dict[str, int]:
    """Rewrite the index and the title index (:func:`refresh_titles`) from ``initiatives`` (call
    after ``etl.load.refresh_facets`` has numbered them, in the same transaction; the tables are
    defined in etl/schema.sql). ``pieces``: the texts already cut (etl/text_pieces.py), else they
    are cut here. Returns the row counts of the three tables.

    Each distinct piece of text is split, spelled out and stripped of accents once: the same words
    as splitting every folded text, since folding changes no letter or digit into a separator and a
    space is a separator. The (term, initiative) pairs are made unique and put in order as one
    64-bit number each, sorted in numpy (at 200,000 rows 4.4 M pairs: ~0.05 s of CPU where
    DuckDB's DISTINCT and ORDER BY took ~0.7), at most about :data:`RANGE_PAIRS` at a time."""
    for table in ("search_postings", "search_terms", "search_index_info"):  # etl/schema.sql
        con.execute(f"DELETE FROM {table}")
    titles: list[np.ndarray] = []
    n_docs: list[np.ndarray] = []
    with text_pieces.given_or_cut(con, pieces) as p:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE search_piece_terms AS
                        SELECT DISTINCT pid, strip_accents(word) AS term
                        FROM (SELECT pid, unnest(regexp_split_to_array({_SPELL_LOWERED.format('piece')},
                                                                       '{SEPARATOR_UNFOLDED}')) AS word
                              FROM {p.pieces})
                        WHERE strip_accents(word) <> ''""")
        con.execute("""CREATE OR REPLACE TEMP TABLE search_term_ids AS
                       SELECT (row_number() OVER (ORDER BY term) - 1)::INTEGER AS term_id, term
                       FROM (SELECT DISTINCT term FROM search_piece_terms)""")
        con.execute("""CREATE OR REPLACE TEMP TABLE search_piece_term_ids AS
                       SELECT pt.pid, t.term_id FROM search_piece_terms pt JOIN search_term_ids t USING (term)""")
        for first, last in _term_ranges(con, p):
            found = con.execute(f"""SELECT (t.term_id::BIGINT << 32) | d.doc AS pair,
                                           d.part = {text_pieces.TITLE} AS in_title
                                    FROM {p.doc_pieces} d JOIN search_piece_term_ids t USING (pid)
                                    WHERE t.term_id BETWEEN ? AND ?""", [first, last]).fetchnumpy()
            pairs, in_title = np.asarray(found["pair"], dtype=np.int64), np.asarray(found["in_title"], dtype=bool)
            del found
            titles.append(_unique_sorted(pairs[in_title]))
            postings = _unique_sorted(pairs)
            del pairs, in_title
            _insert_pairs(con, "search_postings", postings)
            n_docs.append(np.bincount((postings >> 32) - first, minlength=last - first + 1))  # every term has one
    counts = np.concatenate(n_docs).astype(np.int32) if n_docs else np.zeros(0, dtype=np.int32)
    by_term = pa.table({"term_id": pa.array(np.arange(len(counts), dtype=np.int32)), "n_docs": pa.array(counts)})
    con.register("_search_n_docs", by_term)
    try:
        con.execute("""INSERT INTO search_terms
                       SELECT t.term_id, t.term, n.n_docs FROM search_term_ids t JOIN _search_n_docs n USING (term_id)
                       ORDER BY t.term_id""")
    finally:
        con.unregister("_search_n_docs")
    for temp in ("search_piece_terms", "search_term_ids", "search_piece_term_ids"):
        con.execute(f"DROP TABLE {temp}")
    n_terms, n_postings = one_row(con, "SELECT (SELECT count(*) FROM search_terms), "
                                    "(SELECT count(*) FROM search_postings)")
    con.execute("INSERT INTO search_index_info SELECT ?, (SELECT count(*) FROM initiative_facets), ?, ?",
                [RULES, n_terms, n_postings])
    return {"search_terms": n_terms, "search_postings": n_postings, **refresh_titles(con, titles)}


def _term_ranges(con: duckdb.DuckDBPyConnection, p: text_pieces.Pieces) -> list[tuple[int, int]]:
    """Consecutive ranges (first, last) of every term_id, each of about :data:`RANGE_PAIRS`
    (term, place) pairs or fewer (a range ends past the term that crosses a multiple of it; one
    term is never split): the postings of one range are sorted at once, the ranges written in
    order. One range at 200,000 generated rows (known from the total, without counting by term)."""
    n_terms, total = one_row(con, f"""SELECT (SELECT count(*) FROM search_term_ids),
                                          (SELECT sum(x.n) FROM search_piece_term_ids t
                                           JOIN {p.pieces} x USING (pid))""")
    if not n_terms:
        return []
    if total <= RANGE_PAIRS:
        return [(0, n_terms - 1)]
    pairs_of = np.asarray(con.execute(f"""SELECT sum(x.n) AS n
                                          FROM search_piece_term_ids t JOIN {p.pieces} x USING (pid)
                                          GROUP BY t.term_id ORDER BY t.term_id""").fetchnumpy()["n"], dtype=np.int64)
    upto = np.cumsum(pairs_of)
    ends = np.unique(np.searchsorted(upto, np.arange(RANGE_PAIRS, upto[-1], RANGE_PAIRS), side="left"))
    lasts = [int(e) for e in ends if e < len(upto) - 1] + [len(upto) - 1]
    return list(zip([0] + [x + 1 for x in lasts[:-1]], lasts, strict=True))


def _unique_sorted(pairs: np.ndarray) -> np.ndarray:
    """The distinct values of ``pairs`` (term_id << 32 | doc), in ascending order."""
    ordered = np.sort(pairs)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _insert_pairs(con: duckdb.DuckDBPyConnection, table: str, pairs: np.ndarray) -> None:
    """Insert (term_id, doc) rows into ``table`` in the order of ``pairs`` (term_id << 32 | doc)."""
    rows = pa.table({"term_id": pa.array((pairs >> 32).astype(np.int32)),
                     "doc": pa.array((pairs & 0xFFFFFFFF).astype(np.int32))})
    con.register("_search_pairs", rows)
    try:
        con.execute(f"INSERT INTO {table} (term_id, doc) SELECT term_id, doc FROM _search_pairs")
    finally:
        con.unregister("_search_pairs")


#: The title index's tables (etl/schema.sql), created too when missing (etl.schema.create_statement).
#: ``search_title_postings``: one row per word of a title and initiative (``term_id`` of
#: ``search_terms``), sorted by ``term_id``; ``search_title_info``: the rules and the counts it was
#: built for (:func:`titles_usable`).
TITLE_TABLES = ("search_title_postings", "search_title_info")


def refresh_titles(con: duckdb.DuckDBPyConnection, postings: list[np.ndarray] | None = None) -> dict[str, int]:
    """Rewrite the title index: the words of each title alone, split and folded as :func:`refresh`
    splits them (so each is a term of ``search_terms``). What the explorer's relevance order reads:
    which of the initiatives a search keeps have a title containing its words (app/relevance.py) —
    at 1,000,000 "digital" keeps 700,764 initiatives and 41,601 such titles, and testing every kept
    title was most of a rerun. ~4 rows per initiative (3.8 M at 1,000,000). ``postings``: its rows
    as :func:`refresh` found them (term_id << 32 | doc, sorted and distinct, in ranges of terms in
    order); without them (a database of an older ETL, bench/synth.py --upgrade), read from the
    titles and ``search_terms``."""
    for table in TITLE_TABLES:
        con.execute(create_statement(table))
    con.execute("DELETE FROM search_title_postings")
    con.execute("DELETE FROM search_title_info")
    if postings is None:
        con.execute(f"""INSERT INTO search_title_postings
                        SELECT DISTINCT t.term_id, w.doc
                        FROM (SELECT x.doc, unnest(regexp_split_to_array({SPELL.format('i.title')},
                                                                         '{SEPARATOR_UNFOLDED}')) AS word
                              FROM initiative_facets x JOIN initiatives i USING (initiative_id)) w
                        JOIN search_terms t ON t.term = strip_accents(w.word)
                        ORDER BY t.term_id, w.doc""")
    else:
        for chunk in postings:
            _insert_pairs(con, "search_title_postings", chunk)
    (n_postings,) = one_row(con, "SELECT count(*) FROM search_title_postings")
    con.execute("INSERT INTO search_title_info SELECT ?, (SELECT count(*) FROM initiative_facets), "
                "(SELECT count(*) FROM search_terms), ?", [RULES, n_postings])
    return {"search_title_postings": n_postings}


# --------------------------------------------------------------------------- query side

def usable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database holds an index built with these rules for every initiative (the
    dashboard asks once per database file). No index, another ETL's rules, or a facets table out
    of step (a database written by other means) mean: scan."""
    try:
        row = con.execute("SELECT rules, n_docs, (SELECT count(*) FROM initiative_facets), "
                          "(SELECT count(*) FROM initiatives) FROM search_index_info").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == RULES and row[1] == row[2] == row[3]  # empty: not built


def titles_usable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database holds a title index (:func:`refresh_titles`) built with these rules
    beside a usable word index (:func:`usable`) of the same terms. An older database has none:
    the explorer then tests every kept title (same order, slower)."""
    if not usable(con):
        return False
    try:
        row = con.execute("SELECT t.rules, t.n_docs, t.n_terms, t.n_postings, i.n_docs, i.n_terms, "
                          "(SELECT count(*) FROM search_title_postings) "
                          "FROM search_title_info t, search_index_info i").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == RULES and row[1] == row[4] and row[2] == row[5] and row[3] == row[6]


_local = threading.local()


@functools.lru_cache(maxsize=4096)
def words(q: str) -> tuple[str, ...]:
    """The query's words under the index's own rules (folded by the same SQL, in an in-memory
    DuckDB of this thread), sorted; a word inside another of the query's words is dropped (every
    text containing the longer one contains it)."""
    con = getattr(_local, "con", None)
    if con is None:
        con = _local.con = duckdb.connect()
    found = set(one_row(con, f"SELECT {words_sql('?')}", [q])[0])
    return tuple(sorted(w for w in found if not any(w != o and w in o for o in found)))


#: SQL: the ``doc`` of every initiative with a word containing the parameter (a folded query
#: word): the dictionary is searched (a few MB), then only the matching words' postings are read.
DOCS_WITH_WORD = ("SELECT p.doc FROM search_postings p WHERE p.term_id IN "
                  "(SELECT t.term_id FROM search_terms t WHERE contains(t.term, ?))")


#: SQL: the ``doc`` of every initiative whose *title* has a word containing the parameter (a folded
#: query word), from the title index (:func:`refresh_titles`).
TITLE_DOCS_WITH_WORD = ("SELECT p.doc FROM search_title_postings p WHERE p.term_id IN "
                        "(SELECT t.term_id FROM search_terms t WHERE contains(t.term, ?))")


def condition(q: str, alias: str, indexed: bool) -> tuple[str, list]:
    """SQL condition (and its parameters) on a row ``alias`` of ``initiative_facets``: every word
    of ``q`` occurs in its initiative's text. ``indexed``: through the index (:func:`usable`),
    else a scan of the folded texts of ``initiatives`` (same rows, slower)."""
    ws = words(q)
    if not ws:
        return "TRUE", []
    if indexed:
        return "(" + " AND ".join([f"{alias}.doc IN ({DOCS_WITH_WORD})"] * len(ws)) + ")", list(ws)
    every = " AND ".join(["contains(t, ?)"] * len(ws))
    return (f"{alias}.initiative_id IN (SELECT initiative_id FROM (SELECT i.initiative_id, "
            f"{fold_sql(text_sql('i'))} AS t FROM initiatives i) WHERE {every})"), list(ws)
