"""The structure of a table's rows: initiatives, group headings, totals and notes.

Budget tables group their rows under headings ("Børne- og Ungdomsudvalget", "Ældreområdet")
and close the groups with totals ("I alt", "Total Koncernservice", "Samlet besparelse").
A heading is the department or area of the rows beneath it; a total is never an initiative
but a figure to check: the rows it covers must add up to it, year by year, and the result
(printed, computed, difference) is stored so a reader sees "sums agree" or the mismatch.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Literal

from etl.core.amount_phrase import read_paren_legend
from etl.core.model import Code, ParseWarning, TableTotal
from etl.core.numbers import read_number
from etl.municipality_names import municipality
from etl.parse.common import squash_rows
from etl.sectors import sectors_for
from etl.table_columns import ColumnMap, fold
from etl.table_context import committee_in, sign_legend, unit_statement
from etl.table_sums import Ahead, Values, first_sum, initiative_run, sum_matches

Kind = Literal["initiative", "heading", "total", "note"]

#: A total's label (folded): "I alt", "Total Koncernservice", "Besparelser i alt", "Subtotal",
#: "Samlet besparelse"; "Samlet indkøb" is a total only when its figures are the sum above it.
_TOTAL = re.compile(
    r"^(?:i\s?alt|total[et]?|totaler|sum|subtotal|sub-total|hovedtotal|grand total)\b|"
    r"^samlet(?:\s+(?:sum|total|i alt))?\W*$|"
    r"^samlet\s+(?:besparelse|effekt|effektivisering|reduktion|provenu|aendring|varig|oekonomisk|beloeb|"
    r"spareforslag|gevinst|resultat|netto|udgift|tilpasning|ramme)\w*|\bi\s?alt\W*$|\btotal\W*$")
_MAYBE_TOTAL = re.compile(r"^samlet\s")
_NOTE = re.compile(r"^\W*(?:note|noter|anm|anmærkning|kilde|bemærk|obs|\*|¹|²|³|\d\)|nb\b)", re.I)
_SAVING_WORD = re.compile(r"besparelse|spareforslag|effektivisering|reduktion|gevinst|provenu")


@dataclass
class Planned:
    """One data row and what it is."""

    index: int  # into the table's data rows
    kind: Kind
    label: str = ""  # the heading or total as printed
    groups: tuple[str, ...] = ()  # headings over an initiative, outermost first
    covers: list[int] = field(default_factory=list)  # a total's or summing heading's initiative rows


def is_total_label(label: str) -> bool:
    return bool(_TOTAL.search(fold(label)))


def names_a_saving(label: str) -> bool:
    """'Samlet besparelse', 'Spareforslag i alt': a total whose sign shows the convention."""
    return bool(_SAVING_WORD.search(fold(label)))


_DIGITS = re.compile(r"[-–—÷.,\s\d]+")


def _numeric(text: str) -> bool:
    return read_number(text.strip("() ")) is not None or bool(_DIGITS.fullmatch(text))


def _label(row: list[str], cells: list[str], t: int | None) -> str:
    """The row's name: its title cell (column ``t``), else its first filled text cell.
    ``cells``: the row's cells squashed."""
    if t is not None and t < len(row) and cells[t]:
        return cells[t]
    return next((s for c, s in zip(row, cells) if s and not _numeric(c)), "")


def _is_note(text: str) -> bool:
    return bool(_NOTE.match(text) or sign_legend(text) or read_paren_legend(text)
                or (unit_statement(text) and len(text) < 60 and not is_total_label(text)) or len(text) > 160)


def _known_group(text: str) -> bool:
    """A name that is surely a heading when it stands over rows: a sector, committee or municipality."""
    return bool(sectors_for(text) or committee_in(text) or municipality(text)
                or (text.isupper() and len(text) >= 4))


_SECTION = re.compile(r"(?:[A-ZÆØÅ]|[IVX]+)\.?")


def _section_number(cells: list[str], number: int | None, rows: list[list[str]], i: int) -> bool:
    """A group's number: a letter or roman numeral ("B", "IV."), or the start of the numbers
    of the rows beneath it ("3" over "3.1", "3.2"). ``rows``: the table's rows, squashed."""
    if number is None or number >= len(cells) or not cells[number]:
        return False
    own = cells[number].rstrip(".")
    if _SECTION.fullmatch(cells[number]):
        return True
    nxt = next((r[number] for r in (rows[j] for j in range(i + 1, min(len(rows), i + 50)))
                if number < len(r) and r[number]), "")
    return bool(nxt) and re.match(re.escape(own) + r"[.\-/ ]\w", nxt) is not None


def classify_key(cm: ColumnMap) -> tuple:
    """What :func:`classify` reads of a column map: the same key, the same kinds."""
    return (tuple(cm.money_columns()), cm.columns.get("number"),
            cm.columns.get("title", cm.columns.get("description")), cm.columns.get("sector"))


def _picker(cols: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells at ``cols`` of a row wider than every one of them, as a tuple (in C)."""
    if len(cols) == 1:
        col = cols[0]
        return lambda row: (row[col],)
    return itemgetter(*cols) if cols else (lambda row: ())


def _alone(cells: list[str], cols: list[int], label: str = "") -> bool:
    """No cell of ``cols`` is filled with anything but ``label``."""
    return not any(cells[j] and cells[j] != label for j in cols if j < len(cells))


def classify(rows: list[list[str]], cm: ColumnMap, squashed: list[list[str]] | None = None) -> list[Planned]:
    """Each data row's kind. A heading: one text alone on its row (or a known area name over
    figures that add up to the rows beneath it, checked in :func:`plan`); a total: a label such
    as "I alt" beside nothing but figures; a note: a single line that is a footnote, legend or
    unit statement. ``squashed``: :func:`etl.parse.common.squash_rows` of ``rows``, if the
    caller has it.

    The rules are :func:`_kind`'s, row by row; the common row — its title, a figure and another
    filled cell, so neither a total nor a heading nor a note — is found for all rows at once
    (:func:`_plain_initiatives`) and only the others go through them."""
    money = set(cm.money_columns())
    number, title = cm.columns.get("number"), cm.columns.get("title", cm.columns.get("description"))
    plain = {number, cm.columns.get("sector")}
    srows = squash_rows(rows) if squashed is None else squashed
    width = max(map(len, srows), default=0)
    others = [j for j in range(width) if j not in money and j not in plain]  # beside a total: nothing
    shape = _Shape(srows, number, title, width, others, sorted(j for j in money if j < width))
    common = _plain_initiatives(srows, shape)
    kind: Kind = "initiative"
    out = list(map(Planned, common, repeat(kind), map(itemgetter(title), map(srows.__getitem__, common))))
    if len(common) < len(srows):
        rest = set(range(len(srows))).difference(common)
        out += filter(None, [_kind(i, rows, shape) for i in sorted(rest)])
        out.sort(key=attrgetter("index"))
    # a lone line after the last figure row is a footnote, even if it looks like a heading
    while out and out[-1].kind == "heading":
        out[-1].kind = "note"
    return out


class _Shape:
    """What :func:`classify` reads of a table: its rows squashed, the number and title columns,
    the width of its widest row, the columns beside a total's label (``others``), the money
    columns of that width, and (:meth:`typical`) the filled cells of a typical row."""

    def __init__(self, srows: list[list[str]], number: int | None, title: int | None, width: int,
                 others: list[int], monies: list[int]) -> None:
        self.srows, self.number, self.title, self.width = srows, number, title, width
        self.others, self.monies = others, monies
        self.pick_other, self.pick_money = _picker(others), _picker(monies)
        self._typical: int | None = None

    def typical(self) -> int:
        """The median of the rows' filled cells (empty rows left out), counted when first asked:
        only a row that may be a heading asks."""
        if self._typical is None:
            filled = sorted(filter(None, [len(r) - r.count("") for r in self.srows]))
            self._typical = filled[len(filled) // 2] if filled else 0
        return self._typical


def _plain_initiatives(srows: list[list[str]], shape: _Shape, sample: int = 1000) -> list[int]:
    """Rows that :func:`_kind` surely makes initiatives named by their title cell, found in one
    pass: the title filled, a figure in the money column most often filled (in the first
    ``sample`` rows) and, in the column beside the label most often filled with something else,
    a text that is not the label — so the row is not alone (as a total is) and not without a
    figure (as a heading or a note is). Which columns are looked at decides only how many rows
    are found here; any other row goes through :func:`_kind`."""
    title, head = shape.title, srows[:sample]
    beside = [j for j in shape.others if j != title]
    if title is None or not beside or not shape.monies:
        return []

    def other(j: int) -> int:
        return sum(1 for r in head if j < len(r) and r[j] and r[j] != (r[title] if title < len(r) else ""))

    o = max(beside, key=other)
    m = max(shape.monies, key=lambda j: sum(1 for r in head if j < len(r) and r[j]))
    top = max(title, o, m)
    return [i for i, r in enumerate(srows) if len(r) > top and r[m] and (label := r[title]) and r[o]
            and r[o] != label]


def _kind(i: int, rows: list[list[str]], shape: _Shape) -> Planned | None:
    """Row ``i``'s kind (see :func:`classify`); None for an empty row."""
    cells, number, title = shape.srows[i], shape.number, shape.title
    if len(cells) == cells.count(""):
        return None
    label = _label(rows[i], cells, title)
    if len(cells) == shape.width:  # (the common row: its cells counted in C)
        beside, figures = shape.pick_other(cells), shape.pick_money(cells)
        alone = len(beside) == beside.count("") + beside.count(label)
        no_figure = len(figures) == figures.count("")
    else:
        alone, no_figure = _alone(cells, shape.others, label), _alone(cells, shape.monies)
    if label and alone and is_total_label(label):
        return Planned(i, "total", label)
    if no_figure:
        filled = [c for c in cells if c]
        if len(set(filled)) == 1:
            text = filled[0]
            if _is_note(text):
                return Planned(i, "note", text)
            if not _numeric(text) and (shape.typical() >= 2 or _known_group(text)) and len(text) <= 100:
                return Planned(i, "heading", text)
        if label and _section_number(cells, number, shape.srows, i) and \
                all(j in (number, title) for j, c in enumerate(cells) if c):
            return Planned(i, "heading", label)  # "B | Ældreområdet" over "B.1", "B.2" …
    return Planned(i, "initiative", label)


def plan(rows: list[list[str]], cm: ColumnMap, values: Values, classified: list[Planned] | None = None,
         squashed: list[list[str]] | None = None) -> list[Planned]:
    """Classify the rows (or take ``classified``, :func:`classify`'s result for the same rows and
    :func:`classify_key`), find headings that print their group's sum and "Samlet …" rows that
    are the sum above them, give every initiative its headings and every total its rows.
    ``squashed``: :func:`etl.parse.common.squash_rows` of ``rows``, if the caller has it."""
    srows = squash_rows(rows) if squashed is None else squashed
    planned = classify(rows, cm, srows) if classified is None else classified
    number = cm.columns.get("number")

    def unnumbered(p: Planned) -> bool:
        row = srows[p.index]
        return number is not None and not (number < len(row) and row[number])

    initiatives = [p for p in planned if p.kind == "initiative"]
    mostly_numbered = number is not None and sum(not unnumbered(p) for p in initiatives) >= 0.6 * len(initiatives)

    def hinted(p: Planned) -> bool:  # looks like a heading: no number among numbered rows, a known area
        return (mostly_numbered and unnumbered(p)) or _known_group(p.label)

    money = set(cm.money_columns())
    label_cols = {cm.columns.get("title"), cm.columns.get("description"), number}
    width = max(map(len, srows), default=0)
    others = [j for j in range(width) if j not in money and j not in label_cols]
    pick_other = _picker(others)

    def bare_row(p: Planned) -> bool:  # a heading prints its name and figures, nothing else of a proposal
        cells = srows[p.index]
        if len(cells) == width:
            got = pick_other(cells)
            return len(got) == got.count("")
        return _alone(cells, others)

    # (rows with a cell filled in the column of ``others`` most often filled are not bare: found in one pass)
    filled = _filled_in(srows, others)

    ahead: Ahead | None = None  # built when a row first might be a heading with its group's sum
    for k, p in enumerate(planned):
        if p.kind != "initiative":
            continue
        # (fold changes no first letter into an "s": the fold is skipped for labels not starting with one)
        if p.label[:1].lower().startswith("s") and _MAYBE_TOTAL.match(fold(p.label)):
            above = [planned[j] for j in range(k - 1, -1, -1)]
            above = above[:next((i for i, q in enumerate(above) if q.kind != "initiative"), len(above))]
            if len(above) >= 2 and sum_matches(values(p.index), [values(q.index) for q in above]):
                p.kind = "total"
                continue
        # a heading printed with its group's sum: the first run of rows beneath that adds up to it
        # (one row will do under a name that looks like a heading; else two, over two columns)
        if filled[p.index] or not bare_row(p):  # (looked at first: a proposal's row needs no figures here)
            continue
        own = values(p.index)
        if not own or (len(own) < 2 and not hinted(p)):
            continue
        if hinted(p):  # a name that looks like a heading: its group may hold a cost of the other sign
            ahead = ahead or Ahead(planned, values)
            n = first_sum(own, (values(q.index) for q in initiative_run(planned, k + 1)), 1, ahead, k + 1)
        else:  # one row adds up to an unremarkable name by chance: look for two or more
            n = first_sum(own, (values(q.index) for q in initiative_run(planned, k + 1)), 2)
        if n:
            p.kind, p.covers = "heading", [q.index for q in planned[k + 1:k + 1 + n]]
    _assign(planned, values)
    return planned


def _filled_in(srows: list[list[str]], cols: list[int], sample: int = 1000) -> list[bool]:
    """Whether each row has a cell filled in the one of ``cols`` most often filled in the first
    ``sample`` rows (all False without ``cols``)."""
    if not cols:
        return [False] * len(srows)
    head = srows[:sample]
    j = max(cols, key=lambda c: sum(1 for r in head if c < len(r) and r[c]))
    return [j < len(r) and r[j] != "" for r in srows]


def _assign(planned: list[Planned], values: Values) -> None:
    """Headings stack: a heading right after a heading (or after a total that closed one) is
    nested in it; after rows it replaces the innermost. A total covers the group it names,
    else the first of (rows since the last heading or total, each enclosing group, every
    row) that adds up to it, else the rows since the last heading or total."""
    stack: list[tuple[str, int]] = []  # (label, position in planned)
    members: dict[int, list[int]] = {}
    block: list[int] = []
    everything: list[int] = []
    nest = False
    groups: tuple[str, ...] = ()  # the stack's labels (one tuple shared by the rows under it)
    for k, p in enumerate(planned):
        if p.kind == "heading":
            stack = [*stack, (p.label, k)] if nest else [*stack[:-1], (p.label, k)]
            groups = tuple(label for label, _ in stack)
            members[k] = []
            block, nest = [], True
        elif p.kind == "initiative":
            p.groups = groups
            for _, g in stack:
                members[g].append(p.index)
            block.append(p.index)
            everything.append(p.index)
            nest = False
        elif p.kind == "total":
            level = next((i for i, (label, _) in enumerate(stack) if fold(label) in fold(p.label)), None)
            if level is None:
                candidates: list[tuple[int | None, list[int]]] = [(len(stack), block)]
                candidates += [(i, members[g]) for i, (_, g) in reversed(list(enumerate(stack)))]
                candidates.append((None, everything))
                level, p.covers = next(((i, rows) for i, rows in candidates if rows and sum_matches(
                    values(p.index), [values(r) for r in rows])), (None, block or everything))
            else:
                p.covers = list(members[stack[level][1]])
            p.covers = list(p.covers)
            if level is not None and level < len(stack):
                stack, nest = stack[:level], True  # the group is closed: a heading next is its sibling
                groups = tuple(label for label, _ in stack)
            block = []


def check_totals(planned: list[Planned], years: Mapping[int, int | None], values: Values,
                 where: Callable[[int], tuple[int | None, int]], sign: int
                 ) -> tuple[list[TableTotal], list[ParseWarning]]:
    """Every total (and summing heading), column by column: printed against the sum of the
    rows it covers, in saving-positive t.kr. (``sign`` is -1 for a table that prints savings
    negative). ``years`` maps each money column to its year (None: the full-year column)."""
    totals: list[TableTotal] = []
    warnings: list[ParseWarning] = []
    for p in planned:
        if p.kind not in ("total", "heading") or (p.kind == "heading" and not p.covers):
            continue
        printed = values(p.index)
        page, line = where(p.index)
        for col, (value, rounding) in sorted(printed.items(), key=lambda kv: (years.get(kv[0]) or 0, kv[0])):
            if col not in years:
                continue
            got = [values(i)[col][0] for i in p.covers if col in values(i)]
            computed = sum(got) if got else None
            total = TableTotal(p.label, years[col], sign * value, None if computed is None else sign * computed,
                               page, line)
            totals.append(total)
            diff = total.difference_tkr
            if diff is not None and abs(diff) > rounding * (len(got) + 1) / 2 + 1e-9:
                year = years[col]
                warnings.append(ParseWarning(
                    Code.TABLE_DOES_NOT_ADD_UP,
                    f"total '{p.label}'{f' for {year}' if year else ''}: printed {total.printed_tkr:g} t.kr., "
                    f"the {len(got)} rows above add up to {total.computed_tkr:g} (difference {diff:g})",
                    field="table_totals", text=p.label, page=page, line=line,
                    params={"label": p.label, "year": year, "printed": total.printed_tkr,
                            "computed": total.computed_tkr, "difference": diff}))
    return totals, warnings
