"""Reportlab PDFs of every built-in layout, from the same content as a text fixture.

The synthetic text generators (tests/synth_*.py) print documents the way a
PDF-to-text step does; these builders typeset the *same content* as a designer
would: an Idébank catalogue as cards with a two-column area grid, the economy
fields beside the types of measure and check boxes as glyphs; a B17 catalogue
with headings, a dotted table of contents and a reading-guide box; a project
list as a ruled table over several pages with its header repeated; a recovery
plan as prose and an unruled yearly table; minutes as an agenda item. Every
page has running headers or footers and page numbers. The tests read both
forms and require the same initiatives, amounts, sectors and targets.

    python -m tests.make_layout_pdfs OUTDIR   # write one of each for a look by eye
"""
from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from tests import synth_b17
from tests.synth_idebank import AREAS, Catalogue
from tests.synth_small_layouts import ProjectRow, RecoveryTable, danish

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, DEJAVU + "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, DEJAVU + "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _symbol_font(name: str, glyphs: dict[int, int]) -> str:
    """DejaVu Sans under another PostScript name (``name``, as a symbol font is called in
    the PDF) with code points ``glyphs`` drawn as DejaVu's glyphs for other characters —
    how a Wingdings check box reaches a PDF: its own code, no Unicode meaning."""
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    font = TTFont(name, DEJAVU + "DejaVuSans.ttf")
    font.face.name = name.encode()
    cmap = font.face.charToGlyph
    for code, looks in glyphs.items():
        cmap[code] = cmap[looks]
    pdfmetrics.registerFont(font)
    return name


def _styles() -> dict[str, ParagraphStyle]:
    _fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, spaceBefore=7, spaceAfter=2),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceAfter=7),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=16, leading=20, spaceBefore=14,
                             spaceAfter=10),
        "h1c": ParagraphStyle("h1c", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceBefore=12,
                              spaceAfter=10, alignment=TA_CENTER),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=10,
                             spaceAfter=6),
        "para": ParagraphStyle("para", parent=body, spaceAfter=7),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _furniture(header: list[str] | None = None, footer: list[str] | None = None, number: str = "{n}"):
    """A page callback drawing running header lines, footer lines and the page number."""
    def draw(canvas, doc) -> None:
        canvas.saveState()
        width, height = A4
        canvas.setFont(FONT, 8)
        for k, text in enumerate(header or []):
            canvas.drawString(20 * mm, height - 12 * mm - k * 10, text)
        for k, text in enumerate(footer or []):
            canvas.drawString(20 * mm, 14 * mm + (len(footer or []) - 1 - k) * 10, text)
        canvas.drawRightString(width - 20 * mm, 14 * mm, number.format(n=doc.page))
        canvas.restoreState()
    return draw


def _build(path: Path, story: list[Flowable], page) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=24 * mm, bottomMargin=26 * mm)
    doc.build(story, onFirstPage=page, onLaterPages=page)


# --------------------------------------------------------------------------- Idébank

#: How a check box is printed: (font or None for the body font, ticked, not ticked).
BOXES = {
    "squares": (None, "\u25a0", "\u25a1"),  # ■ □ in DejaVu Sans
    "ballot": (None, "\u2612", "\u2610"),  # ☒ ☐
    "zapf": ("ZapfDingbats", "\u25a0", "\u274f"),  # reportlab writes the codes 'n' and 'o'
    "wingdings2": ("Wingdings2", "\uf053", "\uf0a3"),  # the Idébank's own: private-use codes
}


def _box(kind: str, ticked: bool) -> str:
    font, yes, no = BOXES[kind]
    glyph = yes if ticked else no
    if font == "Wingdings2":
        font = _symbol_font("Wingdings2", {0xF053: 0x2612, 0xF0A3: 0x2610})
    return f'<font name="{font}">{glyph}</font>' if font else glyph


def idebank_pdf(path: Path, cat: Catalogue, boxes: str = "squares") -> None:
    """The catalogue's cards, in the text's printing order and sections: municipality,
    title, description, the nine areas in two columns with a check box after each name,
    the economy fields (left) beside the types of measure (right), the source document.
    Cards run over page breaks; every page has the catalogue's title and page number."""
    st = _styles()
    printings = sorted((line, section, a) for a in cat.answers for line, _, section in a.printings)
    story: list[Flowable] = []
    section = None
    width = A4[0] - 40 * mm
    for _, sec, a in printings:
        if sec != section:
            story.append(_p(sec, st["h1c"]))
            section = sec
        munis = a.municipalities
        muni = (f"{munis[0]} Kommune" if len(munis) == 1
                else ", ".join(munis[:-1]) + f" og {munis[-1]} Kommuner")
        story += [_p(muni, st["small"]), Spacer(1, 3), _p(a.title, st["title"]), _p(a.description, st["para"]),
                  _p("Berørte fagområder", st["label"])]
        cells = [Paragraph(f"{escape(area)} {_box(boxes, area in a.sectors)}", st["body"]) for area in AREAS]
        grid = Table([cells[k:k + 2] for k in range(0, len(cells), 2)], colWidths=[width * 0.42, width * 0.42],
                     hAlign="LEFT")
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        story += [grid, Spacer(1, 8)]
        values = [("Effekt ved fuld indfasning (t.kr.)", a.expected_text), ("Fuldt indfaset år", a.phase_in_text),
                  ("Implementeringsomkostninger", a.cost_text), ("Er forslaget vedtaget", a.adopted_text)]
        left = [_p(f"{label}: {value}", st["body"]) for label, value in values]
        right = [_p(t, st["body"]) for t in a.types]
        econ = Table([[_p("Økonomi", st["label"]), _p("Typer af tiltag", st["label"])], [left, right]],
                     colWidths=[width * 0.58, width * 0.4], hAlign="LEFT")
        econ.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        story += [econ, _p("Yderligere information", st["label"]), _p(a.further_info, st["body"]),
                  Spacer(1, 22)]
    title, subtitle = cat.title.split(" – ")
    _build(path, story, _furniture(footer=[title, subtitle]))


# --------------------------------------------------------------------------- B17

def b17_pdf(path: Path, text: str, titles: set[str]) -> None:
    """A B17-layout text (tests/synth_b17.py) typeset: sector and type headings and the
    examples' ``titles`` bold, paragraphs wrapped by the page, the table of contents with
    dot leaders, the reading-guide box and the yearly gain tables as tables."""
    st = _styles()
    heads = set(synth_b17.SECTORS) | {synth_b17.TYPES_PRINTED.get(t, t) for t in synth_b17.TYPES}
    labels = {"Forventet/realiseret økonomisk gevinst", "Andre effekter", "Realiserbarhed", "Status", "Om casen",
              "Indholdsfortegnelse", "Læsevejledning", "NOTAT", "B17-KATALOG"}
    lines = [ln for ln in text.splitlines() if ln.strip()]
    story: list[Flowable] = []
    width = A4[0] - 40 * mm
    i = 0
    while i < len(lines):
        ln = lines[i]
        if "\t" in ln:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            story.append(_tab_table(rows, width, st))
            continue
        i += 1
        style = ("h1" if ln in synth_b17.SECTORS else "h2" if ln in heads else "title" if ln in titles
                 else "label" if ln in labels else "para")
        story.append(_p(ln, st[style]))
    _build(path, story, _furniture(header=["B17-katalog – eksempler på effektiviseringer"], number="Side {n}"))


def _tab_table(rows: list[list[str]], width: float, st) -> Table:
    """Tab-separated lines as a table: a contents line ("Title.....", "5") with dot leaders
    to a right-aligned page number; other rows (the box, a gain table) as cells."""
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    if n == 2 and all(r[1].strip().isdigit() for r in rows):
        data = [[_p(r[0].rstrip(".") + " " + "." * 40, st["body"]), _p(r[1], st["body"])] for r in rows]
        t = Table(data, colWidths=[width * 0.85, width * 0.1], hAlign="LEFT")
        t.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return t
    widths = [width * 0.45] + [width * 0.55 / (n - 1)] * (n - 1) if n > 2 else [width * 0.45, width * 0.45]
    t = Table([[_p(c, st["body"]) for c in r] for r in rows], colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return t


# --------------------------------------------------------------------------- project list

PROJECT_HEADER = ["Nr.", "Projekt", "Vurdering", "Status/næste skridt", "Ansvarlig", "Behandling"]


def project_list_pdf(path: Path, title: list[str], rows: list[ProjectRow], ruled: bool = True) -> None:
    """The list as a table over several pages: header row repeated on each page, long
    cells wrapped by the layout, narrow Ansvarlig/Behandling columns (words broken
    without a hyphen), rows split across a page break (the continuation has no Nr.)."""
    st = _styles()
    cell = ParagraphStyle("cell", parent=st["body"], fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD)
    data = [[_p(h, head) for h in PROJECT_HEADER]]
    for r in rows:
        resp = f"{r.unit}/{r.person}" if r.person else r.unit
        data.append([_p(str(r.nr), cell), _p(r.title, cell), _p(r.vurdering, cell), _p(r.status, cell),
                     _p(resp, cell), _p(r.handling or "", cell)])
    width = A4[0] - 40 * mm
    widths = [10 * mm, 32 * mm, 48 * mm, 50 * mm, 16 * mm, width - 156 * mm]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    story: list[Flowable] = [_p(t, st["h2"] if k == 0 else st["para"]) for k, t in enumerate(title)] + [table]
    _build(path, story, _furniture(header=[title[0]], number="Side {n}"))


# --------------------------------------------------------------------------- recovery plan

def recovery_plan_pdf(path: Path, t: RecoveryTable, minus: str = "-") -> None:
    """A status report: headed prose per initiative, then the yearly table unruled
    (figures right-aligned, '-' for no amount, ``minus`` as the minus sign), the
    label-only row "Initiativer (status):" above the initiative rows."""
    st = _styles()
    story: list[Flowable] = [_p("Økonomisk genopretning af det specialiserede område.", st["h1"]),
                             _p(f"Beskrivelse af initiativer – {t.status}", st["h2"]),
                             _p("Nedenfor gives en afrapportering af status på de igangsatte initiativer med "
                                "henblik på at indfri de økonomiske reduktionsmål, som de blev vedtaget i "
                                "budgetaftalen for perioden.", st["para"])]
    for heading, text in t.prose.items():
        story += [_p(heading, st["label"]), _p(text, st["para"])]
    story += [_p("Økonomioversigt", st["label"]),
              _p("I nedenstående tabel er en aktuel status på de enkelte initiativers bidrag til den ønskede "
                 "udgiftsreduktion, opgjort for hvert år i perioden.", st["para"])]

    def fig(v: float | None) -> str:
        return "-" if v is None else danish(v).replace("-", minus)

    data = [["(1.000 kr.)", *map(str, t.years)], ["Reduktionsmål i budgetaftale", *map(fig, t.target)],
            ["Initiativer (status):"] + [""] * len(t.years)]
    data += [[label, *map(fig, vals)] for label, vals in t.initiatives.items()]
    data += [["Forventet, men p.t. ufordelt", *map(fig, t.unallocated)], ["Netto-udestående", *map(fig, t.net)]]
    width = A4[0] - 40 * mm
    table = Table(data, colWidths=[width * 0.44] + [width * 0.14] * len(t.years), hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("FONTNAME", (0, 0), (-1, 1), BOLD), ("FONTNAME", (0, -1), (-1, -1), BOLD),
                               ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether([table]))
    _build(path, story, _furniture(footer=["Økonomisk genopretning – statusrapport"], number="{n}"))


# --------------------------------------------------------------------------- minutes

def minutes_pdf(path: Path, committee: str, date: str, item: str, paragraphs: list[str], decision: str) -> None:
    """Minutes of one agenda item: a header block of labelled fields, the item's headings
    (Sagsresume, Sagsfremstilling, Indstilling, Beslutning) and its prose."""
    st = _styles()
    head = Table([[_p("Udvalg:", st["body"]), _p(committee, st["body"])],
                  [_p("Mødedato:", st["body"]), _p(date, st["body"])],
                  [_p("Mødested:", st["body"]), _p("Rådhuset", st["body"])]],
                 colWidths=[30 * mm, 110 * mm], hAlign="LEFT")
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[Flowable] = [_p("Referat", st["h1"]), head, _p("Dagsordenpunkter", st["label"]),
                             _p(f"12. {item}", st["h2"]), _p("Sagsnr.: 00.01.00-A00-1-13", st["small"]),
                             _p("Sagsresume", st["label"]), _p(paragraphs[0], st["para"]),
                             _p("Sagsfremstilling", st["label"])]
    story += [_p(p, st["para"]) for p in paragraphs[1:]]
    story += [_p("Indstilling", st["label"]), _p("Direktionen indstiller,", st["para"]),
              _p("at orienteringen tages til efterretning", st["para"]), _p("Beslutning", st["label"]),
              _p(decision, st["para"])]
    _build(path, story, _furniture(header=[f"{committee} – referat"], number="Side {n}"))


def main(outdir: str) -> None:
    from tests import layout_pairs

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for name, build in layout_pairs.PAIRS.items():
        pair = build(out)
        print(f"{name}: {pair.text.name}, {pair.pdf.name}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/layout_pdfs")
