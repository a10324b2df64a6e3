"""PDF input benchmark: seconds per page and cells right, per kind of PDF.

    python bench/pdf.py [--pages 1,5,20] [--repeat 3] [--json FILE]

Three kinds of generated PDF (the builders of tests/make_pdfs.py, so every cell
has a known answer), each at 1, 5 and 20 pages:

- ``ruled``: a grid table, header repeated on each page, wrapped cells
  (camelot lattice);
- ``unruled``: a whitespace-aligned table, header on two lines repeated on each
  page, each title wrapped (lattice finds nothing, camelot stream reads it);
- ``catalogue``: Idébank text printed as PDF pages (no camelot in the parse:
  the text layer goes through the catalogue parser).

Measured, each repeated (median): ``python -m etl build`` of the one PDF as a
user runs it (subprocess, so interpreter start and imports are in it; the
per-page slope between the smallest and the largest size takes them out),
and in process: ``read`` (pypdf validation and text layer), ``extract``
(camelot, in the flavour order the parser uses; for ``ruled`` also lattice's
render-free vector engine, which detection uses) and ``pipeline`` (read,
detect, parse: everything but the database). Then one untimed pass with
camelot's image backends instrumented, to report which flavour and which
backends actually ran.

Output: one JSON object per line, then a short table. The machine is shared
and has two cores: compare sizes and kinds within one run, not across runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from bench.stats import timed  # noqa: E402
from etl import formats, pdf_tables  # noqa: E402
from etl.read import read  # noqa: E402
from etl.sectors import canonical  # noqa: E402
from tests import make_pdfs  # noqa: E402

IDEBANK = ROOT / "data" / "raw" / "kl-idebank-2024.txt"
#: Rows per page of the unruled table (make_pdfs' default layout fits 14 two-line rows).
UNRULED_PER_PAGE = 14
#: Catalogue lines per PDF page (make_pdfs.catalogue_pdf's default).
CATALOGUE_LINES_PER_PAGE = 55
#: Catalogue fields compared between the PDF's parse and the same lines' text parse.
CATALOGUE_FIELDS = ("municipalities", "title", "expected_tkr", "realised_tkr", "full_phase_in_year",
                    "sectors", "adopted")


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


# --- fixtures with their answers ------------------------------------------------------------

@dataclass
class Fixture:
    """One generated PDF and how to score a parse of it against what was printed."""

    kind: str
    path: Path
    pages: int
    score: Callable[[object], dict]  # ParsedDocument -> rows/cells expected, found and right


def _score_table(rows, cells_of) -> Callable[[object], dict]:
    """Rows are matched by title (a lost row must not shift the others); a row is right
    when every one of its printed cells came back as printed."""
    def score(parsed) -> dict:
        by_title = {i.title: i for i in parsed.initiatives}
        out = {"rows_expected": len(rows), "rows_found": len(parsed.initiatives), "rows_right": 0,
               "cells_expected": 0, "cells_right": 0}
        for n, r in enumerate(rows):
            ini = by_title.get(r.title)
            checks = cells_of(n, r, ini) if ini is not None else None
            width = len(cells_of(n, r, None))
            out["cells_expected"] += width
            if checks is None:
                continue
            out["cells_right"] += sum(checks)
            out["rows_right"] += all(checks)
        return out
    return score


def _amount_right(ini, r) -> bool:
    return (ini.expected_text == r.amount_text and ini.expected_tkr is not None
            and abs(ini.expected_tkr - r.amount_tkr) < 1e-9)


def _ruled_cells(n, r, ini) -> list[bool]:
    if ini is None:
        return [False] * 6
    return [ini.municipalities == [r.municipality], True, ini.description == r.description,
            [(s.sector, s.source_sector) for s in ini.sectors] == [(canonical(r.sector), r.sector)],
            _amount_right(ini, r), ini.full_phase_in_year == r.year]


def _unruled_cells(n, r, ini) -> list[bool]:
    if ini is None:
        return [False] * 5
    return [ini.municipalities == [r.municipality], True,
            [(s.sector, s.source_sector) for s in ini.sectors] == [(canonical(r.sector), r.sector)],
            _amount_right(ini, r), ini.adopted is (n % 2 == 0)]


def ruled(path: Path, pages: int) -> Fixture:
    """The most rows that still fit ``pages`` pages (rows are of uneven height, so the
    count is searched rather than computed)."""
    def pages_for(n: int) -> int:
        make_pdfs.ruled_table(path, make_pdfs.table_rows(n))
        return page_count(path)

    lo, hi = 1, 40 * pages  # pages_for(lo) <= pages < pages_for(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if pages_for(mid) <= pages else (lo, mid)
    rows = make_pdfs.table_rows(lo)
    make_pdfs.ruled_table(path, rows)
    return Fixture("ruled", path, page_count(path), _score_table(rows, _ruled_cells))


def unruled(path: Path, pages: int) -> Fixture:
    rows = make_pdfs.unruled_wrapped_table(path, make_pdfs.stream_rows(UNRULED_PER_PAGE * pages),
                                           per_page=UNRULED_PER_PAGE)
    return Fixture("unruled", path, page_count(path), _score_table(rows, _unruled_cells))


def catalogue(path: Path, pages: int) -> Fixture:
    """The first pages' worth of Idébank lines as a PDF; the answer is the same lines
    read as a text file (tabs expanded on both sides: a text layer has none)."""
    lines = [ln.expandtabs(4) for ln in
             IDEBANK.read_text(encoding="utf-8").splitlines()[:CATALOGUE_LINES_PER_PAGE * pages]]
    txt = path.with_suffix(".txt")
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    make_pdfs.catalogue_pdf(path, lines, lines_per_page=CATALOGUE_LINES_PER_PAGE)
    module = formats.get("idebank")
    want = [_catalogue_key(i) for i in module.parse(read(txt)).initiatives]

    def score(parsed) -> dict:
        got = [_catalogue_key(i) for i in parsed.initiatives]
        cells = sum(a == b for g, w in zip(got, want) for a, b in zip(g, w))
        return {"rows_expected": len(want), "rows_found": len(got),
                "rows_right": sum(g == w for g, w in zip(got, want)),
                "cells_expected": len(want) * len(CATALOGUE_FIELDS), "cells_right": cells}
    return Fixture("catalogue", path, page_count(path), score)


def _catalogue_key(ini) -> tuple:
    return (ini.municipalities, ini.title, ini.expected_tkr, ini.realised_tkr, ini.full_phase_in_year,
            sorted(s.source_sector for s in ini.sectors), ini.adopted)


# --- timings --------------------------------------------------------------------------------

def median_s(fn, repeat: int, setup=None) -> float:
    """Median wall time of ``fn(setup())`` (``setup`` untimed) or of ``fn()``."""
    times = []
    for _ in range(repeat):
        if setup is None:
            times.append(timed(fn))
        else:
            arg = setup()
            times.append(timed(lambda arg=arg: fn(arg)))
    return statistics.median(times)


def pipeline(path: Path):
    """read → detect → parse, as ``etl build`` does before it writes the database."""
    doc = read(path)
    parser = formats.detect(doc)
    return parser.name, doc, parser.parse(doc)


def cli_build(path: Path, workdir: Path) -> None:
    db = workdir / "bench.duckdb"
    if db.exists():
        db.unlink()
    res = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), str(path)], cwd=ROOT,
                         capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k != "SAVINGS_DB"})
    if res.returncode != 0:
        raise SystemExit(f"error: etl build of {path.name} failed: {res.stderr.strip().splitlines()[-1]}")


def measure(fx: Fixture, repeat: int, workdir: Path, emit) -> None:
    fmt, doc, parsed = pipeline(fx.path)  # also warms imports and caches of the process
    methods = [g.method for g in doc.tables.get("all", [])]
    emit(kind=fx.kind, pages=fx.pages, measure="correctness", format=fmt, flavour=methods or ["text layer"],
         tables=len(methods), warnings=len(parsed.warnings), **fx.score(parsed))
    fresh = lambda: read(fx.path)  # noqa: E731  (camelot's results are cached on the document)
    stages = {"read": (lambda: read(fx.path), None),
              "pipeline": (lambda: pipeline(fx.path), None),
              "build": (lambda: cli_build(fx.path, workdir), None)}
    if fx.kind != "catalogue":
        stages["extract"] = (pdf_tables.extract, fresh)
    if fx.kind == "ruled":
        stages["extract_lattice_vector"] = (
            lambda d: pdf_tables.extract(d, flavors=("lattice",), engine="vector"), fresh)
    if fx.kind == "unruled":  # what stream alone costs, without lattice's page renders first
        stages["extract_stream_only"] = (lambda d: pdf_tables.extract(d, flavors=("stream",)), fresh)
    for stage, (fn, setup) in stages.items():
        s = median_s(fn, repeat, setup)
        emit(kind=fx.kind, pages=fx.pages, measure=stage, median_s=round(s, 4),
             s_per_page=round(s / fx.pages, 4), repeat=repeat)


# --- which flavours and backends ran ---------------------------------------------------------

def backends_probe(fixtures: list[Fixture]) -> dict:
    """One untimed parse of each fixture with camelot's image backends counted, plus the
    modules that got imported and the system tools that are (not) on PATH."""
    from camelot.backends import image_conversion

    calls: dict[str, int] = {}

    def counting(cls, name, method):
        original = getattr(cls, method)

        def wrapper(self, *a, **kw):
            calls[f"{name}.{method}"] = calls.get(f"{name}.{method}", 0) + 1
            return original(self, *a, **kw)
        setattr(cls, method, wrapper)
        return original

    saved = []
    for name, cls in image_conversion.BACKENDS.items():
        for method in ("convert", "to_array"):
            if hasattr(cls, method):
                saved.append((cls, method, counting(cls, name, method)))
    runs = {}
    try:
        for fx in fixtures:
            calls.clear()
            _, doc, _ = pipeline(fx.path)
            # every camelot call the document saw: detection's first look, then the parse
            tables = {str(key): sorted({g.method for g in grids}) or ["none found"]
                      for key, grids in doc.tables.items()}
            runs[f"{fx.kind}/{fx.pages}"] = {"camelot": tables or "not run", "image_backend_calls": dict(calls)}
    finally:
        for cls, method, original in saved:
            setattr(cls, method, original)

    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    return {"runs": runs,
            "modules_loaded": {m: m in sys.modules for m in ("camelot", "playa", "pypdfium2", "cv2", "pypdf",
                                                               "pdfminer", "ghostscript", "pdf2image")},
            "versions": {d: version(d) for d in ("camelot-py", "playa-pdf", "pypdfium2",
                                                 "opencv-python-headless", "pypdf", "reportlab")},
            "system_tools_on_path": {t: shutil.which(t) is not None for t in ("gs", "pdftoppm")}}


# --- report ---------------------------------------------------------------------------------

def print_table(rows: list[dict]) -> None:
    by = {(r["kind"], r["pages"], r["measure"]): r for r in rows if "kind" in r}
    kinds = list(dict.fromkeys(r["kind"] for r in rows if "kind" in r))
    print()
    print(f"# machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    head = (f"{'kind':<10}{'pages':>6}  {'flavour':<10}{'rows right':>12}{'cells right':>13}"
            f"{'build s':>9}{'s/page':>8}{'pipeline s/page':>17}{'camelot s/page':>16}")
    print(head)
    for kind in kinds:
        sizes = sorted({p for (k, p, _) in by if k == kind})
        for p in sizes:
            c, b = by[(kind, p, "correctness")], by[(kind, p, "build")]
            pipe = by[(kind, p, "pipeline")]
            ext = by.get((kind, p, "extract"))
            flavour = "+".join(dict.fromkeys(c["flavour"]))
            print(f"{kind:<10}{p:>6}  {flavour:<10}{c['rows_right']:>6}/{c['rows_expected']:<5}"
                  f"{c['cells_right']:>6}/{c['cells_expected']:<6}{b['median_s']:>9.2f}{b['s_per_page']:>8.3f}"
                  f"{pipe['s_per_page']:>17.3f}{(ext['s_per_page'] if ext else float('nan')):>16.3f}")
        if len(sizes) > 1:
            lo, hi = sizes[0], sizes[-1]
            slope = (by[(kind, hi, "build")]["median_s"] - by[(kind, lo, "build")]["median_s"]) / (hi - lo)
            fixed = by[(kind, lo, "build")]["median_s"] - slope * lo
            print(f"{'':<10}{'':>6}  marginal build cost {slope:.3f} s/page over {lo}→{hi} pages "
                  f"(+ {fixed:.2f} s fixed: interpreter, imports, database)")
        top = by.get((kind, sizes[-1], "extract"))
        vec = by.get((kind, sizes[-1], "extract_lattice_vector"))
        if vec:
            print(f"{'':<10}{'':>6}  lattice engine at {sizes[-1]} pages: combined (render) "
                  f"{top['s_per_page']:.3f} s/page, vector (no render) {vec['s_per_page']:.3f} s/page")
        alone = by.get((kind, sizes[-1], "extract_stream_only"))
        if alone:
            print(f"{'':<10}{'':>6}  at {sizes[-1]} pages: lattice tried first then stream "
                  f"{top['s_per_page']:.3f} s/page, stream alone {alone['s_per_page']:.3f} s/page")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="1,5,20", help="page counts, comma-separated (default 1,5,20)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats per timing (median reported)")
    ap.add_argument("--kinds", default="ruled,unruled,catalogue")
    ap.add_argument("--json", help="also write the JSON lines to this file")
    args = ap.parse_args(argv)
    try:
        sizes = [int(p) for p in args.pages.split(",")]
        kinds = args.kinds.split(",")
        if args.repeat < 1 or min(sizes) < 1 or not set(kinds) <= {"ruled", "unruled", "catalogue"}:
            raise ValueError
    except ValueError:
        print("error: --pages takes positive numbers, --repeat at least 1, --kinds of ruled,unruled,catalogue",
              file=sys.stderr)
        return 2
    rows: list[dict] = []
    fh = open(args.json, "w", encoding="utf-8") if args.json else None  # noqa: SIM115 (open for the whole run)

    def emit(**row) -> None:
        rows.append(row)
        line = json.dumps(row, ensure_ascii=False)
        print(line, flush=True)
        if fh:
            fh.write(line + "\n")

    builders = {"ruled": ruled, "unruled": unruled, "catalogue": catalogue}
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        work = Path(tmp)
        fixtures = [builders[k](work / f"{k}_{n}.pdf", n) for k in kinds for n in sizes]
        for fx in fixtures:
            measure(fx, args.repeat, work, emit)
        emit(measure="backends", **backends_probe(fixtures))
    if fh:
        fh.close()
    print_table(rows)
    probe = rows[-1]
    for name, run in probe["runs"].items():
        print(f"{name}: camelot {run['camelot']}, image backend calls {run['image_backend_calls'] or 'none'}")
    print(f"modules loaded: {sorted(m for m, on in probe['modules_loaded'].items() if on)}; "
          f"gs/pdftoppm on PATH: {probe['system_tools_on_path']}; versions: {probe['versions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
