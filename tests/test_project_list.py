"""Project list (Nr., Projekt, Vurdering, Status/næste skridt, Ansvarlig, Behandling).

Expected values were read by hand from data/raw/projektliste-…txt; the synthetic
lists are generated with other rows, widths and merged cells, with known answers."""
from __future__ import annotations

import pytest

from etl import formats
from etl.parse import project_list
from etl.read import read
from tests.conftest import RAW, etl_built
from tests.synth_small_layouts import ProjectListLayout, ProjectRow
from tests.synth_small_layouts import project_list as make_list

FILE = RAW / "projektliste-klk-analyse-administration-ledelse.txt"
PERSON_NAMES = ("Flemming", "Jensen", "Hanne", "Toksvig", "Chris", "Rævsgaard", "Claus", "Fjeldgaard",
                "Ole", "Elbæk")

# Nr → (title, responsible unit, handling, first line, expected (low, high) or None, status starts with)
EXPECTED = {
    "1": ("Centralisering af dele af administrationen på dagtilbudsområde", "HHG", "Politisk", 7,
          (2400, 2400), "Se særskilt kommissorium"),
    "2": ("Centralisering af dele af administrationen på skoleområdet", "HHG", "Politisk", 21,
          (1300, 1300), "Se særskilt kommissorium"),
    "3": ("Erstatte fysiske møder med videomøder", "MA", "Politisk", 34, None,
          "Alternative forslag til fordelingsnøgle fremgår af sagsfremstillingen."),
    "4": ("Antal administrative ledere og chefer på Rådhuset samt antallet af administrative medarbejdere "
          "og myndighedspersoner", "KC", "Politisk", 51, None, "Der er taget kontakt til Herning Kommune"),
    "5": ("Antal skoledere", "HHG", "Politisk", 74, (1500, 20000),
          "Der henvises til Byrådets beslutning af 18. maj 2016."),
    "6": ("Antal medlemmer i direktionen", "LAJ", None, 83, None, "Afsluttet, når ØKE på møde den 8. juni"),
    "7": ("Samling af fire sekretariater i Job og Velfærd", "MA", "Administrativ", 92, (2000, 2000),
          "Der iværksættes en analyse"),
    "8": ("Søjleopdelingen i Sundhed og Omsorg", "MA", "Administrativ", 109, None,
          "Sundhed og omsorg reorganiseres aktuelt."),
    "9": ("Samarbejdet mellem sygepleje og hjemmepleje", "MA", "Administrativ", 135, None,
          "Se ovenstående. Forventes effektueret første halvår 2017"),
    "10": ("Behovet for at borgeren besøges ved revisitering til hjælp i Sundhed og Omsorg", "MA", "Administrativ",
           147, None, None),
    "11": ("Antal myndighedsmedarbejdere på ældreområdet", "MA", "Administrativ", 168, None,
           "Der er taget kontakt til de kommuner KLK har sammenlignet med"),
    "12": ("Praksis med at sagsbehandleren indstiller to tilbud", "MA", "Administrativ", 188, None, None),
    "13": ("Adm. procedurer i Familieafdelingen", "HHG", "Administrativ", 206, None,
           "Der i det seneste år – med bistand fra eksternt konsulentfirma (PWC)"),
    "14": ("Kontroller (Calibra/DUBU) i Familieafdelingen", "HHG", "Administrativ", 231, None,
           "Udviklingen i DUBUs økonomimodul"),
    "15": ("Fortsat arbejde med at styrke samarbejdet mellem Familieafdelingen og Familiehuset", "HHG",
           "Administrativ", 255, None, "Der er på ledelsesniveau udarbejdet procedurer"),
}
# Nr → (Vurdering starts with, Vurdering ends with)
VURDERING = {
    "1": ("Et projekt der kræver afklaring af interessenter", "Sammenhæng med nr. 2."),
    "5": ("Der har allerede været politiske debatter af emnet", "mellem 1,5 mio. kr. og 20 mio. kr."),
    "6": ("ØKE har på sit møde den 11. maj besluttet at bibeholde", "direktionsmodel."),
    "9": ("Denne skal ses i sammenhæng med hidtidig søjleopdeling", "på tværs af faggrupper."),
    "10": ("Aktuelt foretages revisitationer", "kunne bidrage til øgede omkostninger på området."),
    "15": ("Arbejdet fortsættes.", "Arbejdet fortsættes."),
}


@pytest.fixture(scope="module")
def parsed():
    return project_list.parse(read(FILE))


def test_header_gives_the_source_title_and_no_guessed_year(parsed):
    assert parsed.title == "Projektliste jf. KLKs analyse af administration og ledelse"
    assert parsed.published_year is None
    assert any(w.field == "published_year" for w in parsed.warnings)


def test_one_initiative_per_row_with_every_cell_right(parsed):
    got = {i.key: i for i in parsed.initiatives}
    assert list(got) == list(EXPECTED)
    for nr, (title, unit, handling, line, expected, status) in EXPECTED.items():
        ini = got[nr]
        assert ini.title == title, nr
        assert ini.responsible == unit, nr
        assert ini.handling == handling, nr
        assert [(a.page, a.line) for a in ini.appearances] == [(1, line)], nr
        assert ini.municipalities == [], "the list names no municipality"
        if expected is None:
            assert (ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr) == (None, None, None), nr
        else:
            low, high = expected
            assert (ini.expected_low_tkr, ini.expected_high_tkr) == (low, high), nr
            assert ini.expected_tkr == (low + high) / 2, nr
        if status is None:
            assert ini.status is None, nr
        else:
            assert ini.status.startswith(status), (nr, ini.status)
    for nr, (start, end) in VURDERING.items():
        assert got[nr].description.startswith(start) and got[nr].description.endswith(end), got[nr].description


def test_phase_in_year_only_where_a_sentence_repeats_the_amount_with_its_start(parsed):
    got = {i.key: i.full_phase_in_year for i in parsed.initiatives}
    assert got == {k: (2017 if k == "7" else None) for k in EXPECTED}  # "med virkning fra 2017 … 2 mio. kr."


def test_range_is_stored_with_its_midpoint_and_verbatim_text(parsed):
    five = next(i for i in parsed.initiatives if i.key == "5")
    assert five.expected_tkr == 10750
    assert five.expected_text == "mellem 1,5 mio. kr. og 20 mio. kr."


def test_missing_figures_and_cells_are_warned_not_zero(parsed):
    no_amount = {w.key for w in parsed.warnings if w.field == "expected_tkr"}
    assert no_amount == {k for k, v in EXPECTED.items() if v[4] is None}
    assert {w.key for w in parsed.warnings if w.field == "handling"} == {"6"}
    assert {w.key for w in parsed.warnings if w.field == "status"} == {"10", "12"}


def test_no_personal_names_are_loaded(parsed):
    for ini in parsed.initiatives:
        blob = " ".join(str(v) for v in vars(ini).values() if isinstance(v, str))
        for name in PERSON_NAMES:
            assert name not in blob.split(), (ini.key, name)


def test_detects_only_its_own_layout():
    for path in sorted(RAW.iterdir()):
        score = project_list.detect(read(path))
        assert (score >= formats.DETECT_THRESHOLD) == (path == FILE), path.name
    assert formats.detect(read(FILE)).name == "project_list"


# --------------------------------------------------------------------------- synthetic

ROWS = [
    ProjectRow(1, "Fælles indkøb af kontorartikler på tværs af forvaltningerne",
               "Indkøbsanalysen viser et potentiale ved fælles udbud og standardiseret sortiment. "
               "Vurderet potentiale på 3,2 mio. kr. når aftalen er fuldt indfaset.",
               "Udbuddet forberedes i efteråret og aftalen forventes indgået ved årsskiftet.",
               "ØK", "Anne Berg", "Politisk"),
    ProjectRow(2, "Digital post", "Besparelsen afhænger af antallet af borgere der fritages. "
               "Vurderet potentiale mellem 0,5 mio. kr. og 1,1 mio. kr. afhængigt af tilslutningen.",
               "Se notat om digitaliseringsstrategien.", "DIG", "Peter Holm", "Administrativt",
               merge_title=True, merge_tail=True),
    ProjectRow(3, "Omlægning af kantinedriften i rådhusbygningerne",
               "Kræver nærmere afklaring af lejekontrakter og personaleforhold inden der kan "
               "opgøres et potentiale for kantinedriften.",
               "", "KS", None, None),
    ProjectRow(4, "Samling af lønadministrationen", "Forvaltningen har beregnet en besparelse på 750.000 kr. "
               "ved at samle lønfunktionen i en enhed.",
               "Medarbejderne er orienteret og samlingen gennemføres med virkning fra 2025, hvor budgettet "
               "reduceres med 750.000 kr. Der følges op i løbet af foråret.", "HR", "Mette Sørensen", "Administrativt"),
]


def test_synthetic_list_with_other_rows_widths_and_merged_cells(tmp_path):
    path = tmp_path / "liste.txt"
    path.write_text(make_list(["Projektoversigt", "opfølgning på budgetanalyse"], ROWS,
                              ProjectListLayout(title_w=24, vurd_w=44, status_w=58)), encoding="utf-8")
    doc = read(path)
    assert formats.detect(doc).name == "project_list"
    out = project_list.parse(doc)
    assert out.title == "Projektoversigt opfølgning på budgetanalyse"
    assert out.published_year is None  # the years in the rows are not the list's date
    got = {i.key: i for i in out.initiatives}
    assert list(got) == ["1", "2", "3", "4"]
    for row in ROWS:
        ini = got[str(row.nr)]
        assert ini.title == row.title
        assert ini.description == row.vurdering
        assert ini.status == (row.status or None)
        assert ini.responsible == row.unit
        assert ini.handling == {"Politisk": "Politisk", "Administrativt": "Administrativ", None: None}[row.handling]
        if row.person:
            assert row.person.split()[0] not in " ".join(str(v) for v in vars(ini).values())
    assert (got["1"].expected_low_tkr, got["1"].expected_high_tkr, got["1"].expected_tkr) == (3200, 3200, 3200)
    assert (got["2"].expected_low_tkr, got["2"].expected_high_tkr, got["2"].expected_tkr) == (500, 1100, 800)
    assert got["3"].expected_tkr is None
    assert got["4"].expected_tkr == 750
    assert [got[k].full_phase_in_year for k in ("1", "2", "3", "4")] == [None, None, None, 2025]
    assert {w.key for w in out.warnings if w.field == "expected_tkr"} == {"3"}
    assert {w.key for w in out.warnings if w.field == "handling"} == {"3"}


def test_year_printed_above_the_table_is_the_publication_year(tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text(make_list(["Projektliste", "status maj 2024"], ROWS[:2]), encoding="utf-8")
    out = project_list.parse(read(path))
    assert (out.title, out.published_year) == ("Projektliste status maj 2024", 2024)
    assert not any(w.field == "published_year" for w in out.warnings)


def test_forced_on_another_layout_is_a_clear_error():
    from etl.errors import InputError

    with pytest.raises(InputError, match="not a project list"):
        project_list.parse(read(RAW / "referat-strukturanalyse-specialiserede-socialomraade-2013.txt"))


def test_cli_builds_the_project_list_into_duckdb(tmp_path):
    with etl_built(tmp_path / "p.duckdb", FILE) as (out, con):
        assert out.startswith(f"{FILE.name}: project_list, 15 initiatives, 15 appearances, ")
        rows = con.execute("SELECT title, expected_tkr, expected_low_tkr, expected_high_tkr, responsible, "
                           "handling, municipality FROM initiatives ORDER BY first_line").fetchall()
        assert len(rows) == 15
        assert rows[4] == ("Antal skoledere", 10750.0, 1500.0, 20000.0, "HHG", "Politisk", None)
        assert con.execute("SELECT count(*) FROM initiatives WHERE expected_tkr IS NOT NULL").fetchone()[0] == 4
        assert con.execute("SELECT format, title FROM sources").fetchone() == (
            "project_list", "Projektliste jf. KLKs analyse af administration og ledelse")


BUILT_IN_FORMATS = {
    "kl-idebank-2024.txt": "idebank",
    "kl-b17-katalog-2016.txt": "b17",
    "projektliste-klk-analyse-administration-ledelse.txt": "project_list",
    "genopretning-myndighedsomraaderne-status-april-2021.txt": "recovery_plan",
    "referat-strukturanalyse-specialiserede-socialomraade-2013.txt": "minutes",
}


@pytest.mark.parametrize("name", list(BUILT_IN_FORMATS))
def test_each_built_in_document_is_detected_as_exactly_its_own_format(name):
    """Over all format modules present: the document's own format scores above the
    threshold and every other format below it."""
    own = BUILT_IN_FORMATS[name]
    doc = read(RAW / name)
    scores = formats.scores(doc)
    assert formats.detect(doc).name == own
    assert [f for f, s in scores.items() if s >= formats.DETECT_THRESHOLD] == [own], scores


def test_header_without_rows_is_a_truncated_file_error(tmp_path):
    from etl.errors import InputError

    path = tmp_path / "cut.txt"
    path.write_text("".join(FILE.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    doc = read(path)
    assert project_list.detect(doc) >= formats.DETECT_THRESHOLD
    with pytest.raises(InputError, match="no numbered rows"):
        project_list.parse(doc)


def test_header_wrapped_and_repeated_on_a_new_page_is_not_row_text(tmp_path):
    """A PDF repeats the column header on every page, and a narrow column may wrap it."""
    header = "Nr. Projekt Vurdering Status/næste\nskridt Ansvarlig Behandling\n"
    text = FILE.read_text(encoding="utf-8")
    text = text.replace("Nr. Projekt Vurdering Status/næste skridt Ansvarlig Behandling \n", header)
    text = text.replace("\n7 Samling af", "\f" + header + "\n7 Samling af")
    path = tmp_path / "paged.txt"
    path.write_text(text, encoding="utf-8")
    out = project_list.parse(read(path))
    got = {i.key: i for i in out.initiatives}
    assert list(got) == list(EXPECTED)
    assert got["6"].status.endswith("direktørstilling i Teknik og Miljø.") and got["6"].handling is None
    assert got["7"].title == EXPECTED["7"][0]
    # +1 for the wrapped first header, +3 for the repeated one and its blank line
    assert [(a.page, a.line) for a in got["7"].appearances] == [(2, EXPECTED["7"][3] + 4)]
