"""Similar initiatives, computed at load and stored in ``initiative_similar``.

For every initiative, the :data:`TOP_K` most similar initiatives from *another document, or from
the same document but another municipality* (a catalogue's other cards of the same municipality
are not evidence from elsewhere), ranked by the cosine similarity of their TF-IDF vectors over
title and description (the title's words counted :data:`TITLE_WEIGHT` times). The dashboard reads
the stored rows; nothing is computed per page view.

Text to terms (:data:`WORDS_SQL`, on the texts cut at spaces by etl/text_pieces.py): lower case,
letters only, Danish function words dropped, and the inflection endings of Danish nouns and
adjectives (-en, -et, -er, -erne, -e, -s, …) stripped, so "skolen", "skoler" and "skolerne" are
one term. (A library stemmer such as Snowball's Danish
one would be the first choice; none is installed, and these endings are what matter here.)

Everything runs in DuckDB, set-based and parallel. Cost, for N initiatives:

- terms and weights: linear in the text (a few seconds per 100,000 descriptions);
- pairs: a self-join of the postings on the term, O(Σ_t p_t²) for p_t postings of term t. Terms found
  in one document only cannot pair and are left out (they still count in each vector's length);
  terms in more than :data:`MAX_DF_SHARE` of the documents (but at least :data:`MIN_DF_CAP`) are
  dropped as too common; a document keeps its :data:`MAX_TERMS` heaviest terms, and a term pairs
  only its :data:`PAIRING` heaviest documents. So p_t ≤ PAIRING and the join is at most
  N × MAX_TERMS × PAIRING products: linear in N, never quadratic. Below PAIRING documents per term
  (every term of the built-in data) the result is exact; above, a score can only be missed, never
  inflated. docs/performance.md has the measurements (built-in data, synthetic 10,000 and 100,000);
  the benchmark's synthetic million is built without this table.

Weights are whole numbers (× :data:`SCALE`) and each vector's length is summed as a DECIMAL, so the
sums are exact and a rebuild gives the same scores and ranks to the last digit (a floating-point
sum in parallel depends on its order)."""
from __future__ import annotations

import duckdb

from etl import text_pieces
from etl.query_rows import one_row

TOP_K = 5
MIN_SCORE = 0.1
TITLE_WEIGHT = 2
MAX_TERMS = 40
MAX_DF_SHARE = 0.2
MIN_DF_CAP = 50  # a small collection keeps every term: the share would cut its topic words
PAIRING = 100  # per term, the documents weighing it most that pair through it
SCALE = 10_000

#: Danish function words (and abbreviations of prose) that say nothing about what an initiative is.
_STOPWORDS = """
af alle allerede alt anden andet andre at bl blev blevet blive bliver bør ca da de deres dem den denne dens
der deres det dette dets dig disse dvs efter eks eller end endnu ene eneste enhver er et etc evt f fx for
fordi fra før gennem god godt ham han hans har have havde hele helt hende hendes her hos hun hvad hvem
hver hvilke hvilken hvis hvor hvordan hvorfor hvornår i igen igennem ikke ind inden indtil jeg jer jo kan
kun kunne man mange med medmindre meget men mens mere mest mig min mine mit mod må måske ned nej noget
nogle nok nu ny nye når og også om op os osv over på samme samt sig sin sine sit skal skulle som stadig
så sådan thi til ud uden udover under var ved vi via vil ville vor vore vores være været kr mio tkr mia
"""
STOPWORDS = sorted(set(_STOPWORDS.split()))
#: Inflection endings; the longest one that leaves at least four letters is stripped, twice.
ENDINGS = ("ernes", "erne", "enes", "ene", "ens", "ets", "ers", "er", "en", "et", "es", "e", "s")
_STRIP = f"'^(.{{4,}}?)({'|'.join(ENDINGS)})$'"  # lazy stem: the shortest stem = the longest ending
_LETTERS = r"'[a-zæøåäöüé\x{0300}-\x{036f}]+'"  # letters and combining accents (a decomposed å)

#: The words of the distinct pieces of text in relation ``{pieces}`` (pid, piece: lower case, no
#: space; etl/text_pieces.py) as CTEs: ``words`` (pid, w), every word of a piece (letters and
#: combining accents), and ``stems`` (w, term), each distinct word normalised (NFC) and stemmed
#: once, function words and short words left out. The parameter is the list of stop words.
#: ``vocabulary`` and ``stems`` are materialised: otherwise DuckDB pushes the filter below the
#: DISTINCT and normalises every word instead of every distinct one.
WORDS_SQL = f"""
    WITH words AS MATERIALIZED (SELECT pid, unnest(regexp_extract_all(piece, {_LETTERS})) AS w FROM {{pieces}}),
    vocabulary AS MATERIALIZED (SELECT w, nfc_normalize(w) AS nfc FROM (SELECT DISTINCT w FROM words)),
    stems AS MATERIALIZED (
        SELECT w, regexp_replace(regexp_replace(nfc, {_STRIP}, '\\1'), {_STRIP}, '\\1') AS term
        FROM vocabulary WHERE length(nfc) > 2 AND NOT list_contains($stopwords, nfc))"""


def tf_sql(p: text_pieces.Pieces) -> str:
    """SQL: ``(doc, term, tf)``, each document's terms as numbers (a term's rank in sort order, so
    ties broken by the number are broken by the term) and their counts, a title's words counted
    :data:`TITLE_WEIGHT` times: the terms of each distinct piece of the title and the description,
    summed over the document's pieces. One aggregate by two integers (by the texts of the id and
    the term, over every word, it was 1.1 of 2.1 s of CPU at 200,000)."""
    piece_terms = WORDS_SQL.replace("{pieces}", p.pieces) + """,
        ids AS (SELECT w, (dense_rank() OVER (ORDER BY term))::INTEGER AS term FROM stems)
        SELECT words.pid, ids.term, count(*) AS n FROM words JOIN ids USING (w) GROUP BY ALL"""
    title, description = text_pieces.TITLE, text_pieces.DESCRIPTION
    return f"""WITH piece_terms AS ({piece_terms})
        SELECT d.doc, t.term, sum(t.n * CASE d.part WHEN {title} THEN {TITLE_WEIGHT} ELSE 1 END) AS tf
        FROM {p.doc_pieces} d JOIN piece_terms t USING (pid)
        WHERE d.part IN ({title}, {description}) GROUP BY ALL"""


def terms(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """The terms of one text as the similarity sees them (for tests and for reading the rule)."""
    sql = WORDS_SQL.replace("{pieces}", "(SELECT 0 AS pid, unnest(string_split(lower($text), ' ')) AS piece)") + \
        " SELECT DISTINCT stems.term FROM words JOIN stems USING (w)"
    return sorted(r[0] for r in con.execute(sql, {"stopwords": STOPWORDS, "text": text}).fetchall())


def refresh(con: duckdb.DuckDBPyConnection, pieces: text_pieces.Pieces | None = None) -> int:
    """Recompute ``initiative_similar`` for every initiative in the database (a new document
    changes the weights of all terms, so ``etl add`` recomputes it all too). ``pieces``: the texts
    already cut (etl/text_pieces.py), else they are cut here. Returns its rows."""
    con.execute("DELETE FROM initiative_similar")
    (n,) = one_row(con, "SELECT count(*) FROM initiatives")
    if n < 2:
        return 0
    with text_pieces.given_or_cut(con, pieces) as p:
        _write(con, p, n)
    (rows,) = one_row(con, "SELECT count(*) FROM initiative_similar")
    return int(rows)


def _write(con: duckdb.DuckDBPyConnection, p: text_pieces.Pieces, n: int) -> None:
    """Write ``initiative_similar`` for the ``n`` documents of ``p`` (doc: the number in
    initiative_id order, so ties broken by it are broken by the id)."""
    max_df = max(MIN_DF_CAP, int(MAX_DF_SHARE * n))
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _similarity_postings AS
        WITH tf AS ({tf_sql(p)}),
        df AS (SELECT term, count(*) AS df FROM tf GROUP BY term),
        w AS (SELECT tf.doc, tf.term, df.df, (1 + ln(tf.tf)) * ln({n} / df.df) AS w
              FROM tf JOIN df USING (term)),
        norm AS (SELECT doc, sqrt(sum((w * w)::DECIMAL(18, 9))::DOUBLE) AS norm FROM w GROUP BY 1),
        kept AS (SELECT w.doc, w.term, round(w.w / norm.norm * {SCALE})::BIGINT AS w
                 FROM w JOIN norm USING (doc)
                 WHERE w.df BETWEEN 2 AND {max_df} AND norm.norm > 0
                 QUALIFY row_number() OVER (PARTITION BY w.doc ORDER BY w.w DESC, w.term) <= {MAX_TERMS})
        SELECT * FROM kept
        QUALIFY row_number() OVER (PARTITION BY term ORDER BY w DESC, doc) <= {PAIRING}""",
                {"stopwords": STOPWORDS})
    con.execute(f"""
            INSERT INTO initiative_similar (initiative_id, similar_id, score, rank)
            WITH p AS (SELECT * FROM _similarity_postings WHERE w > 0),
            pairs AS (
                SELECT a.doc, b.doc AS similar_doc, sum(a.w * b.w) AS dot
                FROM p a JOIN p b ON a.term = b.term AND a.doc <> b.doc
                GROUP BY ALL HAVING sum(a.w * b.w) >= {int(MIN_SCORE * SCALE * SCALE)}),
            munis AS (SELECT d.doc, d.initiative_id, d.source_id,
                             list(m.municipality) FILTER (WHERE m.municipality IS NOT NULL) AS munis
                      FROM {p.docs} d LEFT JOIN initiative_municipalities m USING (initiative_id)
                      WHERE d.doc IN (SELECT doc FROM pairs)
                      GROUP BY ALL),
            eligible AS (
                SELECT x.initiative_id, y.initiative_id AS similar_id, pairs.dot, pairs.similar_doc FROM pairs
                JOIN munis x ON x.doc = pairs.doc
                JOIN munis y ON y.doc = pairs.similar_doc
                WHERE x.source_id <> y.source_id
                   OR (len(x.munis) > 0 AND len(y.munis) > 0 AND NOT list_has_any(x.munis, y.munis)))
            SELECT initiative_id, similar_id, round(dot / {SCALE * SCALE}, 4) AS score,
                   row_number() OVER (PARTITION BY initiative_id ORDER BY dot DESC, similar_doc) AS rank
            FROM eligible
            QUALIFY rank <= {TOP_K}""")
    con.execute("DROP TABLE _similarity_postings")
