"""The initiatives' texts cut at spaces, once for both text indexes: the free-text search
(etl/search_index.py) and the similarity (etl/similarity.py).

Both split the lower-cased title, description and municipality into words by a regular
expression, with different rules (the search: runs of letters, digits and combining marks; the
similarity: runs of a set of letters and combining marks). A space separates words under both
rules, so the texts can be cut at spaces first and each *distinct* piece split by either rule once:
the same words as splitting every text. A regular expression over every text was the costly part
of both (at 200,000 initiatives ~0.6 s of CPU each); cutting at spaces is a plain string split
(~0.2 s), and there are ~10x fewer distinct pieces than pieces.

:func:`cut` writes three temporary tables (:class:`Pieces`): the documents — each initiative's
number ``doc`` in ``initiative_id`` order from 0, the numbering of ``initiative_facets.doc``
(etl/schema.sql) — the distinct pieces, numbered (``pid``), and which pieces each part of each
document has (a piece that occurs twice has two rows)."""
from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator

import duckdb

#: ``part`` of a piece: which text of the initiative it is from.
TITLE, DESCRIPTION, MUNICIPALITY = 0, 1, 2


@dataclasses.dataclass(frozen=True)
class Pieces:
    """The names of the temporary tables :func:`cut` writes."""
    docs: str = "_text_docs"              # doc, initiative_id, source_id, row_id (the row's rowid)
    pieces: str = "_text_pieces"          # pid, piece (distinct), n (its places)
    doc_pieces: str = "_text_doc_pieces"  # doc, part, pid


def cut(con: duckdb.DuckDBPyConnection) -> Pieces:
    """Cut the texts of every row of ``initiatives`` (see the module's text); drop with :func:`drop`.
    The texts are joined to their ``doc`` through the row's ``rowid`` (an integer), not the text id:
    three hash joins on 200,000 ``initiative_id``s were ~15 % of the cut's CPU."""
    p = Pieces()
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {p.docs} AS
                    SELECT (row_number() OVER (ORDER BY initiative_id) - 1)::INTEGER AS doc, initiative_id, source_id,
                           rowid AS row_id
                    FROM initiatives""")
    # one aggregate by piece numbers the distinct pieces and gathers where each occurs (doc and part
    # as one number); a DISTINCT and then a join of every piece to its number took ~1.4x the CPU
    places = " UNION ALL ".join(
        f"SELECT d.doc::BIGINT * 4 + {part} AS place, unnest(string_split(lower(i.{column}), ' ')) AS piece "
        f"FROM initiatives i JOIN {p.docs} d ON d.row_id = i.rowid"
        for part, column in ((TITLE, "title"), (DESCRIPTION, "description"), (MUNICIPALITY, "municipality")))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _text_cut AS
                    SELECT (row_number() OVER ())::INTEGER AS pid, piece, places
                    FROM (SELECT piece, list(place) AS places FROM ({places}) GROUP BY piece)""")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {p.pieces} AS SELECT pid, piece, len(places) AS n FROM _text_cut")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {p.doc_pieces} AS
                    SELECT (place // 4)::INTEGER AS doc, (place % 4)::UTINYINT AS part, pid
                    FROM (SELECT pid, unnest(places) AS place FROM _text_cut)""")
    con.execute("DROP TABLE _text_cut")  # its lists are not held while the indexes are written
    return p


def drop(con: duckdb.DuckDBPyConnection, p: Pieces) -> None:
    for table in dataclasses.astuple(p):
        con.execute(f"DROP TABLE IF EXISTS {table}")


@contextlib.contextmanager
def given_or_cut(con: duckdb.DuckDBPyConnection, given: Pieces | None) -> Iterator[Pieces]:
    """``given`` (cut by the caller for several users), else the texts cut for this block alone."""
    if given is not None:
        yield given
        return
    p = cut(con)
    yield p
    drop(con, p)  # not after an error: the transaction is aborted, and the connection's end drops them
