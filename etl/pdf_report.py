"""How confidently a PDF was read: what the sources table and page show.

Two readers exist. The layout parsers read the text layer as laid out from word
positions (:mod:`etl.pdf_layout`): its confidence is how many words it could place
— words inside a ruled table's frame that fell in no cell are counted — and what it
set aside or re-ordered (page furniture, blocks side by side read by columns). The
generic table parser reads tables with camelot, whose report per table (accuracy:
how much of the page's text fits the grid; whitespace: empty cells) is kept as it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from etl.core.document import RawDocument
from etl.core.rows import PdfTableRow


@dataclass
class Reading:
    reader: str | None = None
    words_read: int | None = None
    words_outside: int | None = None
    furniture_lines: int | None = None
    column_blocks: int | None = None
    tables: list[PdfTableRow] = field(default_factory=list)


def reading(doc: RawDocument, fmt: str, source_id: str) -> Reading:
    """The reading report of one document (empty for text, CSV and XLSX)."""
    layout = doc.layout
    if doc.container != "pdf" or layout is None:
        return Reading()
    out = Reading(words_read=layout.words, furniture_lines=layout.furniture_lines,
                  column_blocks=layout.column_blocks)
    if fmt == "table" and doc.tables:  # camelot read the tables the rows come from
        grids = doc.tables.get("all") or next(iter(doc.tables.values()))
        reads = [r for g in grids for r in g.reads]
        out.reader = "camelot " + "/".join(sorted({r.method for r in reads})) if reads else "camelot"
        out.tables = [PdfTableRow(source_id, k, r.page, r.method, r.n_rows, r.n_cols, r.accuracy, r.whitespace,
                                  None) for k, r in enumerate(reads, start=1)]
        return out
    out.reader = "pdf words"
    out.tables = [PdfTableRow(source_id, k, t.page, "ruled", len(t.rows), max((len(r) for r in t.rows), default=0),
                              None, round(t.whitespace, 1), t.words_outside)
                  for k, t in enumerate(layout.tables, start=1)]
    out.words_outside = sum(t.words_outside for t in layout.tables)
    return out
