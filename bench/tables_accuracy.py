"""Published-layout tables: rows fully right, totals, units and signs, per layout and format.

    python bench/tables_accuracy.py [--json FILE]

Every fixture of tests/table_fixtures.py (savings tables as Danish municipalities publish
them, and tables that are not savings) is printed by tests/table_writers.py as CSV, XLSX,
a ruled PDF and an unruled PDF, read with ``etl.read``, detected (it must be the table
format) and parsed by the table parser. Per layout and format it prints: rows fully right
/ rows (title, municipality, printed sector, adopted, full-year effect and every yearly
gain all right; a total or heading loaded as an initiative is a wrong row), whether the
unit, price level and sign convention were read as expected, whether every printed total
was checked with the expected result, and the seconds of detection and parse. A refused
table counts as right when the layout is not savings. Then a generated list of ``--rows``
proposals (four year columns, no headings) is timed. The last line sums everything.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl import formats
from etl.errors import InputError
from etl.parse import table
from etl.read import read
from tests.table_fixtures import FIXTURES
from tests.table_score import score
from tests.table_writers import FORMATS, write


def _value(d):
    return None if d is None else d.value


def _long_list(out: Path, n: int) -> dict:
    """A committee's list of ``n`` proposals with four budget years, no headings and no total:
    the structure search must stay one pass (and load every row as an initiative)."""
    lines = ["Nr.;Forslag;Område;2021;2022;2023;2024"]
    for i in range(n):
        v = [(i * 37 + k * 11) % 900 * 10 + 10 for k in range(4)]
        lines.append(f"{i + 1};Forslag nummer {i + 1};Område {i % 7};" + ";".join(f"-{x}" for x in v))
    path = out / "long_list.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read(path)
    start = time.perf_counter()
    parsed = table.parse(doc)
    seconds = time.perf_counter() - start
    return {"layout": "long_list", "format": "csv", "right": len(parsed.initiatives), "rows": n, "source_ok": True,
            "totals_ok": not parsed.totals, "seconds": round(seconds, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="also write the results as JSON lines to this file")
    ap.add_argument("--rows", type=int, default=3000, help="rows of the long list timed at the end")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="tables_accuracy_"))
    results = []
    print(f"{'layout':<28}{'format':<13}{'rows right':>11}{'source':>8}{'totals':>8}{'seconds':>9}")
    for fx in FIXTURES:
        for fmt in FORMATS:
            doc = read(write(fx, fmt, out))
            start = time.perf_counter()
            try:
                if formats.detect(doc).name != table.FORMAT:
                    raise InputError(doc.file_name, "not detected as a table")
                parsed = table.parse(doc)
            except InputError as exc:
                seconds = time.perf_counter() - start
                ok = bool(fx.refused) and fx.refused in str(exc)
                results.append({"layout": fx.name, "format": fmt, "right": int(ok), "rows": 1, "source_ok": ok,
                                "totals_ok": ok, "seconds": round(seconds, 3), "refused": str(exc)})
            else:
                seconds = time.perf_counter() - start
                if fx.refused:
                    results.append({"layout": fx.name, "format": fmt, "right": 0, "rows": 1, "source_ok": False,
                                    "totals_ok": False, "seconds": round(seconds, 3), "refused": None})
                else:
                    s = score(fx, parsed)
                    src = parsed.source
                    sign = None if src.sign_convention is None else (src.sign_convention.value,
                                                                     src.sign_convention.how)
                    source_ok = (_value(src.unit_text), _value(src.price_level), sign) == (
                        fx.unit_text, fx.price_level, fx.sign)
                    totals_ok = [(t.label, t.year, t.printed_tkr, t.computed_tkr) for t in parsed.totals] == [
                        (t.label, t.year, t.printed_tkr, t.computed_tkr) for t in fx.totals]
                    results.append({"layout": fx.name, "format": fmt, "right": s.right, "rows": s.total,
                                    "source_ok": source_ok, "totals_ok": totals_ok, "seconds": round(seconds, 3),
                                    "problems": s.problems})
            r = results[-1]
            print(f"{fx.name:<28}{fmt:<13}{r['right']:>6}/{r['rows']:<4}{'ok' if r['source_ok'] else 'NO':>8}"
                  f"{'ok' if r['totals_ok'] else 'NO':>8}{r['seconds']:>9.2f}")
    right, rows = sum(r["right"] for r in results), sum(r["rows"] for r in results)
    print(f"{'all layouts':<41}{right:>6}/{rows:<4}{sum(r['source_ok'] for r in results):>5}/{len(results)}"
          f"{sum(r['totals_ok'] for r in results):>5}/{len(results)}")
    results.append(_long_list(out, args.rows))
    r = results[-1]
    print(f"{'long list (no headings)':<28}{'csv':<13}{r['right']:>6}/{r['rows']:<4}{'':>16}{r['seconds']:>9.2f}")
    if args.json:
        Path(args.json).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results),
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
