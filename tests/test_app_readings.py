"""The sources page says how each table's amounts were read: unit, price level, sign convention
('inferred' when guessed) and whether its printed totals agree with their rows."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import source_queries
from app.filters import Filters
from app.i18n import t
from app.pages.sources import READING_COLUMNS, readings
from bench.pages import switch_page
from tests.conftest import etl_built
from tests.table_fixtures import ORD, STED, UDVALG
from tests.table_writers import write

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readings")
    path = folder / "s.duckdb"
    with etl_built(path, *(write(f, "csv", folder) for f in (UDVALG, STED, ORD))):
        pass
    return path


EXPECTED = {  # file → (unit, price level, sign, totals) in Danish and English
    "spareforslag-bu.csv": (
        ("1.000 kr.", "2019-priser", "minus = besparelse",
         "1 af 12 afviger (op til 10 t.kr.)"),
        ("1.000 kr.", "2019-priser", "minus = saving",
         "1 of 12 differs (by up to 10 DKK k)")),
    "spareforslag-2015.csv": (
        ("Kr. 1000", "2015 p/l", "plus = besparelse (udledt)", None),
        ("Kr. 1000", "2015 p/l", "plus = saving (inferred)", None)),
    "reduktionsforslag.csv": (
        ("kr.", None, "plus = besparelse", None),
        ("kr.", None, "plus = saving", None)),
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_each_source_says_how_its_amounts_were_read(db, lang):
    con = duckdb.connect(str(db), read_only=True)
    try:
        df = source_queries.amount_readings(con, Filters())
    finally:
        con.close()
    shown = readings(df, lang)
    assert list(shown.columns) == list(READING_COLUMNS)
    got = {r.file_name: tuple(None if pd.isna(v) else v for v in (r.unit, r.price_level, r.sign, r.totals))
           for r in shown.itertuples()}
    assert got == {name: pair[lang == "en"] for name, pair in EXPECTED.items()}


def test_all_totals_agree_in_words():
    one = pd.DataFrame([{"file_name": "a.csv", "unit_text": None, "unit_inferred": False, "price_level": None,
                         "price_level_inferred": False, "sign_convention": None, "sign_inferred": False,
                         "n_totals": n, "n_differ": 0, "max_difference_tkr": 0.0} for n in (1, 4)])
    assert list(readings(one, "da")["totals"]) == ["1 sum stemmer", "alle 4 summer stemmer"]
    assert list(readings(one, "en")["totals"]) == ["1 total agrees", "all 4 totals agree"]


def test_sources_page_shows_the_readings(db, monkeypatch):
    monkeypatch.setenv("SAVINGS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    switch_page(at, "/sources").run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("readings_title") in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "totals" in d.value.columns)  # headed t("col_totals")
    assert "1 af 12 afviger (op til 10 t.kr.)" in list(table["totals"])
