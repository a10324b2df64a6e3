"""Reference data of the planner (etl/reference.py): the shipped files, name matching, the PL
factor, and loading a newer FOLK1A export in the forms Statistics Denmark hands out."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from etl.errors import InputError
from etl.reference import (
    DEFAULT_DIR,
    MUNICIPALITIES_FILE,
    name_key,
    parse_folk1a,
    read_municipalities,
    read_pl_index,
)
from tests.conftest import ROOT

SHIPPED = read_municipalities(DEFAULT_DIR / MUNICIPALITIES_FILE)


def test_shipped_municipalities():
    """All 98, with their codes and provenance; the sum is the country less Christiansø (84)."""
    assert len(SHIPPED.rows) == 98
    assert len({m.code for m in SHIPPED.rows}) == 98
    assert sum(m.population for m in SHIPPED.rows) == 5_822_763 - 84
    assert SHIPPED.lookup("København").population == 632_340
    assert all(m.source.startswith("Danmarks Statistik, FOLK1A") for m in SHIPPED.rows)


@pytest.mark.parametrize("written, name", [
    ("Københavns Kommune", "København"),
    ("københavn", "København"),
    ("Nordfyn", "Nordfyns"),
    ("Vesthimmerland", "Vesthimmerlands"),
    ("Åbenrå", "Aabenraa"),
    ("Bornholms Regionskommune", "Bornholm"),
    ("Høje Taastrup", "Høje-Taastrup"),
    ("Lyngby-Taarbæk Kommune", "Lyngby-Taarbæk"),
    ("Atlantis", None),
])
def test_municipality_names(written, name):
    m = SHIPPED.lookup(written)
    assert (m.name if m else None) == name


def test_names_stay_distinct():
    assert len({name_key(m.name) for m in SHIPPED.rows}) == 98


def test_shipped_pl_index():
    """2010–2025, source stated; 2016 amounts in 2024 prices: 1,012 · 1,019 · … · 1,040 (hand product)."""
    pl = read_pl_index()
    assert (pl.first_year, pl.last_year) == (2009, 2025)
    assert "Generel pris- og lønstigning" in pl.source
    growth = [1.2, 1.9, 1.3, 1.1, 1.2, 4.3, 2.5, 4.0]  # 2017 … 2024
    product = 1.0
    for g in growth:
        product *= 1 + g / 100
    assert pl.factor(2016, 2024) == pytest.approx(product)
    assert pl.status[2025] == "skøn"


def _long(area, quarter="2024K1", bump=1000) -> str:
    """The StatBank API's CSV: OMRÅDE;TID;INDHOLD, with the country and a region among the rows."""
    lines = ["OMRÅDE;TID;INDHOLD", f"Hele landet;{quarter};5961249", f"Region Hovedstaden;{quarter};1900000"]
    for m in SHIPPED.rows:
        lines.append(f"{area(m)};{quarter};{m.population + bump}")
    lines.append(f"Christiansø;{quarter};90")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("area", [
    lambda m: m.code,                   # codes
    lambda m: f"{m.code} {m.name}",     # codes and names
    lambda m: m.name,                   # names
], ids=["codes", "codes-and-names", "names"])
def test_folk1a_long_form(area):
    rows, quarter = parse_folk1a(_long(area), "folk1a.csv", SHIPPED)
    assert quarter == "2024K1"
    assert [m.code for m in rows] == [m.code for m in SHIPPED.rows]
    assert all(new.population == old.population + 1000 for new, old in zip(rows, SHIPPED.rows))
    assert rows[0].population_date.isoformat() == "2024-01-01"
    assert rows[0].source == "Danmarks Statistik, FOLK1A, 2024K1 (folk1a.csv)"


def test_folk1a_wide_form_takes_the_latest_complete_quarter():
    """The web export: title lines, a header row of quarters, one row per area; the last quarter
    lacks a municipality, so the one before is used."""
    lines = ['"Befolkningen den 1. i kvartalet efter område og tid"', ';"2024K2";"2024K3"',
             '"000 Hele landet";5961249;5970000']
    for i, m in enumerate(SHIPPED.rows):
        late = "" if i == 5 else str(m.population + 7)
        lines.append(f'"{m.code} {m.name}";{m.population + 5};{late}')
    rows, quarter = parse_folk1a("\n".join(lines), "web.csv", SHIPPED)
    assert quarter == "2024K2"
    assert rows[0].population_date.isoformat() == "2024-04-01"
    assert rows[0].population == SHIPPED.rows[0].population + 5


@pytest.mark.parametrize("text, cause", [
    ("OMRÅDE;TID;INDHOLD\nHele landet;2024K1;5961249\n", "no municipality"),
    ("\n".join(f"{m.code};2024K1;{m.population}" for m in SHIPPED.rows[:90]), "8 of 98 municipalities missing"),
    (_long(lambda m: m.code).replace(";2024K1;633340", ";2024K1;633.340,5"), "not a whole number"),
])
def test_folk1a_errors(text, cause):
    with pytest.raises(InputError, match=cause):
        parse_folk1a(text, "bad.csv", SHIPPED)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "etl.reference", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_folk1a_command(tmp_path):
    """The command replaces the file (cp1252 export, as Windows saves it); a bad export gives one
    error line, a non-zero exit and the file exactly as it was."""
    out = tmp_path / MUNICIPALITIES_FILE
    shutil.copyfile(DEFAULT_DIR / MUNICIPALITIES_FILE, out)
    export = tmp_path / "FOLK1A.csv"
    export.write_bytes(_long(lambda m: m.name, "2025K3").encode("cp1252"))
    res = _cli("folk1a", str(export), "--out", str(out))
    assert res.returncode == 0, res.stderr
    new = read_municipalities(out)
    assert new.lookup("Ærø").population == SHIPPED.lookup("Ærø").population + 1000
    assert new.rows[0].population_date.isoformat() == "2025-07-01"

    before = out.read_bytes()
    bad = tmp_path / "empty.csv"
    bad.write_text("OMRÅDE;TID;INDHOLD\n", encoding="utf-8")
    res = _cli("folk1a", str(bad), "--out", str(out))
    assert res.returncode != 0
    assert res.stderr.strip().splitlines() == [res.stderr.strip()]
    assert res.stderr.startswith("error: empty.csv: ")
    assert "Traceback" not in res.stderr
    assert out.read_bytes() == before
