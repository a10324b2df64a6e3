"""Sector names as municipalities print them → canonical sectors (etl/sectors.py).

The table below is the documentation: printed name → the canonical sectors it stands for
(in canonical order; () = not mapped, loaded with sector NULL and listed on the sources
page). Names come from the catalogues, union and municipal proposal databases, committee
names (a committee covering several areas maps to each) and department names."""
from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app import source_queries
from app.filters import Filters
from app.i18n import t
from bench.pages import switch_page
from etl.core.model import SectorTag
from etl.sectors import NAMES, PARTS, SECTORS, canonical, normalise, sectors_for, tags
from tests.conftest import ROOT, etl_built
from tests.synth_proposal_list import FOA_ROWS, LABELS_A, PREAMBLE_A, PROPOSALS, foa_text, heading_text

CHILDREN = ("dagtilbud", "skole", "udsatte_boern")

PRINTED = [
    # KL Idébank 2024, "Berørte fagområder"
    ("Daginstitutioner", ("dagtilbud",)),
    ("Skoler", ("skole",)),
    ("Udsatte børn", ("udsatte_boern",)),
    ("Udsatte voksne & borgere med handicap", ("social",)),
    ("Ældre & Sundhed", ("aeldre_sundhed",)),
    ("Kultur & Fritid", ("kultur_fritid",)),
    ("Teknik & Miljø", ("teknik_miljoe",)),
    ("Beskæftigelse & Erhverv", ("beskaeftigelse",)),
    ("Administration", ("administration",)),
    # KL B17-katalog 2016, sector headings
    ("Tværgående forslag", ("tvaergaaende",)),
    ("Beskæftigelse", ("beskaeftigelse",)),
    ("Dagtilbud", ("dagtilbud",)),
    ("Det specialiserede socialområde", ("social",)),
    ("Kultur og fritid", ("kultur_fritid",)),
    ("Skole, SFO og klub", ("skole",)),
    ("Sundhed", ("aeldre_sundhed",)),
    ("Teknik og miljø", ("teknik_miljoe",)),
    ("Ældre", ("aeldre_sundhed",)),
    # union and municipal proposal databases (areas and staff groups)
    ("Ældreområdet", ("aeldre_sundhed",)),
    ("Daginstitutioner og dagpleje", ("dagtilbud",)),
    ("SFO og klubber", ("skole",)),
    ("Skoleområdet", ("skole",)),
    ("Folkeskoler", ("skole",)),
    ("Specialområdet", ("social",)),
    ("Administration, Teknik og Service", ("teknik_miljoe", "administration")),
    ("Hjemmeplejen", ("aeldre_sundhed",)),
    ("Plejecentre", ("aeldre_sundhed",)),
    ("Handicap og psykiatri", ("social",)),
    ("Sundhedsplejen", ("aeldre_sundhed",)),
    ("Dagplejen", ("dagtilbud",)),
    ("Vuggestuer og børnehaver", ("dagtilbud",)),
    ("Rengøring", ()),  # a staff group, not an area
    ("Køkken", ()),
    # departments and service areas
    ("Koncernservice", ("administration",)),
    ("Ejendomme", ("teknik_miljoe",)),
    ("Jobcenter", ("beskaeftigelse",)),
    ("Borgerservice", ("administration",)),
    ("Center for Ældre", ("aeldre_sundhed",)),
    ("Familieafdelingen", ("udsatte_boern",)),
    ("Børn og Familie", ("udsatte_boern",)),
    ("Børn og unge", CHILDREN),
    ("Udsatte børn og unge", ("udsatte_boern",)),
    ("Sundhed og Omsorg", ("aeldre_sundhed",)),
    ("Kultur og Borgerservice", ("kultur_fritid", "administration")),
    ("Sociale Forhold og Beskæftigelse", ("social", "beskaeftigelse")),
    ("Vej og Park", ("teknik_miljoe",)),
    ("Natur og Miljø", ("teknik_miljoe",)),
    ("Beredskab", ("teknik_miljoe",)),
    ("IT og Digitalisering", ("administration",)),
    ("HR og Personale", ("administration",)),
    ("Politisk organisation", ("administration",)),
    ("Erhverv og Turisme", ("beskaeftigelse",)),
    ("Ydelser", ("beskaeftigelse",)),
    ("Biblioteker", ("kultur_fritid",)),
    ("Musikskolen", ("kultur_fritid",)),
    ("PPR", ("skole",)),
    ("Tværgående effektiviseringer", ("tvaergaaende",)),
    ("Kollektiv trafik", ()),  # no rule reads it (yet): kept as printed, listed as unmapped
    ("Byrådet", ()),  # the council is not a sector
    # committees: a committee over several areas maps to each of them
    ("Børne- og Uddannelsesudvalget", CHILDREN),
    ("Børne- og Ungdomsudvalget", CHILDREN),
    ("Børn- og Ungeudvalget", CHILDREN),
    ("Børne-, Unge- og Familieudvalget", CHILDREN),
    ("Udvalget for Børn og Unge", CHILDREN),
    ("Skoleudvalget", ("skole",)),
    ("Social- og Sundhedsudvalget", ("social", "aeldre_sundhed")),
    ("Social-, Sundheds- og Ældreudvalget", ("social", "aeldre_sundhed")),
    ("Socialudvalget", ("social",)),
    ("Sundheds- og Omsorgsudvalget", ("aeldre_sundhed",)),
    ("Ældre- og Handicapudvalget", ("social", "aeldre_sundhed")),
    ("Udvalget for Ældre og Sundhed", ("aeldre_sundhed",)),
    ("Familie- og Socialudvalget", ("udsatte_boern", "social")),
    ("Teknik- og Miljøudvalget", ("teknik_miljoe",)),
    ("Teknisk Udvalg", ("teknik_miljoe",)),
    ("Plan- og Miljøudvalget", ("teknik_miljoe",)),
    ("Klima- og Miljøudvalget", ("teknik_miljoe",)),
    ("By- og Landskabsudvalget", ("teknik_miljoe",)),
    ("Miljø- og Energiudvalget", ("teknik_miljoe",)),
    ("Økonomiudvalget", ("administration",)),
    ("Økonomi- og Erhvervsudvalget", ("beskaeftigelse", "administration")),
    ("Kultur- og Fritidsudvalget", ("kultur_fritid",)),
    ("Kultur- og Idrætsudvalget", ("kultur_fritid",)),
    ("Sundheds- og Kulturudvalget", ("aeldre_sundhed", "kultur_fritid")),
    ("By- og Kulturudvalget", ("kultur_fritid", "teknik_miljoe")),
    ("Beskæftigelsesudvalget", ("beskaeftigelse",)),
    ("Beskæftigelses- og Integrationsudvalget", ("beskaeftigelse",)),
    ("Erhvervs- og Beskæftigelsesudvalget", ("beskaeftigelse",)),
    ("Arbejdsmarkedsudvalget", ("beskaeftigelse",)),
    ("Landdistriktsudvalget", ()),
    # forvaltninger (Copenhagen)
    ("Børne- og Ungdomsforvaltningen", CHILDREN),
    ("Sundheds- og Omsorgsforvaltningen", ("aeldre_sundhed",)),
    ("Socialforvaltningen", ("social",)),
    ("Teknik- og Miljøforvaltningen", ("teknik_miljoe",)),
    ("Økonomiforvaltningen", ("administration",)),
    # the canonical labels and keys themselves, in Danish and English, any case or spacing
    ("Ældre og sundhed", ("aeldre_sundhed",)),
    ("Udsatte voksne og handicap", ("social",)),
    ("Beskæftigelse og erhverv", ("beskaeftigelse",)),
    ("Vulnerable children and young people", ("udsatte_boern",)),
    ("Day care", ("dagtilbud",)),
    ("teknik_miljoe", ("teknik_miljoe",)),
    ("  DAGINSTITUTIONER  OG   DAGPLEJE ", ("dagtilbud",)),
    ("3. Ældreområdet", ("aeldre_sundhed",)),
    ("Ældreområdet.", ("aeldre_sundhed",)),
]


@pytest.mark.parametrize("printed, sectors", PRINTED, ids=[p for p, _ in PRINTED])
def test_printed_name_to_sectors(printed, sectors):
    assert sectors_for(printed) == sectors


def test_coverage_of_the_printed_names():
    """Every name above that stands for an area maps; the unmapped ones are named here."""
    unmapped = sorted(p for p, _ in PRINTED if not sectors_for(p))
    assert unmapped == ["Byrådet", "Kollektiv trafik", "Køkken", "Landdistriktsudvalget", "Rengøring"]
    assert len(PRINTED) - len(unmapped) >= 0.9 * len(PRINTED)


@pytest.mark.parametrize("printed, normalised", [
    ("Børne- og Uddannelsesudvalget", "borne og uddannelsesudvalget"),
    ("Social-, Sundheds- og Ældreudvalget", "social, sundheds og aeldreudvalget"),
    ("Udvalget for Ældre og Sundhed", "aeldre og sundhed"),
    ("30 Ældre", "aeldre"),
    ("Lyngby-Taarbæk", "lyngby-taarbaek"),  # a hyphen inside a word stays
])
def test_normalise(printed, normalised):
    assert normalise(printed) == normalised


def test_tags_keep_the_printed_name_once_per_sector():
    assert tags("Social- og  Sundhedsudvalget") == [SectorTag("social", "Social- og Sundhedsudvalget"),
                                                    SectorTag("aeldre_sundhed", "Social- og Sundhedsudvalget")]
    assert tags("Rengøring") == [SectorTag(None, "Rengøring")]


def test_canonical_is_the_one_sector_or_none():
    assert canonical("Ældreområdet") == "aeldre_sundhed"
    assert canonical("Social- og Sundhedsudvalget") is None  # several: use sectors_for / tags
    assert canonical("Rengøring") is None


def test_tables_name_only_canonical_sectors():
    keys = {k for k, _, _ in SECTORS}
    assert all(set(v) <= keys for v in NAMES.values())
    assert all(set(v) <= keys for v in PARTS.values())
    assert all(k == normalise(k) for k in NAMES) and all(k == normalise(k) for k in PARTS)


# --------------------------------------------------------------------------- the sources page


@pytest.fixture(scope="module")
def unmapped_db(tmp_path_factory):
    """A database built by the CLI from lists that print two names no rule maps."""
    tmp = tmp_path_factory.mktemp("unmapped")
    (tmp / "liste.txt").write_text(heading_text(PROPOSALS, LABELS_A, PREAMBLE_A), encoding="utf-8")
    (tmp / "foa.txt").write_text(foa_text(FOA_ROWS), encoding="utf-8")
    db = tmp / "db.duckdb"
    with etl_built(db, tmp / "liste.txt", tmp / "foa.txt"):
        pass
    return db


def test_unmapped_names_are_listed_per_source(unmapped_db):
    con = duckdb.connect(str(unmapped_db), read_only=True)
    try:
        got = source_queries.unmapped_sectors(con, Filters())
        assert got.values.tolist() == [["foa.txt", "Rengøring", 1], ["liste.txt", "Kollektiv trafik", 1]]
        only = source_queries.unmapped_sectors(con, Filters(source=("liste.txt",)))
        assert only["source_sector"].tolist() == ["Kollektiv trafik"]
        # the initiatives are loaded, with the printed name kept and no canonical sector
        n = con.execute("SELECT count(*) FROM initiative_sectors WHERE sector IS NULL").fetchone()[0]
        assert n == 2
    finally:
        con.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_sources_page_lists_unmapped_names(unmapped_db, monkeypatch, lang):
    monkeypatch.setenv("SAVINGS_DB", str(unmapped_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params = {"lang": lang}
    at.run()
    switch_page(at, "/sources").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.subheader[0].value == t("unmapped_title", lang, n=2)
    table = next(d.value for d in at.dataframe if t("col_source_sector", lang) in d.value.columns)
    assert table[t("col_source_sector", lang)].tolist() == ["Rengøring", "Kollektiv trafik"]
