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
    n_warnings       INTEGER
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
    first_line                INTEGER
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
    message        VARCHAR NOT NULL,
    text           VARCHAR
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
