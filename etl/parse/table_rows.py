"""One table's rows → initiatives, checked totals and warnings (used by :mod:`etl.parse.table`).

The order matters and reads top to bottom in :meth:`TableReader.read`: the context around
the table first (it may state the unit and what a minus means), then the unit, then the
cells, then the rows' structure (headings and totals need the figures to be sure), then
the sign convention (a saving-labelled total is evidence), and last the initiatives.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Sequence

from etl import collector
from etl.core.initiative_columns import InitiativeColumns, InitiativeWriter
from etl.core.model import (
    Code,
    Decided,
    Param,
    ParsedDocument,
    ParseWarning,
    SignConvention,
)
from etl.municipality_names import municipality
from etl.parse import table_cells
from etl.parse import table_texts as texts
from etl.parse.common import first_clause, municipality_names, squash, squash_rows
from etl.parse.table_cells import AmountCells
from etl.parse.table_money import MoneyReader, main_column
from etl.progress import Progress
from etl.table_amounts import SignEvidence, decide_sign, infer_unit, read_cell
from etl.table_columns import TOPIC_HEADERS, ColumnMap, fold, sign_hint
from etl.table_context import Line, TableContext, read_context, unit_words, unit_words_only
from etl.table_structure import Planned, check_totals, classify, classify_key, names_a_saving, plan

#: Figures looked at to infer a unit nothing states (enough to see their sizes and decimals).
UNIT_SAMPLE = 500
_BARE = re.compile(r"[^a-zA-ZæøåÆØÅ]*(?:ca\.?|cirka|~)?[^a-zA-ZæøåÆØÅ]*")  # no unit word: maybe a bare figure
_CLAUSE = re.compile(r"(?<=[\wæøå)])(?:[.:;!?](?:\s|$)|\s[–—-]\s)")
#: The text fields an initiative's row may print, in the order TableReader._initiative takes them.
_TEXT_FIELDS = ("title", "description", "municipality", "number", "sector", "year", "adopted", "status", "type")
_NONE = sys.maxsize  # the column of a field the table does not print: past every row's end


class TableReader:
    """Reads one table: its header ``cm``, data ``rows`` and where each was printed."""

    def __init__(self, file_name: str, header: list[str], rows: list[list[str]],
                 where: list[tuple[int | None, int]], cm: ColumnMap, around: list[Line], section: str | None,
                 parsed: ParsedDocument, squashed: bool = False):
        self.file_name, self.header, self.rows, self.where = file_name, header, rows, where
        self._squashed = squashed  # every cell of ``rows`` is its own squash (etl.grid.Grid.squashed)
        self.text: list[list[str]] = []  # the rows squashed (etl.parse.common.squash_rows), made in read
        self.cm, self.around, self.section, self.parsed = cm, around, section, parsed
        self.amounts: AmountCells | None = None  # the amount cells, read once the unit is known
        self._text_cols: tuple[int, ...] = ()  # the column of each of _TEXT_FIELDS (_NONE: not printed)
        self.convention: SignConvention | None = None
        self.ctx = TableContext()
        self.from_context: Counter[tuple[str, str, str]] = Counter()  # (field, value, evidence) → rows
        self.evidence: dict[tuple[str, str, str], Line | Decided | None] = {}
        self._money: MoneyReader | None = None  # one per table, made for its first initiative

    # --- warnings ---------------------------------------------------------------------------

    def warn(self, code: Code, message: str, where: tuple[int | None, int | None], field: str | None = None,
             text: str | None = None, key: str | None = None, **params: Param) -> None:
        page, line = where
        self.parsed.warnings.append(ParseWarning(code, message, field=field, text=text, page=page, line=line,
                                                 key=key, params=params))

    def record(self, name: str, decided: Decided | None, code: Code) -> None:
        """A document-level reading: the first table's goes on the source (the normaliser warns
        if inferred); a later table that infers or disagrees gets its own warning."""
        if decided is None:
            return
        current = getattr(self.parsed.source, name)
        if current is None:
            setattr(self.parsed.source, name, decided)
        elif decided.how == "inferred" or decided.value != current.value:
            self.parsed.warnings.append(ParseWarning(
                code, f"{name.replace('_', ' ')} '{decided.value}' "
                f"{'inferred' if decided.how == 'inferred' else 'printed'} for a later table "
                f"(the source records '{current.value}'){f': {decided.reason}' if decided.reason else ''}",
                field=name, text=decided.evidence, page=decided.page, line=decided.line,
                params={"value": str(decided.value), **decided.params}))

    # --- the steps --------------------------------------------------------------------------

    def _municipality_column(self) -> None:
        """A 'Sted'/'Område' column whose values are municipality names holds municipalities."""
        col = self.cm.columns.get("sector")
        if col is None or "municipality" in self.cm.columns:
            return
        values = Counter(r[col] for r in self.text if col < len(r) and r[col])  # a handful of texts
        names = sum(n for v, n in values.items() if all(municipality(m) for m in municipality_names(v)))
        if values and names >= 0.6 * values.total():
            self.cm.columns["municipality"] = self.cm.columns.pop("sector")

    def read(self) -> InitiativeColumns:
        with collector.paused():  # a dozen long-lived, acyclic objects a row (etl.collector)
            try:
                return self._read()
            finally:
                # The money reader holds ``self.warn`` (a cycle through this reader): without
                # this, the reader, its rows and every cell lived until a full collection (5.5 s
                # of CPU at 200,000 rows, during the load). What was read is in the initiatives.
                self._money = None
                self.amounts, self.rows, self.text = None, [], []
                table_cells.forget()  # per-text caches: their texts would pin the freed cells' memory
                texts.forget()

    def _read(self) -> InitiativeColumns:
        self.text = self.rows if self._squashed else squash_rows(self.rows)
        self._municipality_column()
        first = classify(self.rows, self.cm, self.text)
        shape = classify_key(self.cm)
        notes = [Line(p.label, *self.where[p.index], "below") for p in first if p.kind == "note"]
        page, line = self.where[0] if self.where else (None, None)
        money = set(self.cm.money_columns())  # a money column's unit is its own, not the table's
        header = [Line(squash(c), page, line, "column" if j in money else "header")
                  for j, c in enumerate(self.header) if squash(c)]
        above = [x for x in self.around if x.place == "above"]
        if self.section:  # a worksheet's name ("Børne- og Ungdomsudvalget") says what its table is
            above.insert(0, Line(self.section, None, None, "above"))
        # nearest first: the caption right above this table before the lines above an earlier one
        self.ctx = read_context(header + above[::-1] + notes + [x for x in self.around if x.place == "below"],
                                self.file_name)
        self.ctx.title = next((x.text for x in above if len(x.text) > 3 and not unit_words_only(x.text)), None)
        self._unit()
        self._anchor_years()
        self._read_cells(first)
        # classified once: again only if the unit or the year anchoring changed the money columns
        planned = plan(self.rows, self.cm, self.values, first if classify_key(self.cm) == shape else None,
                       self.text)
        self._sign(planned)
        assert self.amounts is not None
        self.amounts.sign(self.convention)
        out = InitiativeWriter(sum(p.kind == "initiative" for p in planned))
        self._money = MoneyReader(self.cm, self.convention, self.warn, self.parsed.warnings, out)
        cols = self.cm.columns
        self._text_cols = tuple(cols.get(name, _NONE) for name in _TEXT_FIELDS)
        n = 0  # initiatives written
        with Progress(f"reading rows of {self.section or self.file_name}", len(planned)) as bar:
            for i, p in enumerate(planned, start=1):
                bar.update(i)
                if p.kind == "initiative" and self._initiative(p, out, n):
                    n += 1
        years: dict[int, int | None] = {y.col: y.year for y in self.cm.year_columns if y.year is not None}
        main = main_column(self.cm)
        if main is not None:
            years[main] = None
        totals, warnings = check_totals(planned, years, self.values, lambda i: self.where[i],
                                        -1 if self.convention == "saving_negative" else 1)
        self.parsed.totals += totals
        self.parsed.warnings += warnings
        self._context_warnings()
        if self.parsed.context is None and self.ctx.title:
            self.parsed.context = self.ctx.title
        return out.done(n)

    def _money_cols(self) -> list[int]:
        cost = self.cm.columns.get("cost")
        return [c for c in self.cm.money_columns() if c != cost]

    def _unit(self) -> None:
        """The table's unit: printed around it; else the unit every money header prints (for
        columns that print none); else inferred from the figures. Recorded on the source."""
        cm, ctx = self.cm, self.ctx
        bare: list[str] = []  # figures printed without a unit where no header names one
        for col in [] if ctx.unit is not None else cm.money_columns():
            if col in cm.own_units:
                continue
            for row in self.rows:
                text = row[col].strip() if col < len(row) else ""
                if text and _BARE.fullmatch(text) and read_cell(text, None).bare:
                    bare.append(text)
                if len(bare) >= UNIT_SAMPLE:
                    break
        stated = cm.header_units()
        decided: Decided[str] | None = None
        if ctx.unit is not None:
            cm.table_unit, decided = ctx.unit_factor, ctx.unit
        elif bare and len(stated) == 1:
            (factor, header), = stated.items()
            cm.table_unit = factor
            decided = Decided(unit_words(header), "inferred", header, *self.where[0],
                              reason=f"the unit of column '{header}' used for columns that print none",
                              params={"unit_of_column": header})
        elif bare:
            guess = infer_unit(bare)
            if guess is not None:
                cm.table_unit = guess.factor
                decided = Decided(guess.unit_text, "inferred", guess.sample, *self.where[0], reason=guess.reason,
                                  params={"figures_like": guess.sample, "rule": guess.rule})
        elif stated:
            header = next(iter(stated.values()))
            decided = Decided(unit_words(header), "printed", header, *self.where[0])
        self.record("unit_text", decided, Code.UNIT_INFERRED)
        level = ctx.price_level
        if level is None and ctx.budget_year is not None:
            pl = next((ln for ln in ctx.lines if re.search(r"\bp\s?/\s?l\b", ln.text, re.I)), None)
            if pl is not None:
                level = Decided(f"{ctx.budget_year.value} p/l", "inferred", pl.text, pl.page, pl.line,
                                reason=f"'{pl.text}' in the budget year {ctx.budget_year.value}",
                                params={"budget_year": ctx.budget_year.value})
        self.record("price_level", level, Code.PRICE_LEVEL_INFERRED)

    def _anchor_years(self) -> None:
        """Relative year columns ('Budgetår', '1. overslagsår', 'År 2') get years from the budget year."""
        relative = [y for y in self.cm.year_columns if y.year is None]
        if not relative:
            return
        by = self.ctx.budget_year
        names = ", ".join(f"'{squash(y.header)}'" for y in relative)
        where = self.where[0] if self.where else (None, None)
        if by is None:
            self.cm.year_columns = [y for y in self.cm.year_columns if y.year is not None]
            self.warn(Code.YEAR_MISSING, f"columns {names} count years from the budget year, which the document "
                      "does not print; their figures are left out", where, field="gains", text=names)
            return
        self.cm.year_columns = [dataclasses.replace(y, year=by.value + (y.offset or 0)) if y.year is None else y
                                for y in self.cm.year_columns]
        self.warn(Code.RELATIVE_YEAR_ANCHORED, f"columns {names} placed from the budget year {by.value} "
                  f"('{by.evidence}')", where, field="gains", text=by.evidence, anchor_year=by.value,
                  basis="budget_year", evidence=by.evidence)

    def _read_cells(self, first: list[Planned]) -> None:
        """Every amount cell read (:class:`etl.parse.table_cells.AmountCells`), notes left out."""
        years = {y.col: y.year for y in self.cm.year_columns}
        cols = [(col, self.cm.unit_of(col), years.get(col)) for col in self.cm.money_columns()]
        self.amounts = AmountCells(self.text, cols, self.cm.columns.get("cost"), self.ctx.paren,
                                   {p.index for p in first if p.kind == "note"})

    def values(self, index: int) -> dict[int, tuple[float, float]]:
        """Printed figures of a row (sign as printed), column → (t.kr., rounding)."""
        return self.amounts.values(index) if self.amounts is not None else {}

    def _sign(self, planned: list[Planned]) -> None:
        money, amounts = self._money_cols(), self.amounts
        assert amounts is not None
        inits = [p.index for p in planned if p.kind == "initiative"]
        saving_totals = []
        for p in planned:
            if p.kind == "total" and names_a_saving(p.label) and (fl := amounts.flags(money, [p.index])):
                texts = " ".join(r.cell.text for r in amounts.row(p.index).values() if r is not None)
                saving_totals.append((f"{p.label}: {texts}", sum(fl) * 2 > len(fl)))
        hinted = [(squash(self.cm.headers[col]), hint, amounts.flags([col], inits))
                  for col, hint in self.cm.hints.items() if col in money]
        unit_line = self.ctx.unit.evidence if self.ctx.unit is not None else None
        if unit_line and (hint := sign_hint(unit_line)):
            # the line stating the unit names the figures: "Ændring i 1.000 kr.", "Besparelse (t.kr.)"
            unhinted = [c for c in money if c not in self.cm.hints]
            hinted.append((unit_line, hint, amounts.flags(unhinted, inits)))
        decided = decide_sign(SignEvidence(self.ctx.sign, saving_totals, hinted, amounts.flags(money, inits)))
        if decided is not None and decided.page is None and self.where:
            decided = dataclasses.replace(decided, page=self.where[0][0], line=self.where[0][1])
        self.convention = decided.value if decided else None
        self.record("sign_convention", decided, Code.SIGN_CONVENTION_INFERRED)

    # --- one initiative ---------------------------------------------------------------------

    def _initiative(self, p: Planned, out: InitiativeWriter, n: int) -> bool:
        """Row ``p``'s initiative written as ``out``'s row ``n`` (False: the row has no title, skipped)."""
        index = p.index
        row, where, amounts = self.text[index], self.where[index], self.amounts
        width = len(row)
        title, description, muni, number, own_sector, year, adopted, status, kind = \
            [row[i] if i < width else "" for i in self._text_cols]
        if not title and description and "title" not in self.cm.columns:
            title = first_clause(description)
            self.from_context[("title", "description", "")] += 1
            self.evidence.setdefault(("title", "description", ""), Line(description, where[0], where[1], "above"))
        if not title:
            self.warn(Code.ROW_WITHOUT_TITLE, "row has no title; skipped", where, field="title",
                      text=" | ".join(c for c in self.rows[index] if c)[:200])
            return False
        groups = [g for g in p.groups if not municipality(g)] if p.groups else []
        munis: Sequence[str] = texts.municipalities(muni)
        if not munis:
            munis = self._context("municipality", [m for g in p.groups if (m := municipality(g))][-1:],
                                  self.ctx.municipality)
        key = f"{'/'.join(munis)}|{fold(title)}"
        if number:
            key += f"|{number}"
        if groups and not own_sector:
            key += f"|{'/'.join(fold(g) for g in groups)}"
        c = out.columns
        c.key[n], c.title[n] = key, title
        if number:
            c.number[n] = number
        if description:
            c.description[n] = description
        out.municipalities[n] = munis
        out.appearances[n] = ((where[0], where[1], self.section),)
        if own_sector:
            out.sectors[n] = texts.sector_pairs(own_sector)
        else:
            printed = self._context("sector", groups, self.ctx.committee)
            out.sectors[n] = [t for g in printed for t in texts.sector_pairs(g)]
        assert self._money is not None and amounts is not None
        self._money.fill(n, amounts.row(index), where, plain=amounts.plain(index))
        self._other_fields(out, n, key, year, adopted, status, kind, where)
        return True

    def _context(self, name: str, from_headings: list[str], from_caption: Decided | None) -> list[str]:
        """A value the row does not print: from the headings over it, else the caption or file name."""
        if from_headings:
            self.from_context[(name, " / ".join(from_headings), "heading")] += 1
            return from_headings
        if from_caption is not None:
            src = "file_name" if from_caption.how == "inferred" else "caption"
            k = (name, str(from_caption.value), src)
            self.from_context[k] += 1
            self.evidence[k] = from_caption
            return [str(from_caption.value)]
        return []

    def _other_fields(self, out: InitiativeWriter, n: int, key: str, text: str, adopted: str, status: str,
                      kind: str, where) -> None:
        """The phase-in year, adoption, status and type cells (squashed) of row ``n``'s initiative."""
        c = out.columns
        if text:
            c.full_phase_in_text[n] = text
            c.full_phase_in_year[n] = year = texts.year(text)
            if year is None:
                self.warn(Code.YEAR_UNREADABLE, f"phase-in year '{text}' is not a year; left empty", where,
                          field="year", text=text, key=key)
        if status:
            c.status[n] = status
        if adopted:
            c.adopted_text[n] = adopted
            c.adopted[n], understood = texts.adoption(adopted)
            if not understood:
                self.warn(Code.YES_NO_UNREADABLE, f"adopted '{adopted}' is neither yes nor no; left empty", where,
                          field="adopted", text=adopted, key=key)
        elif status and (said := texts.adoption(status)[0]) is not None:
            c.adopted[n], c.adopted_text[n] = said, status  # "Status: Vedtaget" alone
        elif self.ctx.adopted is not None:
            c.adopted[n] = value = self.ctx.adopted.value
            c.adopted_text[n] = self.ctx.adopted.evidence
            k = ("adopted", str(value), "caption")
            self.from_context[k] += 1
            self.evidence[k] = self.ctx.adopted
        if kind:
            out.measure_types[n] = texts.measure_types(kind)

    def _context_warnings(self) -> None:
        """One warning per table and field for values read from outside the rows."""
        for (name, value, src), n in self.from_context.items():
            ev = self.evidence.get((name, value, src))
            where = (ev.page, ev.line) if ev is not None else (self.where[0] if self.where else (None, None))
            text = ev.evidence if isinstance(ev, Decided) else ev.text if isinstance(ev, Line) else value
            if name == "title":
                col = self.cm.columns.get("type", len(self.cm.headers))
                topic = self.cm.headers[col] if col < len(self.cm.headers) else ""
                extra = {"topic": topic} if fold(topic).strip(" .:") in TOPIC_HEADERS else {}
                why = f"'{topic}' holds types of measure, not titles" if extra else "the table has no title column"
                self.warn(Code.TITLE_FROM_DESCRIPTION, f"{why}: the titles of {n} rows are the first clause of "
                          f"their description (first: '{first_clause(text or '')}')", where, field="title",
                          text=text, rows=n, **extra)
                continue
            origin = {"heading": "the group heading over them", "caption": "the lines above the table",
                      "file_name": "the file name"}[src]
            self.warn(Code.CONTEXT_FROM_HEADING, f"{name} '{value}' of {n} row{'s' if n != 1 else ''} read from "
                      f"{origin}", where, field=name, text=text, value=value, source=src, rows=n)
