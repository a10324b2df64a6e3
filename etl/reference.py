"""Reference tables for the savings planner: the 98 municipalities' populations and the PL index.

Both ship as small CSV files in ``data/reference/`` (provenance in its README.md) and are read
into typed values here, so the app and the tests use one reader. A newer population table from
Statistics Denmark (table FOLK1A, area × quarter) replaces the shipped one with

    python -m etl.reference folk1a EXPORT.csv [--out data/reference/municipalities.csv]

which keeps the codes and regions, takes the latest quarter that covers all 98 municipalities
and writes the file atomically; a bad export gives one line ``error: <file>: <cause>`` and leaves
the old file as it was. ``SAVINGS_REFERENCE_DIR`` points the app at another folder (e.g. with
KL's own PL series in the same columns)."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from etl.core.numbers import parse_danish_number
from etl.encoding import decode
from etl.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "data" / "reference"
MUNICIPALITIES_FILE = "municipalities.csv"
PL_INDEX_FILE = "pl_index.csv"
MUNICIPALITY_COLUMNS = ("kommune", "kommunekode", "region", "population", "population_date", "source")
N_MUNICIPALITIES = 98
#: FOLK1A areas that are not municipalities: all of Denmark, the five regions, Christiansø.
NOT_MUNICIPALITIES = {"000", "081", "082", "083", "084", "085", "411"}
_QUARTER = re.compile(r"^(\d{4})K([1-4])$")


def reference_dir() -> Path:
    return Path(os.environ.get("SAVINGS_REFERENCE_DIR") or DEFAULT_DIR)


def name_key(name: str) -> str:
    """A municipality's name as a matching key: case, accents' composition, "Kommune",
    hyphens and spaces, aa/å and one trailing genitive s do not matter, so "Københavns Kommune",
    "København", "Nordfyn" and "Nordfyns", "Åbenrå" and "Aabenraa" meet."""
    s = unicodedata.normalize("NFC", name).strip().lower()
    s = re.sub(r"\b(regions)?kommune\b", "", s)
    s = re.sub(r"[\s\-–.]+", "", s).replace("å", "aa")
    return s[:-1] if s.endswith("s") and len(s) > 3 else s


@dataclass(frozen=True)
class Municipality:
    name: str
    code: str
    region: str
    population: int
    population_date: dt.date
    source: str


@dataclass(frozen=True)
class Populations:
    """The municipalities by name (any of the spellings :func:`name_key` joins)."""

    rows: tuple[Municipality, ...]
    file: str

    def lookup(self, name: str | None) -> Municipality | None:
        if not name:
            return None
        key = name_key(name)
        for m in self.rows:
            if name_key(m.name) == key:
                return m
        return None

    def names(self) -> list[str]:
        return sorted(m.name for m in self.rows)

    def by_code(self) -> dict[str, Municipality]:
        return {m.code: m for m in self.rows}


@dataclass(frozen=True)
class PlIndex:
    """Yearly growth of prices and wages in per cent; :meth:`factor` moves an amount between years."""

    growth: dict[int, float]
    status: dict[int, str]
    source: str
    file: str

    @property
    def first_year(self) -> int:
        """The earliest price level the index can express (the year before its first growth)."""
        return min(self.growth) - 1

    @property
    def last_year(self) -> int:
        return max(self.growth)

    def factor(self, from_year: int, to_year: int) -> float | None:
        """What an amount in ``from_year`` prices is multiplied by to be in ``to_year`` prices:
        the product of (1 + g/100) over the years after ``from_year`` up to ``to_year`` (the
        inverse going back); None when a year it needs is not in the index."""
        lo, hi = sorted((from_year, to_year))
        if any(y not in self.growth for y in range(lo + 1, hi + 1)):
            return None
        product = math.prod(1 + self.growth[y] / 100 for y in range(lo + 1, hi + 1))
        return product if to_year >= from_year else 1 / product


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path.name, f"cannot read file ({exc.strerror})") from None
    text = decode(data, path.name).text
    return list(csv.DictReader(io.StringIO(text)))


def read_municipalities(path: Path | None = None) -> Populations:
    path = path or reference_dir() / MUNICIPALITIES_FILE
    out = []
    for n, row in enumerate(_rows(path), start=2):
        try:
            out.append(Municipality(name=row["kommune"].strip(), code=row["kommunekode"].strip().zfill(3),
                                    region=(row.get("region") or "").strip(), population=int(row["population"]),
                                    population_date=dt.date.fromisoformat(row["population_date"].strip()),
                                    source=(row.get("source") or "").strip() or path.name))
        except (KeyError, ValueError, AttributeError):
            raise InputError(path.name, f"line {n}: needs kommune, kommunekode, population (a whole number) "
                                        "and population_date (YYYY-MM-DD)") from None
    if not out:
        raise InputError(path.name, "no municipalities")
    keys = [name_key(m.name) for m in out]
    if len(set(keys)) != len(keys):
        raise InputError(path.name, "a municipality is listed twice")
    return Populations(tuple(out), path.name)


def read_pl_index(path: Path | None = None) -> PlIndex:
    path = path or reference_dir() / PL_INDEX_FILE
    growth: dict[int, float] = {}
    status: dict[int, str] = {}
    sources = []
    for n, row in enumerate(_rows(path), start=2):
        try:
            year = int(row["year"])
            growth[year] = float(row["pl_growth_pct"].replace(",", "."))
        except (KeyError, ValueError, AttributeError):
            raise InputError(path.name, f"line {n}: needs year and pl_growth_pct (per cent)") from None
        status[year] = (row.get("status") or "").strip()
        if (row.get("source") or "").strip():
            sources.append(row["source"].strip())
    if not growth:
        raise InputError(path.name, "no years")
    if sorted(growth) != list(range(min(growth), max(growth) + 1)):
        raise InputError(path.name, "the years must follow each other without gaps")
    return PlIndex(growth, status, "; ".join(dict.fromkeys(sources)) or path.name, path.name)


# --------------------------------------------------------------------------- FOLK1A import

def _quarter_date(quarter: str) -> dt.date:
    """FOLK1A counts the population on the first day of the quarter: 2024K3 → 2024-07-01."""
    m = _QUARTER.match(quarter)
    assert m
    return dt.date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)


def _area(cell: str, current: Populations) -> tuple[str, Municipality | None]:
    """(code or name as read, the municipality it is) for an area cell: "101", "101 København"
    or "København"."""
    cell = cell.strip().strip('"')
    m = re.match(r"^(\d{3})\b\s*(.*)$", cell)
    if m:
        code = m.group(1)
        if code in NOT_MUNICIPALITIES:
            return code, None
        return code, current.by_code().get(code) or current.lookup(m.group(2))
    return cell, current.lookup(cell)


def parse_folk1a(text: str, file_name: str, current: Populations) -> tuple[list[Municipality], str]:
    """Populations from a FOLK1A export, long (area;quarter;value, as the StatBank API's CSV) or
    wide (a header row of quarters, then one row per area, as the web export). Returns the 98
    municipalities with the latest quarter that has all of them, and that quarter."""
    sample = text[:4096]
    delim = max((";", "\t", ","), key=sample.count)
    values: dict[str, dict[str, int]] = {}  # quarter → code → population
    header: dict[int, str] = {}
    for cells in csv.reader(io.StringIO(text), delimiter=delim):
        cells = [c.strip() for c in cells]
        quarters = {i: c for i, c in enumerate(cells) if _QUARTER.match(c)}
        if not any(cells):
            continue
        first = next((c for c in cells if c), "")
        if quarters and len(quarters) == len([c for c in cells if c]):
            header = quarters  # a header row of quarters (wide form)
            continue
        read, muni = _area(first, current)
        pairs: list[tuple[str, str]] = []
        if quarters:  # long form: the quarter is in the row, the value is its last cell
            pairs = [(next(iter(quarters.values())), cells[-1])]
        elif header:
            pairs = [(q, cells[i]) for i, q in header.items() if i < len(cells)]
        if muni is None:
            continue  # the country, a region, Christiansø, a title line
        for quarter, raw in pairs:
            if raw.strip() in ("", "..", ".", "-"):
                continue  # not counted (yet): StatBank's mark for a missing figure
            value = parse_danish_number(raw)
            if value is None or value <= 0 or value != int(value):
                raise InputError(file_name, f"population of {read} in {quarter} is not a whole number: '{raw}'")
            values.setdefault(quarter, {})[muni.code] = int(value)
    if not values:
        raise InputError(file_name, "no municipality with a quarter (e.g. 2024K1) and a population found; "
                                    "export FOLK1A by area and quarter as CSV")
    codes = {m.code for m in current.rows}
    complete = sorted(q for q, got in values.items() if codes <= set(got))
    if not complete:
        q = max(values)
        missing = sorted(m.name for m in current.rows if m.code not in values[q])
        raise InputError(file_name, f"{len(missing)} of {N_MUNICIPALITIES} municipalities missing in {q} "
                                    f"(e.g. {', '.join(missing[:3])})")
    quarter = complete[-1]
    source = f"Danmarks Statistik, FOLK1A, {quarter} ({file_name})"
    rows = [Municipality(m.name, m.code, m.region, values[quarter][m.code], _quarter_date(quarter), source)
            for m in current.rows]
    return rows, quarter


def write_municipalities(rows: list[Municipality], path: Path) -> None:
    """Write atomically: a temporary file beside the target, renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(MUNICIPALITY_COLUMNS)
            for m in rows:
                w.writerow([m.name, m.code, m.region, m.population, m.population_date.isoformat(), m.source])
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.reference", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    f = sub.add_parser("folk1a", help="replace the populations with a FOLK1A export (CSV, area × quarter)")
    f.add_argument("export")
    f.add_argument("--out", help=f"default: {DEFAULT_DIR / MUNICIPALITIES_FILE}")
    args = ap.parse_args(argv)
    out = Path(args.out) if args.out else reference_dir() / MUNICIPALITIES_FILE
    export = Path(args.export)
    try:
        current = read_municipalities(out if out.exists() else DEFAULT_DIR / MUNICIPALITIES_FILE)
        try:
            data = export.read_bytes()
        except OSError as exc:
            raise InputError(export.name, f"cannot read file ({exc.strerror or 'not found'})") from None
        if not data.strip():
            raise InputError(export.name, "file is empty")
        text = decode(data, export.name).text
        rows, quarter = parse_folk1a(text, export.name, current)
    except InputError as exc:
        print(exc.line(), file=sys.stderr)
        return 1
    write_municipalities(rows, out)
    print(f"{out}: {len(rows)} municipalities, population {quarter} ({sum(m.population for m in rows):,} in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
