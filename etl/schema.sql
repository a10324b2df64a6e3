-- The one schema of data/savings.duckdb. docs/schema.md documents every column.
-- Relationships (source_id, initiative_id, sector) are documented, not declared as
-- FOREIGN KEYs: DuckDB turns updates of referenced rows into delete+insert.
-- Money: thousands of DKK (t.kr.), a saving is positive. Unknown is NULL, never 0.

CREATE TABLE sources (
    source_id        VARCHAR PRIMARY KEY,   -- first 12 hex digits of sha256: stable across rebuilds
    file_name        VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL UNIQUE,
    format           VARCHAR NOT NULL,
    title            VARCHAR,
    published_year   INTEGER,
    loaded_at        TIMESTAMP NOT NULL,
    container        VARCHAR,               -- text | pdf | xlsx
    encoding         VARCHAR,
    size_bytes       BIGINT,
    page_count       INTEGER,
    context          VARCHAR,               -- e.g. a cover memo, kept as context
    n_initiatives    INTEGER,
    n_appearances    INTEGER,
    n_warnings       INTEGER,
    unit_text        VARCHAR,               -- the unit as the document states it, e.g. 'Kr. 1000'
    price_level      VARCHAR,               -- e.g. '2015 p/l'; NULL if not stated
    sign_convention  VARCHAR CHECK (sign_convention IN ('saving_positive', 'saving_negative')),
    layout_score     DOUBLE,                -- the layout detector's confidence 0-1; NULL when --format forced it
    reader           VARCHAR,               -- PDF: how the text was read ('pdf words', 'camelot lattice', ...)
    words_read       INTEGER,               -- PDF: words in the text layer's body
    words_outside    INTEGER,               -- PDF: words that fell outside every column or table cell
    furniture_lines  INTEGER,               -- PDF: running header/footer and page-number lines left out
    column_blocks    INTEGER                -- PDF: blocks side by side read column by column
);

CREATE TABLE sectors (
    sector      VARCHAR PRIMARY KEY,
    label_da    VARCHAR NOT NULL,
    label_en    VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE initiatives (
    initiative_id             VARCHAR PRIMARY KEY,
    source_id                 VARCHAR NOT NULL,
    municipality              VARCHAR,
    title                     VARCHAR NOT NULL,
    description               VARCHAR,
    expected_tkr              DOUBLE,
    expected_low_tkr          DOUBLE,
    expected_high_tkr         DOUBLE,
    expected_text             VARCHAR,
    realised_tkr              DOUBLE,
    realised_text             VARCHAR,
    full_phase_in_year        INTEGER,
    full_phase_in_text        VARCHAR,
    implementation_cost_tkr   DOUBLE,
    implementation_cost_text  VARCHAR,
    adopted                   BOOLEAN,
    adopted_text              VARCHAR,
    status                    VARCHAR,
    feasibility               VARCHAR,
    other_effects             VARCHAR,
    about                     VARCHAR,
    further_info              VARCHAR,
    responsible               VARCHAR,
    handling                  VARCHAR,
    first_page                INTEGER,
    first_line                INTEGER,
    source_number             VARCHAR               -- the number the source prints ('12', 'B.3')
);

CREATE TABLE appearances (
    initiative_id  VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,        -- 1-based order of the printing in its document
    section        VARCHAR,
    page           INTEGER,
    line           INTEGER,
    PRIMARY KEY (source_id, seq)
);

CREATE TABLE initiative_municipalities (
    initiative_id  VARCHAR NOT NULL,
    municipality   VARCHAR NOT NULL,
    PRIMARY KEY (initiative_id, municipality)
);

CREATE TABLE initiative_sectors (
    initiative_id  VARCHAR NOT NULL,
    sector         VARCHAR,
    source_sector  VARCHAR NOT NULL,
    PRIMARY KEY (initiative_id, source_sector)
);

CREATE TABLE initiative_types (
    initiative_id  VARCHAR NOT NULL,
    measure_type   VARCHAR NOT NULL,
    PRIMARY KEY (initiative_id, measure_type)
);

CREATE TABLE gains (
    initiative_id  VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('expected', 'realised')),
    amount_tkr     DOUBLE NOT NULL,
    text           VARCHAR,
    PRIMARY KEY (initiative_id, year, kind)
);

CREATE TABLE targets (
    source_id   VARCHAR NOT NULL,
    year        INTEGER,
    kind        VARCHAR NOT NULL CHECK (kind IN ('reduction_target', 'unallocated', 'net_outstanding', 'requirement')),
    amount_tkr  DOUBLE,
    text        VARCHAR NOT NULL,
    area        VARCHAR,
    percent     DOUBLE,
    page        INTEGER,
    line        INTEGER
);

CREATE TABLE parse_warnings (
    source_id      VARCHAR NOT NULL,
    initiative_id  VARCHAR,
    page           INTEGER,
    line           INTEGER,
    field          VARCHAR,
    message        VARCHAR NOT NULL,        -- English; the app translates `code`
    text           VARCHAR,
    code           VARCHAR NOT NULL,        -- stable warning code (etl.core.model.Code)
    params         VARCHAR                  -- JSON object: the code's parameters
);

CREATE TABLE table_totals (
    source_id       VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,       -- as printed
    year            INTEGER,
    printed_tkr     DOUBLE,
    computed_tkr    DOUBLE,                 -- sum of the rows it covers
    difference_tkr  DOUBLE,                 -- printed - computed
    page            INTEGER,
    line            INTEGER
);

CREATE TABLE pdf_tables (
    source_id      VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,        -- 1-based order in the document
    page           INTEGER NOT NULL,
    method         VARCHAR NOT NULL,        -- lattice | stream (camelot) | ruled (the layout reader)
    n_rows         INTEGER NOT NULL,
    n_cols         INTEGER NOT NULL,
    accuracy       DOUBLE,                  -- camelot's accuracy, percent
    whitespace     DOUBLE,                  -- empty cells, percent
    words_outside  INTEGER,                 -- words inside the table's frame in no cell
    PRIMARY KEY (source_id, seq)
);

CREATE TABLE curation_log (
    initiative_id  VARCHAR NOT NULL,
    "column"       VARCHAR NOT NULL,
    old_value      VARCHAR,
    new_value      VARCHAR,
    reason         VARCHAR,
    curation_file  VARCHAR NOT NULL
);

-- Filter columns the dashboard uses on every rerun.
CREATE INDEX idx_ini_source ON initiatives(source_id);
CREATE INDEX idx_ini_year ON initiatives(full_phase_in_year);
CREATE INDEX idx_sec_sector ON initiative_sectors(sector);
CREATE INDEX idx_mun_municipality ON initiative_municipalities(municipality);

-- Derived, for the dashboard (docs/performance.md): one row per initiative with everything a
-- filter or an aggregation of the dashboard needs, the link tables folded into lists. A rerun
-- then reads this one table instead of joining four tables on text ids (about 10x faster at a
-- million initiatives). The view defines it; the ETL copies the view into the table after every
-- build and add (etl.load.refresh_facets). A reader that finds the table incomplete (a database
-- written by other means) reads the view instead: slower, same answers.
CREATE VIEW initiative_facets_view AS
-- The link tables' lists are folded per distinct *set* of values, not per initiative: an ordered
-- aggregate (list / string_agg with DISTINCT … ORDER BY) per initiative was most of this view's
-- time (at 200,000 initiatives 1.1 of 1.9 s of CPU), and the sets are few (7 sector pairs in 5
-- sets, 4 types in 5 sets). Each initiative gets the sorted list of its values' numbers (``ks``,
-- a cheap integer list); each distinct ``ks`` is folded once, with the same aggregates as before.
-- The three link tables' numbers are listed in one aggregate by initiative_id (``lx``: one GROUP
-- BY and one join on the text id, where three of each were ~6 % of the view's CPU).
WITH mk AS (SELECT municipality, (row_number() OVER ())::INTEGER AS k
            FROM (SELECT DISTINCT municipality FROM initiative_municipalities)),
sk AS (SELECT sector, source_sector, (row_number() OVER ())::INTEGER AS k
       FROM (SELECT DISTINCT sector, source_sector FROM initiative_sectors)),
tk AS (SELECT measure_type, (row_number() OVER ())::INTEGER AS k
       FROM (SELECT DISTINCT measure_type FROM initiative_types)),
-- each initiative's municipality, sector-pair and type numbers (NULL: none)
lx AS (SELECT initiative_id, list_sort(list(k) FILTER (WHERE kind = 0)) AS mks,
              list_sort(list(k) FILTER (WHERE kind = 1)) AS sks, list_sort(list(k) FILTER (WHERE kind = 2)) AS tks
       FROM (SELECT x.initiative_id, 0 AS kind, mk.k
             FROM initiative_municipalities x JOIN mk ON mk.municipality = x.municipality
             UNION ALL
             SELECT x.initiative_id, 1 AS kind, sk.k FROM initiative_sectors x
             JOIN sk ON sk.sector IS NOT DISTINCT FROM x.sector AND sk.source_sector = x.source_sector
             UNION ALL
             SELECT x.initiative_id, 2 AS kind, tk.k FROM initiative_types x JOIN tk ON tk.measure_type = x.measure_type)
       GROUP BY initiative_id),
mc AS (SELECT c.ks, list(DISTINCT mk.municipality ORDER BY mk.municipality) AS municipalities
       FROM (SELECT ks, unnest(ks) AS k FROM (SELECT DISTINCT mks AS ks FROM lx)) c JOIN mk ON mk.k = c.k
       GROUP BY c.ks),
sc AS (SELECT c.ks, list(DISTINCT x.sector ORDER BY x.sector) FILTER (WHERE x.sector IS NOT NULL) AS sectors,
              string_agg(DISTINCT coalesce(x.sector, x.source_sector), ', '
                         ORDER BY coalesce(x.sector, x.source_sector)) AS sector_names,
              string_agg(DISTINCT coalesce(sec.label_da, x.source_sector), '; '
                         ORDER BY coalesce(sec.label_da, x.source_sector)) AS sector_labels_da,
              string_agg(DISTINCT coalesce(sec.label_en, x.source_sector), '; '
                         ORDER BY coalesce(sec.label_en, x.source_sector)) AS sector_labels_en,
              bit_or(1 << (sec.sort_order - 1))::INTEGER AS sector_mask
       FROM (SELECT ks, unnest(ks) AS k FROM (SELECT DISTINCT sks AS ks FROM lx)) c JOIN sk x ON x.k = c.k
       LEFT JOIN sectors sec ON sec.sector = x.sector
       GROUP BY c.ks),
tc AS (SELECT c.ks, list(DISTINCT tk.measure_type ORDER BY tk.measure_type) AS types,
              string_agg(tk.measure_type, ', ' ORDER BY tk.measure_type) AS type_names
       FROM (SELECT ks, unnest(ks) AS k FROM (SELECT DISTINCT tks AS ks FROM lx)) c JOIN tk ON tk.k = c.k
       GROUP BY c.ks),
-- the municipalities' order as numbers, over the distinct names (a dense rank: the same numbers
-- as over every row)
mr AS (SELECT municipality, (dense_rank() OVER (ORDER BY municipality COLLATE da))::INTEGER AS municipality_rank
       FROM (SELECT DISTINCT municipality FROM initiatives WHERE municipality IS NOT NULL))
SELECT i.initiative_id, i.source_id, i.expected_tkr, i.realised_tkr, i.full_phase_in_year, i.adopted,
       coalesce(mc.municipalities, []) AS municipalities,    -- distinct, sorted
       coalesce(sc.sectors, []) AS sectors,                  -- distinct canonical sectors, sorted; [] = none
       coalesce(tc.types, []) AS types,                      -- distinct, sorted
       i.title,                                              -- shown in charts of single initiatives
       n.doc, r.title_rank, mr.municipality_rank,            -- numbers and ranks: n, r, mr
       -- as the explorer and the downloads show them: sectors (canonical, else as printed) and
       -- types, sorted, ', '-joined; NULL when none
       sc.sector_names, tc.type_names,
       -- the sectors as a reader calls them, in Danish and English ('; '-joined: a name may
       -- contain a comma, "Skole, SFO og klub"); NULL when none
       sc.sector_labels_da, sc.sector_labels_en,
       -- the canonical sectors as bits (bit k = the sector with sort_order k + 1; 0 = none):
       -- figures per sector group by this small number, not by unnested lists of texts
       coalesce(sc.sector_mask, 0) AS sector_mask
FROM initiatives i
-- the numbering windows over the few columns they read (a window sorts what it carries: over the
-- whole row, lists and all, they were a third of this view's time), each its own window (two in one
-- query sort each other's columns too) and joined by the row's rowid (an integer, not the text id)
-- the initiative's number in initiative_id order (0, 1, …): the search index's key
JOIN (SELECT rowid AS row_id, (row_number() OVER (ORDER BY initiative_id) - 1)::INTEGER AS doc
      FROM initiatives) n ON n.row_id = i.rowid
-- the order of the titles / municipalities as numbers (equal texts share one): the explorer picks
-- its page of rows here, without reading the texts. Danish order (ICU collation da: case ignored,
-- Æ Ø Å after Z), a title's leading quotation marks and signs skipped ("»Housing first«" under H)
JOIN (SELECT rowid AS row_id,
             (dense_rank() OVER (ORDER BY regexp_replace(title, '^[^\p{L}\p{N}]+', '') COLLATE da))::INTEGER
                 AS title_rank
      FROM initiatives) r ON r.row_id = i.rowid
LEFT JOIN mr ON mr.municipality = i.municipality
LEFT JOIN lx ON lx.initiative_id = i.initiative_id
LEFT JOIN mc ON mc.ks = lx.mks LEFT JOIN sc ON sc.ks = lx.sks LEFT JOIN tc ON tc.ks = lx.tks;

CREATE TABLE initiative_facets (
    initiative_id       VARCHAR NOT NULL,
    source_id           VARCHAR NOT NULL,
    expected_tkr        DOUBLE,
    realised_tkr        DOUBLE,
    full_phase_in_year  INTEGER,
    adopted             BOOLEAN,
    municipalities      VARCHAR[] NOT NULL,
    sectors             VARCHAR[] NOT NULL,
    types               VARCHAR[] NOT NULL,
    title               VARCHAR NOT NULL,
    doc                 INTEGER NOT NULL,
    title_rank          INTEGER NOT NULL,
    municipality_rank   INTEGER,
    sector_names        VARCHAR,
    type_names          VARCHAR,
    sector_labels_da    VARCHAR,
    sector_labels_en    VARCHAR,
    sector_mask         INTEGER NOT NULL
);

-- Derived, for the dashboard: the rows of `gains` keyed by initiative_facets.doc and sorted by it,
-- so the yearly gains of the filtered initiatives are summed with one bit test per row (no lists
-- unnested, no text ids joined). Written after initiative_facets, from this view.
CREATE VIEW initiative_facet_gains_view AS
SELECT x.doc, x.source_id, g.year, g.kind = 'realised' AS realised, g.amount_tkr
FROM gains g JOIN initiative_facets x ON x.initiative_id = g.initiative_id;

CREATE TABLE initiative_facet_gains (
    doc         INTEGER NOT NULL,   -- initiative_facets.doc
    source_id   VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    realised    BOOLEAN NOT NULL,   -- kind = 'realised' (else 'expected')
    amount_tkr  DOUBLE NOT NULL
);

-- Derived, for the dashboard's free-text filter (etl/search_index.py, docs/schema.md): the folded
-- words of each initiative's title, description and municipality names. Rewritten with
-- initiative_facets after every build and add; the dashboard reads it only when
-- search_index_info says it was built with the app's folding rules for every initiative.
CREATE TABLE search_terms (
    term_id  INTEGER NOT NULL,   -- rank of the word in sort order (0, 1, …)
    term     VARCHAR NOT NULL,   -- the folded word
    n_docs   INTEGER NOT NULL    -- initiatives containing it
);

CREATE TABLE search_postings (   -- sorted by term_id, then doc
    term_id  INTEGER NOT NULL,
    doc      INTEGER NOT NULL    -- initiative_facets.doc
);

CREATE TABLE search_index_info (
    rules       VARCHAR NOT NULL,  -- etl.search_index.RULES of the ETL that built it
    n_docs      BIGINT NOT NULL,   -- initiatives indexed
    n_terms     BIGINT NOT NULL,
    n_postings  BIGINT NOT NULL
);

-- Derived, for the expected-vs-realised scatter (etl.load.refresh_evr_points, docs/schema.md): the
-- initiatives with both figures, largest expected first. IF NOT EXISTS: refresh_evr_points runs
-- this line (etl.schema.create_statement), so an older database gains it on its next add.
CREATE TABLE IF NOT EXISTS initiative_evr_points (doc INTEGER NOT NULL, initiative_id VARCHAR NOT NULL, title VARCHAR NOT NULL, expected_tkr DOUBLE NOT NULL, realised_tkr DOUBLE NOT NULL);

-- Derived, for the explorer's relevance order (etl.search_index.refresh_titles, docs/schema.md): the
-- words of the titles alone, sorted by term_id, and the rules and counts they were built for.
-- IF NOT EXISTS: refresh_titles runs these two lines (etl.schema.create_statement), so an older database
-- gains the tables on its next add.
CREATE TABLE IF NOT EXISTS search_title_postings (term_id INTEGER NOT NULL, doc INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS search_title_info (rules VARCHAR NOT NULL, n_docs BIGINT NOT NULL, n_terms BIGINT NOT NULL, n_postings BIGINT NOT NULL);

-- Derived, for the planner and the explorer's detail card (etl/similarity.py): each initiative's
-- most similar initiatives from other documents or municipalities, by TF-IDF cosine similarity of
-- title and description. Recomputed after every build and add.
CREATE TABLE initiative_similar (
    initiative_id  VARCHAR NOT NULL,
    similar_id     VARCHAR NOT NULL,
    score          DOUBLE NOT NULL,         -- cosine similarity, 0 (nothing shared) to 1 (same text)
    rank           INTEGER NOT NULL,        -- 1 = most similar
    PRIMARY KEY (initiative_id, rank)
);
