"""Normalise: a parsed document's typed values → typed rows (etl/normalise.py).

How a document states its amounts reaches ``sources`` (contract §2); a reading the parser
inferred rather than read is also a parse warning with its evidence; a printed total keeps
its difference to the computed sum."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from etl.core.document import RawDocument
from etl.core.model import Appearance, Decided, Gain, Initiative, ParsedDocument, SectorTag, SourceInfo, TableTotal
from etl.errors import InputError
from etl.normalise import to_rows

WHEN = dt.datetime(2026, 1, 1)


def _doc() -> RawDocument:
    return RawDocument(path=Path("plan.txt"), file_name="plan.txt", sha256="ab" * 32, data=b"x", container="text")


@pytest.mark.parametrize("info, source_cols, codes", [
    (SourceInfo(), (None, None, None), []),
    (SourceInfo(unit_text=Decided("(1.000 kr.)", "printed", "(1.000 kr.) 2024 2025", line=3)),
     ("(1.000 kr.)", None, None), []),
    (SourceInfo(sign_convention=Decided("saving_negative", "inferred", "Reduktionsmål -1.500", line=4),
                price_level=Decided("2024 p/l", "printed", "Beløb i 2024 p/l")),
     (None, "2024 p/l", "saving_negative"), ["sign_convention_inferred"]),
    (SourceInfo(unit_text=Decided("1.000 kr.", "inferred", "figures of 1.000-3.000 beside 'mio.' prose")),
     ("1.000 kr.", None, None), ["unit_inferred"]),
], ids=["nothing", "unit printed", "sign inferred", "unit inferred"])
def test_source_info_reaches_sources_and_inferred_readings_are_warned(info, source_cols, codes):
    parsed = ParsedDocument(format="recovery_plan", title="Plan", source=info,
                            initiatives=[Initiative(key="a", title="A")])
    rows = to_rows(_doc(), parsed, WHEN, "rec")
    s = rows.source
    assert (s.unit_text, s.price_level, s.sign_convention) == source_cols
    assert [w.code for w in rows.warnings] == codes
    assert all(w.text for w in rows.warnings)  # the evidence is kept
    assert s.n_warnings == len(codes)


def test_table_totals_become_rows_with_their_difference():
    parsed = ParsedDocument(format="table", initiatives=[Initiative(key="a", title="A")],
                            totals=[TableTotal("I alt", 2025, 1500.0, 1450.0, page=2, line=9),
                                    TableTotal("I alt", 2026, None, 1450.0)])
    rows = to_rows(_doc(), parsed, WHEN, "tab")
    assert [(t.label, t.year, t.difference_tkr, t.page, t.line) for t in rows.totals] == [
        ("I alt", 2025, 50.0, 2, 9), ("I alt", 2026, None, None, None)]


def _ini(key: str, **kw) -> Initiative:
    return Initiative(key=key, title=key.upper(), **kw)


# what an initiative's lists become: each table's rows (as (initiative key, values…)) and the
# warnings about it, in order; a repeat within one initiative is kept once (the first)
@pytest.mark.parametrize("initiatives, table, want, codes", [
    ([_ini("a", municipalities=["Odense", "Vejle", "Odense"]), _ini("b", municipalities=["Odense"])],
     "municipalities", [("a", "Odense"), ("a", "Vejle"), ("b", "Odense")], []),
    ([_ini("a", sectors=[SectorTag("skole", "Skole"), SectorTag(None, "Andet"), SectorTag("skole", "Skole")]),
      _ini("b", sectors=[SectorTag(None, "Andet")])],
     "sectors", [("a", "skole", "Skole"), ("a", None, "Andet"), ("b", None, "Andet")],
     ["sector_unmapped", "sector_unmapped"]),
    ([_ini("a", measure_types=["Udbud", "Udbud", "Digital"]), _ini("b")],
     "types", [("a", "Udbud"), ("a", "Digital")], []),
    ([_ini("a", gains=[Gain(2025, "expected", 1.0), Gain(2025, "realised", 2.0), Gain(2025, "expected", 3.0)]),
      _ini("b", sectors=[SectorTag(None, "Andet")], gains=[Gain(2026, "expected", 4.0), Gain(2026, "expected", 5.0)])],
     "gains", [("a", 2025, "expected", 1.0), ("a", 2025, "realised", 2.0), ("b", 2026, "expected", 4.0)],
     ["gain_duplicate", "sector_unmapped", "gain_duplicate"]),
    # seq: the order of printing (unknown page or line first), ties in the order read
    ([_ini("a", appearances=[Appearance(2, 5), Appearance(1, 9)]), _ini("b", appearances=[Appearance(None, 3)]),
      _ini("c"), _ini("d", appearances=[Appearance(1, 9)])],
     "appearances", [("b", 1, None, 3), ("a", 2, 1, 9), ("d", 3, 1, 9), ("a", 4, 2, 5)], []),
], ids=["municipalities", "sectors", "types", "gains", "appearances"])
def test_each_initiatives_lists_become_rows_once(initiatives, table, want, codes):
    parsed = ParsedDocument(format="table", title="Plan", initiatives=initiatives)
    rows = to_rows(_doc(), parsed, WHEN, "tab")
    key = {r.initiative_id: r.title.lower() for r in rows.initiatives}
    columns = {"appearances": ("seq", "page", "line")}.get(table)
    got = [(key[r.initiative_id], *(getattr(r, c) for c in columns)) if columns else
           (key[r.initiative_id], *tuple(vars_of(r))[1:]) for r in getattr(rows, table)]
    if table == "gains":
        got = [g[:4] for g in got]
    assert got == want
    assert [w.code for w in rows.warnings] == codes
    assert all(key[w.initiative_id] for w in rows.warnings)


def vars_of(row) -> tuple:
    return tuple(getattr(row, f.name) for f in dataclasses.fields(row))


@pytest.mark.parametrize("appearances, first", [
    ([], (None, None)), ([Appearance(3, 1)], (3, 1)),
    ([Appearance(2, 5), Appearance(1, 9), Appearance(1, 9, "x")], (1, 9)),
    ([Appearance(None, 4), Appearance(1, None)], (None, 4)),
], ids=["none", "one", "earliest", "unknown page first"])
def test_an_initiatives_first_printing(appearances, first):
    parsed = ParsedDocument(format="table", initiatives=[_ini("x", appearances=[Appearance(5, 5)]),
                                                         _ini("a", appearances=appearances)])
    (_, ini) = to_rows(_doc(), parsed, WHEN, "tab").initiatives
    assert (ini.first_page, ini.first_line) == first


@pytest.mark.parametrize("ini, message", [
    (_ini("z", expected_tkr=2e8), "absurd amount for 'Z': 200,000,000 t.kr."),
    (_ini("z", realised_tkr=float("nan")), "absurd amount for 'Z': nan t.kr."),
    (_ini("z", full_phase_in_year=1900), "absurd year for 'Z': 1900"),
    (_ini("z", gains=[Gain(2025, "expected", -3e8)]), "absurd amount for 'Z': -300,000,000 t.kr."),
    (_ini("z", gains=[Gain(2200, "expected", 1.0)]), "absurd year for 'Z': 2200"),
], ids=["amount", "nan", "year", "gain amount", "gain year"])
def test_an_absurd_figure_is_refused_naming_it(ini, message):
    parsed = ParsedDocument(format="table", initiatives=[_ini("ok", expected_tkr=1e8), ini])
    with pytest.raises(InputError, match=re.escape(message)):
        to_rows(_doc(), parsed, WHEN, "tab")
