"""Danish all through, with the right plural forms: every count shown in a sentence goes through
one helper (app.i18n.tn, Babel's CLDR plural rules), and every parse warning of the ETL is told
in Danish and English from its code and parameters, beside the document's own text."""
from __future__ import annotations

import json
import re

import pytest

from app.i18n import PLURALS, WARNING_CODES, T, format_label, t, tn, warning_field, warning_kind, warning_text
from etl import formats
from etl.core.model import Code


@pytest.mark.parametrize("key, n, lang, want", [
    ("count_initiatives", 0, "da", "0 initiativer"),
    ("count_initiatives", 1, "da", "1 initiativ"),
    ("count_initiatives", 2, "da", "2 initiativer"),
    ("count_initiatives", 12345, "da", "12.345 initiativer"),
    ("count_initiatives", 1, "en", "1 initiative"),
    ("count_initiatives", 12345, "en", "12,345 initiatives"),
    ("count_warnings", 1, "da", "1 advarsel"),
    ("count_warnings", 1, "en", "1 warning"),
    ("count_warnings", 0, "en", "0 warnings"),
    ("explorer_total", 1, "da", "1 initiativ matcher."),
    ("explorer_total", 1, "en", "1 initiative matches."),
    ("explorer_total", 3, "en", "3 initiatives match."),
    ("count_multi_sector", 1, "en", "1 initiative is in more than one sector"),
    ("count_multi_sector", 2, "en", "2 initiatives are in more than one sector"),
    ("count_missing_amount", 1, "en", "1 without an amount is not included"),
    ("count_requirements", 3, "en", "3 savings requirements"),
    ("count_requirements", 1, "da", "1 besparelseskrav"),
])
def test_counted_phrases(key, n, lang, want):
    assert tn(key, n, lang) == want


def test_every_counted_phrase_has_both_forms_in_both_languages():
    for key, (da, en) in PLURALS.items():
        for forms in (da, en):
            assert set(forms) == {"one", "other"}, key
            assert all("{n}" in text for text in forms.values()), key


def test_no_sentence_outside_the_plural_table_puts_a_word_after_a_count():
    """'{n} initiativer' in a plain string is the '1 warnings' defect: it belongs in PLURALS (or in
    a ``<key>_one`` / ``<key>_other`` pair of T, which tn also reads)."""
    counted = re.compile(r"\{(n|multi|total|missing|shown|count)\}\s+\w")
    assert not [k for k, pair in T.items() for text in pair
                if counted.search(text) and not k.endswith(("_one", "_other"))]
    for key in [k[:-4] for k in T if k.endswith("_one")]:
        assert f"{key}_other" in T, key
        assert tn(key, 1) == t(f"{key}_one", n="1") and tn(key, 2, "en") == t(f"{key}_other", "en", n="2")


def test_every_warning_code_of_the_etl_is_translated():
    assert {c.value for c in Code} <= set(WARNING_CODES)
    for code, ((kind_da, kind_en), sentences) in WARNING_CODES.items():
        assert kind_da and kind_en and kind_da != kind_en, code
        assert sentences, code


@pytest.mark.parametrize("code, field, params, lang, want", [
    ("amount_missing", "expected_tkr", None, "da", "Forventet gevinst: intet beløb er trykt; beløbet er ukendt."),
    ("amount_missing", "expected_tkr", None, "en", "Expected gain: no amount is printed; the amount is unknown."),
    ("amount_missing", "expected", {"year": 2024}, "da",
     "Forventet gevinst: intet beløb er trykt for 2024; beløbet er ukendt."),
    ("amount_period_total", "expected_tkr", {"total_tkr": 5430.0, "years": 5}, "da",
     "5.430 t.kr. over 5 år er indlæst som det årlige gennemsnit."),
    ("amount_period_total", "expected_tkr", {"total_tkr": 5430.0, "years": 1}, "en",
     "5,430 DKK k over 1 year is loaded as its yearly average."),
    ("relative_year_anchored", "expected_tkr", {"anchor_year": 2017, "basis": "budget_year",
                                                "evidence": "B17-KATALOG"}, "da",
     "»År 1« er sat til 2017 ud fra dokumentets budgetår (»B17-KATALOG«)."),
    ("pages_approximate", "page", {"footers": 1}, "en",
     "Page numbers are printed in only 1 page footer; an initiative between two visible page numbers gets the "
     "lowest page it can be on."),
    ("reprint_differs", "title", {"titles": 2}, "da", "Eksemplet er trykt under 2 titler; den længste titel er brugt."),
    ("reprint_differs", "reprint", {"fields": "description, sectors"}, "da",
     "Kortet er trykt igen med andet indhold i: Beskrivelse, Sektorer; det første tryk er brugt."),
    ("table_does_not_add_up", None, {"year": 2022, "printed_tkr": 3000, "computed_tkr": 2950.5}, "da",
     "Den trykte total for 2022 (3.000 t.kr.) afviger fra summen af rækkerne (2.950,5 t.kr.)."),
    ("table_does_not_add_up", None, None, "en", "A printed total differs from the sum of its rows."),
    ("amount_only_percent", "targets", {"percent": 4.5}, "da",
     "Kravet er trykt som en andel (4,5 %) uden beløb i kroner; beløbet er ukendt."),
    ("block_missing", None, None, "da", "Feltet, som layoutet trykker, mangler."),  # no field: no dangling label
    ("gain_duplicate", "gains", {"kind": "expected", "year": 2025}, "da",
     "En anden gevinst (forventet) for 2025 blev ignoreret."),
    # the table reader's totals check: the total as printed, the rows' sum, both in t.kr.
    ("table_does_not_add_up", "table_totals",
     {"label": "I alt Skoler", "year": 2021, "printed": 2990.0, "computed": 2980.0, "difference": 10.0}, "da",
     "Totalen »I alt Skoler« for 2021 er trykt som 2.990 t.kr., men rækkerne over den giver 2.980 t.kr. "
     "(forskel 10 t.kr.)."),
    ("table_does_not_add_up", "table_totals",
     {"label": "Total", "printed": 2990.0, "computed": 2980.0, "difference": 10.0}, "en",
     "The total “Total” is printed as 2,990 DKK k, but the rows above it add up to 2,980 DKK k "
     "(difference 10 DKK k)."),
    ("table_does_not_add_up", "gains", {"printed": 1500.0, "computed": 1400.0}, "da",
     "Gevinst pr. år: årene giver ikke rækkens total (1.400 t.kr. mod 1.500 t.kr. trykt)."),
    # a table's guesses say what they rest on (the verbatim text stands beside them)
    ("sign_convention_inferred", "sign_convention", {"value": "saving_negative", "negative": 16, "figures": 18},
     "da", "Tabellen siger ikke, hvordan den fortegner besparelser; 16 af 18 tal er trykt negative, så fortegnet "
     "er udledt: minus = besparelse."),
    ("sign_convention_inferred", "sign_convention", {"value": "saving_negative", "all_negative_under": "Besparelse"},
     "en", "Every figure under “Besparelse” is printed negative; the sign is inferred: minus = saving."),
    ("unit_inferred", "unit_text", {"value": "kr.", "figures_like": "450.000, 1.200.000", "rule": "whole_kroner"},
     "da", "Enheden (kr.) er udledt af tal som 450.000, 1.200.000: hele tusinder, altså kroner."),
    ("price_level_inferred", "price_level", {"value": "2021 p/l", "budget_year": 2021}, "da",
     "Prisniveauet (2021 p/l) er udledt: teksten nævner p/l uden år, og budgetåret er 2021."),
    # a yes/no read from the lines above a table is a word, not Python's True
    ("context_from_heading", "adopted", {"rows": 6, "source": "caption", "value": "True"}, "da",
     "Vedtaget »ja« for 6 rækker er læst fra teksten over tabellen."),
    ("context_from_heading", "adopted", {"rows": 1, "source": "file_name", "value": "False"}, "en",
     "Adopted “no” of 1 row was read from the file name."),
])
def test_warning_sentences(code, field, params, lang, want):
    assert warning_text(code, field, params, lang) == want
    assert warning_text(code, field, json.dumps(params) if params else None, lang) == want  # as stored


def test_a_code_the_app_does_not_know_shows_the_etls_message():
    assert warning_text("brand_new_code", "x", None, "da", "the ETL's message") == "the ETL's message"
    assert warning_kind("brand_new_code") == "brand_new_code"


def test_params_that_are_not_a_json_object_are_ignored():
    for params in ("not json", "[1, 2]", float("nan")):
        assert warning_text("amount_missing", "expected_tkr", params, "da").startswith("Forventet gevinst:")


@pytest.mark.parametrize("field, lang, want", [
    ("expected_tkr", "da", "Forventet gevinst"), ("full_phase_in_year", "en", "Year of full phase-in"),
    ("table_totals", "da", "Summer"), ("something_new", "da", "something_new"), (None, "da", ""),
])
def test_field_names_as_a_reader_calls_them(field, lang, want):
    assert warning_field(field, lang) == want


@pytest.mark.parametrize("name", formats.names())
def test_every_document_format_has_a_name_in_both_languages(name):
    da, en = format_label(name, "da"), format_label(name, "en")
    assert da != name and en != name and "_" not in da + en
    assert format_label("something_new") == "something_new"


def test_every_warning_of_generated_tables_is_in_the_ui_language(tmp_path):
    """The table reader on every savings layout of tests/table_fixtures.py: each warning in Danish
    and English from its code (never the ETL's English message), its field as a reader calls it,
    no Python word (``True``) and no unfilled ``{name}``."""
    import duckdb

    from tests.conftest import run_etl
    from tests.table_fixtures import SAVINGS
    from tests.table_writers import write
    db = tmp_path / "s.duckdb"
    assert run_etl("build", "--db", str(db), *(str(write(f, "csv", tmp_path)) for f in SAVINGS)).returncode == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT code, field, params, message FROM parse_warnings").fetchall()
        texts = [r[0] for r in con.execute("SELECT text FROM parse_warnings WHERE text IS NOT NULL").fetchall()]
    assert rows
    etl_words = re.compile(r"\b(figures|printed|column|inferred|used for)\b")
    assert not [x for x in texts if etl_words.search(x)], "the text beside a warning is the document's own"
    for lang in ("da", "en"):
        for code, field, params, message in rows:
            text = warning_text(code, field, params, lang, message)
            assert text != message and "{" not in text, (code, field, params)
            assert not re.search(r"\b(True|False|None)\b", text), text
            assert field is None or warning_field(field, lang) != field, field


def test_every_warning_of_the_built_in_documents_is_danish(tmp_path):
    """The real build: no warning falls back to the ETL's English message in the Danish UI."""
    import duckdb

    from tests.conftest import run_etl
    db = tmp_path / "s.duckdb"
    assert run_etl("build", "--db", str(db)).returncode == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT code, field, params, message FROM parse_warnings").fetchall()
    assert rows
    for code, field, params, message in rows:
        text = warning_text(code, field, params, "da", message)
        assert text != message and "{" not in text, (code, field, params)
