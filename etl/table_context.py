"""What a document says around a table: the lines above it, the notes under it, its file name.

Municipal tables state things once for the whole table instead of in every row: the unit
("Beløb i 1.000 kr.", "Kr. 1000, 2015 p/l"), the price level, what a minus means
("minus = mindreudgift"), what the parentheses hold ("I parentes står beløbet for 2020"),
the municipality and committee ("Københavns Kommune – Børne- og Ungdomsudvalget"), the
budget year ("Budget 2019") and, for a whole list, the decision ("Vedtaget", "Udvalget
forkastede alle forslag"). Each reading keeps the verbatim line and where it was printed,
so the parser can say where a row's value came from; a row's own cell always wins.

It also recognises tables that are not savings at all (a budget follow-up, an income
statement, an account), which the parser refuses rather than load as initiatives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from etl.core.amount_phrase import ParenLegend, read_paren_legend
from etl.core.model import Decided, SignConvention
from etl.municipality_names import municipality
from etl.parse.common import decision_in, squash

Place = Literal["above", "below", "header", "column", "file"]  # "column": a money column's own header


@dataclass(frozen=True)
class Line:
    """A line of text around a table and where it was printed."""

    text: str
    page: int | None
    line: int | None
    place: Place


# --- single readings, each from one line ------------------------------------------------------

_NOT_AFTER_FIGURE = r"(?<![\d,.])(?<![\d,.]\s)"
_UNIT_STATEMENTS: list[tuple[re.Pattern, float]] = [  # on the original text, most specific first
    (re.compile(_NOT_AFTER_FIGURE + r"(?:\bmio\.?|\bmill?\.|\bmillioner)\s*(?:kr\.?|kroner|dkk)", re.I), 1000.0),
    (re.compile(r"\b(?:kr\.?|dkk)\s*1\.?000\b|\b1\.?000\s*(?:kr\.?|kroner|dkk)|"
                + _NOT_AFTER_FIGURE + r"(?:\bt\.\s?kr\.?|\btkr\.?|\btusinde?\s+kr(?:oner|\.)?)", re.I), 1.0),
    (re.compile(r"\bhele\s+kroner\b|\bi\s+kroner\b|\(kr\.?\)|\bbeløb\s+i\s+kr\b\.?", re.I), 0.001),
]


def unit_statement(text: str) -> tuple[float, str] | None:
    """The unit a caption, band or note states for the table's figures ('Beløb i 1.000 kr.',
    'Kr. 1000', '(t.kr.)', 'mio. kr.', 'Alle beløb er i hele kroner'), with its verbatim text.
    An amount ('spar 2 mio. kr.') is not a unit statement."""
    for pattern, factor in _UNIT_STATEMENTS:
        m = pattern.search(text)
        if m:
            return factor, squash(m.group(0)).strip("() ")
    return None


def unit_words_only(text: str) -> bool:
    """A line that is nothing but a unit statement ("Beløb i 1.000 kr.", "(mio. kr.)")."""
    u = unit_statement(text)
    return u is not None and len(text) < 60


def unit_words(header: str) -> str:
    """The words of a column header that state its unit: 'Besparelse (t.kr.)' → 't.kr.',
    'Saving (DKK thousands)' → 'DKK thousands'."""
    u = unit_statement(header)
    if u:
        return u[1]
    inside = re.findall(r"\(([^()]*)\)", header)
    return squash(inside[-1]) if inside else squash(header)


_PRICE_LEVEL = re.compile(
    r"\b(?:(?:19|20)\d{2}\s*[-‑]?\s*(?:p\s?/\s?l|pl|priser|prisniveau|pris-\s*og\s*lønniveau)|"
    r"(?:p\s?/\s?l|pl|prisniveau)[\s.-]*(?:19|20)\d{2}|løbende\s+priser|faste\s+\d{4}-priser)(?![\w/])", re.I)


def price_level(text: str) -> str | None:
    """'2015 p/l', '2020-priser', 'p/l 2019', 'løbende priser' as printed; None when none."""
    m = _PRICE_LEVEL.search(text)
    return squash(m.group(0)) if m else None


#: "er", "vises som", "angives som", "står som" between a kind of money and a sign
_SHOWN_AS = r"(?:er|vises\s+som|angives\s+som|står\s+som)\s+"
_NEG_IS_SAVING = re.compile(
    r"(?:minus|negative?\s+(?:beløb|tal|fortegn)|negativt\s+fortegn|fortegn\s*[-–÷]|[-–÷]\s*\(?minus\)?|"
    r"(?<![\w\d])[-–÷](?=\s*[=:]))\s*"
    r"(?:=|:|er|angiver|betyder|viser|udtrykker)\s*(?:en\s+)?(?:mindreudgift|besparelse|merindtægt|"
    r"mindreforbrug|reduktion)|"
    r"(?:besparelser|mindreudgifter)\s+(?:er\s+)?(?:angivet|vist|anført|opgjort)\s+(?:som|med)\s+"
    r"(?:negative|negativt|minus)|(?:mindreudgift|besparelse|mindreforbrug)\w*\s*\(\s*[-–÷]\s*\)|"
    r"\(\s*[-–÷]\s*\)\s*(?:=|:|er|angiver)?\s*(?:mindreudgift|besparelse)|"
    r"(?:\+|plus|positive?\s+(?:beløb|tal))\s*(?:=|:|er|angiver|betyder)\s*(?:en\s+)?(?:merudgift|"
    r"merforbrug|mindreindtægt|udgift)|"
    # the other word order: "Besparelser er negative", "Merudgifter vises som positive beløb"
    r"(?:besparelser|mindreudgifter)\s+" + _SHOWN_AS + r"(?:negative?|negativt|minus)\b|"
    r"(?:merudgifter|udgifter)\s+" + _SHOWN_AS + r"(?:positive?|positivt|plus)\b", re.I)
_POS_IS_SAVING = re.compile(
    r"(?:positive?\s+(?:beløb|tal)|plus)\s*(?:=|:|er|angiver|betyder)\s*(?:en\s+)?(?:besparelse|"
    r"mindreudgift|gevinst)|"
    r"besparelser\s+(?:er\s+)?(?:angivet|vist|anført|opgjort)\s+(?:som|med)\s+(?:positive|positivt|plus)|"
    r"(?:minus|negative?\s+(?:beløb|tal))\s*(?:=|:|er|angiver|betyder)\s*(?:en\s+)?(?:merudgift|"
    r"udgift|omkostning|meromkostning|investering)|"
    r"(?:besparelser|mindreudgifter|gevinster)\s+" + _SHOWN_AS + r"(?:positive?|positivt|plus)\b|"
    r"(?:merudgifter|udgifter|omkostninger)\s+" + _SHOWN_AS + r"(?:negative?|negativt|minus)\b", re.I)


def sign_legend(text: str) -> tuple[SignConvention, str] | None:
    """A printed legend saying what a minus means, and its verbatim text."""
    for pattern, conv in ((_NEG_IS_SAVING, "saving_negative"), (_POS_IS_SAVING, "saving_positive")):
        m = pattern.search(text)
        if m:
            return conv, squash(m.group(0))  # type: ignore[return-value]
    return None


_KOMMUNE = re.compile(r"([A-ZÆØÅ][\wæøå]*(?:[- ][A-ZÆØÅ][\wæøå]*)?)\s+(?i:(?:regions)?kommune)\b")


def municipality_in(text: str) -> str | None:
    """'Københavns Kommune – Økonomiforvaltningen' → 'København' (known names only)."""
    for m in _KOMMUNE.finditer(text):
        name = municipality(m.group(1)) or municipality(m.group(1).split()[-1])
        if name:
            return name
    label = re.match(r"\s*kommune\s*:\s*(.+)$", text, re.I)
    return municipality(label.group(1)) if label else None


_COMMITTEE = re.compile(
    r"((?:[A-ZÆØÅ][\wæøå]*-(?:,\s*[\wæøå]+-)*\s+og\s+)?[A-ZÆØÅ][\wæøå]*[a-zæøå](?:udvalget|udvalg|forvaltningen|"
    r"forvaltning)|Udvalget\s+for\s+[A-ZÆØÅ][\wæøå]*(?:,?\s+(?:og\s+)?[\wæøå]+){0,4})")


def committee_in(text: str) -> str | None:
    """'Børne- og Uddannelsesudvalget', 'Økonomiforvaltningen', 'Udvalget for Kultur og Fritid'."""
    m = _COMMITTEE.search(text)
    return squash(m.group(1)) if m else None


_BUDGET_YEAR = re.compile(r"\b(?:budget(?:forslag|år|året|lægning|lægningen|aftale|aftalen|ønsker)?|"
                          r"vedtaget\s+budget|bf)\s*[-–]?\s*((?:19|20)\d{2})\b", re.I)


def budget_year_in(text: str) -> int | None:
    m = _BUDGET_YEAR.search(text)
    return int(m.group(1)) if m else None


#: Tables that are not lists of savings, by the words their headers and captions print.
_NOT_SAVINGS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"resultatopgørelse|driftsresultat|resultat af ordinær", re.I), "an income statement"),
    (re.compile(r"budgetopfølgning|forventet\s+regnskab|korrigeret\s+budget|oprindeligt\s+budget|"
                r"forventet\s+afvigelse|merforbrug|mindreforbrug|forbrugsprocent|budgetrevision", re.I),
     "a budget follow-up"),
    (re.compile(r"\b(?:års)?regnskab(?:\s+(?:19|20)\d{2})?\b|\bR\s?(?:19|20)\d{2}\b", re.I), "an account"),
    (re.compile(r"driftsbudget|budgetoversigt|bevillingsoversigt|hovedoversigt|sektoroversigt|udgiftsbudget",
                re.I), "a budget overview"),
]
_SAVINGS_WORDS = re.compile(r"spare|besparelse|reduktion|effektiviser|provenu|gevinst|tiltag|forslag|initiativ|"
                            r"prioritering|tilpasning|katalog|mindreudgift|saving", re.I)


def says_savings(texts: list[str]) -> bool:
    """A caption or header that names savings ("Spareforslag", "Reduktion", "Tiltag")."""
    return any(_SAVINGS_WORDS.search(t) for t in texts)


def not_savings(texts: list[str]) -> tuple[str, str] | None:
    """(what the table looks like, the verbatim words) when its header and caption read
    like a budget follow-up, an income statement or an account; else None."""
    for pattern, what in _NOT_SAVINGS:
        for t in texts:
            m = pattern.search(t)
            if m:
                return what, squash(m.group(0))
    return None


# --- the context of one table -------------------------------------------------------------------

@dataclass
class TableContext:
    """Every reading around one table; ``None`` where the document says nothing."""

    unit: Decided[str] | None = None  # the unit's verbatim text; its factor in ``unit_factor``
    unit_factor: float | None = None
    price_level: Decided[str] | None = None
    sign: Decided[SignConvention] | None = None  # from a printed legend
    paren: ParenLegend | None = None  # "I parentes står beløbet for 2020" (etl.core.amount_phrase)
    municipality: Decided[str] | None = None
    committee: Decided[str] | None = None
    budget_year: Decided[int] | None = None
    adopted: Decided[bool] | None = None
    title: str | None = None  # the first caption line
    lines: list[Line] = field(default_factory=list)


def _decided(value, ln: Line, evidence: str | None = None) -> Decided:
    return Decided(value, "printed", evidence or ln.text, ln.page, ln.line)


def _file_words(file_name: str) -> list[str]:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name)
    return [w for w in re.split(r"[\s_.]+", stem) if w]


def read_context(lines: list[Line], file_name: str) -> TableContext:
    """Read every line around a table, nearest first within each place: the caption above
    the header, the header cells, the notes below it, and last the file name."""
    ctx = TableContext(lines=list(lines))
    for ln in lines:
        text = ln.text
        if ctx.unit is None and ln.place != "column" and (u := unit_statement(text)):
            ctx.unit, ctx.unit_factor = _decided(u[1], ln, text), u[0]
        if ctx.price_level is None and (p := price_level(text)):
            ctx.price_level = _decided(p, ln, text)
        if ctx.sign is None and (s := sign_legend(text)):
            ctx.sign = _decided(s[0], ln, s[1])
        if ctx.paren is None:  # the sentence that mentions parentheses ("Helårseffekt; i parentes står 2020")
            ctx.paren = next((leg for part in re.split(r"(?<=[.;])\s+", text)
                              if (leg := read_paren_legend(part))), None)
        if ln.place in ("header", "column"):
            continue  # a header cell names a column, not the municipality or the committee
        if ctx.municipality is None and (m := municipality_in(text)):
            ctx.municipality = _decided(m, ln)
        if ctx.committee is None and ln.place == "above" and len(text) <= 120 and (c := committee_in(text)):
            ctx.committee = _decided(c, ln)
        if ctx.budget_year is None and (y := budget_year_in(text)):
            ctx.budget_year = _decided(y, ln)
        if ctx.adopted is None and len(text) <= 120 and (d := decision_in(text)) is not None:
            ctx.adopted = _decided(d, ln)
    words = _file_words(file_name)
    if ctx.municipality is None:
        for a, b in zip(words, [*words[1:], ""]):
            found = municipality(f"{a}-{b}") if b else None
            found = found or municipality(a)
            if found:
                ctx.municipality = Decided(found, "inferred", file_name)
                break
    if ctx.budget_year is None:
        for w in re.split(r"[-\s_.]+", file_name):
            if re.fullmatch(r"(?:b|budget|bf)?((?:19|20)\d{2})", w, re.I) and re.search(r"budget|spare|b\d", file_name,
                                                                                         re.I):
                ctx.budget_year = Decided(int(re.sub(r"\D", "", w)), "inferred", file_name)
                break
    return ctx
