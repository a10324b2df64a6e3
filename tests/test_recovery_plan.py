"""Recovery-plan status: initiatives from the prose, yearly figures from the scrambled staircase table.

Expected values were read by hand from data/raw/genopretning-…txt: the table prints
the figures column by column (2021: -, -977, -, -, -, -, -1.023; 2022-2024: -, -1.257,
-, -, -, -, -1.023) under labels printed first."""
from __future__ import annotations

import pytest

from etl import formats
from etl.parse import recovery_plan
from etl.read import read
from tests.conftest import RAW, etl_built
from tests.synth_small_layouts import RecoveryTable
from tests.synth_small_layouts import recovery_plan as make_plan

FILE = RAW / "genopretning-myndighedsomraaderne-status-april-2021.txt"
YEARS = [2021, 2022, 2023, 2024]
TITLES = ["Analyse af udgiftsudviklingen", "Foranstaltninger vedr. unge", "Kontraktgrundlag",
          "Udekørende funktioner", "Takstgruppe", "Foranstaltning i egen bolig"]
# the table's printed rows
TARGET = {2021: ("-2.000", 2000), 2022: ("-3.000", 3000), 2023: ("-5.000", 5000), 2024: ("-7.000", 7000)}
UNALLOCATED = dict.fromkeys(YEARS, ("-1.023", 1023))
NET = {2021: ("0", 0), 2022: ("-720", 720), 2023: ("-2.720", 2720), 2024: ("-4.720", 4720)}
YOUTH = {2021: ("-977", 977), 2022: ("-1.257", 1257), 2023: ("-1.257", 1257), 2024: ("-1.257", 1257)}
# prose heading (line) that describes each table row
SECTIONS = {"Analyse af udgiftsudviklingen": (22, ["Analyse af udgiftsudviklingen"]),
            "Foranstaltninger vedr. unge": (48, ["Omlægning af STU for unge med særlige behov",
                                                 "Omlægning af foranstaltninger for unge 15-17 årige"]),
            "Kontraktgrundlag": (86, ["Kontraktgrundlag"]),
            "Udekørende funktioner": (113, ["Udekørende funktioner"]),
            "Takstgruppe": (130, ["Takstgruppe"]),
            "Foranstaltning i egen bolig": (149, ["Foranstaltning til borgere i egne boliger frem for "
                                                  "institutionsanbringelse"])}


@pytest.fixture(scope="module")
def parsed():
    return recovery_plan.parse(read(FILE))


def test_title_and_year_from_the_document(parsed):
    assert parsed.title == "Økonomisk genopretning af myndighedsområderne — status april 2021"
    assert parsed.published_year == 2021


def test_targets_every_year_and_kind_with_verbatim_figures(parsed):
    got = {(t.year, t.kind): t for t in parsed.targets}
    assert len(parsed.targets) == 12
    for kind, printed in (("reduction_target", TARGET), ("unallocated", UNALLOCATED), ("net_outstanding", NET)):
        for year, (text, amount) in printed.items():
            t = got[(year, kind)]
            assert t.amount_tkr == amount, (kind, year)
            assert t.text.endswith(f"{year}: {text}"), t.text
    assert got[(2021, "reduction_target")].line == 188 and got[(2024, "net_outstanding")].line == 242


def test_initiatives_with_yearly_gains_and_phase_in(parsed):
    assert [i.title for i in parsed.initiatives] == TITLES
    youth = parsed.initiatives[1]
    assert [(g.year, g.kind, g.amount_tkr, g.text) for g in youth.gains] == [
        (y, "expected", amount, text) for y, (text, amount) in YOUTH.items()]
    assert (youth.expected_tkr, youth.expected_low_tkr, youth.expected_high_tkr) == (1257, 1257, 1257)
    assert youth.full_phase_in_year == 2022
    for ini in parsed.initiatives[:1] + parsed.initiatives[2:]:
        assert ini.gains == [] and ini.expected_tkr is None and ini.full_phase_in_year is None, ini.title
    unknown = {w.key for w in parsed.warnings if w.field == "expected_tkr"}
    assert unknown == set(TITLES) - {"Foranstaltninger vedr. unge"}


def test_descriptions_come_from_the_matching_prose_sections(parsed):
    for ini in parsed.initiatives:
        line, headings = SECTIONS[ini.title]
        assert [(a.page, a.line) for a in ini.appearances] == [(1, line)]
        assert ini.description
        if len(headings) > 1:
            for h in headings:
                assert f"{h}:" in ini.description
    youth = parsed.initiatives[1].description
    assert "407.000 kr." in youth and "850.000 kr." in youth
    assert "Team Dyre familier" in parsed.initiatives[0].description
    assert parsed.initiatives[4].description.startswith("Det er aktuelt ikke altid muligt")
    assert not any(w.field == "description" for w in parsed.warnings)


def test_prose_amounts_agree_with_the_table(parsed):
    """2021: the two youth sections state 407.000 kr. and 570.000 kr.; the table prints -977."""
    assert not any(w.field == "gains" for w in parsed.warnings)
    youth = parsed.initiatives[1]
    assert "i 2021 på 407.000 kr." in youth.description and "i 2021 på 570.000 kr." in youth.description
    assert youth.gains[0].year == 2021 and youth.gains[0].amount_tkr == 407 + 570


def test_staircase_adds_up_to_the_printed_targets(parsed):
    """Each year: reduction target = initiatives + unallocated + net outstanding (the table's own check)."""
    by = {(t.year, t.kind): t.amount_tkr for t in parsed.targets}
    for year in YEARS:
        gains = sum(g.amount_tkr for i in parsed.initiatives for g in i.gains if g.year == year)
        assert gains + by[(year, "unallocated")] + by[(year, "net_outstanding")] == by[(year, "reduction_target")]
        # and the parsed staircase is the printed one: the hand-read figures add up the same way
        assert (gains, by[(year, "unallocated")], by[(year, "net_outstanding")], by[(year, "reduction_target")]) == (
            YOUTH[year][1], UNALLOCATED[year][1], NET[year][1], TARGET[year][1])
        assert YOUTH[year][1] + UNALLOCATED[year][1] + NET[year][1] == TARGET[year][1]
    assert not any(w.field == "targets" for w in parsed.warnings)


def test_detects_only_its_own_layout():
    for path in sorted(RAW.iterdir()):
        score = recovery_plan.detect(read(path))
        assert (score >= formats.DETECT_THRESHOLD) == (path == FILE), path.name
    assert formats.detect(read(FILE)).name == "recovery_plan"


# --------------------------------------------------------------------------- synthetic

def _table(target_2025: float = -4500, prose_2023: str = "300.000") -> RecoveryTable:
    return RecoveryTable(
        years=[2023, 2024, 2025],
        target=[-1500, -3000, target_2025],
        initiatives={"Hjemmetræning": [-300, -800, -800], "Ny visitationspraksis": [None, -450, -1200],
                     "Digitale hjælpemidler": [-150, None, None], "Bedre kontrakter": [None, None, None]},
        unallocated=[-500, -500, -500],
        net=[-550, -1250, -2000],
        prose={"Hjemmetræning": "Borgere tilbydes træning i eget hjem frem for på centret, hvilket reducerer "
                                f"kørsel og ventetid. Der kan opgøres en udgiftsreduktion i 2023 på {prose_2023} kr.",
               "Ny visitationspraksis": "Visitationen omlægges, så alle nye sager vurderes af et fælles team.",
               "Digitale hjælpemidler": "Skærmbesøg erstatter en del af de fysiske besøg i hjemmeplejen.",
               "Bedre kontrakter": "Kontrakterne med leverandører standardiseres og genforhandles løbende."},
    )


def test_synthetic_staircase_with_other_years_rows_and_numbers(tmp_path):
    path = tmp_path / "status.txt"
    path.write_text(make_plan(_table()), encoding="utf-8")
    doc = read(path)
    assert formats.detect(doc).name == "recovery_plan"
    out = recovery_plan.parse(doc)
    assert out.published_year == 2023
    got = {i.title: i for i in out.initiatives}
    assert list(got) == ["Hjemmetræning", "Ny visitationspraksis", "Digitale hjælpemidler", "Bedre kontrakter"]
    assert [(g.year, g.amount_tkr) for g in got["Hjemmetræning"].gains] == [(2023, 300), (2024, 800), (2025, 800)]
    assert got["Hjemmetræning"].expected_tkr == 800 and got["Hjemmetræning"].full_phase_in_year == 2024
    assert [(g.year, g.amount_tkr) for g in got["Ny visitationspraksis"].gains] == [(2024, 450), (2025, 1200)]
    assert got["Ny visitationspraksis"].full_phase_in_year == 2025
    assert [(g.year, g.amount_tkr) for g in got["Digitale hjælpemidler"].gains] == [(2023, 150)]
    assert got["Digitale hjælpemidler"].expected_tkr is None  # nothing printed in the last year
    assert got["Bedre kontrakter"].gains == [] and got["Bedre kontrakter"].expected_tkr is None
    assert got["Bedre kontrakter"].description.startswith("Kontrakterne med leverandører")
    targets = {(t.year, t.kind): t.amount_tkr for t in out.targets}
    assert targets[(2025, "reduction_target")] == 4500 and targets[(2024, "net_outstanding")] == 1250
    assert targets[(2023, "unallocated")] == 500
    assert not any(w.field == "targets" for w in out.warnings)


def test_a_table_that_does_not_add_up_is_warned_with_year_and_difference(tmp_path):
    path = tmp_path / "status.txt"
    path.write_text(make_plan(_table(target_2025=-4800)), encoding="utf-8")
    out = recovery_plan.parse(read(path))
    bad = [w for w in out.warnings if w.field == "targets"]
    assert len(bad) == 1
    assert "2025" in bad[0].message and "difference 300" in bad[0].message
    # figures are still placed column by column, not shuffled to force a fit
    got = {i.title: i for i in out.initiatives}
    assert [(g.year, g.amount_tkr) for g in got["Hjemmetræning"].gains] == [(2023, 300), (2024, 800), (2025, 800)]


def test_prose_that_disagrees_with_the_table_is_warned(tmp_path):
    path = tmp_path / "status.txt"
    path.write_text(make_plan(_table(prose_2023="350.000")), encoding="utf-8")
    out = recovery_plan.parse(read(path))
    bad = [w for w in out.warnings if w.field == "gains"]
    assert [(w.key, "2023" in w.message, "350" in w.message, "300" in w.message) for w in bad] == [
        ("Hjemmetræning", True, True, True)]
    assert not any(w.field == "gains" for w in recovery_plan.parse(read(_write(tmp_path, _table()))).warnings)


def _write(tmp_path, table: RecoveryTable):
    path = tmp_path / "ok.txt"
    path.write_text(make_plan(table), encoding="utf-8")
    return path


def test_figures_printed_row_by_row_are_read_so_only_when_that_adds_up(tmp_path):
    table = _table()
    table.row_order = True
    out = recovery_plan.parse(read(_write(tmp_path, table)))
    got = {i.title: i for i in out.initiatives}
    assert [(g.year, g.amount_tkr) for g in got["Ny visitationspraksis"].gains] == [(2024, 450), (2025, 1200)]
    assert not any(w.field == "targets" for w in out.warnings)
    assert [w.message for w in out.warnings if w.field == "gains"] == [
        "table figures read row by row: only that order adds up"]


def test_figure_count_that_does_not_fit_the_labels_is_a_warning(tmp_path):
    text = make_plan(_table()).replace("\n-150 \n", "\n", 1)  # one figure lost
    path = tmp_path / "status.txt"
    path.write_text(text, encoding="utf-8")
    out = recovery_plan.parse(read(path))
    assert any("cannot be placed" in w.message for w in out.warnings)
    assert all(i.gains == [] and i.expected_tkr is None for i in out.initiatives)


def test_cli_builds_the_status_report_into_duckdb(tmp_path):
    with etl_built(tmp_path / "r.duckdb", FILE) as (out, con):
        assert out.startswith(f"{FILE.name}: recovery_plan, 6 initiatives, 6 appearances, ")
        assert con.execute("SELECT year, kind, amount_tkr FROM targets WHERE kind = 'reduction_target' "
                           "ORDER BY year").fetchall() == [
            (y, "reduction_target", float(a)) for y, (_, a) in TARGET.items()]
        assert con.execute("SELECT year, amount_tkr FROM gains ORDER BY year").fetchall() == [
            (y, float(a)) for y, (_, a) in YOUTH.items()]
        assert con.execute("SELECT count(*) FROM targets").fetchone()[0] == 12
