"""Held-out published layouts: rows fully right per table and format, and overall.

    python bench/tables_heldout.py [--problems]

The measure issue 13 is accepted by: tables the reader was not written against
(``tests/fixtures/tables_heldout/*.json``, expected rows written by hand beside each) are
printed as CSV, XLSX, a ruled PDF and an unruled PDF, read, detected and parsed. A row is
fully right when its title, municipality, printed sector, adopted, full-year effect and
every yearly gain are right; a group or total row loaded as an initiative is a wrong row and
is counted on its own. A table that is not savings is right when it is refused (or loads no
initiative). ``--problems`` prints every difference.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl import formats
from etl.errors import InputError
from etl.parse import table
from etl.read import read
from tests.table_heldout import HELDOUT
from tests.table_score import score
from tests.table_writers import FORMATS, write


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--problems", action="store_true", help="print every difference")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="tables_heldout_"))
    right = rows = extra = crashed = 0
    print(f"{'table':<32}{'format':<13}{'rows right':>11}{'not initiatives loaded':>24}")
    for fx in HELDOUT:
        for fmt in FORMATS:
            problems: list[str] = []
            loaded_extra = 0
            try:
                doc = read(write(fx, fmt, out))
                if formats.detect(doc).name != table.FORMAT:
                    raise InputError(doc.file_name, "not detected as a table")
                parsed = table.parse(doc)
            except InputError as exc:
                ok = bool(fx.refused) and fx.refused in str(exc)
                r, n = int(ok), 1
                problems = [] if ok else [f"refused: {exc}"]
            except Exception as exc:  # a crash is a wrong table, and is counted
                crashed += 1
                r, n = 0, max(len(fx.expected), 1)
                problems = [f"crashed: {type(exc).__name__}: {exc}"]
            else:
                if fx.refused:
                    r, n = int(not parsed.initiatives), 1
                    loaded_extra = len(parsed.initiatives)
                    problems = [f"not refused, loaded {i.title!r}" for i in parsed.initiatives]
                else:
                    s = score(fx, parsed)
                    r, n, problems = s.right, s.total, s.problems
                    loaded_extra = sum(p.endswith("loaded but not an initiative of the table") for p in s.problems)
            right, rows, extra = right + r, rows + n, extra + loaded_extra
            print(f"{fx.name:<32}{fmt:<13}{r:>6}/{n:<4}{loaded_extra:>24}")
            if args.problems:
                for p in problems:
                    print(f"    {p}")
    print(f"{'all held-out tables':<45}{right:>6}/{rows:<4}{extra:>24}")
    print(f"rows fully right: {100 * right / max(rows, 1):.1f}%; group/total rows loaded as initiatives: {extra};"
          f" crashes: {crashed}")


if __name__ == "__main__":
    main()
