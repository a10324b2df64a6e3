"""Which column of a generic table holds which field, and in what unit its money is.

Municipal spreadsheets and report tables name the same things in many ways
("Titel", "Initiativ", "Title"; "Forventet gevinst (t.kr.)", "Expected saving
(DKK thousands)"), in Danish or English. Mapping headers by synonyms lets one
parser read them all; the unit printed in a header ("1.000 kr.", "mio. kr.")
is how a figure becomes thousands of DKK without guessing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from etl.parse.common import squash

#: field → header prefixes (folded: lower case, æøå → ae/oe/aa, unit and punctuation removed).
#: A header matches a field when it equals one of them or starts with one followed by a
#: space; the first field wins.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "realised": ("realiseret", "realised", "realized", "faktisk gevinst", "actual saving"),
    "expected": ("forventet gevinst", "forventet besparelse", "forventet effekt", "forventet provenu",
                 "effekt ved fuld indfasning", "expected saving", "expected gain", "expected savings",
                 "expected effect", "gevinst", "besparelse", "provenu", "effekt", "saving", "savings"),
    "cost": ("implementeringsomkostninger", "implementeringsomkostning", "implementation cost", "engangsudgift",
             "one-off cost"),
    "year": ("fuldt indfaset", "full phase-in", "full phase in", "fully phased in", "indfasningsaar",
             "phase-in year", "phase in year"),
    "municipality": ("kommune", "kommunenavn", "municipality", "municipalities"),
    "title": ("titel", "initiativ", "initiativets titel", "forslag", "forslagets titel", "title",
              "initiative", "proposal", "projekt", "project", "tiltag", "overskrift"),
    "description": ("beskrivelse", "description", "indhold", "summary", "resume"),
    "sector": ("sektor", "sector", "fagomraade", "fagomraader", "beroerte fagomraader", "omraade",
               "area", "policy area"),
    "adopted": ("vedtaget", "er forslaget vedtaget", "adopted", "approved", "godkendt"),
    "status": ("status",),
    "type": ("type", "typer af tiltag", "type af tiltag", "tiltagstype", "type of measure",
             "measure type", "kind"),
}

_UNITS = [  # (pattern on the folded header, multiplier to t.kr.) — most specific first
    (re.compile(r"mio\.?\s*kr|mill?\.?\s*kr|\bmio\b|dkk\s*m(ill(ion)?s?)?\b|million"), 1000.0),
    (re.compile(r"\bt\.?\s*kr|\btkr|1[.,]?000\s*kr|dkk\s*thousands?|dkk\s*1[.,]?000|thousands?\s*dkk|"
                r"\bthousands?\b"), 1.0),
    (re.compile(r"\bkr\b\.?|\bdkk\b|\bkroner\b"), 0.001),
]
_YEAR = re.compile(r"^(?:(?P<kind>realiseret|realised|realized|forventet|expected|budget)\s*)?"
                   r"(?P<year>(19|20)\d{2})$")


_PERCENT = re.compile(r"%|\bpct\b|procent|percent")
_ONE_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@functools.lru_cache(maxsize=4096)
def _year_column(header: str) -> tuple[int, str] | None:
    """(year, kind) for a yearly gain column: '2025', 'Realiseret 2024',
    'Forventet gevinst 2026 (t.kr.)'; None otherwise."""
    bare = _bare(header)
    m = _YEAR.match(bare)
    if m:
        return int(m.group("year")), "realised" if (m.group("kind") or "").startswith("reali") else "expected"
    years = _ONE_YEAR.findall(bare)
    if len(years) == 1:
        name = field_of(_ONE_YEAR.sub(" ", header))
        if name in ("expected", "realised"):
            return int(years[0]), name
    return None


def fold(text: str) -> str:
    """Lower case, Danish letters spelled out, whitespace squashed: comparable headers."""
    s = squash(text).lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e")):
        s = s.replace(a, b)
    return s


def _bare(header: str) -> str:
    """The header without its unit and punctuation: 'Forventet gevinst (t.kr.)' → 'forventet gevinst'."""
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", fold(header))
    s = re.sub(r"[^a-z0-9 \-]", " ", s)
    return squash(s)


@functools.lru_cache(maxsize=4096)
def header_unit(header: str) -> float | None:
    """Multiplier from the header's money unit to t.kr., or None when it names none."""
    h = fold(header)
    for pattern, factor in _UNITS:
        if pattern.search(h):
            return factor
    return None


#: One pattern for SYNONYMS: a named group per field, fields and prefixes in their order, so the
#: first that matches as whole words wins ("Forslagsnummer" is not "Forslag"). Every data cell
#: of a table is tried as a repeated header, so this runs on every cell.
_FIELD = re.compile("(?:" + "|".join(f"(?P<{name}>{'|'.join(map(re.escape, prefixes))})"
                                     for name, prefixes in SYNONYMS.items()) + ")(?: |$)")


@functools.lru_cache(maxsize=4096)
def field_of(header: str) -> str | None:
    """The field a header names, or None."""
    m = _FIELD.match(_bare(header))
    return m.lastgroup if m else None


@dataclass
class ColumnMap:
    """Column index per field, units of the money columns, and yearly gain columns."""

    columns: dict[str, int] = field(default_factory=dict)
    units: dict[str, float | None] = field(default_factory=dict)
    year_columns: list[tuple[int, int, str, float | None]] = field(default_factory=list)  # col, year, kind, unit
    headers: list[str] = field(default_factory=list)
    table_unit: float | None = None  # a unit printed above the table, for money headers without one

    def has_title(self) -> bool:
        return "title" in self.columns


def map_header(cells: list[str], table_unit: float | None = None) -> ColumnMap:
    """Map one header row. ``table_unit`` is a unit printed above the table
    ('Beløb i 1.000 kr.'), used for money columns whose own header names none."""
    cm = ColumnMap(headers=list(cells), table_unit=table_unit)
    for i, cell in enumerate(cells):
        if not cell.strip():
            continue
        year = _year_column(cell)
        if year:
            cm.year_columns.append((i, year[0], year[1], header_unit(cell) or table_unit))
            continue
        name = field_of(cell)
        if name is None or name in cm.columns:
            continue
        if name in ("expected", "realised", "cost") and _PERCENT.search(fold(cell)):
            continue  # "Besparelse (%)" is a share, not money
        cm.columns[name] = i
        if name in ("expected", "realised", "cost"):
            cm.units[name] = header_unit(cell) or table_unit
    return cm


def _mapped_share(row: list[str], cm: ColumnMap) -> float:
    filled = [i for i, c in enumerate(row) if c.strip()]
    used = set(cm.columns.values()) | {c for c, *_ in cm.year_columns}
    return sum(1 for i in filled if i in used) / len(filled) if filled else 0.0


def find_header(rows: list[list[str]], search: int = 8, strict: bool = False) -> tuple[int, ColumnMap] | None:
    """The first row (of the first ``search``) that maps a title column, and its map.

    A header names mostly fields: at least half its filled cells map (all of them
    when ``strict``), so a data row such as "Forslag 1: …" | "Beskrivelse af …" is
    not taken for one. Rows above it are titles and notes; a unit printed there
    applies to the table."""
    unit = None
    for i, row in enumerate(rows[:search]):
        if strict and not all(field_of(c) or _year_column(c) for c in row if c.strip()):
            continue  # a data row: its first cell that names no field says so, without mapping the rest
        cm = map_header(row, unit)
        if (cm.has_title() and len(cm.columns) + len(cm.year_columns) >= 2
                and _mapped_share(row, cm) >= (1.0 if strict else 0.5)):
            return i, cm
        for cell in row:  # 'Beløb i 1.000 kr.' above the header
            unit = unit or header_unit(cell)
    return None


def describe_headers(rows: list[list[str]]) -> str:
    """The table's header as printed (its first row with two or more filled cells),
    for the 'no title column' error message."""
    row = next((r for r in rows if sum(1 for c in r if squash(c)) >= 2), rows[0] if rows else [])
    text = ", ".join(dict.fromkeys(squash(c) for c in row if squash(c)))
    return text[:200] + ("…" if len(text) > 200 else "") if text else "no header"
