"""A small database with known contents for the dashboard tests.

Parsers are written in parallel and real documents change; the app tests need
figures they can check by hand. Every number below is chosen so that the
expected aggregates are easy to compute in a test (and are computed there, from
these same rows, never typed in)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from etl.load import create_schema, refresh_facets

SOURCES = [
    # source_id, file_name, sha256, format, title, published_year
    ("aaaaaaaaaaaa", "004_idebank.txt", "a" * 64, "idebank", "Idébank 2024", 2024),
    ("bbbbbbbbbbbb", "001_b17.txt", "b" * 64, "b17", "B17-katalog", 2016),
    ("cccccccccccc", "003_recovery.txt", "c" * 64, "recovery_plan", "Økonomisk genopretning", 2021),
]

# id, source, municipalities, title, description, expected, low, high, expected_text,
# realised, realised_text, year, adopted, sectors [(canonical, printed)], types
INITIATIVES = [
    ("i01", "aaaaaaaaaaaa", ["Aarhus"], "Fælles indkøb af rengøring", "Udbud af rengøring i alle institutioner.",
     1000.0, 1000.0, 1000.0, "1.000", None, None, 2025, True,
     [("dagtilbud", "Daginstitutioner"), ("skole", "Skoler")], ["Udbud"]),
    ("i02", "aaaaaaaaaaaa", ["Aarhus"], "Digital post", "Mindre porto.",
     250.5, 250.5, 250.5, "250,5", None, None, 2024, False,
     [("administration", "Administration")], ["Digitalisering"]),
    ("i03", "aaaaaaaaaaaa", ["Odense"], "=HYPERLINK(\"http://x\")", "Formel i titlen <b>fed</b>",
     500.0, 500.0, 500.0, "500", None, None, 2025, True,
     [("administration", "Administration")], ["Digitalisering", "Udbud"]),
    ("i04", "aaaaaaaaaaaa", ["Odense"], "Ukendt effekt", "Ingen beløb trykt.",
     None, None, None, None, None, None, None, None,
     [("teknik_miljoe", "Teknik & Miljø"), (None, "Kirkegårde")], ["Organisering"]),
    ("i05", "aaaaaaaaaaaa", ["Vejle"], "Energirenovering", "Lavere varmeregning i skoler.",
     2000.0, 1500.0, 2500.0, "1.500-2.500", None, None, 2026, True,
     [("teknik_miljoe", "Teknik & Miljø"), ("skole", "Skoler"), ("dagtilbud", "Daginstitutioner")],
     ["Energi"]),
    ("i06", "bbbbbbbbbbbb", ["Aalborg", "Randers"], "Fælles vikarkorps", "To kommuner deler vikarer.",
     800.0, 800.0, 800.0, "800.000 kr.", 600.0, "600.000 kr.", 2016, True,
     [("dagtilbud", "Dagtilbud")], ["Samarbejde"]),
    ("i07", "bbbbbbbbbbbb", ["Vejle"], "Rehabilitering i hjemmeplejen", "Hverdagsrehabilitering.",
     3000.0, 3000.0, 3000.0, "3 mio. kr.", 3300.0, "3,3 mio. kr.", 2015, True,
     [("aeldre_sundhed", "Ældre og sundhed")], ["Rehabilitering"]),
    ("i08", "bbbbbbbbbbbb", ["Aarhus"], "Kun realiseret", "Effekt kun opgjort bagefter.",
     None, None, None, None, 400.0, "400.000 kr.", 2015, True,
     [("aeldre_sundhed", "Ældre og sundhed")], ["Rehabilitering"]),
    ("i09", "bbbbbbbbbbbb", ["Odense"], "Færre kvadratmeter", "Salg af bygninger.",
     1200.0, 1200.0, 1200.0, "1,2 mio. kr.", 900.0, "0,9 mio. kr.", 2017, False,
     [("tvaergaaende", "Tværgående forslag")], ["Bygninger"]),
    ("i10", "cccccccccccc", None, "Styrket visitation", "Genopretning af myndighedsområdet.",
     5000.0, 5000.0, 5000.0, "-5.000", None, None, 2023, True,
     [("social", "Det specialiserede socialområde")], ["Visitation"]),
    ("i11", "cccccccccccc", None, "Hjemtagning af anbragte børn", "Færre eksterne anbringelser.",
     2500.0, 2500.0, 2500.0, "-2.500", None, None, 2024, True,
     [("udsatte_boern", "Børn og unge")], ["Visitation"]),
    ("i12", "cccccccccccc", None, "Ikke placeret", "Uden sektor og type.",
     100.0, 100.0, 100.0, "-100", None, None, None, None, [], []),
]

# Yearly gains of the recovery plan's initiatives (kind, amount in that year).
GAINS = [
    ("i10", 2021, "expected", 1000.0), ("i10", 2022, "expected", 3000.0),
    ("i10", 2023, "expected", 5000.0), ("i10", 2024, "expected", 5000.0),
    ("i11", 2022, "expected", 1000.0), ("i11", 2023, "expected", 2000.0),
    ("i11", 2024, "expected", 2500.0),
    ("i06", 2016, "realised", 600.0),
]

TARGETS = [
    # source_id, year, kind, amount, text
    ("cccccccccccc", 2021, "reduction_target", 4000.0, "-4.000"),
    ("cccccccccccc", 2022, "reduction_target", 8000.0, "-8.000"),
    ("cccccccccccc", 2023, "reduction_target", 10000.0, "-10.000"),
    ("cccccccccccc", 2024, "reduction_target", 10000.0, "-10.000"),
    ("cccccccccccc", 2021, "net_outstanding", 3000.0, "3.000"),
    ("cccccccccccc", 2022, "net_outstanding", 4000.0, "4.000"),
    ("cccccccccccc", 2023, "net_outstanding", 3000.0, "3.000"),
    ("cccccccccccc", 2024, "net_outstanding", 2500.0, "2.500"),
]

WARNINGS = [
    ("aaaaaaaaaaaa", "i04", 12, 340, "expected_tkr", "no amount printed", "Effekt: -", "amount_missing"),
    ("aaaaaaaaaaaa", None, 1, 3, None, "page header skipped", "KL Idébank", "text_outside_field"),
    ("cccccccccccc", "i12", 4, 88, "full_phase_in_year", "no year", "-100", "year_unreadable"),
]


def one_source(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A connection to a new database in the real schema holding one source, ``'s'``: for tests that
    insert their own initiatives (then ``refresh_facets``, as the ETL does)."""
    con = duckdb.connect(str(path))
    create_schema(con)
    con.execute("INSERT INTO sources (source_id, file_name, sha256, format, title, loaded_at) "
                "VALUES ('s', 's.txt', 'x', 'table', 'S', now())")
    return con


def changed_copy(src: str | Path, dest: str | Path, *statements: str) -> Path:
    """A copy of the database ``src`` at ``dest`` with ``statements`` run on it: an older file, or
    one whose derived tables are out of step with its rows."""
    dest = Path(dest)
    shutil.copyfile(src, dest)
    with duckdb.connect(str(dest)) as con:
        for sql in statements:
            con.execute(sql)
    return dest


def build(path: str | Path) -> Path:
    """Write the test database to ``path`` (replacing it) and return the path."""
    path = Path(path)
    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        loaded = dt.datetime(2026, 1, 1, 12, 0, 0)
        counts = {s[0]: [0, 0, 0] for s in SOURCES}
        for ini in INITIATIVES:
            counts[ini[1]][0] += 1
        for w in WARNINGS:
            counts[w[0]][2] += 1
        seq = {s[0]: 0 for s in SOURCES}
        for n, (iid, sid, muns, title, desc, exp, lo, hi, etext, real, rtext, year, adopted,
                sectors, types) in enumerate(INITIATIVES, start=1):
            con.execute(
                "INSERT INTO initiatives (initiative_id, source_id, municipality, title, description,"
                " expected_tkr, expected_low_tkr, expected_high_tkr, expected_text, realised_tkr,"
                " realised_text, full_phase_in_year, full_phase_in_text, adopted, status, feasibility,"
                " first_page, first_line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [iid, sid, ", ".join(muns) if muns else None, title, desc, exp, lo, hi, etext, real,
                 rtext, year, str(year) if year else None, adopted, "Gennemført" if real else None,
                 None, n, 10 * n])
            for m in muns or []:
                con.execute("INSERT INTO initiative_municipalities VALUES (?, ?)", [iid, m])
            for canon, printed in sectors:
                con.execute("INSERT INTO initiative_sectors VALUES (?, ?, ?)", [iid, canon, printed])
            for t in types:
                con.execute("INSERT INTO initiative_types VALUES (?, ?)", [iid, t])
            printings = 2 if iid == "i07" else 1  # one example printed under two headings
            for k in range(printings):
                seq[sid] += 1
                counts[sid][1] += 1
                con.execute("INSERT INTO appearances VALUES (?, ?, ?, ?, ?, ?)",
                            [iid, sid, seq[sid], f"Afsnit {k + 1}", n + 10 * k, 10 * n + k])
        for iid, year, kind, amount in GAINS:
            con.execute("INSERT INTO gains VALUES (?, ?, ?, ?, ?)", [iid, year, kind, amount, None])
        for sid, year, kind, amount, text in TARGETS:
            con.execute("INSERT INTO targets (source_id, year, kind, amount_tkr, text) VALUES (?,?,?,?,?)",
                        [sid, year, kind, amount, text])
        for w in WARNINGS:
            con.execute("INSERT INTO parse_warnings (source_id, initiative_id, page, line, field, message, text,"
                        " code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(w))
        for sid, fname, sha, fmt, title, year in SOURCES:
            ni, na, nw = counts[sid]
            con.execute(
                "INSERT INTO sources (source_id, file_name, sha256, format, title, published_year,"
                " loaded_at, container, n_initiatives, n_appearances, n_warnings)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [sid, fname, sha, fmt, title, year, loaded, "text", ni, na, nw])
        refresh_facets(con)  # the dashboard's one-table copy, as etl.load writes it
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


if __name__ == "__main__":  # python -m tests.appdb /tmp/app.duckdb
    import sys

    print(build(sys.argv[1] if len(sys.argv) > 1 else "/tmp/app.duckdb"))

