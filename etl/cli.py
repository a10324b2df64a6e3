"""``python -m etl build|add``: the ETL's only entry point (see README).

Runs read → detect → parse → normalise for every input first and touches the
database only when all inputs succeeded, so one bad file leaves the database
exactly as it was. Errors are one line, ``error: <file>: <cause>``."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path

import duckdb

from etl import collector, dblock, formats, load
from etl.core.document import RawDocument
from etl.core.model import ParsedDocument
from etl.core.rows import Rows
from etl.errors import InputError
from etl.normalise import to_rows
from etl.read import read

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "savings.duckdb"
RAW_DIR = ROOT / "data" / "raw"
CURATION_DIR = ROOT / "data" / "curation"
SKIP_NAMES = ("README", "readme")
#: Cyclic garbage collection every 50,000 allocations instead of 700: a large table is
#: millions of small, acyclic objects (cells, rows, initiatives) that the collector would
#: otherwise rescan over and over; measured, 40 % of parsing a 100,000-row CSV.
GC_THRESHOLD = (50_000, 20, 100)


def expand(inputs: list[str]) -> list[Path]:
    """Files and folders (recursively) to a sorted, de-duplicated file list."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")
                              and not f.name.startswith(SKIP_NAMES)))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def loaded_at() -> dt.datetime:
    """Build time; SOURCE_DATE_EPOCH makes it reproducible (the usual convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def process(path: Path, fmt: str | None, when: dt.datetime) -> tuple[RawDocument, ParsedDocument, Rows]:
    doc = read(path)
    score: float | None = None
    if fmt is None:
        parser, score = formats.detect_scored(doc)
    else:
        try:
            parser = formats.get(fmt)
        except KeyError:
            raise InputError(doc.file_name, f"unknown format '{fmt}' (known: {', '.join(formats.names())})") from None
    parsed = parser.parse(doc)
    if not parsed.initiatives and not parsed.targets:
        raise InputError(doc.file_name, f"no initiatives or figures found in this {parser.name} document")
    # What was read is in `parsed` now: a large workbook's cells and text are freed before the
    # rows are built (they were half of the peak memory of a 100,000-row XLSX). The PDF layout and
    # tables stay until the rows are built: the source's reading report (etl.pdf_report) reads them.
    doc.text = doc.pages = doc.sheets = doc.words = None
    with collector.paused():  # rows of plain data (etl.collector)
        rows = to_rows(doc, parsed, when, parser.id_prefix, layout_score=score)
    doc.layout = None
    doc.tables.clear()
    return doc, parsed, rows


def counted(n: int, noun: str) -> str:
    """``1 warning``, ``0 warnings``, ``2 warnings``: the summary line is English (CLDR: singular
    for exactly one); the dashboard shows its own translated counts (app.i18n.tn)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(args) -> int:
    db = Path(args.db)
    files = expand(args.inputs) if args.inputs else expand([str(RAW_DIR)])
    if not files:
        print(f"error: {Path(args.inputs[0] if args.inputs else RAW_DIR).name}: no input files", file=sys.stderr)
        return 1
    if args.command == "add" and not db.exists():
        print(f"error: {db.name}: database does not exist; run 'python -m etl build' first", file=sys.stderr)
        return 1
    when = loaded_at()
    results: list[Rows] = []
    seen: dict[str, str] = {}
    start = time.perf_counter()
    for i, path in enumerate(files, start=1):
        progress(f"[{i}/{len(files)}] {path.name} …")
        try:
            doc, parsed, rows = process(path, args.format, when)
        except (InputError, KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # a parser bug: still one line, naming the file
            raise InputError(path.name, f"unexpected failure while parsing ({type(exc).__name__}: {exc}); "
                             "the database was not changed") from None
        sha256 = doc.sha256
        del doc, parsed  # a large table's text, cells and initiatives: freed before the next file and the load
        if sha256 in seen:
            progress(f"      same content as {seen[sha256]}: loaded once")
            continue
        seen[sha256] = path.name
        results.append(rows)
    if args.command == "build":
        curation = CURATION_DIR if not args.inputs else None
        notes = load.build(db, results, curation)
    else:
        load.add(db, results)
        notes = []
    for rows in results:
        s = rows.source
        print(f"{s.file_name}: {s.format}, {counted(s.n_initiatives, 'initiative')}, "
              f"{counted(s.n_appearances, 'appearance')}, {counted(s.n_warnings, 'warning')}")
    for note in notes:
        print(f"curation: {note}")
    progress(f"{args.command}: {db} ({counted(len(results), 'source')}, {time.perf_counter() - start:.2f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Load savings documents into DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("build", "build the database from inputs (default: data/raw/)"),
                           ("add", "add documents to an existing database")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--db", default=os.environ.get("SAVINGS_DB", str(DEFAULT_DB)),
                       help="database file (default: data/savings.duckdb)")
        p.add_argument("--format", help="force a format instead of detecting it "
                       f"({', '.join(formats.names())})")
        p.add_argument("inputs", nargs="*" if name == "build" else "+", metavar="INPUT")
    args = parser.parse_args(argv)
    gc_before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        return run(args)
    except InputError as exc:
        print(exc.line(), file=sys.stderr)
        if isinstance(exc, dblock.DatabaseBusy):
            return dblock.EXIT_BUSY  # another writer held the lock: try again later
    except KeyboardInterrupt:
        print("error: interrupted; the database was not changed", file=sys.stderr)
    except (MemoryError, duckdb.OutOfMemoryException):  # Python's, or DuckDB's beyond its retry (etl.load)
        print(f"error: {Path(args.db).name}: out of memory; the database was not changed", file=sys.stderr)
    except Exception as exc:  # a parser bug must still not print a traceback to users
        where = getattr(exc, "file_name", None) or "etl"
        print(f"error: {where}: unexpected failure ({type(exc).__name__}: {exc}); "
              "the database was not changed", file=sys.stderr)
    finally:
        gc.set_threshold(*gc_before)
        collector.thawed()  # what collector.paused froze (etl.collector)
    return 1
