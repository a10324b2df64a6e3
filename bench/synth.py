"""Synthetic savings databases of any size, for benchmarking the dashboard.

``python bench/synth.py --rows 1000000 --db /tmp/synth.duckdb [--seed 7]``

WHY synthetic: the built-in documents hold a few hundred initiatives; whether a
filter change stays fast at a million can only be measured on a million rows
that look like real ones (skewed municipalities, log-normal amounts, NULLs,
several sectors per initiative, yearly gains). Everything is generated inside
DuckDB with set-based SQL, so a million initiatives take seconds, and every
random draw is ``hash(row, draw, seed)`` rather than ``random()`` so the result
is identical whatever the thread count (``random()`` with ``setseed`` is only
deterministic single-threaded).

The schema is the one of ``etl/schema.sql`` (via ``etl.load.create_schema``),
so the dashboard can be pointed at the file: ``SAVINGS_DB=PATH make run``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `etl` importable
    sys.path.insert(0, str(ROOT))

from etl.formats import PARSERS  # noqa: E402
from etl.load import create_schema, refresh_evr_points, refresh_facets  # noqa: E402
from etl.search_index import refresh_titles  # noqa: E402
from etl.sectors import SECTORS  # noqa: E402

#: The 98 municipalities (names without "Kommune"), by region.
MUNICIPALITIES = (
    # Hovedstaden
    "København", "Frederiksberg", "Albertslund", "Ballerup", "Brøndby", "Dragør", "Gentofte",
    "Gladsaxe", "Glostrup", "Herlev", "Hvidovre", "Høje-Taastrup", "Ishøj", "Lyngby-Taarbæk",
    "Rødovre", "Tårnby", "Vallensbæk", "Allerød", "Egedal", "Fredensborg", "Frederikssund",
    "Furesø", "Gribskov", "Halsnæs", "Helsingør", "Hillerød", "Hørsholm", "Rudersdal", "Bornholm",
    # Sjælland
    "Greve", "Køge", "Lejre", "Roskilde", "Solrød", "Faxe", "Guldborgsund", "Holbæk", "Kalundborg",
    "Lolland", "Næstved", "Odsherred", "Ringsted", "Slagelse", "Sorø", "Stevns", "Vordingborg",
    # Syddanmark
    "Assens", "Faaborg-Midtfyn", "Kerteminde", "Langeland", "Middelfart", "Nordfyns", "Nyborg",
    "Odense", "Svendborg", "Ærø", "Billund", "Esbjerg", "Fanø", "Fredericia", "Haderslev",
    "Kolding", "Sønderborg", "Tønder", "Varde", "Vejen", "Vejle", "Aabenraa",
    # Midtjylland
    "Favrskov", "Hedensted", "Horsens", "Norddjurs", "Odder", "Randers", "Samsø", "Silkeborg",
    "Skanderborg", "Syddjurs", "Aarhus", "Herning", "Holstebro", "Ikast-Brande", "Lemvig",
    "Ringkøbing-Skjern", "Skive", "Struer", "Viborg",
    # Nordjylland
    "Brønderslev", "Frederikshavn", "Hjørring", "Jammerbugt", "Læsø", "Mariagerfjord", "Morsø",
    "Rebild", "Thisted", "Vesthimmerland", "Aalborg",
)
assert len(MUNICIPALITIES) == 98 and len(set(MUNICIPALITIES)) == 98
#: Large municipalities publish more: draw them with Zipf-like weights.
BIG_FIRST = ("København", "Aarhus", "Aalborg", "Odense", "Vejle", "Esbjerg", "Frederiksberg",
             "Randers", "Viborg", "Silkeborg", "Kolding", "Horsens", "Herning", "Roskilde")

#: Relative weights of the canonical sectors (elderly care and the social area dominate).
SECTOR_WEIGHTS = {"dagtilbud": 9, "skole": 11, "udsatte_boern": 10, "social": 15, "aeldre_sundhed": 18,
                  "kultur_fritid": 5, "teknik_miljoe": 8, "beskaeftigelse": 8, "administration": 11,
                  "tvaergaaende": 5}

MEASURE_TYPES = ("Digitalisering", "Udbud", "Organisering", "Rehabilitering", "Velfærdsteknologi",
                 "Samarbejde", "Visitation", "Bygninger", "Energi", "Indkøb",
                 "Harmonisering af serviceniveau", "Sammenlægning", "Forebyggelse", "Takster",
                 "Ledelse", "Automatisering", "Hjemtagning", "Kapacitetstilpasning", "Omlægning",
                 "Effektivisering")

TOPICS = ("Fælles indkøb af rengøring", "Digital post til borgere", "Hverdagsrehabilitering",
          "Færre kvadratmeter", "Energirenovering af skoler", "Fælles vikarkorps",
          "Styrket visitation", "Hjemtagning af anbragte børn", "Robotstøvsugere på plejecentre",
          "Sammenlægning af biblioteker", "Ny madordning", "Kørselsordning i udbud",
          "Automatisering af lønbehandling", "Færre ledelseslag", "Tidlig indsats i dagtilbud",
          "Harmonisering af åbningstider", "Telemedicin i hjemmeplejen", "Fælles IT-drift",
          "Lavere sygefravær", "Samdrift af institutioner", "Ændret takstfinansiering",
          "Sundere arbejdsgange i jobcentret", "Genbrug af hjælpemidler", "LED-gadebelysning")
SENTENCES = ("Forslaget bygger på erfaringer fra andre kommuner.",
             "Effekten forudsætter en investering i det første år.",
             "Indsatsen kræver tæt samarbejde med de faglige organisationer.",
             "Besparelsen er beregnet ud fra regnskabet for det foregående år.",
             "Der er usikkerhed om indfasningen.", "Borgerne mærker en ændret service.",
             "Digitale løsninger erstatter manuelle arbejdsgange.",
             "Personalet omplaceres uden afskedigelser.",
             "Forvaltningen har gennemgået udgifterne på området og peger på en lavere enhedspris.",
             "Ændringen kan gennemføres inden for de gældende serviceniveauer.",
             "Der skal forhandles med leverandøren, før kontrakten kan ændres.",
             "Erfaringerne fra forsøget i den nordlige del af kommunen er positive.",
             "Besparelsen indfases over tre år, efterhånden som kontrakterne udløber.",
             "Medarbejderne inddrages i tilrettelæggelsen gennem MED-systemet.",
             "Forslaget kræver en ændring af kvalitetsstandarden, som skal godkendes politisk.",
             "Den økonomiske effekt er skønnet ud fra antallet af borgere i målgruppen.",
             "Der er risiko for, at udgifterne flytter til et andet budgetområde.",
             "Effekten følges op i forbindelse med budgetopfølgningen hvert kvartal.",
             "Tiltaget skal ses i sammenhæng med kommunens strategi for velfærdsteknologi.",
             "Udgifterne til implementering afholdes inden for den eksisterende ramme.",
             "Der er tale om en varig reduktion af driftsudgifterne.",
             "Forslaget har ingen konsekvenser for antallet af ansatte.",
             "Brugerne skal fremover selv booke tid via den digitale selvbetjening.",
             "Tiltaget forudsætter, at it-systemet opgraderes i løbet af det første halvår.")
#: Sentences per description, drawn uniformly: about 900 characters on average, like the built-in
#: documents' descriptions (930), and every description different (the free-text filter scans them;
#: a few repeated short texts would compress into a dictionary and flatter the search).
DESCRIPTION_SENTENCES = (8, 20)

#: (format, file stem, share of initiatives). Several sources, like the real data.
SOURCES = (("idebank", "kl-idebank", 30), ("b17", "kl-b17-katalog", 20), ("project_list", "projektliste", 15),
           ("table", "budgetforslag-tabel", 15), ("recovery_plan", "genopretningsplan", 10),
           ("minutes", "referat", 5), ("table", "effektiviseringskatalog", 5))

YEAR_MIN, YEAR_MAX = 2014, 2030


def _weighted(items: list[str], weights: list[int]) -> str:
    """A SQL list literal where each item repeats by its weight: ``list[1 + floor(u * len)]`` is a
    weighted draw without any join."""
    out = []
    for item, w in zip(items, weights):
        out += [item] * w
    return "[" + ", ".join(_lit(x) for x in out) + "]"


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _list(items) -> str:
    return "[" + ", ".join(_lit(x) for x in items) + "]"


def _prefix_case() -> str:
    """SQL mapping ``format`` to the ETL's id prefix, so ids have the real length (14 characters:
    not inlined by DuckDB, which stores strings of up to 12 bytes inline and joins those faster)."""
    whens = " ".join(f"WHEN {_lit(p.name)} THEN {_lit(p.id_prefix)}" for p in PARSERS)
    return f"(CASE s.format {whens} END)"


def _muni_weights() -> tuple[list[str], list[int]]:
    order = list(BIG_FIRST) + [m for m in MUNICIPALITIES if m not in BIG_FIRST]
    return order, [max(1, round(60 / (rank ** 0.7))) for rank in range(1, len(order) + 1)]


def generate(con: duckdb.DuckDBPyConnection, rows: int, seed: int) -> dict[str, int]:
    """Fill an empty schema with ``rows`` synthetic initiatives. Returns row counts per table."""
    seed = int(seed)
    # u(i, k): the k-th uniform draw in [0, 1) for row i; z(i, k): a standard normal (Box–Muller).
    con.execute(f"CREATE OR REPLACE TEMP MACRO u(i, k) AS (hash(i, k, {seed}) / 18446744073709551616.0)")
    con.execute("CREATE OR REPLACE TEMP MACRO z(i, k) AS "
                "(sqrt(-2 * ln(greatest(u(i, k), 1e-12))) * cos(2 * pi() * u(i, k + 1000)))")
    con.execute("CREATE OR REPLACE TEMP MACRO pick(lst, x) AS (lst[1 + floor(x * len(lst))::BIGINT])")
    con.execute("CREATE OR REPLACE TEMP MACRO tkr_text(x) AS "
                "(replace(replace(replace(format('{:,.1f}', x), ',', '#'), '.', ','), '#', '.'))")

    con.execute("CREATE TEMP TABLE syn_src (k INTEGER, source_id VARCHAR, format VARCHAR, stem VARCHAR)")
    con.executemany("INSERT INTO syn_src VALUES (?, md5(? || ?)[:12], ?, ?)",
                    [(k, str(seed), stem, fmt, stem) for k, (fmt, stem, _) in enumerate(SOURCES, start=1)])
    src_pick = _weighted([str(k) for k in range(1, len(SOURCES) + 1)], [s[2] for s in SOURCES])
    munis, mweights = _muni_weights()
    sector_keys = [k for k, _, _ in SECTORS]
    sector_pick = _weighted([str(i) for i in range(len(sector_keys))],
                            [SECTOR_WEIGHTS[k] for k in sector_keys])

    # One row per initiative with every draw it needs; the tables are projections of it.
    con.execute(f"""
        CREATE TEMP TABLE syn AS
        WITH r AS (SELECT range AS i FROM range({int(rows)})),
        d AS (
            SELECT i,
                   pick({src_pick}, u(i, 1))::INTEGER AS src_k,
                   CASE WHEN u(i, 2) < 0.05 THEN 0 WHEN u(i, 2) < 0.11 THEN 2 ELSE 1 END AS n_mun,
                   pick({_weighted(munis, mweights)}, u(i, 3)) AS mun1,
                   {_list(MUNICIPALITIES)}[1 + ((list_position({_list(MUNICIPALITIES)},
                        pick({_weighted(munis, mweights)}, u(i, 3))) + floor(u(i, 4) * 97)::BIGINT) % 98)] AS mun2,
                   exp(ln(400) + 1.4 * z(i, 5)) AS amount,
                   u(i, 6) AS u_expected, u(i, 7) AS u_range, u(i, 8) AS u_realised,
                   exp(-0.15 + 0.35 * z(i, 9)) AS realised_ratio,
                   CASE WHEN u(i, 10) < 0.07 THEN NULL
                        ELSE {YEAR_MIN} + floor(sqrt(u(i, 11)) * {YEAR_MAX - YEAR_MIN + 1})::INTEGER END AS year,
                   u(i, 12) AS u_adopted, u(i, 13) AS u_cost, exp(ln(150) + 1.2 * z(i, 14)) AS cost,
                   1 + (u(i, 15) < 0.30)::INTEGER + (u(i, 16) < 0.10)::INTEGER AS n_sec,
                   pick({sector_pick}, u(i, 17))::INTEGER AS sec0,
                   pick([1, 2, 3, 4, 6, 7, 8, 9], u(i, 18)) AS sec_step,
                   1 + (u(i, 19) < 0.25)::INTEGER AS n_type,
                   floor(u(i, 20) * {len(MEASURE_TYPES)})::INTEGER AS type0,
                   pick({_list(TOPICS)}, u(i, 21)) AS topic,
                   {DESCRIPTION_SENTENCES[0]}
                   + floor(u(i, 22) * {DESCRIPTION_SENTENCES[1] - DESCRIPTION_SENTENCES[0] + 1})::INTEGER
                       AS n_sentences,
                   u(i, 24) < 0.10 AS printed_twice, u(i, 25) AS u_feas, u(i, 26) < 0.01 AS odd_sector
            FROM r)
        SELECT d.*, s.source_id, s.format, s.stem,
               -- the shape of the ETL's ids (etl.normalise.initiative_id): prefix + 10 hex digits
               {_prefix_case()} || '-' || md5('{seed}-' || i::VARCHAR)[:10] AS initiative_id,
               u_expected >= 0.08 AS has_expected,
               u_expected >= 0.08 AND u_range < 0.15 AS is_range,
               (u_expected >= 0.08 AND u_realised < 0.42) OR (u_expected < 0.08 AND u_realised < 0.25)
                   AS has_realised,
               row_number() OVER (PARTITION BY src_k ORDER BY i) AS n_in_src
        FROM d JOIN syn_src s ON s.k = d.src_k
    """)

    con.execute(f"""
        INSERT INTO initiatives
        SELECT initiative_id, source_id,
               CASE n_mun WHEN 0 THEN NULL WHEN 1 THEN mun1 ELSE mun1 || ', ' || mun2 END,
               topic || ' (' || (i + 1) || ')',
               topic || ' i ' || coalesce(mun1, 'kommunen') || ' (forslag ' || (i + 1) || '). '
                   || array_to_string(list_transform(range(n_sentences),
                                                     lambda j: pick({_list(SENTENCES)}, u(i, 100 + j))), ' '),
               e, lo, hi,
               CASE WHEN NOT has_expected THEN NULL
                    WHEN is_range THEN tkr_text(lo) || '-' || tkr_text(hi) || ' t.kr.'
                    ELSE '-' || tkr_text(e) END,
               re, CASE WHEN re IS NULL THEN NULL ELSE tkr_text(re) || ' t.kr.' END,
               year, year::VARCHAR,
               CASE WHEN u_cost < 0.3 THEN round(cost, 1) END,
               CASE WHEN u_cost < 0.3 THEN tkr_text(round(cost, 1)) END,
               adopted, CASE WHEN adopted THEN 'Ja' WHEN NOT adopted THEN 'Nej' END,
               CASE WHEN re IS NOT NULL THEN 'Gennemført' WHEN adopted THEN 'Besluttet'
                    WHEN adopted IS NULL THEN NULL ELSE 'Forslag' END,
               CASE WHEN u_feas < 0.3 THEN 'Høj' WHEN u_feas < 0.6 THEN 'Middel'
                    WHEN u_feas < 0.75 THEN 'Lav' END,
               NULL, NULL, NULL, NULL, NULL,
               1 + n_in_src // 4, 10 + 45 * n_in_src, NULL
        FROM (SELECT *,
                     CASE WHEN has_expected THEN round(amount, 1) END AS e,
                     CASE WHEN is_range THEN round(amount * 0.75, 1)
                          WHEN has_expected THEN round(amount, 1) END AS lo,
                     CASE WHEN is_range THEN round(amount * 1.25, 1)
                          WHEN has_expected THEN round(amount, 1) END AS hi,
                     CASE WHEN has_realised THEN round(amount * realised_ratio, 1) END AS re,
                     CASE WHEN u_adopted < 0.60 THEN TRUE WHEN u_adopted < 0.85 THEN FALSE END AS adopted
              FROM syn)
        ORDER BY i
    """)
    con.execute("""
        INSERT INTO initiative_municipalities
        SELECT initiative_id, mun1 FROM syn WHERE n_mun >= 1
        UNION ALL SELECT initiative_id, mun2 FROM syn WHERE n_mun = 2
    """)
    con.execute(f"""
        INSERT INTO initiative_sectors
        SELECT initiative_id,
               CASE WHEN odd_sector AND j = 0 THEN NULL ELSE {_list(sector_keys)}[1 + sec] END,
               CASE WHEN odd_sector AND j = 0 THEN 'Øvrige områder'
                    ELSE {_list([da for _, da, _ in SECTORS])}[1 + sec] END
        FROM (SELECT initiative_id, odd_sector, j, (sec0 + j * sec_step) % 10 AS sec
              FROM syn, range(3) t(j) WHERE j < n_sec)
    """)
    con.execute(f"""
        INSERT INTO initiative_types
        SELECT initiative_id, {_list(MEASURE_TYPES)}[1 + (type0 + 7 * j) % {len(MEASURE_TYPES)}]
        FROM syn, range(2) t(j) WHERE j < n_type
    """)
    # Printings: every initiative once, 10 % twice; seq = order of printing in the source.
    con.execute("""
        INSERT INTO appearances
        SELECT initiative_id, source_id, row_number() OVER (PARTITION BY source_id ORDER BY line, initiative_id),
               section, page, line
        FROM (SELECT initiative_id, source_id, 'Afsnit ' || (1 + n_in_src // 200) AS section,
                     1 + n_in_src // 4 AS page, 10 + 45 * n_in_src AS line FROM syn
              UNION ALL
              SELECT initiative_id, source_id, 'Tværgående', 1 + n_in_src // 4 + 50, 12 + 45 * n_in_src
              FROM syn WHERE printed_twice)
    """)
    # Gains: a three-year phase-in up to the full year, and the realised gain in the full year.
    con.execute("""
        INSERT INTO gains
        SELECT initiative_id, full_phase_in_year - 2 + j, 'expected',
               round(expected_tkr * (j + 1) / 3, 1), NULL
        FROM initiatives, range(3) t(j)
        WHERE expected_tkr IS NOT NULL AND full_phase_in_year IS NOT NULL
        UNION ALL
        SELECT initiative_id, full_phase_in_year, 'realised', realised_tkr, realised_text
        FROM initiatives WHERE realised_tkr IS NOT NULL AND full_phase_in_year IS NOT NULL
    """)
    # Targets: a reduction target and the net outstanding amount per year for the plans.
    con.execute(f"""
        INSERT INTO targets (source_id, year, kind, amount_tkr, text, area, page, line)
        SELECT s.source_id, y, kind, amt, '-' || tkr_text(amt), area, 2, 10 + y - {YEAR_MIN}
        FROM (SELECT s.*, y, kind, area,
                     round(CASE WHEN kind = 'reduction_target' THEN 1 ELSE 0.3 END
                           * (SELECT sum(expected_tkr) FROM initiatives WHERE source_id = s.source_id)
                           * (y - {YEAR_MIN} + 1) / {YEAR_MAX - YEAR_MIN + 1} / 3, 1) AS amt
              FROM syn_src s, range({YEAR_MIN}, {YEAR_MAX + 1}) t(y),
                   (VALUES ('reduction_target'), ('net_outstanding')) k(kind),
                   (VALUES ('I alt')) a(area)
              WHERE s.format IN ('recovery_plan', 'project_list')) s
    """)
    con.execute("""
        INSERT INTO parse_warnings (source_id, initiative_id, page, line, field, message, text, code)
        SELECT source_id, initiative_id, first_page, first_line, 'expected_tkr', 'no amount printed', NULL,
               'amount_missing'
        FROM initiatives WHERE expected_tkr IS NULL
        UNION ALL
        SELECT i.source_id, s.initiative_id, i.first_page, i.first_line, 'sector',
               'sector ''' || s.source_sector || ''' has no canonical mapping', s.source_sector,
               'sector_unmapped'
        FROM initiative_sectors s JOIN initiatives i USING (initiative_id) WHERE s.sector IS NULL
    """)
    con.execute("""
        INSERT INTO sources (source_id, file_name, sha256, format, title, published_year, loaded_at,
                             container, encoding, size_bytes, page_count, n_initiatives, n_appearances, n_warnings)
        SELECT s.source_id, 'synth-' || lpad(s.k::VARCHAR, 2, '0') || '-' || s.stem || '.txt',
               sha256(s.source_id), s.format, 'Syntetisk ' || s.stem, 2014 + s.k,
               TIMESTAMP '2026-01-01 12:00:00', 'text', 'utf-8',
               (SELECT count(*) FROM initiatives i WHERE i.source_id = s.source_id) * 900,
               (SELECT max(page) FROM appearances a WHERE a.source_id = s.source_id),
               (SELECT count(*) FROM initiatives i WHERE i.source_id = s.source_id),
               (SELECT count(*) FROM appearances a WHERE a.source_id = s.source_id),
               (SELECT count(*) FROM parse_warnings w WHERE w.source_id = s.source_id)
        FROM syn_src s
    """)
    con.execute("DROP TABLE syn")
    tables = ("sources", "initiatives", "appearances", "initiative_municipalities", "initiative_sectors",
              "initiative_types", "gains", "targets", "parse_warnings")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def write(db: Path, rows: int, seed: int = 7) -> dict[str, int]:
    """Write a complete synthetic database to ``db`` (built beside it, then renamed over it)."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.synth.tmp")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        create_schema(con)
        con.execute("BEGIN")
        counts = generate(con, rows, seed)
        refresh_facets(con)  # the dashboard's derived table, as etl.load fills it
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, db)
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write a synthetic savings database of N initiatives.")
    p.add_argument("--rows", type=int, default=0, help="number of initiatives")
    p.add_argument("--db", required=True, help="database file to write (replaced)")
    p.add_argument("--seed", type=int, default=7, help="seed; same seed and rows give the same rows")
    p.add_argument("--upgrade", action="store_true",
                   help="only (re)write the derived tables added in session 4 (the scatter's rows, "
                        "etl.load.refresh_evr_points; the title index, etl.search_index.refresh_titles) of the "
                        "existing database --db, in place: a file written before they existed, in seconds "
                        "instead of a rebuild (--rows is then ignored)")
    args = p.parse_args(argv)
    if args.upgrade:
        start = time.perf_counter()
        with duckdb.connect(args.db) as con:
            con.execute("BEGIN")
            counts = {"initiative_evr_points": refresh_evr_points(con), **refresh_titles(con)}
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        print(f"{args.db}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
              + f" ({time.perf_counter() - start:.1f} s)")
        return 0
    if args.rows < 1:
        print("error: --rows must be at least 1", file=sys.stderr)
        return 1
    start = time.perf_counter()
    counts = write(Path(args.db), args.rows, args.seed)
    print(f"{args.db}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
          + f" ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
