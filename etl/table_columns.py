"""Which column of a generic table holds which field, and in what unit its money is.

Municipal spreadsheets and report tables name the same things in many ways
("Titel", "Spareemne", "Tiltag"; "Besparelse", "Budgetændring", "B2020",
"2019 (helårsvirkning)"), in Danish or English. Mapping headers by synonyms lets
one parser read them all. A header also says how to read its figures: the unit
it prints ("1.000 kr.", "mio. kr.") and whether its name makes a saving positive
("Besparelse", "Gevinst") or negative ("Budgetændring": a saving is reduced
expenditure). The table-level readings (a unit printed once above the table, the
sign convention) are decided in :mod:`etl.table_context` and :mod:`etl.table_amounts`.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from etl.core.when import is_full_year_label, relative_year
from etl.parse.common import squash

#: field → header prefixes (folded: lower case, æøå → ae/oe/aa, unit and punctuation removed).
#: A header matches a field when it equals one of them or starts with one followed by a
#: space; the first field wins (so "Forslag nr." is a number and "Forslag" a title).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("nr", "nummer", "lbnr", "loebenr", "loebenummer", "forslagsnr", "forslagsnummer", "forslag nr",
               "id", "ref", "refnr", "ref nr", "reference", "no"),
    "realised": ("realiseret", "realised", "realized", "faktisk gevinst", "actual saving"),
    "full_year": ("helaarseffekt", "helaarsvirkning", "helaarsbesparelse", "varig effekt", "varig virkning",
                  "varig aendring", "samlet varig aendring", "varig besparelse", "fuld effekt",
                  "effekt ved fuld indfasning", "fuldt indfaset effekt", "aarlig effekt", "aarlig besparelse",
                  "full year effect", "full-year effect", "annual effect"),
    "expected": ("forventet gevinst", "forventet besparelse", "forventet effekt", "forventet provenu",
                 "expected saving", "expected gain", "expected savings", "expected effect", "gevinst",
                 "besparelse", "besparelser", "besparelsespotentiale", "nettobesparelse", "provenu", "effekt",
                 "nettoeffekt", "oekonomisk effekt", "oekonomi", "driftseffekt", "beloeb", "reduktion",
                 "aendring", "budgetaendring", "nettoaendring", "mindreudgift", "merudgift mindreudgift",
                 "potentiale", "effektiviseringsgevinst", "effektivisering", "estimeret besparelse",
                 "oekonomisk konsekvens", "oekonomiske konsekvenser", "saving", "savings", "amount"),
    "cost": ("implementeringsomkostninger", "implementeringsomkostning", "implementation cost", "engangsudgift",
             "engangsomkostning", "investering", "investeringsbehov", "etableringsudgift", "one-off cost"),
    "year": ("fuldt indfaset", "full phase-in", "full phase in", "fully phased in", "indfasningsaar",
             "phase-in year", "phase in year", "fuld effekt fra", "virkning fra", "effekt fra"),
    "municipality": ("kommune", "kommunenavn", "municipality", "municipalities"),
    "title": ("titel", "initiativ", "initiativets titel", "forslag", "forslagets titel", "forslagets navn",
              "title", "initiative", "proposal", "projekt", "project", "tiltag", "overskrift", "spareemne",
              "emne", "navn", "spareforslag", "effektiviseringsforslag", "reduktionsforslag",
              "besparelsesforslag", "budgetforslag", "forslag til besparelse", "tekst", "indsats", "name",
              "measure", "item"),
    "description": ("beskrivelse", "description", "indhold", "summary", "resume", "kort beskrivelse",
                    "beskrivelse af forslaget", "uddybning"),
    "sector": ("sektor", "sector", "fagomraade", "fagomraader", "beroerte fagomraader", "omraade", "area",
               "policy area", "sted", "udvalg", "fagudvalg", "politikomraade", "bevillingsomraade",
               "forvaltning", "center", "afdeling", "delomraade", "hovedomraade", "budgetomraade",
               "serviceomraade", "driftsomraade", "enhed", "department", "committee"),
    "adopted": ("vedtaget", "er forslaget vedtaget", "adopted", "approved", "godkendt", "beslutning",
                "besluttet", "politisk beslutning"),
    "status": ("status",),
    "type": ("type", "typer af tiltag", "type af tiltag", "tiltagstype", "type of measure",
             "measure type", "kind"),
}
MONEY_FIELDS = ("expected", "full_year", "realised", "cost", "row_total")

_UNITS = [  # (pattern on the folded header, multiplier to t.kr.) — most specific first
    (re.compile(r"mio\.?\s*kr|mill?\.?\s*kr|\bmio\b|dkk\s*m(ill(ion)?s?)?\b|million"), 1000.0),
    (re.compile(r"\bt\.?\s*kr|\btkr|1[.,]?000\s*kr|\bkr\.?\s*1[.,]?000\b|dkk\s*thousands?|dkk\s*1[.,]?000|"
                r"thousands?\s*dkk|\bthousands?\b|\btusinde?\s+kr"), 1.0),
    (re.compile(r"\bkr\b\.?|\bdkk\b|\bkroner\b"), 0.001),
]
#: a share or a count, not money: "Besparelse (%)", "Effekt (årsværk)", "Antal pladser"
_NOT_MONEY = re.compile(r"%|\bpct\b|procent|percent|aarsvaerk|fuldtid|stillinger|\bantal\b|personer|\btimer\b")
_ONE_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
#: "2015 p/l", "2020-priser", "p/l 2019": a price level, never a year column
_PRICE_YEAR = re.compile(r"\b(?:19|20)\d{2}\s*-?\s*(?:p\s*/\s*l|pl|priser|prisniveau)\b|"
                         r"\b(?:p\s*/\s*l|pl|prisniveau)\s*(?:19|20)\d{2}\b")
#: a year column's prefix: "B2020", "BO 2021", "Budget 2019", "Overslagsår 2021", "Realiseret 2019"
_YEAR = re.compile(r"^(?:(?P<kind>realiseret|realised|realized|forventet|expected|budget|budgetaar|b|bo|bf|"
                   r"overslagsaar|budgetoverslag|overslag)\s*)?(?P<year>(?:19|20)\d{2})$")
#: relative year columns, anchored on the budget year: "Budgetår", "BF", "1. overslagsår", "BO2"
_RELATIVE = re.compile(r"^(?:(?P<n1>[1-9])\s*)?(?:overslagsaar|budgetoverslag|ovs)\s*(?P<n2>[1-9])?$|"
                       r"^bo\s*(?P<n3>[1-9])$|^(?P<zero>budgetaar|bf|budgetforslag)$")

SignHint = Literal["saving", "change"]
#: header words that say what sign a saving has: a saving is named ("Besparelse", positive)
#: or a change of the budget is printed ("Budgetændring": reduced expenditure, negative)
_CHANGE_WORDS = re.compile(r"aendring|udgift|budgetkorrektion|effekt paa drift|\bnetto\b|\bchange\b")
_SAVING_WORDS = re.compile(r"besparelse|gevinst|provenu|reduktion|spare|effektivisering|mindreudgift|saving")


def fold(text: str) -> str:
    """Lower case, Danish letters spelled out, whitespace squashed: comparable headers."""
    s = squash(text).lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e")):
        s = s.replace(a, b)
    return s


def _bare(header: str) -> str:
    """The header without its unit and punctuation: 'Forventet gevinst (t.kr.)' → 'forventet gevinst'."""
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", fold(header))
    s = _PRICE_YEAR.sub(" ", s)
    s = re.sub(r"[^a-z0-9# \-]", " ", s)
    return squash(s)


@functools.lru_cache(maxsize=4096)  # headers and cells repeat down a table: each text is read once
def header_unit(header: str) -> float | None:
    """Multiplier from the header's money unit to t.kr., or None when it names none."""
    h = fold(header)
    for pattern, factor in _UNITS:
        if pattern.search(h):
            return factor
    return None


#: a money word followed by a preposition starts a phrase ("Reduktion af …", "Besparelse på …")
_PHRASE = re.compile(r"(?:af|paa|til|for|med|gennem|som|ved hjaelp)\b")
_ROW_TOTAL = re.compile(r"(?:i alt|total|totalt|sum|samlet|[a-z ]+ i alt)(?: \d{4}(?: ?- ?\d{2,4})?)?")
#: One pattern per field, in SYNONYMS order: a header equal to a synonym or starting with it and a space.
_FIELD_PATTERNS = [(name, re.compile("(?:" + "|".join(map(re.escape, prefixes)) + r")(?: |$)"))
                   for name, prefixes in SYNONYMS.items()]


@functools.lru_cache(maxsize=4096)
def field_of(header: str) -> str | None:
    """The field a header names, or None."""
    bare = _bare(header)
    if not bare:
        return None
    if _ROW_TOTAL.fullmatch(bare):
        return "row_total"
    for name, pattern in _FIELD_PATTERNS:
        m = pattern.match(bare)  # whole words only: "Forslagstype" is not "Forslag"
        if m is None:
            continue
        if name in MONEY_FIELDS and _PHRASE.match(bare[m.end():]):
            return None  # "Reduktion af vikarbudget …" is a title's text, not a column of amounts
        if name in ("title", "description") and header_unit(header) is not None:
            return "expected"  # "Spareforslag (1.000 kr.)" holds amounts
        return name
    return None


@functools.lru_cache(maxsize=4096)
def sign_hint(header: str) -> SignHint | None:
    """What the header's name says about the sign of a saving (None: nothing)."""
    h = re.sub(r"\(.*?\)", " ", fold(header))  # "Ændring (- = mindreudgift)": the name, not its legend
    if "merudgift" in h and "mindreudgift" in h:
        return "change"  # "Merudgift/mindreudgift": a budget change
    change = bool(_CHANGE_WORDS.search(h.replace("mindreudgift", "")))
    saving = bool(_SAVING_WORDS.search(h))
    if change == saving:
        return None
    return "change" if change else "saving"


@dataclass(frozen=True)
class YearColumn:
    """A yearly gain column. ``offset`` is set for relative columns ("1. overslagsår")
    whose ``year`` is the budget year + offset once the budget year is known."""

    col: int
    year: int | None
    kind: str  # expected | realised
    header: str
    full_year: bool = False  # "2019 (helårsvirkning)": also the full-year effect
    offset: int | None = None


def year_column(col: int, header: str) -> YearColumn | None:
    """A yearly gain column: '2025', 'B2020', 'BO2021', 'Budget 2019', 'Realiseret 2024',
    'Forventet gevinst 2026 (t.kr.)', '2019 (helårsvirkning)', '1. overslagsår'; None otherwise."""
    found = _year_of(header)
    return None if found is None else dataclasses.replace(found, col=col)


@functools.lru_cache(maxsize=4096)
def _year_of(header: str) -> YearColumn | None:
    col = 0
    bare = _bare(header)
    full = is_full_year_label(header) or "full year" in fold(header)
    m = _YEAR.match(bare)
    if m:
        kind = "realised" if (m.group("kind") or "").startswith("reali") else "expected"
        return YearColumn(col, int(m.group("year")), kind, header, full)
    n_year = relative_year(header)
    if n_year is not None:  # "År 1" is the budget year
        return YearColumn(col, None, "expected", header, full, offset=n_year - 1)
    r = _RELATIVE.match(bare)
    if r:
        n = r.group("n1") or r.group("n2") or r.group("n3")
        if n or r.group("zero"):  # a bare "Overslagsår" is a band over the years, not one year
            return YearColumn(col, None, "expected", header, full, offset=int(n) if n else 0)
    years = _ONE_YEAR.findall(bare)
    if len(years) == 1 and not re.search(r"\d{4}\s*-\s*\d{2}", bare):
        rest = _ONE_YEAR.sub(" ", header)
        name = field_of(rest)
        if name == "title" and _SAVING_WORDS.search(fold(rest)):
            name = "expected"  # "Spareforslag 2021": the proposals' amounts for 2021
        if name in ("expected", "realised", "full_year"):
            kind = "realised" if name == "realised" else "expected"
            return YearColumn(col, int(years[0]), kind, header, full or name == "full_year")
    return None


@dataclass
class ColumnMap:
    """Column index per field, the unit each money column prints, the yearly gain columns,
    and what each amount column's name says about signs."""

    columns: dict[str, int] = field(default_factory=dict)
    own_units: dict[int, float] = field(default_factory=dict)  # column → unit printed in its header
    year_columns: list[YearColumn] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    hints: dict[int, SignHint] = field(default_factory=dict)
    table_unit: float | None = None  # decided for the table (printed above it, or inferred)
    title_inferred: bool = False  # no title header: the first text column left of the years

    def has_title(self) -> bool:
        return "title" in self.columns or "description" in self.columns

    def unit_of(self, col: int) -> float | None:
        return self.own_units.get(col, self.table_unit)

    def money_columns(self) -> list[int]:
        """Every column holding amounts: the money fields and the yearly columns."""
        cols = [self.columns[f] for f in MONEY_FIELDS if f in self.columns]
        return cols + [y.col for y in self.year_columns]

    def header_units(self) -> dict[float, str]:
        """Units the money headers print (unit → first header printing it)."""
        out: dict[float, str] = {}
        for col in self.money_columns():
            if col in self.own_units:
                out.setdefault(self.own_units[col], squash(self.headers[col]))
        return out


def map_header(cells: list[str]) -> ColumnMap:
    """Map one header row."""
    cm = ColumnMap(headers=list(cells))
    for i, cell in enumerate(cells):
        if not cell.strip():
            continue
        year = year_column(i, cell)
        if year and _NOT_MONEY.search(fold(cell)):
            continue  # "Årsværk 2021"
        if year:
            cm.year_columns.append(year)
            unit = header_unit(cell)
            if unit is not None:
                cm.own_units[i] = unit
            if hint := sign_hint(cell):
                cm.hints[i] = hint
            continue
        name = field_of(cell)
        if name is None or name in cm.columns:
            continue
        if name in MONEY_FIELDS and _NOT_MONEY.search(fold(cell)):
            continue  # "Besparelse (%)" is a share, "Effekt (årsværk)" a count: not money
        cm.columns[name] = i
        if name in MONEY_FIELDS:
            unit = header_unit(cell)
            if unit is not None:
                cm.own_units[i] = unit
            if hint := sign_hint(cell):
                cm.hints[i] = hint
    if not cm.has_title():  # "Område/forslag", "Emne og beskrivelse": a combined header names the title
        for i, cell in enumerate(cells):
            parts = [p for p in re.split(r"\s*(?:/|\bog\b|&)\s*", cell) if p.strip()]
            if len(parts) > 1 and any(field_of(p) in ("title", "description") for p in parts[1:] + parts[:1]):
                if cm.columns.get("sector") == i:
                    del cm.columns["sector"]
                cm.columns["title"] = i
                break
    if not cm.has_title() and len(cm.year_columns) >= 2:
        # "1.000 kr. 2019 p/l | 2020 | 2021 | 2022": the rows' names stand under the unit
        first_year = min(y.col for y in cm.year_columns)
        used = set(cm.columns.values())
        free = [i for i in range(first_year) if i not in used]
        if free and (not cells[free[-1]].strip() or field_of(cells[free[-1]]) is None):
            cm.columns["title"] = free[-1]
            cm.title_inferred = True
    return cm


def _mapped_share(row: list[str], cm: ColumnMap) -> float:
    filled = [i for i, c in enumerate(row) if c.strip()]
    used = set(cm.columns.values()) | {y.col for y in cm.year_columns}
    return sum(1 for i in filled if i in used) / len(filled) if filled else 0.0


_FIGURE = re.compile(r"^[-−–÷(~<>]?\s*(?:ca\.?\s*)?\d[\d.,\s]*\)?(?:\s*(?:mio\.?|t\.?\s*kr\.?|kr\.?))?$", re.I)


def _title_by_content(cm: ColumnMap, below: list[list[str]]) -> None:
    """A money-named column whose cells are words ("Effektivisering: Digital post") holds the
    titles when no header names them."""
    for name in ("expected", "row_total"):
        col = cm.columns.get(name)
        cells = [r[col].strip() for r in below if col is not None and col < len(r) and r[col].strip()]
        if cells and sum(1 for c in cells if not _FIGURE.match(c) and len(c) > 3) >= 0.8 * len(cells):
            cm.columns["title"] = cm.columns.pop(name)
            cm.own_units.pop(cm.columns["title"], None)
            cm.hints.pop(cm.columns["title"], None)
            return


#: Headers that name a proposal's topic (folded): its title in most lists ("Spareemne | Beskrivelse":
#: "Færre vikartimer"), the type of measure in some databases ("Serviceforringelser").
TOPIC_HEADERS = ("spareemne", "emne")
_CATEGORY_SPLIT = re.compile(r"\s*[,/]\s*")


def topic_is_type(values: list[str], has_description: bool) -> bool:
    """Whether a topic column ("Spareemne", "Emne") holds the type of measure rather than the
    title: only beside a description (which then gives the title), and only when most of its
    cells are category names — one word, or a list of one-word names ("Serviceforringelser",
    "Sammenlægninger/lukninger"), where a title is a phrase ("Færre vikartimer"). The one rule
    for generic tables and proposal lists."""
    cells = [squash(v) for v in values if squash(v)]
    if not has_description or not cells:
        return False
    categories = sum(all(len(part.split()) == 1 for part in _CATEGORY_SPLIT.split(c) if part) for c in cells)
    return categories >= 2 / 3 * len(cells)


def measure_types(text: str) -> list[str]:
    """The types of measure a cell or field lists: "Elevpladser og kurser, Medarbejdervilkår" → two."""
    return [squash(t) for t in re.split(r"[;,\n]", text) if squash(t)]


def _topic_by_content(cm: ColumnMap, row: list[str], below: list[list[str]]) -> None:
    """A topic-headed title column whose cells are categories is the type of measure; the
    description beside it gives the titles."""
    col = cm.columns.get("title")
    if col is None or col >= len(row) or fold(row[col]).strip(" .:") not in TOPIC_HEADERS:
        return
    if topic_is_type([r[col] for r in below if col < len(r)], "description" in cm.columns):
        cm.columns["type"] = cm.columns.pop("title")


def find_header(rows: list[list[str]], search: int = 30, strict: bool = False) -> tuple[int, ColumnMap] | None:
    """The first row (of the first ``search``) that maps a title column, and its map.

    A header names mostly fields: at least half its filled cells map (all of them
    when ``strict``), so a data row such as "Forslag 1: …" | "Beskrivelse af …" is
    not taken for one. Rows above it are captions and notes (read by
    :mod:`etl.table_context`)."""
    for i, row in enumerate(rows[:search]):
        cm = map_header(row)
        if not cm.has_title() and not strict:
            _title_by_content(cm, rows[i + 1:i + 13])
        _topic_by_content(cm, row, rows[i + 1:i + 13])
        if (cm.has_title() and len(cm.columns) + len(cm.year_columns) >= 2
                and _mapped_share(row, cm) >= (1.0 if strict else 0.5)
                and not (cm.title_inferred and strict)):
            return i, cm
    return None


def describe_headers(rows: list[list[str]]) -> str:
    """The table's header as printed (its first row with two or more filled cells),
    for the 'no title column' error message."""
    row = next((r for r in rows if sum(1 for c in r if squash(c)) >= 2), rows[0] if rows else [])
    text = ", ".join(dict.fromkeys(squash(c) for c in row if squash(c)))
    return text[:200] + ("…" if len(text) > 200 else "") if text else "no header"
