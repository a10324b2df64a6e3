"""The PDF text layer as words: check boxes, page furniture, blocks side by side, broken words.

Each rule of etl/checkboxes.py, etl/pdf_words.py, etl/pdf_columns.py and etl/pdf_layout.py
on small PDFs drawn here with reportlab, so every position is known."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from etl import checkboxes
from etl.core.document import Word
from etl.pdf_columns import broken_word
from etl.pdf_layout import layout
from etl.pdf_words import read_pages
from tests import make_layout_pdfs as gen

# --- the one table of check-box glyphs --------------------------------------------------------

#: (character as the text layer gives it, font, ticked?) — None: not a check box
BOXES = [
    ("\u25a0", "DejaVuSans", True),  # ■
    ("\u25a1", "DejaVuSans", False),  # □
    ("\u2610", "Arial", False),  # ☐
    ("\u2611", "Arial", True),  # ☑
    ("\u2612", "Arial", True),  # ☒
    ("\u2713", "Calibri", True),  # ✓
    ("\u2717", "Calibri", False),  # ✗
    ("n", "ZapfDingbats", True),  # a73 ■: no Unicode mapping, the code comes through
    ("o", "ZapfDingbats", False),  # a74 ❏
    ("q", "ZapfDingbats", False),  # a75 ❑
    ("4", "ZapfDingbats", True),  # a20 ✔
    ("8", "ZapfDingbats", False),  # a24 ✘
    ("S", "ABCDEF+Wingdings2", True),  # ☒, the code as a letter
    ("\uf053", "Wingdings2-Regular", True),  # ☒, the code in the private-use area
    ("\uf0a3", "Wingdings2", False),  # ☐
    ("\u00fe", "Wingdings-Regular", True),  # ☑
    ("o", "Wingdings", False),  # □
    ("\uf053", None, True),  # the Idébank's text extraction: the font is lost
    ("\uf0a3", None, False),
    ("n", "Helvetica", None),  # a letter is a letter in a text font
    ("S", "DejaVuSans", None),
    ("l", "ZapfDingbats", None),  # a71 ●: a bullet, not a box
    ("\uf053", "Wingdings", None),  # Wingdings' S is not Wingdings 2's
]


@pytest.mark.parametrize("char, font, ticked", BOXES)
def test_check_box_glyphs(char, font, ticked):
    assert checkboxes.state(char, font) is ticked


@pytest.mark.parametrize("font, name, ticked", [("ZapfDingbats", "a73", True), ("ZapfDingbats", "a74", False),
                                                ("ZapfDingbats", "a19", True)])
def test_check_box_by_glyph_name(font, name, ticked):
    assert checkboxes.state("?", font, glyph_name=name) is ticked


def test_text_files_know_the_font_independent_boxes():
    assert {"\u25a0", "\u2612", "\uf053"} <= checkboxes.TICKED and {"\u25a1", "\u2610", "\uf0a3"} <= checkboxes.UNTICKED
    assert not checkboxes.TICKED & checkboxes.UNTICKED


@pytest.mark.parametrize("boxes", list(gen.BOXES))
def test_boxes_in_a_pdf_become_one_pair_of_marks(tmp_path, boxes):
    """However a box is printed — a Unicode square, a ZapfDingbats or Wingdings 2 glyph —
    the layout text carries ☒ or ☐, a word of its own even when it touches the name."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    st = gen._styles()["body"]
    path = tmp_path / f"{boxes}.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(f"Skoler{gen._box(boxes, True)} Kultur {gen._box(boxes, False)}",
                                                  st)])
    text = layout(read_pages(path.read_bytes(), path.name)).text
    assert text.split() == ["Skoler", "\u2612", "Kultur", "\u2610"]


# --- page furniture ---------------------------------------------------------------------------

def _pages(path: Path, pages: list[list[tuple[float, float, str]]]) -> Path:
    """Text drawn at (x, y from the top) on each page, 10 pt Helvetica."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for items in pages:
        c.setFont("Helvetica", 10)
        for x, y, text in items:
            c.drawString(x, A4[1] - y, text)
        c.showPage()
    c.save()
    return path


def _body(n: int, extra: list[tuple[float, float, str]] = ()) -> list[tuple[float, float, str]]:
    return [(60, 100 + 14 * k, f"Linje {k + 1} på en side med almindelig brødtekst.") for k in range(n)] + list(extra)


def test_running_header_footer_and_page_numbers_are_furniture(tmp_path):
    pages = [_body(20, [(60, 40, "Kommunens budgetkatalog 2025"), (60, 800, f"Side {n} af 3"),
                        (500, 815, str(n))]) for n in (1, 2, 3)]
    found = read_pages(_pages(tmp_path / "f.pdf", pages).read_bytes(), "f.pdf")
    for p in found:
        assert sorted(ln.text for ln in p.furniture) == sorted(
            ["Kommunens budgetkatalog 2025", f"Side {p.number} af 3", str(p.number)])
        assert len(p.lines) == 20
    text = layout(found)
    assert text.running_titles == ["Kommunens budgetkatalog 2025"]
    assert "budgetkatalog" not in text.text and text.furniture_lines == 9


def test_a_heading_repeated_inside_the_body_is_not_furniture(tmp_path):
    """Text that recurs at one height but where other pages have body text is content."""
    pages = [_body(20, [(60, 86, "Status")]), _body(20, [(60, 86, "Status")]), _body(3) + _body(20)[3:]]
    found = read_pages(_pages(tmp_path / "h.pdf", pages).read_bytes(), "h.pdf")
    assert all(p.furniture == [] for p in found)


def test_a_table_header_repeated_on_each_page_is_not_furniture(tmp_path):
    header = [(60, 60, "Nr."), (120, 60, "Projekt"), (300, 60, "Vurdering")]
    pages = [header + [(60, 72 + 12 * k, str(k + 1)) for k in range(30)] for _ in range(3)]
    found = read_pages(_pages(tmp_path / "t.pdf", pages).read_bytes(), "t.pdf")
    assert all(p.furniture == [] for p in found)


# --- blocks side by side, tables, broken words -----------------------------------------------

def test_two_blocks_side_by_side_are_read_column_by_column(tmp_path):
    left = ["Effekt ved fuld indfasning: 450", "Fuldt indfaset år: 2026", "Implementeringsomkostninger: 0",
            "Er forslaget vedtaget: Ja"]
    right = ["Digitalisering", "Tværkommunale samarbejder"]
    items = [(60, 100, "Økonomi"), (330, 100, "Typer af tiltag")]
    items += [(60, 114 + 12 * k, t) for k, t in enumerate(left)] + [(330, 114 + 12 * k, t) for k, t in enumerate(right)]
    text = layout(read_pages(_pages(tmp_path / "c.pdf", [items]).read_bytes(), "c.pdf"))
    assert [ln for ln in text.text.splitlines() if ln] == ["Økonomi", *left, "Typer af tiltag", *right]
    assert text.column_blocks == 1


def test_a_table_of_figures_stays_row_by_row_with_tabs(tmp_path):
    rows = [("(1.000 kr.)", "2023", "2024"), ("Reduktionsmål", "-1.500", "-3.000"), ("Hjemmetræning", "-300", "-")]
    items = [(x, 100 + 14 * k, v) for k, row in enumerate(rows) for x, v in zip((60, 300, 400), row)]
    text = layout(read_pages(_pages(tmp_path / "t.pdf", [items]).read_bytes(), "t.pdf"))
    assert text.text.splitlines() == ["\t".join(r) for r in rows]


def _w(text: str, x0: float, x1: float, top: float = 0.0) -> Word:
    return Word(text, 1, x0, x1, top, top + 10)


@pytest.mark.parametrize("prev, nxt, left, right, broken", [
    # "Administrati" fills a 45 pt cell, "v" goes on: broken without a hyphen
    ([_w("Administrati", 100, 144)], [_w("v", 100, 105)], 100, 145, True),
    # the last word of a wrapped line, the next line starts a new word: not broken
    ([_w("Et", 100, 110), _w("projekt", 113, 150)], [_w("der", 100, 115)], 100, 300, False),
    # a full line, but its last word and the next fit the column together: an ordinary wrap
    ([_w("Forslaget", 100, 150), _w("samler", 153, 250), _w("opgaven", 253, 290)], [_w("ét", 100, 110)],
     100, 292, False),
    # capitalised continuation: a new word
    ([_w("Politisk", 100, 144)], [_w("Ansvar", 100, 130)], 100, 145, False),
    # a URL broken mid-word across the full width
    ([_w("https://www.greve.dk/media/1384/budgetkatalog-2026-samlet-oversigt-til-re", 60, 530)],
     [_w("duktioner.pdf", 60, 124)], 60, 532, True),
])
def test_word_broken_at_the_line_end(prev, nxt, left, right, broken):
    assert broken_word(prev, nxt, left, right) is broken


def test_paragraph_view_joins_wrapped_lines_and_keeps_provenance(tmp_path):
    """One paragraph per line (the B17 text form): wrapped lines joined, a new paragraph after
    white space or where a line stops short; every paragraph points at its first printed line."""
    items = [(60, 100, "Første afsnit er langt nok til at fylde hele linjen ud til margenen her."),
             (60, 112, "og fortsætter."), (60, 140, "Andet afsnit."), (60, 152, "Tredje afsnit, lige under.")]
    text = layout(read_pages(_pages(tmp_path / "p.pdf", [items]).read_bytes(), "p.pdf"))
    paras, starts = text.paragraphs()
    assert paras.splitlines() == [
        "Første afsnit er langt nok til at fylde hele linjen ud til margenen her. og fortsætter.", "",
        "Andet afsnit.", "Tredje afsnit, lige under."]
    assert [text.text.splitlines()[k] for k in starts if text.text.splitlines()[k]] == [
        items[0][2], "Andet afsnit.", "Tredje afsnit, lige under."]


def test_a_pdf_without_words_is_a_scan(tmp_path):
    from etl.errors import InputError
    from etl.read import read
    from tests.make_pdfs import image_only_pdf

    path = tmp_path / "scan.pdf"
    image_only_pdf(path)
    with pytest.raises(InputError, match=r"no text layer \(a scanned image\?\); run OCR on it first"):
        read(path)
