"""Similar initiatives, computed at load and stored in ``initiative_similar``.

For every initiative, the :data:`TOP_K` most similar initiatives from *another document, or from
the same document but another municipality* (a catalogue's other cards of the same municipality
are not evidence from elsewhere), ranked by the cosine similarity of their TF-IDF vectors over
title and description (the title counted :data:`TITLE_WEIGHT` times). The dashboard reads the
stored rows; nothing is computed per page view.

Text to terms: lower case, letters only, Danish function words dropped, and the inflection endings
of Danish nouns and adjectives (-en, -et, -er, -erne, -e, -s, …) stripped, so "skolen", "skoler" and
"skolerne" are one term. (A library stemmer such as Snowball's Danish one would be the first
choice; none is installed, and these endings are what matter for catalogue prose.)

Cost: tokenising is linear in the text. The pairs come from a self-join of the postings on the
term, in DuckDB: O(Σ_t df_t²) over the terms kept. Terms found in one document only cannot
pair and are kept out of the postings (but count in each vector's length), and terms in more
than :data:`MAX_DF_SHARE` of the documents (but at least :data:`MIN_DF_CAP`; at most :data:`MAX_DF`) are
dropped, as are all
but a document's :data:`MAX_TERMS` heaviest terms, so the join is at most
N × MAX_TERMS × MAX_DF postings pairs: linear in N for a fixed cap, never quadratic. The built-in
444 initiatives take well under a second (docs/performance.md has measurements at larger sizes).

Weights are whole numbers (× :data:`SCALE`) so the sums are exact and a rebuild gives the same
scores and ranks to the last digit (floating-point sums in parallel depend on their order)."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import duckdb
import pandas as pd

TOP_K = 5
MIN_SCORE = 0.1
TITLE_WEIGHT = 2
MAX_TERMS = 40
MAX_DF_SHARE = 0.2
MIN_DF_CAP = 50  # a small collection keeps every term: the share would cut its topic words
MAX_DF = 5_000
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
STOPWORDS = frozenset(_STOPWORDS.split())
#: Inflection endings, longest first; stripped while the rest keeps at least four letters.
ENDINGS = ("ernes", "erne", "enes", "ene", "ens", "ets", "ers", "er", "en", "et", "es", "e", "s")
_WORD = re.compile(r"[a-zæøåäöüé]+")


def stem(word: str) -> str:
    for _ in range(2):
        for end in ENDINGS:
            if word.endswith(end) and len(word) - len(end) >= 4:
                word = word[: -len(end)]
                break
        else:
            break
    return word


def terms(text: str | None) -> list[str]:
    """The terms of a text, in order (repeats kept: they are the term frequencies)."""
    if not text:
        return []
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return [stem(w) for w in words if len(w) > 2 and w not in STOPWORDS]


def _documents(con) -> pd.DataFrame:
    return con.execute("""
        SELECT i.initiative_id, i.source_id, i.title, i.description
        FROM initiatives i ORDER BY i.initiative_id""").df()


def postings(docs: pd.DataFrame) -> pd.DataFrame:
    """(initiative_id, term, w): each document's TF-IDF vector, L2-normalised over all its terms,
    as whole numbers (× SCALE), only the terms that can pair (see the module's docstring)."""
    counts = [Counter(terms(t) * TITLE_WEIGHT + terms(d)) for t, d in zip(docs["title"], docs["description"])]
    n = len(counts)
    df = Counter(term for c in counts for term in c)
    max_df = min(MAX_DF, max(MIN_DF_CAP, int(MAX_DF_SHARE * n)))
    ids, out_terms, ws = [], [], []
    for iid, c in zip(docs["initiative_id"], counts):
        weights = {t: (1 + math.log(tf)) * math.log(n / df[t]) for t, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if norm == 0:
            continue
        keep = sorted(((w, t) for t, w in weights.items() if 2 <= df[t] <= max_df), reverse=True)[:MAX_TERMS]
        for w, t in keep:
            scaled = round(w / norm * SCALE)
            if scaled:
                ids.append(iid)
                out_terms.append(t)
                ws.append(scaled)
    return pd.DataFrame({"initiative_id": pd.Series(ids, dtype="string"),
                         "term": pd.Series(out_terms, dtype="string"), "w": pd.Series(ws, dtype="int64")})


def refresh(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute ``initiative_similar`` for every initiative in the database (a new document
    changes the weights of all terms, so ``etl add`` recomputes it all too). Returns its rows."""
    con.execute("DELETE FROM initiative_similar")
    docs = _documents(con)
    if len(docs) < 2:
        return 0
    post = postings(docs)
    con.register("_similarity_postings", post)
    try:
        con.execute(f"""
            INSERT INTO initiative_similar (initiative_id, similar_id, score, rank)
            WITH p AS (SELECT * FROM _similarity_postings),
            pairs AS (
                SELECT a.initiative_id, b.initiative_id AS similar_id, sum(a.w * b.w) AS dot
                FROM p a JOIN p b ON a.term = b.term AND a.initiative_id <> b.initiative_id
                GROUP BY ALL HAVING sum(a.w * b.w) >= {int(MIN_SCORE * SCALE * SCALE)}),
            munis AS (SELECT i.initiative_id, i.source_id,
                             list(m.municipality) FILTER (WHERE m.municipality IS NOT NULL) AS munis
                      FROM initiatives i LEFT JOIN initiative_municipalities m USING (initiative_id)
                      GROUP BY ALL),
            eligible AS (
                SELECT pairs.* FROM pairs
                JOIN munis x ON x.initiative_id = pairs.initiative_id
                JOIN munis y ON y.initiative_id = pairs.similar_id
                WHERE x.source_id <> y.source_id
                   OR (len(x.munis) > 0 AND len(y.munis) > 0 AND NOT list_has_any(x.munis, y.munis)))
            SELECT initiative_id, similar_id, round(dot / {SCALE * SCALE}, 4) AS score,
                   row_number() OVER (PARTITION BY initiative_id ORDER BY dot DESC, similar_id) AS rank
            FROM eligible
            QUALIFY rank <= {TOP_K}""")
    finally:
        con.unregister("_similarity_postings")
    (n,) = con.execute("SELECT count(*) FROM initiative_similar").fetchone() or (0,)
    return int(n)
