"""The table parse's whole-column shortcuts give what the per-row rules give.

* a CSV grid says its cells are their own squash (``Grid.squashed``) only when they are: the
  table reader then skips ``squash_rows``;
* ``classify`` finds the common initiative row for all rows at once and sends the others through
  the per-row rules (``_kind``): with the shortcut switched off, every table classifies the same;
* ``plan`` skips its bare-row test for rows with a cell filled beside the label (``_filled_in``);
* ``_segments`` looks for figures column by column, each distinct text once (``_without_figure``).

Each is compared with the rules alone, on tables of tricky rows and on every layout fixture."""
from __future__ import annotations

import random

import pytest

from etl import spreadsheet, table_structure
from etl.errors import InputError
from etl.parse import table
from etl.parse.common import squash
from etl.spreadsheet import _read_records, csv_grid
from etl.table_columns import find_header, map_header
from etl.table_structure import classify, plan
from tests.table_fixtures import FIXTURES
from tests.table_writers import grid as fixture_grid

# --- the grid's squashed flag --------------------------------------------------------------------

#: name → (CSV text, are the cells their own squash)
SQUASHED = {
    "plain": ("Titel;Beløb\nA b;1\nB;2\n", True),
    "spaces around cells (stripped)": (" Titel ; Beløb \n A ; 1 \n", True),
    "a double space in a cell": ("Titel;Beløb\nA  b;1\n", False),
    "two spaces around a cell (stripped, but not looked at)": ("Titel;Beløb\nA  ;1\n", False),
    "a tab in a cell": ("Titel;Beløb\nA\tb;1\n", False),
    "a no-break space": ("Titel;Beløb\nA\xa0b;1\n", False),
    "a thin space": ("Titel;Beløb\nA\u2009b;1\n", False),
    "a form feed": ("Titel;Beløb\nA\fb;1\n", False),
    "a soft hyphen (not whitespace: squash keeps it)": ("Titel;Beløb\nA\xadb;1\n", True),
    "a NUL-free control character (not whitespace)": ("Titel;Beløb\nA\x01b;1\n", True),
    "a dash beyond Latin-1": ("Titel;Beløb\nA – b;1\n", True),
    "a dash beyond Latin-1 and a thin space": ("Titel;Beløb\nA – b;1\nC\u2009d;2\n", False),
    "a dash beyond Latin-1 and a double space": ("Titel;Beløb\nA – b;1\nC  d;2\n", False),
    "a dash beyond Latin-1 and a no-break space": ("Titel;Beløb\nA – b;1\nC\xa0d;2\n", False),
    "a next line character": ("Titel;Beløb\nA\x85b;1\n", False),
    "a quoted cell": ('Titel;Type\nA;"Digitalisering; Organisering"\n', True),
    "a closing quote joins two spaces": ('Titel;Tekst\nA;"x " y\n', False),
    "a quoted double space": ('Titel;Tekst\nA;"x  y"\n', False),
    "read by the reader alone (carriage return)": ("Titel;Beløb\r\nA;1\r\n", False),
}


@pytest.mark.parametrize("case", list(SQUASHED))
def test_the_grid_says_when_its_cells_are_squashed(case):
    text, squashed = SQUASHED[case]
    g = csv_grid(text, "x.csv", ";")
    assert g is not None and g.squashed is squashed
    assert g.rows == _read_records(text, "x.csv", ";").rows  # the cells themselves do not change
    if squashed:
        assert all(squash(c) == c for row in g.rows for c in row)


def test_the_latin1_spaces_are_the_whitespace_str_split_splits_at():
    assert sorted(spreadsheet._LATIN1_SPACES) == [c for c in range(256) if not chr(c).split() and chr(c) not in " \n"]


@pytest.mark.parametrize("chunk", [3, 1 << 20])
def test_random_texts_are_squashed_when_the_grid_says_so(monkeypatch, chunk):
    monkeypatch.setattr(spreadsheet, "CHUNK_CHARS", chunk)
    pieces = ["a", "æ", "–", " ", "  ", "\t", "\xa0", "\u2009", "\x85", ";", ";", '"', '""', "\n", "\n", '" ', ' "']
    rng = random.Random(chunk)
    said = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        try:
            g = csv_grid(text, "x.csv", ";")
        except InputError:  # an unreadable text says nothing about squashing
            continue
        if g is not None and g.squashed:
            said += 1
            assert all(squash(c) == c for row in g.rows for c in row), repr(text)
    assert said > 150  # said often enough to count


def test_the_reader_squashes_what_an_unsquashed_grid_holds(tmp_path):
    """A CSV whose cells need squashing reads as the same CSV with them squashed."""
    (tmp_path / "a.csv").write_text("Forslag;2025\nNy  vagtplan;100\nFærre\tbiler;50\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("Forslag;2025\nNy vagtplan;100\nFærre biler;50\n", encoding="utf-8")
    from etl.read import read

    got = [[(i.title, [(g.year, g.amount_tkr) for g in i.gains]) for i in table.parse(read(tmp_path / n)).initiatives]
           for n in ("a.csv", "b.csv")]
    assert got[0] == got[1] == [("Ny vagtplan", [(2025, 100.0)]), ("Færre biler", [(2025, 50.0)])]


# --- classify and plan: the shortcut against the rules alone --------------------------------------

HEADER = ["Nr.", "Forslag", "Beskrivelse", "Sektor", "2025", "2026"]
#: row → (kind, label) the rules give it (None: an empty row, left out)
TRICKY = [
    (["", "Ældreområdet", "", "", "", ""], ("heading", "Ældreområdet")),
    (["1", "Ny vagtplan", "Færre vagter", "Ældre", "100", "200"], ("initiative", "Ny vagtplan")),
    (["2", "Ny vagtplan", "Ny vagtplan", "Ældre", "10", "20"], ("initiative", "Ny vagtplan")),  # alone
    (["", "I alt", "", "", "110", "220"], ("total", "I alt")),
    (["", "I alt", "I alt", "", "110", "220"], ("total", "I alt")),  # the description is the label
    (["", "Total Ældre", "noget andet", "", "1", "2"], ("initiative", "Total Ældre")),  # not alone
    (["", "", "", "", "", ""], None),
    (["B", "Skoleområdet", "", "", "", ""], ("heading", "Skoleområdet")),
    (["B.1", "Større klasser", "Færre hold", "Skole", "-50", "-50"], ("initiative", "Større klasser")),
    (["3", "Samlet besparelse", "", "", "-5", "-6"], ("total", "Samlet besparelse")),
    (["", "", "Kun en beskrivelse", "", "10", "20"], ("initiative", "Kun en beskrivelse")),
    (["4", "Kort række", "uden beløb"], ("initiative", "Kort række")),  # shorter than the header
    (["5", "Lang række", "x", "y", "1", "2", "en celle mere"], ("initiative", "Lang række")),
    (["6", "Uden tal", "Beskrivelse", "Skole", "", ""], ("initiative", "Uden tal")),
    (["", "Skoleområdet", "", "", "500", "600"], ("initiative", "Skoleområdet")),  # plan may make it a heading
    (["7", "Forslag med tekst", "mere", "Skole", "ca. 5 mio. kr.", ""], ("initiative", "Forslag med tekst")),
    (["Note: minus er en mindreudgift", "", "", "", "", ""], ("note", "Note: minus er en mindreudgift")),
    (["", "Afslutning", "", "", "", ""], ("note", "Afslutning")),  # a lone line after the last figures
]


def _rules_alone(monkeypatch) -> None:
    monkeypatch.setattr(table_structure, "_plain_initiatives", lambda srows, shape, sample=1000: [])
    monkeypatch.setattr(table_structure, "_filled_in", lambda srows, cols, sample=1000: [False] * len(srows))


def _planned(ps) -> list[tuple]:
    return [(p.index, p.kind, p.label, p.groups, p.covers) for p in ps]


def _tables() -> dict[str, tuple[list[list[str]], object]]:
    """Name → (data rows, column map): the tricky rows, each fixture's grid, a long plain table."""
    out: dict[str, tuple[list[list[str]], object]] = {
        "tricky": ([r for r, _ in TRICKY], map_header(HEADER)),
        "tricky, figures in the last row": ([r for r, _ in TRICKY[:-2]], map_header(HEADER)),
    }
    for f in FIXTURES:
        rows = fixture_grid(f)
        got = find_header(rows)
        if got is not None:
            out[f"fixture {f.name}"] = (rows[got[0] + 1:], got[1])
    rng = random.Random(7)
    long = [[str(i), f"Forslag {i}", rng.choice(["", "tekst", f"Forslag {i}"]), rng.choice(["", "Skole"]),
             rng.choice(["", "100", "-5", "-"]), rng.choice(["", "1.200", "x"])] for i in range(3000)]
    long[1500:1500] = [["", "I alt", "", "", "1", "2"], ["", "Ældreområdet", "", "", "", ""]]
    out["long, random cells"] = (long, map_header(HEADER))
    return out


def test_the_tricky_rows_classify_as_the_rules_say():
    rows = [r for r, _ in TRICKY]
    assert [(p.kind, p.label) for p in classify(rows, map_header(HEADER))] == [want for _, want in TRICKY if want]
    assert [p.index for p in classify(rows, map_header(HEADER))] == [i for i, (_, w) in enumerate(TRICKY) if w]


def test_the_shortcut_takes_the_common_rows():
    rows = [r for r, _ in TRICKY]
    cm = map_header(HEADER)
    took = table_structure._plain_initiatives(rows, table_structure._Shape(
        rows, cm.columns.get("number"), cm.columns["title"], 7, [1, 2, 6], [4, 5]))
    assert took == [1, 5, 8, 12, 15]  # title, a figure and a description that is not the title


@pytest.mark.parametrize("name", list(_tables()))
def test_classify_and_plan_are_the_rules_alone(monkeypatch, name):
    rows, cm = _tables()[name]

    def values(i: int) -> dict[int, tuple[float, float]]:  # the figures of the money columns, as printed
        out = {}
        for j in cm.money_columns():
            cell = rows[i][j] if j < len(rows[i]) else ""
            try:
                out[j] = (float(cell.replace(".", "").replace(",", ".")), 0.5)
            except ValueError:
                pass
        return out

    fast = (_planned(classify(rows, cm)), _planned(plan(rows, cm, values)))
    _rules_alone(monkeypatch)
    assert fast == (_planned(classify(rows, cm)), _planned(plan(rows, cm, values)))


# --- repeated headers ------------------------------------------------------------------------------

@pytest.mark.parametrize("cols", [[], [1], [1, 2], [2, 1, 5]])
def test_rows_without_a_figure_are_those_the_cells_say(cols):
    rows = [["Forslag", "1.200", ""], ["Forslag", "", "-5"], ["Titel", "2025", ""], ["x"], ["", "(450)", "ca. 5"],
            ["Forslag", "", ""], ["a", "0,5", "b"], ["a", "b", "1"]]
    want = [k for k, r in enumerate(rows) if not any(table._is_figure(r[j]) for j in cols if j < len(r))]
    assert table._without_figure(rows, cols) == want


def test_a_repeated_header_is_skipped_and_a_new_one_starts_a_table():
    header = ["Forslag", "Beskrivelse", "2025", "2026"]
    rows = [header, ["A", "a", "1", "2"], list(header), ["B", "b", "3", "4"],
            ["Nr.", "Titel", "Beskrivelse", "2027", "2028"], ["1", "C", "c", "5", "6"]]
    g = table.Grid(rows, [(None, i) for i in range(1, 7)], "csv")
    idx, cm = find_header(rows)
    got = table._segments(g, idx, cm)
    assert [(s, e) for s, e, _ in got] == [(1, 4), (5, 6)]
