"""Idébank catalogue, stage 2: one card's lines → an :class:`Initiative`.

Field decisions:

* expected: a figure or a printed range (``etl.core.numbers.parse_amount``, t.kr.
  as the heading says), magnitude kept positive; "Ikke oplyst" → NULL + warning.
* full_phase_in_year: the one year the text names ("2024", "fra år 2024");
  "2026/2027" or "Ikke oplyst" → NULL + warning, text kept.
* implementation_cost_tkr: the figure when the text states exactly one amount
  ("550 årligt", "360 i 2024", "450 (2024-2026)"); years do not count as
  amounts. Text with several amounts — a one-off plus an annual part ("1230 i
  2024, herefter 1191 årligt") or a schedule over years — is not one number:
  NULL + warning, the text kept. Adding the parts would mix one-off and yearly
  money, and picking the first-year figure would understate the cost.
* adopted: "Ja"/"Nej" → True/False, anything else NULL + warning.
* Merging: a card printed again (same municipality and title, compared
  case- and whitespace-insensitively) is one initiative with several
  appearances (:func:`etl.core.model.merge_printings`); a reprint whose fields
  differ is warned about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.core.model import Appearance, Code, Initiative, ParseWarning, SectorTag
from etl.core.numbers import find_year_refs, find_years, parse_amount
from etl.parse.common import join_wrapped, squash
from etl.parse.idebank.segment import _GAP, _LABEL, _NOT_STATED, _NUMBER, TYPES_HEAD, Card, field_of, grid, norm_name
from etl.sectors import canonical


def _key(municipalities: list[str], title: str) -> str:
    return f"{norm_name(', '.join(municipalities))}|{norm_name(title).strip(' .')}"



# --------------------------------------------------------------------------- joining wrapped text

_SUSPENDED = ("og ", "eller ", "samt ", "til ")


def _join(parts: list[str], link: bool = False) -> str:
    """Join wrapped parts as printed.

    "Digitalisering" + "/automatisering" and "(2024-" + "2026)" glue without a
    space; "Dag-" + "og Døgntilbud" keeps its suspended hyphen; otherwise
    :func:`join_wrapped` (spaces, and hyphenation of words). ``link`` is for
    file names and URLs, which wrap anywhere and never lose a character."""
    out = ""
    for part in (squash(p) for p in parts):
        if not part:
            continue
        if not out:
            out = part
        elif (out.endswith("/") or part.startswith("/")  # "Digitalisering" + "/automatisering"
              or (link and (out[-1] in "-_/%=?&#" or part[0] in "%_?&#=/"))  # a URL wraps anywhere
              or (out.endswith("-") and out[-2:-1].isdigit() and part[:1].isdigit())):  # "(2024-" + "2026)"
            out += part
        elif out.endswith("-") and part.lower().startswith(_SUSPENDED):
            out += " " + part
        else:
            out = join_wrapped([out, part])
    return out


# --------------------------------------------------------------------------- field parsing


def _municipalities(text: str) -> list[str]:
    """"Greve Kommune" → ["Greve"]; "Ballerup, Gladsaxe og Gentofte Kommuner" → three."""
    names = re.sub(r"\bKommuner?\b", " ", squash(text))
    parts = re.split(r",|\s+og\s+|\s+&\s+", names)
    return [squash(p) for p in parts if squash(p)]


def _title_and_description(lines: list[str], idx: list[int], noise: set[int]) -> tuple[list[int], list[int]]:
    """The title is the first line plus the wrapped parts right below it: they
    start in column 0 and follow without a blank line (a page footer may sit
    in between). The description starts with an indented line or after a gap."""
    if not idx:
        return [], []
    if not any(lines[i][:1].isspace() for i in idx):
        # no indentation (a PDF's layout text): the title is the first paragraph
        for j, i in enumerate(idx[1:], start=1):
            if any(not lines[b].strip() and b not in noise for b in range(idx[j - 1] + 1, i)):
                return idx[:j], idx[j:]
        return idx[:1], idx[1:]
    title = [idx[0]]
    for j, i in enumerate(idx[1:], start=1):
        between = range(idx[j - 1] + 1, i)
        gap = any(not lines[b].strip() for b in between) and not any(b in noise for b in between)
        if lines[i][:1].isspace() or gap:
            return title, idx[j:]
        title.append(i)
    return title, []



@dataclass
class _Econ:
    values: dict = field(default_factory=dict)  # field → list of parts
    lines: dict = field(default_factory=dict)  # field → first line index
    types: list[list[str]] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)


def _economy(lines: list[str], idx: list[int]) -> _Econ:
    """Split the side-by-side Økonomi values and Typer af tiltag labels."""
    econ = _Econ()
    current: str | None = None  # the value being continued
    target = None  # "value" or "type": where a wrapped (column-0) part goes
    # Below a "Typer af tiltag" heading of its own (a PDF read column by column; a page break
    # may put the fields after it) a line is a field, a value's lower-case continuation right
    # after it, a type (capitalised), or a type's lower-case continuation.
    types_column = False
    for i in idx:
        raw = lines[i]
        m = _LABEL.match(raw)
        fld = field_of(raw)
        if TYPES_HEAD.match(raw):
            types_column, target = True, "type"
            continue
        if types_column and not fld:
            s = squash(raw)
            if target == "value" and current and not s[:1].isupper():
                econ.values[current].append(s)
            elif econ.types and target == "type" and not s[:1].isupper():
                econ.types[-1].append(s)
            else:
                econ.types.append([s])
                target = "type"
            continue
        if fld and m:
            cells = [c for c in _GAP.split(m.group("rest").strip()) if c]
            econ.values[fld] = [cells[0]] if cells else []
            econ.lines[fld] = i
            current, target = fld, "value"
            if len(cells) > 1:
                econ.types.append([" ".join(cells[1:])])
                target = "type"
            continue
        if m and not raw.strip().startswith(("(", "/")) and ":" in raw:
            econ.unknown.append((i, squash(raw)))
            current, target = None, None
            continue
        if raw[:1].isspace():  # a type printed on its own line
            econ.types.append([squash(raw)])
            target = "type"
            continue
        cells = [c for c in _GAP.split(raw.strip()) if c]
        if target == "type" and econ.types:
            if len(cells) > 1 and current:
                econ.values[current].append(cells[0])
                econ.types[-1].append(" ".join(cells[1:]))
            else:
                econ.types[-1].append(raw)
        elif current:
            econ.values[current].append(cells[0])
            if len(cells) > 1:
                econ.types.append([" ".join(cells[1:])])
                target = "type"
    return econ


def _cost_amount(text: str) -> float | None:
    """The implementation cost when the text states exactly one amount.

    Years are not amounts: a four-digit 1990–2100 figure counts as a year when
    a year word ("i", "fra", "år", …) or a year span marks it, or when anything
    is printed before it ("Er medregnet i besparelsen for 2024"); only a figure
    that opens the text ("2000 i 2024") is read as an amount."""
    years = []
    for ref in find_year_refs(text):
        if ref.kind != "plain" or " " in ref.text:
            years.append((ref.pos, ref.pos + 4))
            if ref.end != ref.start:  # the second year of a span
                m = re.search(r"(19|20)\d\d|\d\d", text[ref.pos + 4:])
                if m:
                    years.append((ref.pos + 4 + m.start(), ref.pos + 4 + m.end()))
    amounts = []
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in years):
            continue
        token = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", token) and text[:m.start()].strip():
            continue
        amounts.append(token)
    if len(amounts) != 1:
        return None
    amt = parse_amount(amounts[0], unit_tkr=1.0)
    return None if amt is None else amt.low_tkr


def _phase_in_year(text: str) -> int | None:
    years = find_years(text)
    other_digits = re.sub(r"(19|20)\d\d", "", text)
    if len(years) == 1 and not re.search(r"\d", other_digits):
        return years[0]
    return None


def initiative(lines: list[str], card: Card, page: int, noise: set[int],
                warnings: list[ParseWarning]) -> Initiative:
    line_no = card.start + 1
    munis = _municipalities(card.muni_text)
    title_idx, desc_idx = _title_and_description(lines, card.head, noise)
    title = _join([lines[i] for i in title_idx])
    key = _key(munis, title)

    def warn(code: Code, message: str, fld: str, text: str | None, at: int | None = None) -> None:
        warnings.append(ParseWarning(code, message, field=fld, text=text, page=page,
                                     line=(at + 1) if at is not None else line_no, key=key))

    if not title:
        warn(Code.VALUE_MISSING, "card without a title", "title", card.muni_text)
        title = card.muni_text
    ini = Initiative(key=key, title=title, municipalities=munis,
                     appearances=[Appearance(page=page, line=line_no, section=card.section)])
    ini.description = join_wrapped([lines[i] for i in desc_idx]) or None
    if not card.has_areas:
        warn(Code.BLOCK_MISSING, "card has no 'Berørte fagområder' block", "sectors", title)
    if not card.has_econ:
        warn(Code.BLOCK_MISSING, "card has no 'Økonomi' block", "expected_tkr", title)

    # areas
    boxes, leftover = grid(lines, card.grid)
    for name, ticked, _ in boxes:
        if ticked:
            ini.sectors.append(SectorTag(canonical(name), name))
    if leftover:
        warn(Code.TEXT_OUTSIDE_FIELD, "text in the area grid without a check box", "sectors", leftover,
             card.grid[0] if card.grid else None)

    econ = _economy(lines, card.econ)
    for line_at, line_text in econ.unknown:
        warn(Code.TEXT_OUTSIDE_FIELD, "unknown Økonomi line", "economy", line_text, line_at)
    ini.measure_types = [t for t in (_join(parts) for parts in econ.types) if t]

    def value(fld: str) -> tuple[str | None, int | None]:
        if fld not in econ.values:
            return None, None
        return (_join(econ.values[fld]) or None), econ.lines[fld]

    text, at = value("expected")
    ini.expected_text = text
    amt = parse_amount(text, unit_tkr=1.0) if text else None
    if amt is not None:
        ini.expected_low_tkr, ini.expected_high_tkr = amt.low_tkr, amt.high_tkr
        ini.expected_tkr = amt.value_tkr
    elif text is None:
        warn(Code.AMOUNT_MISSING, "no 'Effekt ved fuld indfasning' value", "expected_tkr", None)
    else:
        warn(Code.AMOUNT_UNREADABLE, "expected effect is not a figure", "expected_tkr", text, at)

    text, at = value("phase_in")
    ini.full_phase_in_text = text
    ini.full_phase_in_year = _phase_in_year(text) if text else None
    if ini.full_phase_in_year is None:
        warn(Code.YEAR_UNREADABLE, "full phase-in year is not one year", "full_phase_in_year", text, at)

    text, at = value("cost")
    ini.implementation_cost_text = text
    ini.implementation_cost_tkr = _cost_amount(text) if text else None
    if ini.implementation_cost_tkr is None:
        why = ("not stated" if text is None or _NOT_STATED.match(text) else
               "not one figure (several amounts, or no amount)")
        warn(Code.AMOUNT_MISSING if why == "not stated" else Code.AMOUNT_UNREADABLE, f"implementation cost {why}",
             "implementation_cost_tkr", text, at)

    text, at = value("adopted")
    ini.adopted_text = text
    low = (text or "").strip(" .").lower()
    ini.adopted = True if low == "ja" else False if low == "nej" else None
    if ini.adopted is None:
        warn(Code.YES_NO_UNREADABLE, "adoption is neither 'Ja' nor 'Nej'", "adopted", text, at)

    if card.info:
        ini.further_info = _join([lines[i] for i in card.info], link=True) or None
    if card.late_info:
        warn(Code.LATE_BLOCK, "'Yderligere information' printed after the next card; kept with its own card",
             "further_info", ini.further_info, card.info_header)
    if ini.further_info is None:
        warn(Code.BLOCK_MISSING, "no 'Yderligere information'", "further_info", None)
    return ini


def warn_reprints(printed: list[Initiative], warnings: list[ParseWarning]) -> None:
    """A reprint must say the same; if it does not, the first printing is kept and the reader is told."""
    first: dict[str, Initiative] = {}
    for ini in printed:
        seen = first.setdefault(ini.key, ini)
        if seen is ini:
            continue
        diffs = [f for f in ("expected_text", "full_phase_in_text", "implementation_cost_text", "adopted_text",
                             "description", "further_info") if getattr(seen, f) != getattr(ini, f)]
        if {t.source_sector for t in seen.sectors} != {t.source_sector for t in ini.sectors}:
            diffs.append("sectors")
        if diffs:
            a = ini.appearances[0]
            warnings.append(ParseWarning(Code.REPRINT_DIFFERS, "reprinted card differs from its first printing "
                                         f"in: {', '.join(diffs)}; the first printing is kept", field="reprint",
                                         text=ini.title,
                                         page=a.page, line=a.line, key=ini.key, params={"fields": ", ".join(diffs)}))


