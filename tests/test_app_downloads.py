"""Downloads: what Danish Excel opens (BOM, ';', decimal comma), formula cells
neutralised, exactly the filtered rows, file name with filter and date."""
import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from app import downloads, queries
from app.filters import Filters
from tests.appdb import INITIATIVES


def test_csv_for_danish_excel(app_con):
    f = Filters(municipality=("Odense",))
    df = queries.export_rows(app_con, f)
    data = downloads.to_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "initiative_id"
    assert sorted(r[0] for r in body) == sorted(r[0] for r in INITIATIVES if r[2] and "Odense" in r[2])
    by_id = {r[0]: dict(zip(header, r)) for r in body}
    assert by_id["i09"]["expected_tkr"] == "1200,0"  # decimal comma
    assert by_id["i04"]["expected_tkr"] == ""  # unknown stays empty, never 0
    assert by_id["i03"]["title"].startswith("'=")  # neutralised formula


def test_decimal_comma_on_fractions(app_con):
    df = queries.export_rows(app_con, Filters(q="Digital post"))
    text = downloads.to_csv(df).decode("utf-8-sig")
    assert ";250,5;" in text and "250.5" not in text


@pytest.mark.parametrize("value, csv_cell", [
    ("=1+1", "'=1+1"),
    ("+45 12 34 56 78", "'+45 12 34 56 78"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("- Reduktion af vikarer", "'- Reduktion af vikarer"),  # Excel would read it as a formula (#NAME?)
    ("-1.250", "-1.250"),  # a plain number: Excel reads the number, nothing runs
    ("-3", "-3"),
    ("1-2", "1-2"),
    ("Aarhus", "Aarhus"),
    ("", ""),
    (12.5, 12.5),
    (None, None),
])
def test_csv_cells_excel_would_run_get_an_apostrophe(value, csv_cell):
    assert downloads.neutralise(value) == csv_cell


def test_xlsx_text_is_text_without_apostrophes():
    """In XLSX nothing is prefixed: text cells are typed strings (never evaluated), and the
    formula-like ones carry Excel's quotePrefix flag so editing them keeps them text."""
    texts = ["=HYPERLINK(\"http://x\")", "- Reduktion af vikarer", "+45 12", "@SUM(A1)", "Aarhus", "-1.250"]
    df = pd.DataFrame({"title": texts, "expected_tkr": [1.5, 2.0, 3.0, 4.0, 5.0, 6.0]})
    ws = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(df))).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == texts
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False, False]
    assert [row[1].value for row in ws.iter_rows(min_row=2)] == [1.5, 2, 3, 4, 5, 6]


def test_xlsx_rows_and_neutralised_cells(app_con):
    f = Filters(source=("aaaaaaaaaaaa",))
    df = queries.export_rows(app_con, f)
    wb = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(df)))
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    header, body = values[0], values[1:]
    assert len(body) == sum(1 for r in INITIATIVES if r[1] == "aaaaaaaaaaaa")
    col = header.index("title")
    titles = [r[col] for r in body]
    assert "=HYPERLINK(\"http://x\")" in titles  # the text as printed, no apostrophe
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formulas at all
    exp = header.index("expected_tkr")
    assert {r[0]: r[exp] for r in body}["i02"] == 250.5  # numbers stay numbers


def test_file_name_carries_filter_and_date():
    f = Filters(sector=("skole", "dagtilbud"), adopted=True, lang="en")
    name = downloads.file_name(f, "csv", dt.date(2026, 11, 24))
    assert name == "initiativer_sector-skole+dagtilbud_adopted-ja_2026-11-24.csv"
    assert downloads.file_name(Filters(q="../../etc/passwd"), "xlsx", dt.date(2026, 1, 2)).count("/") == 0
