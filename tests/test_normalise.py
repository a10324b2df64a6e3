"""Normalise: a parsed document's typed values → typed rows (etl/normalise.py).

How a document states its amounts reaches ``sources`` (contract §2); a reading the parser
inferred rather than read is also a parse warning with its evidence; a printed total keeps
its difference to the computed sum."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.core.document import RawDocument
from etl.core.model import Decided, Initiative, ParsedDocument, SourceInfo, TableTotal
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
