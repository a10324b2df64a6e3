"""Proposal lists, stage 3: an item's heading and labelled values → an Initiative.

* title: a "Titel:"/"Forslag:" value, else the heading (a leading "12." is the
  printed number, kept in the key, never the title), else the first clause of
  the description (FOA's rows have no title column).
* municipality: "Kommune:"/"Sted:", else the one municipality named above the list.
* sectors: every "Område:"/"Sektor:"/"Udvalg:" value through :func:`etl.sectors.tags`
  (a committee gives one tag per sector; an unknown name is kept, unmapped).
* status verbatim; adopted from "Vedtaget:" or else the status
  (:func:`etl.parse.common.adoption`); a status that says neither is warned.
* expected: the first amount label ("Besparelse:", "Økonomi:", "Provenu:" …) read by
  the one amount-phrase reader (:func:`etl.core.amount_phrase.read_amount_phrase`):
  "500.000 kr. årligt", "1 mio. kr. i 2025, 2,4 mio. kr. fra 2026" → yearly gains and
  the full-year effect; "-200.000 kr." is a cost (lists print savings positive).
* description, comment (→ further_info) and consequences (→ other_effects) with
  e-mail addresses and phone numbers removed; contact lines are never read.
"""
from __future__ import annotations

import re

from etl.core.amount_phrase import read_amount_phrase
from etl.core.model import Appearance, Code, Gain, Initiative, Param, ParsedDocument, ParseWarning, set_expected
from etl.core.numbers import find_years, parse_amount
from etl.parse.b17.fields import redact
from etl.parse.common import adoption, first_clause, join_wrapped, municipality_names, squash
from etl.parse.proposal_list.lines import Line
from etl.parse.proposal_list.segment import Item, Value
from etl.sectors import tags
from etl.table_columns import fold, measure_types

_NUMBERED = re.compile(r"^(?:(?:nr|forslag|id)\.?\s*)?(?P<n>\d{1,4}[a-z]?)\s*[.):]\s+(?=\S)", re.IGNORECASE)


def _clean(text: str) -> str:
    return redact(text) or ""


class Reader:
    """Reads the items of one document, collecting warnings on ``parsed``."""

    def __init__(self, parsed: ParsedDocument, municipality: str | None):
        self.parsed = parsed
        self.municipality = municipality
        self.negative: Value | None = None  # the first amount printed negative (a cost)

    def warn(self, code: Code, message: str, at: Line | None, key: str | None, field: str,
             text: str | None = None, **params: Param) -> None:
        self.parsed.warnings.append(ParseWarning(code, message, field=field, text=text, key=key, params=params,
                                                 page=at.page if at else None, line=at.line if at else None))

    def item(self, it: Item) -> Initiative | None:
        at = it.where
        vals: dict[str, list[Value]] = {}
        for v in it.values:
            if v.name != "contact":  # personal data: never read
                vals.setdefault(v.name, []).append(v)

        def text(name: str) -> str:
            return _clean(vals[name][0].text) if name in vals else ""

        if it.row is not None and it.row.guess:
            self.warn(Code.TEXT_OUTSIDE_FIELD, f"row printed without cell separators: {it.row.guess}", at, None,
                      "sectors", text=it.heading[0].text if it.heading else None)
        heading = "" if it.row is not None else _clean(squash(" ".join(ln.text for ln in it.heading)))
        number, title = text("number"), text("title") or heading
        if "title" in vals and not number:  # "Forslag 12: Lukning af …"
            number = next(iter(re.findall(r"\d+", vals["title"][0].label)), "")
        m = _NUMBERED.match(title)
        if m:
            number, title = number or m.group("n"), title[m.end():]
        description = "\n\n".join(t for t in (_clean(join_wrapped(it.extra)), text("description")) if t)
        if not title and description:
            title = first_clause(description)
        if not title:
            self.warn(Code.ROW_WITHOUT_TITLE, "proposal without a heading, title or description; skipped", at,
                      None, "title", text=_clean(" | ".join(v.text for vs in vals.values() for v in vs))[:200] or None)
            return None
        munis = [n for v in vals.get("municipality", []) for n in municipality_names(v.text)]
        munis = list(dict.fromkeys(munis)) or ([self.municipality] if self.municipality else [])
        ini = Initiative(key=f"{number}|{'/'.join(munis)}|{fold(title)}", title=title, municipalities=munis,
                         description=description or None)
        ini.appearances.append(Appearance(page=at.page if at else None, line=at.line if at else None,
                                          section=at.section if at else None))
        for v in vals.get("sector", []):
            ini.sectors += [t for t in tags(v.text) if t not in ini.sectors]
        for v in vals.get("type", []):
            ini.measure_types += measure_types(v.text)
        ini.further_info = "\n\n".join(_clean(v.text) for v in vals.get("comment", [])) or None
        ini.other_effects = "\n\n".join(_clean(v.text) for v in vals.get("effects", [])) or None
        self.status(ini, vals, at)
        self.money(ini, vals, at)
        return ini

    def status(self, ini: Initiative, vals: dict[str, list[Value]], at: Line | None) -> None:
        status = vals.get("status", [])
        if status:
            ini.status = _clean(status[0].text) or None
        for v in vals.get("adopted", []) + status:  # "Vedtaget: Ja" wins over the status
            value, understood = adoption(v.text)
            if understood:
                ini.adopted, ini.adopted_text = value, v.text
                return
        if status:
            self.warn(Code.YES_NO_UNREADABLE, f"status '{status[0].text}' does not say whether the proposal was "
                      "adopted; adopted left empty", status[0].where, ini.key, "adopted", text=status[0].text)

    def money(self, ini: Initiative, vals: dict[str, list[Value]], at: Line | None) -> None:
        exp = vals.get("expected", [])
        if not exp:
            self.warn(Code.AMOUNT_MISSING, "no amount printed for this proposal", at, ini.key, "expected_tkr")
        else:
            self.expected(ini, exp[0])
            for other in exp[1:]:
                self.warn(Code.AMOUNT_CHOSEN, f"'{other.label}: {other.text}' not used: the first amount printed, "
                          f"'{exp[0].label}', was", other.where, ini.key, "expected_tkr", text=other.text)
        for v in vals.get("realised", [])[:1]:
            a = parse_amount(v.text, unit_tkr=v.unit)
            ini.realised_text = v.text
            ini.realised_tkr = None if a is None else -a.value_tkr if a.negative else a.value_tkr
            if a is None:
                self.warn(Code.AMOUNT_UNREADABLE, f"{v.label} '{v.text}' is not one amount; left empty", v.where,
                          ini.key, "realised_tkr", text=v.text)
        for v in vals.get("cost", [])[:1]:
            a = parse_amount(v.text, unit_tkr=v.unit)
            ini.implementation_cost_text = v.text
            ini.implementation_cost_tkr = None if a is None else a.value_tkr
            if a is None:
                self.warn(Code.AMOUNT_UNREADABLE, f"{v.label} '{v.text}' is not one amount; left empty", v.where,
                          ini.key, "implementation_cost_tkr", text=v.text)
        for v in vals.get("year", [])[:1]:
            years = find_years(v.text)
            ini.full_phase_in_text = v.text
            if years:
                ini.full_phase_in_year = years[0]
            else:
                self.warn(Code.YEAR_UNREADABLE, f"{v.label} '{v.text}' is not a year; left empty", v.where, ini.key,
                          "full_phase_in_year", text=v.text)

    def expected(self, ini: Initiative, v: Value) -> None:
        """The one amount-phrase reader: "500.000 kr. årligt", "0,05 mio. kr.", "ca. 1,2 mio. kr. fra
        2025", "1 mio. kr. i 2025 (2,4 mio. kr. per år fra 2026)" → full-year effect and yearly gains.
        Savings are printed positive here: a minus ("-200.000 kr.") is a cost."""
        text = _clean(v.text)
        ini.expected_text = text or None
        r = read_amount_phrase(text, unit_tkr=v.unit)
        self.parsed.warnings += [n.warning(field="expected_tkr", page=v.where.page, line=v.where.line, key=ini.key)
                                 for n in r.notes]
        sign = -1.0 if r.negative else 1.0
        if r.full_year_tkr is not None:
            ends = (r.high_tkr, r.low_tkr) if r.negative else (r.low_tkr, r.high_tkr)
            low, high = (None if e is None else sign * e for e in ends)
            set_expected(ini, sign * r.full_year_tkr, low, high)
            if r.negative and self.negative is None:
                self.negative = v
        elif not r.notes:
            self.warn(Code.AMOUNT_MISSING, f"{v.label} '{text}' gives no amount; left empty", v.where, ini.key,
                      "expected_tkr", text=text or None)
        ini.full_phase_in_year = r.full_year
        ini.gains += [Gain(g.year, "expected", sign * g.amount_tkr, g.text or text) for g in r.gains
                      if g.year is not None]
