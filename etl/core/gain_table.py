"""Small gain tables printed inside prose or inside a cell: a header of years, rows of gains.

Catalogue examples and proposal texts often give their gain as a small table rather than a sentence::

    Udrulning af Sverigesprogrammet til hele kommunen (1.000 kr.)   2016    2017    2018    2019
    Opnormeringer, sagsbehandlere, psykologer …                     6.265   6.265   6.065   6.065
    Forventet besparelse på anbringelser                           -3.500  -7.500 -11.000 -11.000
    Nettobesparelse                                                 3.165    -835  -4.735  -4.935

    Mio. kr.            År 1    År 2    År 3    År 4
    I alt besparelse    -0,05   0,57    0,91    1,24

    År 1: 0 kr.
    År 2: 500.000 kr.
    År 3: 1.500.000

:func:`find_gain_tables` finds them in a block of lines (cells separated by tabs, as
the text layer and the PDF layout reader give them, or "label: amount" lines);
:func:`read_gain_table` reads one into a :class:`GainSeries` — yearly gains with
savings positive, the full-year effect and the first year at it — or None with notes.

The rules, in order:

* **Time columns**: "2016", "B16", "BO2021", "Budget 2019", "2021→", "2019 og frem",
  relative years ("År 1", "1. år", anchored by :class:`etl.core.when.Anchor`) and the
  full-year effect ("Helårseffekt", "Varig effekt"; "Årlig gevinst | Mio. kr."). Accounts
  ("R2014", "FR2015") and period totals ("I alt", "Total", "2016-18") are not gains.
* **Unit**: a header cell ("(1.000 kr.)", "Mio. kr."), the row's label ("(mio. kr.)"), the
  caption line above ("Beløb i 1.000 kr."), or the cell itself ("27.285 kr."). No unit:
  nothing is read (a guess would be off by a thousand).
* **The row**: one labelled as the forecast ("Forventet …") beats the table's bottom line
  (its last net or total row: "Netto…", "Provenu", "Resultat", "Samlet", "I alt",
  "Overskud"), which beats a gross saving row ("Sparet …", "Mindreudgift …"); costs
  ("Udgift", "Investering", "Licenser") and running totals ("Akkumulerede …") never. A
  lone row is the gain row. Two scenarios that disagree leave it unread, and so do
  component rows that stop after a year ("Reduktion i ledelse 0,42 | – | –"): a saving
  does not vanish, so such rows are yearly increments and the level is not printed.
* **Sign**: a legend ("Negative beløb = investeringer") decides; else the sign of the
  saving rows (budget tables print savings negative), else the opposite of the costs,
  else the sign of the chosen row's last figure, a guess that is warned.
* **Full-year effect**: the full-year column, else the last year's figure; the full year
  is the first of the final run of years at that figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from etl.core.amount_phrase import Note, YearGain, anchor_note, bounds
from etl.core.model import Code
from etl.core.numbers import Amount, find_amounts, parse_amount
from etl.core.when import Anchor, is_full_year_label, relative_year
from etl.table_columns import header_unit

# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    """A time column: a calendar year, a relative year or the full-year effect."""

    index: int
    label: str
    year: int | None = None
    relative: int | None = None
    full_year: bool = False
    onward: bool = False


_CAL = re.compile(r"^(?:B|BO|Budget\s*|Budgetår\s*|Forventet\s*)?(?P<y>(?:19|20)\d\d)\s*(?P<on>→|->|\+|og\s+frem\w*)?"
                  r"\s*(?P<paren>\(.*\))?\s*\*?$", re.IGNORECASE)
_SHORT = re.compile(r"^B(?P<yy>\d\d)$")


def time_column(index: int, cell: str) -> Column | None:
    """The column a header cell names, or None ("R2014" accounts, "I alt", "2016-18" are not gains)."""
    s = " ".join(cell.split()).strip()
    if not s:
        return None
    m = _CAL.match(s)
    if m:
        full = bool(m.group("paren") and is_full_year_label(m.group("paren")))
        return Column(index, s, year=int(m.group("y")), onward=bool(m.group("on")), full_year=full)
    m = _SHORT.match(s)
    if m:
        return Column(index, s, year=2000 + int(m.group("yy")))
    n = relative_year(s)
    if n is not None:
        return Column(index, s, relative=n)
    if is_full_year_label(s) and len(s) < 40:
        return Column(index, s, full_year=True)
    return None


_UNIT_ONLY = re.compile(r"\(?\s*(?:mio\.?\s*kr\.?|mio\.|1\.000(?:\s*kr\.?)?|t\.?\s*kr\.?|tkr\.?|kr\.?|kroner)\s*\)?",
                        re.IGNORECASE)


def _unit(text: str) -> float | None:
    """A unit stated without a figure: "(1.000 kr.)", "Mio. kr.", "(1.000)", "Beløb i 1.000 kr."."""
    s = " ".join(text.split())
    if re.fullmatch(r"\(?\s*(?:kr\.?\s*)?1\.000(?:\s*kr\.?)?\s*\)?", s, re.IGNORECASE):
        return 1.0
    if find_amounts(s):
        return None  # "9 mio. kr. over 5 år" states an amount, not a unit
    return header_unit(s)


_CAPTION_UNIT = re.compile(r"\(\s*(?:mio\.?|1\.000|t\.?|i)?\s*(?:kr\.?|kroner)\s*(?:,[^)]*)?\)|\(\s*mio\.\s*\)"
                           r"|\b(?:beløb(?:ene)?|tal(?:lene)?)\s+(?:er\s+)?(?:angivet\s+)?i\s+(?:hele\s+)?"
                           r"(?:mio\.?\s*kr\.?|1\.000\s*kr\.?|t\.?\s*kr\.?|tkr\.?|kr(?:oner)?\.?)", re.IGNORECASE)


def _caption_unit(line: str) -> float | None:
    """The unit a line above a table states: "(1.000 kr.)", "Beløb i mio. kr.", or a short line that is a unit."""
    m = _CAPTION_UNIT.search(line)
    if m:
        return _unit(m.group(0).strip("()")) or header_unit(m.group(0))
    return _unit(line) if len(line.strip()) <= 40 else None


# --------------------------------------------------------------------------- tables


Role = Literal["expected", "realised", "net", "saving_total", "saving", "cost", "skip", "other"]


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class GainTable:
    """A small table as printed: its time columns, its rows, the unit and caption around it."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unit_tkr: float | None
    header_label: str  # the header's own label ("Ændring", "(1.000 kr.)"), or the sentence above a list
    caption: str  # the lines just above it
    line: int
    text: str  # verbatim, rows joined by " | "
    lines: tuple[int, ...] = ()  # every line it occupies
    unit_from_lines: bool = False  # a list ("År 1: 0 kr."), its unit printed on some lines only


@dataclass(frozen=True)
class TableReading:
    """A table's series, or None, and the notes either way."""

    series: GainSeries | None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class GainSeries:
    """What a gain table says: yearly gains (savings positive), the full-year effect and its year."""

    kind: Literal["expected", "realised"]
    gains: tuple[YearGain, ...]
    full_year_tkr: float
    low_tkr: float | None
    high_tkr: float | None
    full_year: int | None
    label: str  # the row read
    text: str  # verbatim table
    line: int


_LIST_LINE = re.compile(r"^\s*[-•]?\s*(?P<label>(?:år|Year)\s*\d{1,2}|\d{1,2}\.\s?år|(?:19|20)\d\d(?:\s+og\s+frem\w*)?"
                        r"|helårs\w*|varig effekt)\s*:\s*(?P<value>.+?)\s*$", re.IGNORECASE)


def find_gain_tables(lines: list[tuple[int, str]]) -> list[GainTable]:
    """Every gain table in a block of (line number, text) lines, in order."""
    out: list[GainTable] = []
    i = 0
    while i < len(lines):
        table, i_next = _grid_at(lines, i) or _list_at(lines, i) or (None, i + 1)
        if table is not None:
            out.append(table)
        i = max(i_next, i + 1)
    return out


def _caption(lines: list[tuple[int, str]], i: int) -> str:
    return " ".join(t for _, t in lines[max(0, i - 2):i] if t.strip())


def _grid_at(lines: list[tuple[int, str]], i: int) -> tuple[GainTable, int] | None:
    ln, text = lines[i]
    if "\t" not in text:
        return None
    cells = text.split("\t")
    cols = [c for c in (time_column(j, cell) for j, cell in enumerate(cells)) if c is not None]
    label_cells = [c for j, c in enumerate(cells) if j < (cols[0].index if cols else len(cells))]
    if len(cols) == 0 and len(cells) == 2 and re.search(r"\bårlig", cells[0], re.IGNORECASE) and _unit(cells[1]):
        cols = [Column(1, cells[1].strip(), full_year=True)]  # "Årlig gevinst | Mio. kr."
    if len(cols) < 2 and not (cols and cols[0].full_year):
        return None
    unit = next((u for u in (_unit(c) for c in label_cells + [c for c in cells if time_column(0, c) is None])
                 if u is not None), None)
    caption = _caption(lines, i)
    if unit is None and i > 0 and "\t" in lines[i - 1][1]:
        unit = next((u for u in (_unit(c) for c in lines[i - 1][1].split("\t")) if u is not None), None)
    header_label = " ".join(c.strip() for c in label_cells if c.strip())
    rows = []
    j = i + 1
    while j < len(lines) and "\t" in lines[j][1]:
        rc = lines[j][1].split("\t")
        label = " ".join(c.strip() for c in rc[: cols[0].index] if c.strip()) or ""
        rows.append(Row(label, tuple(rc), lines[j][0]))
        j += 1
    if unit is None:  # "(mio. kr.)" as a row's label
        unit = next((_unit(r.label) for r in rows if _UNIT_ONLY.fullmatch(r.label)), None)
    if unit is None:
        unit = next((u for u in (_caption_unit(t) for _, t in reversed(lines[max(0, i - 2):i])) if u is not None),
                    None)
    if not rows:
        return None
    verbatim = " | ".join("\t".join(c.strip() for c in t.split("\t")) for _, t in lines[i:j])
    return GainTable(tuple(cols), tuple(rows), unit, header_label, caption, ln, verbatim,
                     tuple(n for n, _ in lines[i:j])), j


def _list_at(lines: list[tuple[int, str]], i: int) -> tuple[GainTable, int] | None:
    """"År 1: 0 kr." / "År 2: 500.000 kr." / "År 3: 1.500.000": a one-row table printed down the page."""
    j = i
    items: list[tuple[Column, str, int]] = []
    while j < len(lines) and (m := _LIST_LINE.match(lines[j][1])):
        col = time_column(len(items) + 1, re.sub(r"\s+og\s+frem\w*", "→", m.group("label")))
        if col is None or parse_amount(m.group("value"), 1.0) is None:
            break
        items.append((col, m.group("value"), lines[j][0]))
        j += 1
    if len(items) < 2:
        return None
    units = {a.unit_tkr for a in (parse_amount(v) for _, v, _ in items) if a is not None}
    unit = units.pop() if len(units) == 1 else None
    cells = ("",) + tuple(v for _, v, _ in items)
    verbatim = " | ".join(t.strip() for _, t in lines[i:j])
    caption = _caption(lines, i)
    return GainTable(tuple(c for c, _, _ in items), (Row("", cells, items[0][2]),), unit, caption, caption,
                     lines[i][0], verbatim, tuple(n for n, _ in lines[i:j]), unit_from_lines=True), j


# --------------------------------------------------------------------------- reading one table

_SKIP = re.compile(r"akkumuler|\bpr\.\s|\bper\s|\btimer\b|\bantal\b|\bpersoner\b|årsværk|fuldtids|\bpct\b|%",
                   re.IGNORECASE)
_SAVING = re.compile(r"besparelse|\bsparet|\bspar\w*|gevinst|mindreudgift|mindreforbrug|reduktion|budgetreduktion"
                     r"|effektivisering|\beffekt\b", re.IGNORECASE)
_NET = re.compile(r"\bnetto|resultat|provenu|overskud|\bsamlet\b|\bsamlede\b|\bi alt\b|\btotal|ændringsforslag",
                  re.IGNORECASE)
_COST = re.compile(r"udgift|investering|licens|\bløn\b|opnorm|kompetenceudvikling|anskaff|etablering|projektleder"
                   r"|merudgift|merforbrug|prioritering|kørsel|lokaler|arbejdsplads|konsulent|kampagne",
                   re.IGNORECASE)


def role(label: str) -> Role:
    """What a row is, from its label."""
    s = " ".join(label.split())
    if _SKIP.search(s):
        return "skip"
    if re.match(r"^\W*forventet\b", s, re.IGNORECASE) and not _COST.search(s):
        return "expected"
    if re.search(r"\brealiseret\b", s, re.IGNORECASE):
        return "realised"
    saving = bool(re.search(r"besparelse|\bsparet|mindreudgift|gevinst", s, re.IGNORECASE))
    if _COST.search(s) and not saving:
        return "cost"
    if _NET.search(s):
        return "saving_total" if saving and not re.search(r"netto|provenu|resultat", s, re.IGNORECASE) else "net"
    if _SAVING.search(s):
        return "saving"
    return "other"


#: Which row states the gain: a forecast, else the table's bottom line (a net or a total), else a gross saving.
_RANK: dict[Role, int] = {"expected": 0, "realised": 0, "net": 1, "saving_total": 1, "saving": 2, "other": 3}
_ALTERNATIVE = re.compile(r"scenari|alternativ|\bmodel\s+\d|\bforslag\s+\d", re.IGNORECASE)


def _value(cell: str, unit: float | None) -> Amount | None:
    c = cell.strip()
    if not c or re.fullmatch(r"[-–—]", c):
        return None
    return parse_amount(c, unit)


def _legend_sign(text: str) -> int | None:
    """+1 when the document says savings are printed positive, -1 when negative, None when it does not say."""
    s = text.lower()
    if re.search(r"negative?\s+beløb\s*(?:=|er|angiver)\s*(?:investering|udgift|merudgift|omkostning)", s) or \
            re.search(r"positive?\s+beløb\s*(?:=|er|angiver)\s*(?:besparelse|mindreudgift|gevinst)", s):
        return 1
    if re.search(r"(?:negative?\s+beløb|minus|÷)\s*(?:=|er|angiver)\s*(?:besparelse|mindreudgift|gevinst)", s) or \
            re.search(r"positive?\s+beløb\s*(?:=|er|angiver)\s*(?:udgift|merudgift|investering)", s):
        return -1
    return None


def read_gain_table(table: GainTable, *, anchor: Anchor | None = None, context: str = "") -> TableReading:
    """The gain series a table states, or None when it has no unit, no gain row, or two that disagree.

    ``context``: the text around the table, where a sign legend may be printed."""
    if table.unit_tkr is None and not any(find_amounts(c) for r in table.rows for c in r.cells[1:]):
        return TableReading(None, (Note(Code.AMOUNT_NO_UNIT, "a gain table without a unit was not read", table.text),))
    rows: list[tuple[Row, Role, list[Amount | None]]] = []
    for r in table.rows:
        own = bool(r.label) and not _UNIT_ONLY.fullmatch(r.label)  # "(mio. kr.)" names the unit, not the row
        label = r.label if own else table.header_label
        values = [_value(r.cells[c.index], table.unit_tkr) if c.index < len(r.cells) else None for c in table.columns]
        rl = role(label)
        if table.unit_from_lines and rl not in ("cost", "skip"):
            rl = "other"  # the sentence above a list names costs or nothing: a list is its own gain row
        if rl == "skip" or not any(v is not None and v.value_tkr for v in values):
            continue
        rows.append((Row(label, r.cells, r.line), rl, values))
    candidates = [x for x in rows if x[1] in _RANK]
    if not candidates:
        return TableReading(None)
    best = min(_RANK[x[1]] for x in candidates)
    top = [x for x in candidates if _RANK[x[1]] == best]
    if best == _RANK["other"] and len(rows) > 1:
        return TableReading(None)  # several rows, none says it is the gain
    alternatives = [x for x in top if _ALTERNATIVE.search(x[0].label)]
    if len(alternatives) > 1 and len({_last(v) for _, _, v in alternatives}) > 1:
        return TableReading(None, (Note(Code.AMOUNT_UNREADABLE, "the table has several gain rows that disagree: "
                                        + "; ".join(r.label for r, _, _ in alternatives), table.text),))
    row, rl, values = top[-1]  # the bottom line: a table sums up in its last row
    stops = [r.label for r, r2, vs in rows if r2 in ("saving", "other") and r is not row and _stops(vs)]
    if stops:  # a saving does not vanish: rows that stop are yearly increments, and the level is not printed
        return TableReading(None, (Note(Code.AMOUNT_UNREADABLE, "the table's rows look like yearly increments (a "
                                        f"saving stops after a year: {stops[0]}); the yearly level is not printed",
                                        table.text, {"row": stops[0]}),))
    notes: list[Note] = []
    sign = _legend_sign(context + " " + table.caption) or _sign_of(
        [v for _, r2, vs in rows if r2 in ("expected", "realised", "saving", "saving_total") for v in vs], 1) \
        or _sign_of([v for _, r2, vs in rows if r2 == "cost" for v in vs], -1)
    if sign is None:
        last = _last(values)
        sign = 1 if last is None or last > 0 else -1
        if sign < 0:
            notes.append(Note(Code.SIGN_CONVENTION_INFERRED, "the table does not say how it prints savings: its last "
                              "figure, negative, is taken as a saving", table.text, {"row": row.label}))
    if table.unit_from_lines:
        bare = [v.text for v in values if v is not None and not find_amounts(v.text)]
        if bare:
            notes.append(Note(Code.UNIT_INFERRED, f"{', '.join(bare)} has no unit: the unit of the list's other "
                              "lines is used", table.text, {"unit_tkr": table.unit_tkr}))
    return _series(table, row, rl, values, sign, anchor, notes)


def _stops(values: list[Amount | None]) -> bool:
    """A figure followed by an empty or zero year: "0,42 | – | –"."""
    seen = False
    for v in values:
        if v is not None and v.value_tkr:
            seen = True
        elif seen:
            return True
    return False


def _last(values: list[Amount | None]) -> float | None:
    present = [v for v in values if v is not None]
    return present[-1].signed_tkr if present else None


def _sign_of(values: list[Amount | None], direction: int) -> int | None:
    total = sum(v.signed_tkr for v in values if v is not None)
    if not total:
        return None
    return direction if total > 0 else -direction


def _series(table: GainTable, row: Row, rl: Role, values: list[Amount | None], sign: int, anchor: Anchor | None,
            notes: list[Note]) -> TableReading:
    gains: list[YearGain] = []
    full_col: tuple[Column, Amount] | None = None
    relative = False
    for col, v in zip(table.columns, values, strict=True):
        if v is None:
            continue
        if col.full_year and col.year is None:
            full_col = (col, v)
            continue
        year = col.year if col.year is not None else (anchor.year_of(col.relative) if anchor and col.relative
                                                       is not None else None)
        relative = relative or col.relative is not None
        if col.relative is not None and anchor is None:
            notes.append(Note(Code.YEAR_MISSING, f"'{col.label}' is a relative year and the document gives no year "
                              "to anchor it", table.text, {"relative": col.relative}))
        if any(g.year == year and g.relative == col.relative for g in gains):
            continue  # a header that repeats a year ("2015 2016 2016 2018"): once
        gains.append(YearGain(year=year, amount_tkr=v.signed_tkr * sign + 0.0, onward=col.onward, relative=col.relative,
                              text=f"{col.label}: {v.text}"))
    if relative and anchor is not None and anchor.guessed:
        notes.append(anchor_note(anchor, table.text))
    if full_col is not None:
        amount, full_year = full_col[1], None
    elif gains:
        last = gains[-1]
        amount = next(v for c, v in zip(table.columns, values, strict=True)
                      if v is not None and not (c.full_year and c.year is None) and f"{c.label}: {v.text}" == last.text)
        full_year = _first_at(gains, last.amount_tkr)
    else:
        return TableReading(None, tuple(notes))
    full = amount.signed_tkr * sign
    if full <= 0:
        notes.append(Note(Code.AMOUNT_UNREADABLE, f"the last figure of '{row.label}' is not a saving", table.text,
                          {"row": row.label}))
        return TableReading(None, tuple(notes))
    low, high = bounds(amount)
    kind: Literal["expected", "realised"] = "realised" if rl == "realised" else "expected"
    series = GainSeries(kind=kind, gains=tuple(gains), full_year_tkr=amount.value_tkr, low_tkr=low, high_tkr=high,
                        full_year=full_year, label=row.label, text=table.text, line=table.line)
    return TableReading(series, tuple(notes))


def _first_at(gains: list[YearGain], full: float) -> int | None:
    first: int | None = None
    for g in sorted((g for g in gains if g.year is not None), key=lambda g: g.year or 0):
        first = (g.year if first is None else first) if abs(g.amount_tkr - full) <= 1e-9 * max(1.0, full) else None
    return first
