"""Print a :class:`tests.table_fixtures.Fixture` as a municipality would publish it:
a ';'-separated CSV from Danish Excel, an XLSX workbook with typed numbers, a ruled PDF
table (reportlab's grid, wrapped cells) and an unruled PDF (columns by whitespace only).

Captions stand above the table and notes below it, as in the published documents; in CSV
and XLSX they are rows with one filled cell, in a PDF lines of text outside the table.

``python -m tests.table_writers OUTDIR`` writes every fixture in every format for a look by eye.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tests.table_fixtures import FIXTURES, Fixture

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FORMATS = ("csv", "xlsx", "ruled.pdf", "unruled.pdf")


def _font() -> tuple[str, str]:
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def _width(f: Fixture) -> int:
    return max(len(r) for r in (*f.header, *f.body))


def _pad(cells: tuple[str, ...] | list[str], n: int) -> list[str]:
    return list(cells) + [""] * (n - len(cells))


def grid(f: Fixture) -> list[list[str]]:
    """Every line as a spreadsheet shows it: captions, header, body, a blank row, notes."""
    n = _width(f)
    rows = [_pad([c], n) for c in f.caption] + [[""] * n]
    rows += [_pad(r, n) for r in (*f.header, *f.body)]
    if f.notes:
        rows += [[""] * n] + [_pad([c], n) for c in f.notes]
    return rows


def write_csv(f: Fixture, path: Path) -> Path:
    def quote(c: str) -> str:
        return f'"{c}"' if (";" in c or '"' in c) else c

    path.write_text("\n".join(";".join(quote(c) for c in r) for r in grid(f)) + "\n", encoding="utf-8")
    return path


_PLAIN = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")


def _typed(text: str):
    """What Excel stores for a typed figure: '-1.200' → -1200, '-1,5' → -1.5; text stays text."""
    if not _PLAIN.match(text):
        return text
    value = float(text.replace(".", "").replace(",", "."))
    return int(value) if value.is_integer() else value


def write_xlsx(f: Fixture, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Forslag"
    header_rows = len(f.caption) + 1 + len(f.header)
    for i, row in enumerate(grid(f)):
        ws.append([_typed(c) if i >= header_rows else (c or None) for c in row])
    wb.save(path)
    return path


def write_ruled_pdf(f: Fixture, path: Path) -> Path:
    regular, bold = _font()
    body = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9)
    head = ParagraphStyle("head", fontName=bold, fontSize=7.5, leading=9)
    text = ParagraphStyle("text", fontName=regular, fontSize=9, leading=12)
    title = ParagraphStyle("title", fontName=bold, fontSize=12, leading=15)
    n = _width(f)

    page = landscape(A4)
    widths = _col_widths(f, page[0] - 30 * mm)

    def cell(text: str, st: ParagraphStyle, width: float):
        """Long text wraps in its cell, as a word processor prints it (a cell's text never
        crosses its rule); figures and short words stay on one line."""
        wide = pdfmetrics.stringWidth(text, st.fontName, st.fontSize) > width - 12  # the cell's padding
        words = any(ch.isalpha() for ch in text)
        return Paragraph(text, st) if len(text) > 14 or (wide and words) else text

    data = [[cell(c, head, w) for c, w in zip(_pad(r, n), widths)] for r in f.header]
    data += [[cell(c, body, w) for c, w in zip(_pad(r, n), widths)] for r in f.body]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONT", (0, 0), (-1, len(f.header) - 1), bold, 7.5), ("FONT", (0, len(f.header)), (-1, -1), regular, 7.5)]
    if len(f.header) > 1:  # a band row: its label spans the columns up to the next label
        band = _pad(f.header[0], n)
        starts = [j for j, c in enumerate(band) if c]
        for a, b in zip(starts, [*starts[1:], n]):
            style.append(("SPAN", (a, 0), (b - 1, 0)))
    table = Table(data, colWidths=widths, repeatRows=len(f.header))
    table.setStyle(TableStyle(style))
    story = [Paragraph(f.caption[0], title)] + [Paragraph(c, text) for c in f.caption[1:]]
    story += [Spacer(1, 4 * mm), table, Spacer(1, 4 * mm)] + [Paragraph(c, text) for c in f.notes]
    SimpleDocTemplate(str(path), pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f.caption[0]).build(story)
    return path


def _col_widths(f: Fixture, total: float) -> list[float]:
    """Column widths in proportion to their longest text (at least a figure's width)."""
    n = _width(f)
    longest = [max((len(_pad(r, n)[j]) for r in (*f.header[-1:], *f.body)), default=4) for j in range(n)]
    weights = [min(max(w, 10), 50) for w in longest]
    return [total * w / sum(weights) for w in weights]


def write_unruled_pdf(f: Fixture, path: Path) -> Path:
    """Columns separated by whitespace only, one line per row (long cells shortened to fit
    is not allowed: the columns are placed after the widest cell of each)."""
    regular, bold = _font()
    size = 7
    n = _width(f)
    page_w, page_h = landscape(A4)
    widths = [max(pdfmetrics.stringWidth(_pad(r, n)[j], bold if r in f.header else regular, size)
                  for r in (*f.header, *f.body)) for j in range(n)]
    gap = max(14.0, (page_w - 60 - sum(widths)) / max(n - 1, 1))
    gap = min(gap, 40.0)
    xs = [30.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + gap)
    c = canvas.Canvas(str(path), pagesize=(page_w, page_h))
    y = page_h - 40
    c.setFont(bold, 12)
    c.drawString(30, y, f.caption[0])
    c.setFont(regular, 9)
    for line in f.caption[1:]:
        y -= 14
        c.drawString(30, y, line)
    y -= 24

    def header(y: float) -> float:
        c.setFont(bold, size)
        for r in f.header:
            for x, cell in zip(xs, _pad(r, n)):
                c.drawString(x, y, cell)
            y -= 11
        c.setFont(regular, size)
        return y

    y = header(y)
    for r in f.body:
        if y < 50:  # a new page repeats the header, as published tables do
            c.showPage()
            y = header(page_h - 40)
        y -= 3
        for x, cell in zip(xs, _pad(r, n)):
            c.drawString(x, y, cell)
        y -= 10
    c.setFont(regular, 9)
    y -= 14
    for line in f.notes:
        c.drawString(30, y, line)
        y -= 14
    c.showPage()
    c.save()
    return path


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "ruled.pdf": write_ruled_pdf, "unruled.pdf": write_unruled_pdf}


def write(f: Fixture, fmt: str, folder: Path) -> Path:
    """The fixture printed in one format, named as a municipality would name the file."""
    return WRITERS[fmt](f, folder / f"{f.file_stem}.{fmt}")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "table_fixtures")
    out.mkdir(parents=True, exist_ok=True)
    for fx in FIXTURES:
        for fmt in FORMATS:
            print(write(fx, fmt, out))
