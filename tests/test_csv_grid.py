"""A CSV text's grid (etl.spreadsheet.csv_grid): read line by line with ``str.split`` where every
record is one line, by ``csv.reader`` over the whole text otherwise; both must give the same
cells, the same row numbers and the same errors as the reader alone (``_read_records``)."""
from __future__ import annotations

import random

import pytest

from bench import tables
from etl import spreadsheet
from etl.errors import InputError
from etl.spreadsheet import _line_cells, _read_records, csv_grid


def _grid(read, text: str, sep: str):
    try:
        g = read(text, "x.csv", sep)
    except InputError as exc:
        return "error", exc.cause
    return g.rows, g.where, g.method, g.notes


#: name → (text, read line by line?)
TEXTS = {
    "plain": ("Titel;Beløb\nA;1\nB;2\n", True),
    "no final line break": ("Titel;Beløb\nA;1", True),
    "blank and space-only lines": ("Titel;Beløb\n\n  \nA;1\n;\n\nB;2\n", True),
    "cells with spaces around": (" Titel ; Beløb \n\tA\t; 1 \n", True),
    "ragged rows": ("a;b;c\n1\n1;2;3;4;5\n", True),
    "quoted separator": ('Titel;Type\nA;"Digitalisering; Organisering"\n', True),
    "doubled quotes": ('Titel;Tekst\nA;"siger ""nej"""\nB;x"y\n', True),
    "text after a closing quote": ('a;"b"c;d\n', True),
    "quoted cell with a line break": ('Titel;Tekst\nA;"to\nlinjer"\nB;x\n', False),
    "unclosed quote on the last line": ('Titel;Tekst\nA;"åben\n', False),
    "unclosed quote, no final break": ('Titel;Tekst\nA;"åben', False),
    "unclosed quote mid-file": ('a;b\n"c;d\ne;f\n', False),
    "carriage returns": ("a;b\r\nc;d\r\n", False),
    "a carriage return inside a line": ("a;b\rc;d\n", False),
    "NUL": ("a;b\nc\0;d\n", False),
    "form feed and line separator are no line breaks": ("a;b\fc\nd;e\u2028f\n", True),
    "a cell over the reader's limit": ("a;" + "x" * 131073 + "\nb;c\n", False),
}


@pytest.mark.parametrize("case", list(TEXTS))
def test_the_grid_is_the_readers(case):
    text, by_line = TEXTS[case]
    assert (_line_cells(text, ";") is not None) == by_line
    assert _grid(csv_grid, text, ";") == _grid(_read_records, text, ";")


@pytest.mark.parametrize("chunk", [1, 2, 7, 1 << 20])
def test_random_texts_read_the_same(monkeypatch, chunk):
    """Short texts of separators, quotes, spaces and line breaks, read in parts of ``chunk``
    characters: whatever the reader makes of them, so does csv_grid."""
    monkeypatch.setattr(spreadsheet, "CHUNK_CHARS", chunk)
    pieces = ["a", "æ", " ", "\t", ";", ";", '"', '""', "\n", "\n", "\f", "\r", "\0", '"\n', ";\n"]
    rng = random.Random(chunk)
    by_line = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        by_line += _line_cells(text, ";") is not None
        assert _grid(csv_grid, text, ";") == _grid(_read_records, text, ";"), repr(text)
    assert by_line > 300  # the line-by-line path was taken often enough to count


@pytest.mark.parametrize("sep", [";", ","])
def test_a_generated_table_reads_the_same(tmp_path, monkeypatch, sep):
    """bench/tables.py's table (quoted cells in one row in five), over several parts."""
    monkeypatch.setattr(spreadsheet, "CHUNK_CHARS", 4096)
    text = tables.write(tmp_path / "t.csv", 300).read_text(encoding="utf-8").replace("\r\n", "\n")
    if sep == ",":
        text = text.replace(";", ",")
    assert _line_cells(text, sep) is not None
    assert _grid(csv_grid, text, sep) == _grid(_read_records, text, sep)
