"""Text encodings (etl/encoding.py): only those a Danish document plausibly uses are read; a
text in any other is refused with one line naming what it looks like, and a doubtful one is
read with an ``encoding_uncertain`` warning — never silent mojibake.

Each case is a Danish (or foreign) table, encoded as a municipality's export might be."""
from __future__ import annotations

import re

import duckdb
import pytest

from etl.encoding import _LATIN, decode, letter_counts
from etl.errors import InputError
from etl.read import _looks_binary
from tests.conftest import etl_built, run_etl

DANISH = ("Kommune;Titel;Beskrivelse;Forventet gevinst (t.kr.)\n"
          "Ærø;Fælles indkøb af møbler;Økonomiudvalget samler indkøb på tværs af afdelinger;1.250\n"
          "Høje-Taastrup;Ældreområdet: færre vikarer;Årlig besparelse på vikarforbrug;300\n")
RUSSIAN = "Муниципалитет;Название;Описание\nМосква;Совместные закупки мебели;Экономия бюджета\n" * 3
GREEK = "Δήμος;Τίτλος;Περιγραφή\nΑθήνα;Κοινές προμήθειες επίπλων;Εξοικονόμηση\n" * 3
JAPANESE = "自治体;タイトル;説明\n東京;家具の共同購入;共同購入による節約\n" * 3


def _no_euro(text: str) -> str:
    return text.replace("–", "-")


#: name → (bytes, the encoding read). Every one must give back the Danish text exactly.
READ = {
    "UTF-8": (DANISH.encode("utf-8"), "utf-8"),
    "UTF-8 with BOM": (b"\xef\xbb\xbf" + DANISH.encode("utf-8"), "utf-8-sig"),
    "UTF-16 with BOM (Excel's Unicode text)": (DANISH.encode("utf-16"), "utf-16"),
    "UTF-16 LE without BOM": (DANISH.encode("utf-16-le"), "utf-16-le"),
    "UTF-16 BE without BOM": (DANISH.encode("utf-16-be"), "utf-16-be"),
    "Windows-1252": (DANISH.encode("cp1252"), "cp1252"),
    "ISO-8859-1": (_no_euro(DANISH).encode("latin-1"), "cp1252"),  # the same bytes as 1252 for this text
    "ISO-8859-15 with a euro sign": ((DANISH + "Vejle;Kantine;Pris 5 € pr. måltid;10\n").encode("iso8859_15"),
                                     "iso8859_15"),
    "Mac Roman": (DANISH.encode("mac_roman"), "mac_roman"),
}


@pytest.mark.parametrize("case", list(READ))
def test_danish_encodings_are_read_letter_for_letter(case):
    data, encoding = READ[case]
    out = decode(data, "forslag.csv")
    assert out.encoding == encoding
    assert out.text.replace("\r\n", "\n") == data.decode(encoding)
    assert "Fælles indkøb af møbler" in out.text and "Ærø" in out.text
    assert out.doubts == []


#: name → (bytes, what the one error line must say)
REFUSED = {
    "Russian in Windows-1251": (RUSSIAN.encode("cp1251"), "it looks like cp1251, Russian"),
    "Russian in KOI8-R": (RUSSIAN.encode("koi8_r"), "not in an encoding a Danish document uses"),
    "Greek in Windows-1253": (GREEK.encode("cp1253"), "it looks like cp1253, Greek"),
    "Japanese in Shift-JIS": (JAPANESE.encode("shift_jis"), "not in an encoding a Danish document uses"),
    "Russian in UTF-8": (RUSSIAN.encode("utf-8"), "mostly letters a Danish document does not use"),
    "many undecodable characters": ((DANISH.replace("ø", "\ufffd") * 5).encode("utf-8"),
                                    "cannot be decoded as utf-8 (shown as �)"),
    "UTF-16 cut in the middle of a character": (DANISH.encode("utf-16")[:-1], "is not valid UTF-16"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_other_encodings_are_refused_with_a_reason(case):
    data, cause = REFUSED[case]
    with pytest.raises(InputError) as why:
        decode(data, "forslag.csv")
    assert why.value.file_name == "forslag.csv"
    assert cause in why.value.cause


#: name → (bytes, the doubt recorded)
DOUBTED = {
    "UTF-8 decoded as 1252 and saved again": (DANISH.encode("utf-8").decode("cp1252").encode("utf-8"),
                                             "decoded wrongly before it was saved"),
    "one undecodable character": ((DANISH * 30 + "Odense;Fælles k\ufffdkken;-;5\n").encode("utf-8"),
                                  "1 character could not be decoded"),
}


@pytest.mark.parametrize("case", list(DOUBTED))
def test_doubtful_text_is_read_with_a_doubt(case):
    data, doubt = DOUBTED[case]
    out = decode(data, "forslag.csv")
    assert len(out.doubts) == 1 and doubt in out.doubts[0]


def test_a_doubt_becomes_an_encoding_warning_in_the_database(tmp_path):
    src = tmp_path / "dobbelt.csv"
    src.write_bytes(DOUBTED["UTF-8 decoded as 1252 and saved again"][0])
    with etl_built(tmp_path / "s.duckdb", src) as (out, con):
        rows = con.execute("SELECT field, code, message, params FROM parse_warnings "
                           "WHERE code = 'encoding_uncertain'").fetchall()
    assert len(rows) == 1
    field, code, message, params = rows[0]
    assert field == "encoding" and "Ã" in message and '"utf-8"' in params


@pytest.mark.parametrize("case", ["Russian in Windows-1251", "many undecodable characters"])
def test_refused_encoding_is_one_error_line_and_the_database_untouched(tmp_path, case):
    db = tmp_path / "s.duckdb"
    good = tmp_path / "god.csv"
    good.write_bytes(READ["Windows-1252"][0])
    assert run_etl("build", "--db", str(db), str(good)).returncode == 0
    before = db.read_bytes()
    bad = tmp_path / "fremmed.csv"
    bad.write_bytes(REFUSED[case][0])
    res = run_etl("add", "--db", str(db), str(bad))
    assert res.returncode == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [res.stderr.strip().splitlines()[-1]] and errors[0].startswith("error: fremmed.csv: ")
    assert "Traceback" not in res.stderr
    assert db.read_bytes() == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT encoding FROM sources").fetchall() == [("cp1252",)]
    con.close()


def _letter_counts_before(sample: str) -> tuple[int, int]:
    """etl.encoding's letter count as it was: a regex substitution and a list of every letter."""
    non_ascii = re.findall(r"[^\x00-\x7f]", sample)
    wide = [ch.lower() for ch in non_ascii if ch.isalpha()]
    letters = len(re.sub(r"[^A-Za-z]+", "", sample)) + len(wide)
    return letters, sum(1 for ch in wide if ch not in _LATIN)


@pytest.mark.parametrize("sample", [
    "", "1234 ;.,\n", DANISH, RUSSIAN, GREEK, JAPANESE, DANISH + RUSSIAN,
    "İstanbul ıi ß ẞ ſ Kelvin \u212a Ångström \u212b µ \ufffd \ud800 \U0001d400 ½ ª º",
    "".join(map(chr, range(0x2500))),
])
def test_letters_are_counted_as_before(sample):
    assert letter_counts(sample) == _letter_counts_before(sample)


def _looks_binary_before(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample) > 0.01


@pytest.mark.parametrize("text", [
    "", DANISH, "".join(map(chr, range(0x200))), "\x0b" * 2 + "a" * 100, "\x0b" * 2 + "a" * 300,
    "\x85" + DANISH * 2, "\x00" * 10 + "a" * 70000, "a" * 70000 + "\x00" * 10,
])
def test_binary_content_is_judged_as_before(text):
    assert _looks_binary(text) == _looks_binary_before(text)
