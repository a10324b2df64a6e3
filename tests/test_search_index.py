"""The free-text search (``q``) and its index (etl/search_index.py).

Each query reads as documentation: the words it is split into, the titles it finds. Every
query is answered twice, through the index and by the scan a database without the index falls
back to, and both must give the listed titles."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import search_index
from etl.load import refresh_derived, refresh_facets
from tests.appdb import changed_copy, one_source
from tests.conftest import RAW, etl_built, run_etl

# title, description, municipalities
ROWS = [
    ("Fælles rengøringsudbud", "Udbud af rengøring i alle institutioner.", ["Aarhus"]),
    ("Digital post", "Mindre porto og færre breve.", ["Aarhus"]),
    ("Hverdagsrehabilitering", "Træning i eget hjem.", ["Vejle"]),
    # "Café" and "cafe": two words of one text folding to one term (one posting)
    ("Café-drift på biblioteket", "Naïve forventninger? Nej: grøn energi fra Ørsted i en cafe.", []),
    ("Fælles vikarkorps", "To kommuner deler vikarer.", ["Aalborg", "Randers"]),
    ("Ældreplejen", "Kvalitet i ÆLDREPLEJEN, 1.000 t.kr. årligt.", ["Ærø"]),
    ("Ide\u0301bank", "Forslag fra idébanken.", []),  # é written as e + a combining accent
]
ALL = {r[0] for r in ROWS}

QUERIES = [
    # query, expected titles
    ("rengøring", {"Fælles rengøringsudbud"}),                     # a compound's first part
    ("RENGØRING", {"Fælles rengøringsudbud"}),                     # case
    ("rengoering", {"Fælles rengøringsudbud"}),                    # the folded spelling typed
    ("udbud", {"Fælles rengøringsudbud"}),                         # a compound's last part
    ("rehabilitering", {"Hverdagsrehabilitering"}),                # inside a compound
    ("re-habilitering", {"Hverdagsrehabilitering"}),               # two words, both inside it
    ("Århus", {"Fælles rengøringsudbud", "Digital post"}),         # municipality, å = aa
    ("randers", {"Fælles vikarkorps"}),                            # the second municipality
    ("ærø", {"Ældreplejen"}),                                      # æ = ae, ø = oe
    ("cafe", {"Café-drift på biblioteket"}),                       # accents dropped
    ("naïve ørsted", {"Café-drift på biblioteket"}),               # two words of the description
    ("digital post", {"Digital post"}),                            # all words must match ...
    ("post digital", {"Digital post"}),                            # ... in any order
    ("digital vikar", set()),                                      # ... each in the same initiative
    ("fælles", {"Fælles rengøringsudbud", "Fælles vikarkorps"}),
    ("1.000", {"Ældreplejen"}),                                    # the words "1" and "000"
    ("idé", {"Ide\u0301bank"}),                                     # however the accent is written
    ("IDEBANK", {"Ide\u0301bank"}),
    ("--", ALL),                                                   # only punctuation: no filter
    (" ?! ", ALL),
    ("zzz", set()),
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """ROWS in the real schema, facets and index written by the ETL's own refresh."""
    path = tmp_path_factory.mktemp("search") / "search.duckdb"
    con = one_source(path)
    for n, (title, desc, muns) in enumerate(ROWS):
        iid = f"t-{n:02d}"
        con.execute("INSERT INTO initiatives (initiative_id, source_id, municipality, title, description) "
                    "VALUES (?, 's', ?, ?, ?)", [iid, ", ".join(muns) or None, title, desc])
        for m in muns:
            con.execute("INSERT INTO initiative_municipalities VALUES (?, ?)", [iid, m])
    refresh_facets(con)
    con.close()
    return path


def matching(con, q: str, indexed: bool, column: str = "i.title") -> set:
    cond, params = search_index.condition(q, "x", indexed)
    return {r[0] for r in con.execute(
        f"SELECT {column} FROM initiative_facets x JOIN initiatives i USING (initiative_id) WHERE {cond}",
        params).fetchall()}


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "scan"])
@pytest.mark.parametrize(("q", "titles"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds(small_db, q, titles, indexed):
    with duckdb.connect(str(small_db), read_only=True) as con:
        assert search_index.usable(con)
        assert matching(con, q, indexed) == titles


@pytest.mark.parametrize(("q", "words"), [
    ("Rengøring", ("rengoering",)),
    ("Århus  CAFÉ", ("aarhus", "cafe")),
    ("re-habilitering", ("habilitering", "re")),
    ("digital digitalisering", ("digitalisering",)),  # a word inside another adds nothing
    ("a_b", ("a", "b")),                              # underscore separates
    ("--", ()),
    ("", ()),
])
def test_words(q, words):
    assert search_index.words(q) == words


def test_index_tables(small_db):
    """Postings are sorted by word; ``doc`` numbers follow initiative_id; the info row matches."""
    with duckdb.connect(str(small_db), read_only=True) as con:
        docs = con.execute("SELECT initiative_id, doc FROM initiative_facets ORDER BY initiative_id").fetchall()
        assert [d for _, d in docs] == list(range(len(ROWS)))
        terms = con.execute("SELECT term_id, term FROM search_terms ORDER BY term_id").fetchall()
        assert [t for _, t in terms] == sorted(t for _, t in terms)
        assert [i for i, _ in terms] == list(range(len(terms)))
        info = con.execute("SELECT rules, n_docs, n_terms, n_postings FROM search_index_info").fetchone()
        n_postings = con.execute("SELECT count(*) FROM search_postings").fetchone()[0]
        assert info == (search_index.RULES, len(ROWS), len(terms), n_postings)
        distinct = con.execute("SELECT count(*) FROM (SELECT DISTINCT term_id, doc FROM search_postings)").fetchone()[0]
        assert n_postings == distinct  # "Café" and "cafe" in one text: one posting
        assert con.execute("SELECT n_docs FROM search_terms WHERE term = 'cafe'").fetchone() == (1,)
        term_of = dict(terms)
        by_doc = {}
        for term_id, doc in con.execute("SELECT term_id, doc FROM search_postings").fetchall():
            by_doc.setdefault(doc, set()).add(term_of[term_id])
        assert by_doc[0] == {"faelles", "rengoeringsudbud", "udbud", "af", "rengoering", "i", "alle",
                             "institutioner", "aarhus"}


def test_without_index_scan_is_chosen(small_db, tmp_path):
    """A database without the index (an older ETL), or with one built under other rules or for
    other rows, is not read through it."""
    for change in ("DROP TABLE search_index_info", "DELETE FROM search_index_info",
                   "UPDATE search_index_info SET rules = 'older'",
                   "DELETE FROM initiative_facets WHERE doc = 0"):
        db = changed_copy(small_db, tmp_path / "copy.duckdb", change)
        with duckdb.connect(str(db), read_only=True) as con:
            assert not search_index.usable(con), change
        db.unlink()


def _words_of_builtin(con) -> list[str]:
    """Queries for the comparison: every 100th word of the dictionary, a piece from inside each
    of those, and pairs of them (all-words semantics)."""
    terms = [r[0] for r in con.execute("SELECT term FROM search_terms ORDER BY term_id").fetchall()][::100]
    inner = [t[1:4] for t in terms if len(t) > 4]
    return terms + inner + [f"{a} {b}" for a, b in zip(terms[::7], inner[3::7], strict=False)]


def test_index_equals_scan_on_builtin_data(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        assert search_index.usable(con)
        queries = _words_of_builtin(con) + ["rengøring", "Århus", "digital post", "Velfærdsteknologi", "--"]
        assert len(queries) > 150
        found = 0
        for q in queries:
            by_index = matching(con, q, True, "x.initiative_id")
            assert by_index == matching(con, q, False, "x.initiative_id"), q
            found += bool(by_index)
        assert found > 0.9 * len(queries)  # the comparison is not between empty sets


def test_add_updates_the_index(tmp_path):
    """``etl add`` of a document rewrites the index: its initiatives are found by their titles, the
    ones loaded before still are, and the index stays usable."""
    added = RAW / "projektliste-klk-analyse-administration-ledelse.txt"
    db = tmp_path / "s.duckdb"
    with etl_built(db, *(p for p in sorted(RAW.glob("*.txt")) if p != added)) as (_, con):
        before = matching(con, "kommune", True, "x.initiative_id")
        assert before
    res = run_etl("add", "--db", str(db), str(added))
    assert res.returncode == 0, res.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert search_index.usable(con)
        assert search_index.titles_usable(con)  # the title index too (tests/test_relevance.py)
        new = con.execute("SELECT i.initiative_id, i.title FROM initiatives i JOIN sources s USING (source_id) "
                          "WHERE s.file_name = ?", [added.name]).fetchall()
        assert len(new) > 5
        for iid, title in new:
            assert iid in matching(con, title, True, "x.initiative_id"), title
        assert matching(con, "kommune", True, "x.initiative_id") >= before


@pytest.mark.parametrize("range_pairs", [1, 7, 40])
def test_an_index_written_in_ranges_of_terms_is_the_same(small_db, tmp_path, monkeypatch, range_pairs):
    """A large index is sorted and written a range of terms at a time (search_index.RANGE_PAIRS):
    the same rows in the same order as written at once."""
    def rows(path):
        with duckdb.connect(str(path), read_only=True) as con:
            return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                    for t in ("search_terms", "search_postings", "search_title_postings", "search_index_info")}
    copy = tmp_path / "ranges.duckdb"
    shutil.copyfile(small_db, copy)
    monkeypatch.setattr(search_index, "RANGE_PAIRS", range_pairs)
    with duckdb.connect(str(copy)) as con:
        search_index.refresh(con)
    assert rows(copy) == rows(small_db)


def test_a_database_without_initiatives_gets_an_empty_index(tmp_path):
    """No text, no terms: no range of terms to sort, empty tables, an info row for 0 initiatives
    (through refresh_derived, whose texts are cut once for both indexes, as a build runs it)."""
    con = one_source(tmp_path / "empty.duckdb")
    try:
        refresh_derived(con)
        assert search_index.refresh(con) == {"search_terms": 0, "search_postings": 0, "search_title_postings": 0}
        assert con.execute("SELECT n_docs, n_terms, n_postings FROM search_index_info").fetchall() == [(0, 0, 0)]
    finally:
        con.close()
