"""Generic tables in CSV and XLSX: headers in Danish or English, units from the header,
encodings, separators, and what happens to cells that cannot be read; and every
cell of a generated CSV, XLSX, ruled PDF and unruled PDF through ``etl build``
into DuckDB and back.

Choice documented here and in etl/parse/table.py: text in a number column does
not reject the row or the file. Per the contract, unknown is NULL with a
warning: the initiative is loaded with that amount NULL, the printed text kept
in ``*_text``, and a ``parse_warnings`` row naming the file line.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from etl import formats
from etl.parse import table
from etl.read import read
from etl.sectors import canonical
from etl.spreadsheet import sniff_separator
from etl.table_columns import field_of, header_unit
from tests import make_pdfs
from tests.conftest import RAW, etl_built, run_etl
from tests.make_pdfs import table_rows

DA_HEADER = ["Kommune", "Titel", "Beskrivelse", "Forventet gevinst (t.kr.)", "Realiseret gevinst (t.kr.)",
             "Fuldt indfaset år", "Sektor", "Vedtaget", "Status", "Type"]
EN_HEADER = ["Municipality", "Title", "Description", "Expected saving (DKK thousands)",
             "Realised saving (DKK thousands)", "Full phase-in year", "Sector", "Adopted", "Status", "Type"]


def _records(n: int = 8) -> list[dict]:
    """Known rows: the cell text as written and what each must become."""
    out = []
    for i, r in enumerate(table_rows(n)):
        out.append({
            "cells": [f"{r.municipality} Kommune", r.title, r.description, r.amount_text,
                      f"{i},25" if i % 2 else "", str(r.year), r.sector, "Ja" if i % 3 else "Nej",
                      "Vedtaget" if i % 3 else "Forslag", "Digitalisering; Organisering" if i % 2 else "Indkøb"],
            "municipality": r.municipality, "title": r.title, "description": r.description,
            "expected": r.amount_tkr, "expected_text": r.amount_text,
            "realised": i + 0.25 if i % 2 else None, "year": r.year, "sector": r.sector,
            "adopted": bool(i % 3), "status": "Vedtaget" if i % 3 else "Forslag",
            "types": ["Digitalisering", "Organisering"] if i % 2 else ["Indkøb"],
        })
    return out


def _csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ";", encoding: str = "utf-8",
         bom: bool = False) -> Path:
    def quote(c: str) -> str:
        return f'"{c}"' if (sep in c or '"' in c or "\n" in c) else c

    text = "\n".join(sep.join(quote(c) for c in row) for row in [header, *rows]) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def _check(parsed, records) -> None:
    assert [i.title for i in parsed.initiatives] == [r["title"] for r in records]
    for ini, r in zip(parsed.initiatives, records):
        assert ini.municipalities == [r["municipality"]]  # "Kommune" dropped
        assert ini.description == r["description"]
        assert ini.expected_tkr == pytest.approx(r["expected"])
        assert ini.expected_text == r["expected_text"]
        assert ini.realised_tkr == (pytest.approx(r["realised"]) if r["realised"] is not None else None)
        assert ini.full_phase_in_year == r["year"]
        assert [(s.sector, s.source_sector) for s in ini.sectors] == [(canonical(r["sector"]), r["sector"])]
        assert ini.adopted is r["adopted"]
        assert ini.status == r["status"]
        assert ini.measure_types == r["types"]


# --- header mapping -------------------------------------------------------------------------

@pytest.mark.parametrize("header, field", [
    ("Kommune", "municipality"), ("Municipality", "municipality"), ("Titel", "title"),
    ("Initiativ", "title"), ("Title", "title"), ("Beskrivelse", "description"),
    ("Description", "description"), ("Forventet gevinst (t.kr.)", "expected"),
    ("Expected saving (DKK thousands)", "expected"), ("Realiseret gevinst", "realised"),
    ("Realised saving (DKK thousands)", "realised"), ("Fuldt indfaset år", "year"),
    ("Full phase-in year", "year"), ("Sektor", "sector"), ("Sector", "sector"), ("Vedtaget", "adopted"),
    ("Adopted", "adopted"), ("Status", "status"), ("Type", "type"), ("Forslagsnummer", "number"),
    ("Forslagstype", None), ("Kommunens bemærkninger", None),
])
def test_header_synonyms(header, field):
    assert field_of(header) == field


@pytest.mark.parametrize("header, unit", [
    ("Forventet gevinst (t.kr.)", 1.0), ("Gevinst (1.000 kr.)", 1.0), ("Expected saving (DKK thousands)", 1.0),
    ("Besparelse, mio. kr.", 1000.0), ("Expected saving (DKK million)", 1000.0), ("Besparelse (kr.)", 0.001),
    ("Forventet gevinst", None), ("Forventet gevinst 2025 (mio. kr.)", 1000.0),
])
def test_header_units(header, unit):
    assert header_unit(header) == unit


# --- CSV ------------------------------------------------------------------------------------

@pytest.mark.parametrize("bom", [True, False], ids=["utf8-bom", "utf8-no-bom"])
def test_semicolon_csv_decimal_comma_every_field(tmp_path, bom):
    recs = _records()
    path = _csv(tmp_path / "forslag.csv", DA_HEADER, [r["cells"] for r in recs], bom=bom)
    doc = read(path)
    assert doc.encoding == ("utf-8-sig" if bom else "utf-8")
    assert not doc.text.startswith("\ufeff")  # the BOM must not end up in the first header
    assert formats.detect(doc).name == "table"
    parsed = table.parse(doc)
    _check(parsed, recs)
    assert parsed.warnings == []
    assert [i.appearances[0].line for i in parsed.initiatives] == list(range(2, len(recs) + 2))


def test_comma_csv_english_headers_quoted_decimal_commas(tmp_path):
    recs = _records()
    path = _csv(tmp_path / "proposals.csv", EN_HEADER, [r["cells"] for r in recs], sep=",")
    doc = read(path)
    assert sniff_separator(doc.text) == ","
    _check(table.parse(doc), recs)


def test_cp1252_csv_loads_with_danish_letters(tmp_path):
    recs = _records(6)
    path = _csv(tmp_path / "cp1252.csv", DA_HEADER, [r["cells"] for r in recs], encoding="cp1252")
    assert "Ærø".encode("cp1252") in path.read_bytes()
    db = tmp_path / "s.duckdb"
    res = run_etl("build", "--db", str(db), str(path))
    assert res.returncode == 0, res.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        munis = {m for (m,) in con.execute("SELECT municipality FROM initiatives").fetchall()}
        sectors = {s for (s,) in con.execute("SELECT source_sector FROM initiative_sectors").fetchall()}
        enc = con.execute("SELECT encoding FROM sources").fetchone()[0]
    finally:
        con.close()
    assert {"Ærø", "Høje-Taastrup"} <= munis
    assert "Ældre og sundhed" in sectors
    assert enc.lower().replace("-", "") in ("cp1252", "windows1252")


def test_utf16_tab_separated_export_from_excel(tmp_path):
    recs = _records(4)
    path = tmp_path / "unicode_text.txt"
    text = "\r\n".join("\t".join(row) for row in [DA_HEADER, *[r["cells"] for r in recs]]) + "\r\n"
    path.write_bytes(text.encode("utf-16"))  # with BOM, as Excel writes it
    doc = read(path)
    assert doc.encoding == "utf-16"
    assert formats.detect(doc).name == "table"
    _check(table.parse(doc), recs)


def test_units_from_header_become_tkr(tmp_path):
    path = _csv(tmp_path / "units.csv", ["Titel", "Besparelse (mio. kr.)", "Realiseret (kr.)"],
                [["A", "2,4", "450.000"], ["B", "-0,5", "1.250"]])
    parsed = table.parse(read(path))
    a, b = parsed.initiatives
    assert (a.expected_tkr, a.realised_tkr) == (pytest.approx(2400), pytest.approx(450))
    # a minus in a column named as a saving ("Besparelse") is an extra cost, never a saving
    assert (b.expected_tkr, b.expected_text, b.realised_tkr) == (pytest.approx(-500), "-0,5", pytest.approx(1.25))
    assert parsed.source.sign_convention.value == "saving_positive"
    assert parsed.source.sign_convention.how == "printed"


def test_unit_printed_in_cell_wins_and_ranges_keep_both_ends(tmp_path):
    path = _csv(tmp_path / "cells.csv", ["Titel", "Forventet gevinst"],
                [["A", "2,4 mio. kr."], ["B", "1-2 mio. kr."], ["C", "1.250"]])
    parsed = table.parse(read(path))
    a, b, c = parsed.initiatives
    assert a.expected_tkr == pytest.approx(2400)
    assert (b.expected_low_tkr, b.expected_high_tkr, b.expected_tkr) == (1000, 2000, 1500)
    # a bare figure with no unit stated anywhere: inferred, and the source says so with the evidence
    assert c.expected_tkr == 1250 and c.expected_text == "1.250"
    unit = parsed.source.unit_text
    assert (unit.value, unit.how) == ("1.000 kr.", "inferred") and "1.250" in unit.evidence


def test_year_columns_become_gains(tmp_path):
    path = _csv(tmp_path / "years.csv", ["Initiativ", "2024", "2025", "2026"],
                [["A", "-100", "-200", "-300"], ["B", "50", "", "75"]], )
    parsed = table.parse(read(path))
    # no unit anywhere: inferred (thousands) with the figures as evidence; most figures negative:
    # a budget table, a saving printed negative (inferred too), B's figures are costs
    assert (parsed.source.unit_text.value, parsed.source.unit_text.how) == ("1.000 kr.", "inferred")
    sign = parsed.source.sign_convention
    assert (sign.value, sign.how, sign.evidence) == ("saving_negative", "inferred", None)  # no text says it
    assert (sign.reason, sign.params) == ("3 of 5 figures printed negative", {"negative": 3, "figures": 5})
    assert [[g.amount_tkr for g in i.gains] for i in parsed.initiatives] == [[100, 200, 300], [-50, -75]]
    path = _csv(tmp_path / "years_unit.csv", ["Beløb i 1.000 kr.", "", "", ""], [])
    text = path.read_text(encoding="utf-8") + "Initiativ;2024;2025;2026\nA;-100;-200;-300\nB;50;;75\n"
    path.write_text(text, encoding="utf-8")
    parsed = table.parse(read(path))
    a, b = parsed.initiatives
    assert [(g.year, g.kind, g.amount_tkr, g.text) for g in a.gains] == [
        (2024, "expected", 100, "-100"), (2025, "expected", 200, "-200"), (2026, "expected", 300, "-300")]
    assert [(g.year, g.amount_tkr) for g in b.gains] == [(2024, -50), (2026, -75)]
    assert (a.expected_tkr, b.expected_tkr) == (300, -75)  # the last budget year is the full-year effect
    assert parsed.source.unit_text.how == "printed"


def test_year_in_a_money_header_makes_a_yearly_column_and_percent_is_not_money(tmp_path):
    path = _csv(tmp_path / "year_headers.csv",
                ["Titel", "Forventet gevinst 2025 (t.kr.)", "Realiseret 2024 (mio. kr.)", "Besparelse (%)"],
                [["A", "-1.000", "0,5", "3"]])
    parsed = table.parse(read(path))
    (a,) = parsed.initiatives
    assert [(g.year, g.kind, g.amount_tkr) for g in a.gains] == [(2025, "expected", -1000), (2024, "realised", 500)]
    assert (a.expected_tkr, a.expected_text) == (-1000, "-1.000")  # the last budget year; a cost
    assert parsed.warnings == []


def test_two_level_header_spans_a_label_over_year_columns(tmp_path):
    path = tmp_path / "two_level.csv"
    path.write_text("Titel;Forventet gevinst (1.000 kr.);;;Realiseret (t.kr.)\n"
                    ";2024;2025;2026;2024\n"
                    "A;-100;-200;-300;-90\nB;50;;75;\n", encoding="utf-8")
    parsed = table.parse(read(path))
    a, b = parsed.initiatives
    # "Forventet gevinst": a gain is positive, so A's minus figures are costs
    assert [(g.year, g.kind, g.amount_tkr) for g in a.gains] == [
        (2024, "expected", -100), (2025, "expected", -200), (2026, "expected", -300), (2024, "realised", -90)]
    assert [(g.year, g.amount_tkr) for g in b.gains] == [(2024, 50), (2026, 75)]
    assert parsed.warnings == []


def test_unknown_sector_is_kept_and_warned(tmp_path):
    path = _csv(tmp_path / "sector.csv", ["Titel", "Sektor", "Forventet gevinst (t.kr.)"],
                [["A", "Rumfart", "10"], ["B", "Dagtilbud", "20"]])
    db = tmp_path / "s.duckdb"
    res = run_etl("build", "--db", str(db), str(path))
    assert res.returncode == 0, res.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT sector, source_sector FROM initiative_sectors ORDER BY source_sector").fetchall()
        warns = [m for (m,) in con.execute("SELECT message FROM parse_warnings").fetchall()]
    finally:
        con.close()
    assert rows == [("dagtilbud", "Dagtilbud"), (None, "Rumfart")]
    assert any("Rumfart" in w for w in warns)


def test_text_in_number_column_keeps_row_with_null_and_warning(tmp_path):
    path = _csv(tmp_path / "text_in_number.csv", ["Titel", "Forventet gevinst (t.kr.)", "Fuldt indfaset år"],
                [["A", "100", "2025"], ["B", "ikke opgjort", "snart"], ["C", "300", "2026"]])
    with etl_built(tmp_path / "s.duckdb", path) as (out, con):
        assert "text_in_number.csv: table, 3 initiatives, 3 appearances, 2 warnings" in out
        rows = con.execute("SELECT title, expected_tkr, expected_text, full_phase_in_year "
                           "FROM initiatives ORDER BY title").fetchall()
        warns = con.execute("SELECT line, field, text FROM parse_warnings ORDER BY field").fetchall()
    assert rows == [("A", 100, "100", 2025), ("B", None, "ikke opgjort", None), ("C", 300, "300", 2026)]
    assert warns == [(3, "expected", "ikke opgjort"), (3, "year", "snart")]


def test_line_numbers_count_quoted_line_breaks(tmp_path):
    path = tmp_path / "multiline.csv"
    path.write_text('Titel;Beskrivelse\nA;"to\nlinjer"\nB;en linje\n', encoding="utf-8")
    parsed = table.parse(read(path))
    assert [(i.title, i.appearances[0].line) for i in parsed.initiatives] == [("A", 2), ("B", 4)]
    assert parsed.initiatives[0].description == "to linjer"


def test_a_second_header_starts_a_new_column_map(tmp_path):
    path = tmp_path / "two_blocks.csv"
    path.write_text("Titel;Forventet gevinst (t.kr.)\nA;10\n"
                    "Forventet gevinst (mio. kr.);Titel\n2;B\n", encoding="utf-8")
    parsed = table.parse(read(path))
    assert [(i.title, i.expected_tkr) for i in parsed.initiatives] == [("A", 10), ("B", 2000)]


def test_total_rows_and_empty_rows_are_not_initiatives(tmp_path):
    path = _csv(tmp_path / "total.csv", ["Titel", "Forventet gevinst (t.kr.)"],
                [["Samlet indkøb", "10"], ["", ""], ["I alt", "10"]])
    parsed = table.parse(read(path))
    assert [i.title for i in parsed.initiatives] == ["Samlet indkøb"]


def test_catalogue_texts_are_not_tables():
    for path in sorted(RAW.glob("*.txt")):
        assert table.detect(read(path)) == 0.0, path.name


# --- XLSX -----------------------------------------------------------------------------------

def _typed(value: float, printed: str) -> float:
    """The number Excel stores for a printed amount: negative when printed negative."""
    return -abs(value) if printed.startswith("-") else abs(value)


def _xlsx_records(n: int = 8) -> list[dict]:
    """``_records`` as an Excel user keeps them: amounts and years as typed numbers.
    A typed number has no printed form, so its text is the Danish rendering
    (decimal comma, no thousands separator): what a Danish Excel cell shows."""
    out = []
    for r in _records(n):
        r = dict(r, cells=list(r["cells"]))
        value = _typed(r["expected"], r["expected_text"])
        r["cells"][3] = value
        r["cells"][4] = r["realised"]
        r["cells"][5] = r["year"]
        r["expected_text"] = (str(int(value)) if value == int(value) else str(value).replace(".", ","))
        out.append(r)
    return out


def _xlsx(path: Path, header: list[str], recs: list[dict], preamble: list[list] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Forslag"
    for row in preamble:
        ws.append(row)
    ws.append(header)
    for r in recs:
        ws.append(r["cells"])
    wb.save(path)
    return path


@pytest.mark.parametrize("header", [DA_HEADER, EN_HEADER], ids=["danish", "english"])
def test_xlsx_every_field(tmp_path, header):
    recs = _xlsx_records()
    assert any(isinstance(r["cells"][3], float) and r["cells"][3] < 0 for r in recs)
    path = _xlsx(tmp_path / "forslag.xlsx", header, recs,
                 preamble=[["Oversigt over effektiviseringsforslag"], []])
    doc = read(path)
    assert doc.container == "xlsx" and "\t".join(header[:2]) in doc.text
    assert formats.detect(doc).name == "table"
    parsed = table.parse(doc)
    _check(parsed, recs)
    assert parsed.warnings == []
    first = parsed.initiatives[0].appearances[0]
    assert (first.page, first.line, first.section) == (None, 4, "Forslag")


def test_damaged_xlsx_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    res = run_etl("build", "--db", str(tmp_path / "s.duckdb"), str(path))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert res.stderr.strip().splitlines()[-1].startswith("error: broken.xlsx: ")
    assert "Excel" in res.stderr


def test_word_file_is_not_a_workbook(tmp_path):
    import zipfile

    path = tmp_path / "notat.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    res = run_etl("build", "--db", str(tmp_path / "s.duckdb"), str(path))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert res.stderr.strip().splitlines()[-1] == (
        "error: notat.docx: zip archive without an Excel workbook in it (a Word or other Office file?); "
        "save the table as .xlsx or CSV")


# --- bad values, through the CLI ------------------------------------------------------------

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def existing_db(tmp_path) -> Path:
    good = _csv(tmp_path / "good.csv", ["Kommune", "Titel", "Forventet gevinst (t.kr.)"],
                [["Greve", "Samlet indkøb", "-1.250"]])
    db = tmp_path / "existing.duckdb"
    res = run_etl("build", "--db", str(db), str(good))
    assert res.returncode == 0, res.stderr
    return db


def _refused(existing_db: Path, bad: Path) -> str:
    before = _sha(existing_db)
    res = run_etl("build", "--db", str(existing_db), str(bad))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad.name}: "), res.stderr
    assert _sha(existing_db) == before
    return errors[0]


def test_no_title_column_is_unknown_layout(tmp_path, existing_db):
    bad = _csv(tmp_path / "no_title.csv", ["Kommune", "Beløb", "Bemærkning"], [["Greve", "10", "x"]])
    line = _refused(existing_db, bad)
    assert "unknown layout: no column for the initiative title (found: Kommune, Beløb, Bemærkning)" in line


def test_year_minus_five_is_refused(tmp_path, existing_db):
    bad = _csv(tmp_path / "year.csv", ["Titel", "Fuldt indfaset år"], [["Digital post", "-5"]])
    line = _refused(existing_db, bad)
    assert "absurd year" in line and "-5" in line and "Digital post" in line


def test_amount_of_ten_to_the_fifteenth_tkr_is_refused(tmp_path, existing_db):
    bad = _csv(tmp_path / "huge.csv", ["Titel", "Forventet gevinst (t.kr.)"],
               [["Digital post", "1" + "0" * 15]])
    line = _refused(existing_db, bad)
    assert "absurd amount" in line and "Digital post" in line and "100 bn DKK" in line


@pytest.mark.parametrize("cells", [["Digital post", -5], ["Digital post", 1e15]], ids=["year-5", "1e15-tkr"])
def test_absurd_typed_excel_cells_are_refused(tmp_path, existing_db, cells):
    """Excel stores these as numbers, not text: the refusal must not depend on how
    a number cell is rendered (1e15 as a float, -5 as an int)."""
    header = ["Titel", "Fuldt indfaset år" if cells[1] == -5 else "Forventet gevinst (t.kr.)"]
    wb = Workbook()
    wb.active.append(header)
    wb.active.append(cells)
    bad = tmp_path / "absurd.xlsx"
    wb.save(bad)
    line = _refused(existing_db, bad)
    assert ("absurd year" if cells[1] == -5 else "absurd amount") in line and "Digital post" in line


# --- every cell into DuckDB and back ------------------------------------------------------------

def _expected_db_rows_from_records(recs: list[dict]) -> list[dict]:
    return [{"title": r["title"], "municipality": r["municipality"], "description": r["description"],
             "expected_tkr": r["expected"], "expected_text": r["expected_text"], "realised_tkr": r["realised"],
             "year": r["year"], "adopted": r["adopted"], "status": r["status"],
             "sectors": [(canonical(r["sector"]), r["sector"])], "types": sorted(r["types"])} for r in recs]


def _expected_db_rows_from_table_rows(rows, *, description: bool, year: bool, adopted: bool) -> list[dict]:
    return [{"title": r.title, "municipality": r.municipality,
             "description": r.description if description else None,
             "expected_tkr": r.amount_tkr, "expected_text": r.amount_text, "realised_tkr": None,
             "year": r.year if year else None, "adopted": (i % 2 == 0) if adopted else None, "status": None,
             "sectors": [(canonical(r.sector), r.sector)], "types": []} for i, r in enumerate(rows)]


def _write_csv(tmp_path):
    recs = _records()
    return _csv(tmp_path / "roundtrip.csv", DA_HEADER, [r["cells"] for r in recs]), \
        _expected_db_rows_from_records(recs), None


def _write_xlsx(tmp_path):
    recs = _xlsx_records()
    return _xlsx(tmp_path / "roundtrip.xlsx", DA_HEADER, recs), _expected_db_rows_from_records(recs), None


def _write_ruled_pdf(tmp_path):
    path = tmp_path / "roundtrip_ruled.pdf"
    rows = make_pdfs.ruled_table(path)
    return path, _expected_db_rows_from_table_rows(rows, description=True, year=True, adopted=False), 2


def _write_unruled_pdf(tmp_path):
    path = tmp_path / "roundtrip_unruled.pdf"
    rows = make_pdfs.unruled_table(path)
    return path, _expected_db_rows_from_table_rows(rows, description=False, year=False, adopted=True), 1


def _db_rows(db: Path) -> tuple[list[dict], list[tuple]]:
    """Every initiative as stored, in printing order, with its sectors and types; and
    the (page, line) of each printing."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT i.initiative_id, title, municipality, description, expected_tkr, expected_low_tkr, "
            "expected_high_tkr, expected_text, realised_tkr, full_phase_in_year, adopted, status, page, line "
            "FROM initiatives i JOIN appearances a USING (initiative_id) ORDER BY a.seq").fetchall()
        sectors = con.execute("SELECT initiative_id, sector, source_sector FROM initiative_sectors").fetchall()
        types = con.execute("SELECT initiative_id, measure_type FROM initiative_types").fetchall()
        munis = con.execute("SELECT initiative_id, municipality FROM initiative_municipalities").fetchall()
    finally:
        con.close()
    out, where = [], []
    for (iid, title, muni, desc, exp, low, high, exp_text, real, year, adopted, status, page, line) in rows:
        assert low == high == exp, title  # a single figure: all three equal (contract)
        assert [m for i, m in munis if i == iid] == [muni], title
        out.append({"title": title, "municipality": muni, "description": desc, "expected_tkr": exp,
                    "expected_text": exp_text, "realised_tkr": real, "year": year, "adopted": adopted,
                    "status": status, "sectors": [(s, ss) for i, s, ss in sectors if i == iid],
                    "types": sorted(t for i, t in types if i == iid)})
        where.append((page, line))
    return out, where


@pytest.mark.parametrize("write", [_write_csv, _write_xlsx, _write_ruled_pdf, _write_unruled_pdf],
                         ids=["csv", "xlsx", "ruled-pdf", "unruled-pdf"])
def test_every_cell_round_trips_into_duckdb(tmp_path, write):
    """What the user printed is what an analyst queries: each known cell, through
    ``python -m etl build``, read back with SQL from the tables of the contract."""
    path, expected, n_pages = write(tmp_path)
    db = tmp_path / "roundtrip.duckdb"
    res = run_etl("build", "--db", str(db), str(path))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"{path.name}: table, {len(expected)} initiatives, {len(expected)} appearances, " \
                                 "0 warnings"
    got, where = _db_rows(db)
    assert [g["title"] for g in got] == [e["title"] for e in expected]
    for g, e in zip(got, expected):
        assert g["expected_tkr"] == pytest.approx(e["expected_tkr"]), e["title"]
        assert g["realised_tkr"] == (None if e["realised_tkr"] is None else pytest.approx(e["realised_tkr"]))
        assert {k: v for k, v in g.items() if k not in ("expected_tkr", "realised_tkr")} == \
            {k: v for k, v in e.items() if k not in ("expected_tkr", "realised_tkr")}
    if n_pages is None:  # CSV/XLSX: the file line (header on line 1)
        assert where == [(None, n) for n in range(2, len(expected) + 2)]
    else:  # PDF: (page, table row), in reading order, on every page
        assert where == sorted(where) and {p for p, _ in where} == set(range(1, n_pages + 1))
