"""The parse → normalise seam as columns (etl/core/initiative_columns.py).

Initiatives given as objects and the same initiatives as columns (converted, or written row by
row as the table reader writes them) are the same initiatives and give the same rows in every
table; the table reader's columns keep merge_printings' rule for rows printed twice and the
initiative's key on its warnings."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from etl.core.document import RawDocument
from etl.core.initiative_columns import InitiativeColumns, InitiativeWriter
from etl.core.model import Appearance, Gain, Initiative, ParsedDocument, SectorTag, merge_printings
from etl.core.rows import Rows
from etl.errors import InputError
from etl.normalise import to_rows
from etl.parse import table
from etl.read import read

WHEN = dt.datetime(2026, 1, 1)


def _doc() -> RawDocument:
    return RawDocument(path=Path("plan.txt"), file_name="plan.txt", sha256="cd" * 32, data=b"x", container="text")


def _ini(key: str, **kw) -> Initiative:
    return Initiative(key=key, title=key.upper(), **kw)


CASES = {
    "none": [],
    "one plain": [_ini("a", municipalities=["Odense"], expected_tkr=1.5, gains=[Gain(2025, "expected", 1.5, "1,5")],
                       sectors=[SectorTag("skole", "Skole")], measure_types=["Indkøb"],
                       appearances=[Appearance(3, 7, "Ark1")])],
    "no lists": [_ini("a"), _ini("b", description="d", adopted=False, adopted_text="Nej")],
    "several printings, unknown pages": [
        _ini("a", appearances=[Appearance(None, 9), Appearance(2, None, "s"), Appearance(1, 4)]),
        _ini("b", appearances=[]), _ini("c", appearances=[Appearance(1, 1)])],
    "repeats within one": [
        _ini("a", municipalities=["Odense", "Aarhus", "Odense"],
             sectors=[SectorTag(None, "Ukendt"), SectorTag("skole", "Skole"), SectorTag(None, "Ukendt")],
             measure_types=["Indkøb", "Indkøb"],
             gains=[Gain(2025, "expected", 1.0, "1"), Gain(2025, "expected", 2.0, "2"),
                    Gain(2025, "realised", 3.0, None), Gain(2026, "expected", 4.0)]),
        _ini("b", gains=[Gain(2024, "expected", -1.0, "-1")], municipalities=["Vejle"])],
    "lists on some only": [
        _ini("a"), _ini("b", gains=[Gain(2027, "expected", 5.0)], measure_types=["Drift"]),
        _ini("c", municipalities=["A", "B"], number="3.1", full_phase_in_year=2027, realised_tkr=0.0)],
}


def _table_rows(rows: Rows) -> dict[str, list]:
    tables = {name: list(getattr(rows, name)) for name in ("initiatives", "appearances", "municipalities",
                                                           "sectors", "types", "gains", "warnings")}
    tables["source"] = [rows.source]
    return tables


def _written(inis: list[Initiative]) -> InitiativeColumns:
    """The initiatives written as the table reader writes them (with room to spare)."""
    out = InitiativeWriter(len(inis) + 2)
    for n, ini in enumerate(inis):
        for name in ("key", "title", "number", "description", "expected_tkr", "expected_low_tkr",
                     "expected_high_tkr", "expected_text", "realised_tkr", "full_phase_in_year", "adopted",
                     "adopted_text"):
            getattr(out.columns, name)[n] = getattr(ini, name)
        out.municipalities[n] = tuple(ini.municipalities)
        out.sectors[n] = tuple((t.sector, t.source_sector) for t in ini.sectors)
        out.measure_types[n] = tuple(ini.measure_types)
        out.gains[n] = [(g.year, g.kind, g.amount_tkr, g.text) for g in ini.gains]
        out.appearances[n] = tuple((a.page, a.line, a.section) for a in ini.appearances)
    return out.done(len(inis))


@pytest.mark.parametrize("inis", CASES.values(), ids=CASES.keys())
def test_objects_and_columns_are_the_same_initiatives(inis):
    cols = InitiativeColumns.of(inis)
    assert len(cols) == len(inis)
    assert list(cols) == inis and cols == inis and inis == cols
    assert [cols[i] for i in range(len(inis))] == inis
    assert cols[-1:] == inis[-1:] and cols[::2] == inis[::2]
    if inis:
        assert cols[-1] == inis[-1]
    with pytest.raises(IndexError):
        cols[len(inis)]
    assert InitiativeColumns.of(cols) is cols
    assert _written(inis) == inis


@pytest.mark.parametrize("inis", CASES.values(), ids=CASES.keys())
def test_objects_and_columns_give_the_same_rows(inis):
    parsed = ParsedDocument(format="table", title="Plan", initiatives=inis)
    expected = _table_rows(to_rows(_doc(), parsed, WHEN, "tab"))
    for cols in (InitiativeColumns.of(inis), _written(inis)):
        assert _table_rows(to_rows(_doc(), dataclasses.replace(parsed, initiatives=cols), WHEN, "tab")) == expected


def test_a_materialised_initiative_is_a_copy():
    cols = InitiativeColumns.of(CASES["one plain"])
    cols[0].gains.clear()
    cols[0].municipalities.append("Vejle")
    assert cols[0] == CASES["one plain"][0]


@pytest.mark.parametrize("parts", [[], ["one plain"], ["repeats within one", "none", "lists on some only"],
                                   ["several printings, unknown pages", "one plain"]], ids=str)
def test_concatenated_tables_are_their_initiatives_in_order(parts):
    got = InitiativeColumns.concat([InitiativeColumns.of(CASES[p]) for p in parts])
    assert list(got) == [ini for p in parts for ini in CASES[p]]


def test_printings_sharing_a_key_merge_by_merge_printings_rule():
    printed = [_ini("a", sectors=[SectorTag("skole", "Skole")], measure_types=["Indkøb"],
                    appearances=[Appearance(1, 2)], expected_tkr=1.0),
               _ini("b", appearances=[Appearance(1, 3)]),
               _ini("a", sectors=[SectorTag("skole", "Skole"), SectorTag(None, "Andet")],
                    measure_types=["Drift", "Indkøb"], appearances=[Appearance(2, 8)], expected_tkr=9.0)]
    cols = InitiativeColumns.of(printed)
    unique = InitiativeColumns.of(printed[:2])
    assert unique.merged() is unique
    assert list(cols.merged()) == merge_printings(dataclasses.replace(i) for i in InitiativeColumns.of(printed))
    (a, b) = cols.merged()
    assert (a.expected_tkr, [x.line for x in a.appearances], [t.source_sector for t in a.sectors],
            a.measure_types) == (1.0, [2, 8], ["Skole", "Andet"], ["Indkøb", "Drift"])
    assert b.key == "b"


# --- the table reader's columns -------------------------------------------------------------

HEADER = "Kommune;Titel;Forventet gevinst (t.kr.);Fuldt indfaset år;Sektor;Vedtaget;Type;2025;2026;I alt"
TABLES = {
    "plain": [HEADER, "Odense;Udbud;100;2025;Skole;Ja;Indkøb;50;100;150",
              "Vejle;Vikarer;-;2026;Ældre;Nej;;;;"],
    "printed twice": [HEADER, "Odense;Udbud;100;2025;Skole;Ja;Indkøb;50;100;150",
                      "Vejle;Vikarer;20;2026;Ældre;Nej;;;20;20",
                      "Odense;Udbud;300;2027;Skole;Ja;Drift;1;2;3"],
    "warnings keyed": [HEADER, "Odense;Udbud;100;snart;Skole;måske;Indkøb;50;100;999",
                       "Vejle;Vikarer;ca. 5 mio.;2026;Kultur og fritid;Ja;;x;;",
                       ";;7;2026;Skole;Ja;;;;"],
    "no gains, unknown sector": [HEADER, "Odense;Udbud;100;2025;Noget helt andet;Ja;;;;",
                                 "Odense;Andet;;;;;;;;"],
}


def _parsed(tmp_path: Path, lines: list[str]) -> tuple[RawDocument, ParsedDocument]:
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read(path)
    return doc, table.parse(doc)


@pytest.mark.parametrize("lines", TABLES.values(), ids=TABLES.keys())
def test_the_table_readers_columns_give_the_rows_of_its_initiatives_as_objects(tmp_path, lines):
    doc, parsed = _parsed(tmp_path, lines)
    assert isinstance(parsed.initiatives, InitiativeColumns)
    objects = dataclasses.replace(parsed, initiatives=list(parsed.initiatives))
    assert _table_rows(to_rows(doc, parsed, WHEN, "tab")) == _table_rows(to_rows(doc, objects, WHEN, "tab"))


def test_a_row_printed_twice_is_one_initiative_with_both_printings(tmp_path):
    doc, parsed = _parsed(tmp_path, TABLES["printed twice"])
    assert [(i.title, i.expected_tkr, [a.line for a in i.appearances], i.measure_types)
            for i in parsed.initiatives] == [("Udbud", 100.0, [2, 4], ["Indkøb", "Drift"]),
                                             ("Vikarer", 20.0, [3], [])]
    rows = to_rows(doc, parsed, WHEN, "tab")
    assert [(a.seq, a.line) for a in rows.appearances] == [(1, 2), (2, 3), (3, 4)]
    assert [r.first_line for r in rows.initiatives] == [2, 3]


def test_warnings_about_an_initiative_carry_its_key_and_reach_its_id(tmp_path):
    doc, parsed = _parsed(tmp_path, TABLES["warnings keyed"])
    keys = {i.key for i in parsed.initiatives}
    about = [w for w in parsed.warnings if w.key is not None]
    assert {w.code for w in about} >= {"year_unreadable", "yes_no_unreadable", "table_does_not_add_up"}
    assert {w.key for w in about} <= keys
    rows = to_rows(doc, parsed, WHEN, "tab")
    ids = {r.title: r.initiative_id for r in rows.initiatives}
    by_code = {w.code: w.initiative_id for w in rows.warnings}
    assert by_code["year_unreadable"] == by_code["yes_no_unreadable"] == ids["Udbud"]
    assert by_code["row_without_title"] is None


def test_no_gains_and_an_unmapped_sector(tmp_path):
    doc, parsed = _parsed(tmp_path, TABLES["no gains, unknown sector"])
    rows = to_rows(doc, parsed, WHEN, "tab")
    assert list(rows.gains) == []
    assert [(s.sector, s.source_sector) for s in rows.sectors] == [(None, "Noget helt andet")]
    assert [w.code for w in rows.warnings if w.initiative_id] == ["sector_unmapped"]


@pytest.mark.parametrize("row, message", [
    ("Odense;Udbud;300.000.000;2025;Skole;Ja;;;;", "absurd amount for 'Udbud': 300,000,000 t.kr."),
    ("Odense;Udbud;5;1850;Skole;Ja;;;;", "absurd year for 'Udbud': 1850"),
], ids=["amount", "year"])
def test_an_absurd_figure_in_the_table_readers_columns_names_its_initiative(tmp_path, row, message):
    doc, parsed = _parsed(tmp_path, [HEADER, "Vejle;Vikarer;20;2026;Ældre;Nej;;;20;20", row])
    with pytest.raises(InputError, match=re.escape(message)):
        to_rows(doc, parsed, WHEN, "tab")
