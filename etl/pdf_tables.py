"""Tables out of a PDF with camelot: choose the flavour, join pages, clean cells.

camelot 2.0 renders pages with pypdfium2 (lattice, to see the ruling) and reads
text with playa (all flavours), so no ghostscript or poppler is needed.
*Lattice* follows ruled lines and keeps each wrapped cell whole; *stream* cuts
columns at whitespace and prints each wrapped line as its own row. Ruled tables
are the common case in municipal reports and lattice reads them exactly, so it
runs first; stream is the fallback for pages without ruling. The result is one
:class:`Grid` per logical table, however many pages it ran over, with the
header printed once.
"""
from __future__ import annotations

import logging
import warnings

from etl.core.document import RawDocument
from etl.errors import InputError
from etl.grid import Grid, TableRead
from etl.parse.common import join_wrapped, squash


def _clean(cell) -> str:
    """A lattice cell holds its wrapped lines separated by newlines: join them as text."""
    return join_wrapped(str(cell).split("\n")) if cell is not None else ""


def run_camelot(data: bytes, flavor: str, pages: str, password: str | None, engine: str) -> list:
    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" is an answer, not a problem
        kwargs = {"flavor": flavor, "pages": pages, "suppress_stdout": True}
        if password is not None:
            kwargs["password"] = password
        if flavor == "lattice":
            kwargs["backend"] = "pdfium"
            kwargs["engine"] = engine
        return list(camelot.read_pdf(data, **kwargs))


def useful(table) -> bool:
    """A table worth reading has at least two columns and two non-empty rows."""
    df = table.df
    if df.shape[1] < 2:
        return False
    filled = sum(1 for _, row in df.iterrows() if sum(1 for v in row if str(v).strip()) >= 2)
    return filled >= 2


def _page_tables(tables: list, flavor: str) -> list[Grid]:
    out = []
    for t in sorted(tables, key=lambda t: (t.page, getattr(t, "order", 0) or 0)):
        page = int(t.page)
        rows = [[_clean(v) for v in row] for row in t.df.itertuples(index=False)]
        keep = [(r, i) for i, r in enumerate(rows, start=1) if any(c for c in r)]
        report = t.parsing_report
        read = TableRead(page, flavor, len(keep), len(rows[0]) if rows else 0,
                         float(report.get("accuracy", 0.0)), float(report.get("whitespace", 0.0)))
        out.append(Grid([r for r, _ in keep], [(page, i) for _, i in keep], flavor, reads=[read]))
    return out


def _norm_row(row: list[str]) -> list[str]:
    return [squash(c).lower() for c in row]


def _repeated_header(prev: list[list[str]], rows: list[list[str]], search: int = 6) -> int:
    """How many leading rows of a continuation repeat rows at the top of the table it
    continues (the header, which stream may have split over two rows); 0 if none."""
    for k in range(min(search, len(prev))):
        n = 0
        while (n < len(rows) and k + n < len(prev) and any(rows[n])
               and _norm_row(rows[n]) == _norm_row(prev[k + n])):
            n += 1
        if n:
            return n
    return 0


def join_pages(grids: list[Grid]) -> list[Grid]:
    """A table that continues on the next page, with the same number of columns, is
    one table; a header repeated at the top of the continuation is dropped."""
    out: list[Grid] = []
    for g in grids:
        prev = out[-1] if out else None
        prev_page = prev.where[-1][0] if prev is not None else None
        if (prev is not None and prev_page is not None and g.rows and prev.n_cols == g.n_cols
                and prev.method == g.method and g.where[0][0] == prev_page + 1):
            n = _repeated_header(prev.rows, g.rows)
            if n:
                prev.notes.append(f"repeated header on page {g.where[0][0]} dropped")
            prev.rows.extend(g.rows[n:])
            prev.where.extend(g.where[n:])
            prev.reads.extend(g.reads)
            continue
        out.append(Grid(list(g.rows), list(g.where), g.method, list(g.notes), list(g.reads)))
    return out


def extract(doc: RawDocument, pages: str = "all", flavors: tuple[str, ...] = ("lattice", "stream"),
            engine: str = "combined") -> list[Grid]:
    """Every table in the PDF from the first flavour that finds one with at least two
    columns: lattice, then stream. ``engine`` is lattice's line finder: 'combined'
    (render the page and read vector rules; safest) or 'vector' (no rendering, ~3x
    faster; enough for a first look). Cached on the document (detect and parse both ask)."""
    cache = doc.tables
    key = pages if (flavors, engine) == (("lattice", "stream"), "combined") else (pages, flavors, engine)
    if key in cache:
        return cache[key]
    password = doc.pdf_password
    grids: list[Grid] = []
    try:
        for flavor in flavors:
            found = [t for t in run_camelot(doc.data, flavor, pages, password, engine) if useful(t)]
            if found:
                grids = join_pages(_page_tables(found, flavor))
                break
    except InputError:
        raise
    except Exception as exc:  # camelot/playa/pdfium raise many types on odd files
        if type(exc).__name__ == "PDFTextExtractionNotAllowed":
            raise InputError(doc.file_name, "PDF forbids copying its text (document permissions); "
                             "save an unprotected copy") from None
        raise InputError(doc.file_name, f"tables in the PDF cannot be read ({type(exc).__name__}); "
                         "it may be damaged") from None
    cache[key] = grids
    return grids
