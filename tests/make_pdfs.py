"""Reportlab generators for the PDF tests: each writes a PDF and returns what it printed.

The tests need PDFs whose every cell is known (to check camelot's extraction
cell by cell) and PDFs that are broken in one specific way (to check each error
message). Generating them keeps the repository free of binary fixtures and
makes the known answers the same data the PDF was drawn from.

Run ``python -m tests.make_pdfs OUTDIR`` to write them all for a look by eye.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

HEADER = ["Kommune", "Initiativ", "Beskrivelse", "Sektor", "Forventet gevinst (t.kr.)",
          "Fuldt indfaset år"]

_MUNIS = ["Aabenraa", "Ærø", "Frederikssund", "Greve", "Høje-Taastrup", "Odsherred"]
_SECTORS = ["Dagtilbud", "Ældre og sundhed", "Administration", "Kultur og fritid", "Skole",
            "Teknik og miljø"]


@dataclass
class TableRow:
    """One printed row; ``amount_text`` as printed, ``amount_tkr`` the saving it means."""

    municipality: str
    title: str
    description: str
    sector: str
    amount_text: str
    amount_tkr: float
    year: int


def table_rows(n: int = 28) -> list[TableRow]:
    """Rows with long (wrapping) descriptions, some extra costs (printed negative) and decimal commas."""
    rows = []
    for i in range(n):
        thousands = 1 + i % 3
        amount = thousands * 1000 + 250 + i  # 1.250 … : thousands separators
        if i % 4 == 0:
            # a minus in a column named as a saving ("Forventet gevinst") is an extra cost
            text, tkr = f"-{thousands}.{250 + i:03d}", -float(amount)
        elif i % 4 == 1:
            text, tkr = f"{i},5", i + 0.5  # decimal comma
        else:
            text, tkr = f"{thousands}.{250 + i:03d}", float(amount)
        rows.append(TableRow(
            municipality=_MUNIS[i % len(_MUNIS)],
            title=f"Forslag {i + 1}: samling af opgaver på tværs af områder",
            description=(f"Beskrivelse af forslag {i + 1}, som er lang nok til at den ombrydes over "
                         "flere linjer i cellen, så udtrækket skal samle den igen."),
            sector=_SECTORS[i % len(_SECTORS)],
            amount_text=text, amount_tkr=tkr, year=2024 + i % 4,
        ))
    return rows


def _cells(r: TableRow) -> list[str]:
    return [r.municipality, r.title, r.description, r.sector, r.amount_text, str(r.year)]


def ruled_table(path: Path, rows: list[TableRow] | None = None) -> list[TableRow]:
    """A ruled (grid) table that runs over at least two pages, the header repeated on each,
    long cells wrapped by the layout (Paragraphs)."""
    rows = rows if rows is not None else table_rows()
    style = getSampleStyleSheet()["BodyText"]
    style.fontSize, style.leading = 8, 9.5
    data = [[Paragraph(h, style) for h in HEADER]]
    data += [[Paragraph(c, style) for c in _cells(r)] for r in rows]
    table = Table(data, colWidths=[28 * mm, 40 * mm, 60 * mm, 28 * mm, 22 * mm, 18 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, title="Effektiviseringsforslag")
    doc.build([Paragraph("Effektiviseringsforslag, oversigt", getSampleStyleSheet()["Heading2"]), table])
    return rows


YEARS = [2024, 2025, 2026]


def ruled_yearly_table(path: Path, n: int = 10) -> list[tuple[str, list[str], list[float]]]:
    """A ruled table with a two-level header: 'Forventet gevinst (1.000 kr.)' spanning
    one column per year. Returns (title, printed cells, gains in t.kr.: costs negative) per row."""
    style = getSampleStyleSheet()["BodyText"]
    style.fontSize, style.leading = 9, 11
    rows = []
    for i in range(n):
        printed = [f"-{(i + 1) * (k + 1) * 100}" if i % 2 == 0 else f"{i},{k + 1}" for k in range(len(YEARS))]
        # a minus under "Forventet gevinst" is an extra cost (the column names a gain)
        values = [-float((i + 1) * (k + 1) * 100) if i % 2 == 0 else i + (k + 1) / 10 for k in range(len(YEARS))]
        rows.append((f"Tiltag {i + 1}: fælles vagtplan", printed, values))
    data = [["Initiativ", "Forventet gevinst (1.000 kr.)", "", ""], ["", *map(str, YEARS)]]
    data += [[t, *printed] for t, printed, _ in rows]
    table = Table(data, colWidths=[70 * mm, 30 * mm, 30 * mm, 30 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("SPAN", (1, 0), (3, 0)),
                               ("SPAN", (0, 0), (0, 1))]))
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    return rows


#: x positions (points) of the unruled table's columns; wide gaps so whitespace separates them.
_STREAM_X = [40, 150, 400, 540, 720]
STREAM_HEADER = ["Kommune", "Titel", "Sektor", "Forventet gevinst (1.000 kr.)", "Vedtaget"]


def stream_rows(n: int = 12) -> list[TableRow]:
    rows = table_rows(n)
    for r in rows:
        r.description = ""
    return rows


def unruled_table(path: Path, rows: list[TableRow] | None = None, encrypt=None) -> list[TableRow]:
    """A whitespace-aligned table (no lines at all), one line per row, on a landscape page."""
    rows = rows if rows is not None else stream_rows()
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height), encrypt=encrypt)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(40, height - 50, "Oversigt over forslag")
    y = height - 90
    c.setFont("Helvetica-Bold", 9)
    for x, h in zip(_STREAM_X, STREAM_HEADER):
        c.drawString(x, y, h)
    c.setFont("Helvetica", 9)
    for i, r in enumerate(rows):
        y -= 16
        for x, v in zip(_STREAM_X, [r.municipality, r.title, r.sector, r.amount_text,
                                    "Ja" if i % 2 == 0 else "Nej"]):
            c.drawString(x, y, v)
    c.showPage()
    c.save()
    return rows


def unruled_wrapped_table(path: Path, rows: list[TableRow] | None = None,
                          per_page: int = 14) -> list[TableRow]:
    """A whitespace-aligned table over several pages: the header on two lines and
    repeated on every page, each title wrapped over two lines (stream's hard case)."""
    rows = rows if rows is not None else stream_rows(20)
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    header_top = ["Kommune", "Titel", "Sektor", "Forventet gevinst", "Vedtaget"]
    header_bottom = ["", "", "", "(1.000 kr.)", ""]
    for start in range(0, len(rows), per_page):
        y = height - 60
        c.setFont("Helvetica-Bold", 9)
        for line in (header_top, header_bottom):
            for x, h in zip(_STREAM_X, line):
                if h:
                    c.drawString(x, y, h)
            y -= 12
        c.setFont("Helvetica", 9)
        for i, r in enumerate(rows[start:start + per_page], start=start):
            y -= 10
            first, _, rest = r.title.partition(": ")
            for x, v in zip(_STREAM_X, [r.municipality, first + ":", r.sector, r.amount_text,
                                        "Ja" if i % 2 == 0 else "Nej"]):
                c.drawString(x, y, v)
            y -= 11
            c.drawString(_STREAM_X[1], y, rest)
        c.drawString(40, 30, f"Side {start // per_page + 1}")
        c.showPage()
    c.save()
    return rows


def _pua_font() -> str:
    """DejaVu Sans with the Idébank's check-box code points (U+F053 ticked, U+F0A3 not
    ticked, U+F020 their spacer) mapped to visible glyphs, so the text layer of a
    generated catalogue page carries the same characters as the real one's."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "DejaVuPUA"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    font = TTFont(name, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font.face.name = name.encode()  # reportlab mixes up two registered fonts with one face name
    glyphs = font.face.charToGlyph
    for pua, visible in ((0xF053, 0x2713), (0xF0A3, 0x25A1), (0xF020, 0x20)):
        glyphs[pua] = glyphs[visible]
    pdfmetrics.registerFont(font)
    return name


def catalogue_pdf(path: Path, lines: list[str], lines_per_page: int = 55) -> None:
    """Text lines of a catalogue (e.g. Idébank cards) printed as PDF pages, so the
    PDF's text layer can be checked against the same text read as a text file."""
    font = _pua_font()
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    text_pdf(path, pages, font=font)


def text_pdf(path: Path, lines_per_page: list[list[str]], encrypt: str | None = None,
             font: str = "Helvetica") -> None:
    """Plain text lines, one list per page (optionally encrypted with a user password)."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in lines_per_page:
        c.setFont(font, 10)
        y = A4[1] - 50
        for line in lines:
            c.drawString(40, y, line.expandtabs(4).rstrip())  # no glyph for a tab
            y -= 13
        c.showPage()
    c.save()


def encrypted_pdf(path: Path) -> None:
    """Needs a password to open."""
    text_pdf(path, [["Kommune;Titel", "Hemmelig"]], encrypt="hemmelig")


def owner_password_only(can_copy: bool):
    """Encryption that any viewer opens (empty user password) but that restricts
    permissions, as many published PDFs do; pass as ``encrypt=``."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption("", ownerPassword="ejer", canPrint=1, canModify=0, canCopy=int(can_copy))


def aes_encrypted(src: Path, path: Path, user_password: str = "") -> None:
    """``src`` re-encrypted with AES-256, as recent PDF writers do (reportlab only writes RC4).
    An empty user password opens in any viewer; the owner password restricts editing."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=user_password, owner_password="ejer", algorithm="AES-256")
    with open(path, "wb") as fh:
        writer.write(fh)


def image_only_pdf(path: Path) -> None:
    """A page with only graphics (what a scan looks like to a text extractor)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillColor(colors.grey)
    for i in range(10):
        c.rect(50, 700 - i * 30, 400, 12, fill=1, stroke=0)
    c.showPage()
    c.save()


def truncated_pdf(path: Path, source: Path) -> None:
    """The first half of a valid PDF (an interrupted download)."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def main(outdir: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    ruled_table(out / "ruled.pdf")
    unruled_table(out / "unruled.pdf")
    unruled_wrapped_table(out / "unruled_wrapped.pdf")
    encrypted_pdf(out / "encrypted.pdf")
    image_only_pdf(out / "image_only.pdf")
    truncated_pdf(out / "truncated.pdf", out / "ruled.pdf")
    print(f"wrote PDFs to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pdfs")
