"""When a figure applies: calendar years, relative years, "og frem", and the full phase-in year.

Gains are printed against time in a handful of ways, and every reader of money
(catalogue prose, table cells, proposal lists, small gain tables) needs the same
answers, so they are read here once:

* a calendar year next to the figure: "2 mio. kr. i 2016", "fra 2017 og frem",
  "I 2016 … 2 mio. kr.", "2019 og frem: 3 mio. kr.";
* a relative year: "År 1", "år 2", "2. år", "det første år", "fra år 3", which
  means nothing until it is anchored (:class:`Anchor`): to a year the example
  prints for its start ("Projektet startede i 2015"), or to the budget year of
  the document ("B17" = budget 2017). Either anchor is a guess the reader
  records (``Code.RELATIVE_YEAR_ANCHORED``), except one the text prints itself
  ("år 1 (skoleår 2014/15)");
* the full phase-in year: "fuldt indfaset i 2019", "fuld effekt fra 2019",
  "den fulde gevinst … fra 2018", "stigende til … i 2019", "fuld effekt i år to".

Years themselves are recognised by :mod:`etl.core.numbers`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_Y = r"(?:19|20)\d\d"
#: a relative year's number, in digits or words ("år to", "det tredje år")
_NUMBER_WORDS = {"nul": 0, "en": 1, "et": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
                 "syv": 7, "otte": 8, "ni": 9, "ti": 10}
_ORDINALS = {"første": 1, "andet": 2, "anden": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
             "syvende": 7, "ottende": 8, "niende": 9, "tiende": 10}
_NW = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ORD = "|".join(_ORDINALS)
#: "år 1", "År 2", "år 3-5", "2. år", "det første år", "år to" (never "over 2 år", "år 2016")
_REL = (rf"(?:\bår\s+(?P<n>\d{{1,2}}|{_NW})(?![\d,.]\d|\s*(?:pct|%|procent))(?:\s*(?:-|–|til)\s*(?:\d{{1,2}}|{_NW}))?\b"
        rf"|\b(?P<d>\d{{1,2}})\.\s?år\b|\b(?P<o>{_ORD})\s+år\b)")
REL_YEAR = re.compile(_REL, re.IGNORECASE)

Basis = Literal["printed", "example_start", "budget_year"]


@dataclass(frozen=True)
class Anchor:
    """The calendar year of "År 1", and how it was decided.

    ``printed``: the text pairs a relative year with a calendar year; ``example_start``:
    the year the example says it started; ``budget_year``: the budget year of the
    document (the last resort). The last two are guesses: readers warn with the evidence."""

    year: int
    basis: Basis
    evidence: str

    @property
    def guessed(self) -> bool:
        return self.basis != "printed"

    def year_of(self, relative: int) -> int:
        """År n → the calendar year (År 1 is the anchor year; År 0 the year before)."""
        return self.year + relative - 1


def relative_number(m: re.Match) -> int:
    """The n of a :data:`REL_YEAR` match."""
    if m.group("n"):
        s = m.group("n").lower()
        return int(s) if s.isdigit() else _NUMBER_WORDS[s]
    if m.group("d"):
        return int(m.group("d"))
    return _ORDINALS[m.group("o").lower()]


def relative_year(text: str) -> int | None:
    """"År 2" → 2, "2. år" → 2, "Helårseffekt" → None (see :func:`is_full_year_label`)."""
    m = REL_YEAR.fullmatch(" ".join(text.split()).strip(" :"))
    return relative_number(m) if m else None


_FULL_YEAR_LABEL = re.compile(r"(?:helårs(?:effekt|virkning)|fuld(?:t|e)?\s+(?:effekt|virkning|indfasning)"
                              r"|varig\s+effekt|årlig\s+effekt\s+fremover|overslagsår\w*\s+og\s+frem)", re.IGNORECASE)


def is_full_year_label(text: str) -> bool:
    """A column or line label that stands for the full-year effect: "Helårseffekt", "Varig effekt"."""
    return bool(_FULL_YEAR_LABEL.search(text))


# --------------------------------------------------------------------------- the year of one figure


@dataclass(frozen=True)
class When:
    """The time cue of one figure: a calendar year or a relative year, and whether it
    holds from then on ("fra 2019 og frem", "fra år 3")."""

    year: int | None = None
    relative: int | None = None
    onward: bool = False

    @property
    def dated(self) -> bool:
        return self.year is not None or self.relative is not None

    def resolve(self, anchor: Anchor | None) -> int | None:
        """The calendar year, anchoring a relative one (None when it cannot be anchored)."""
        if self.year is not None:
            return self.year
        if self.relative is not None and anchor is not None:
            return anchor.year_of(self.relative)
        return None


_PREP = r"(?P<prep>fra og med|med virkning fra|med fuld effekt fra|fra|i|for)"
_FREM = r"(?P<frem>\s+og\s+(?:frem\w*|overslagsår\w*|fremover))?"
_AFTER = re.compile(rf"^\W{{0,3}}(?:(?:årligt|om året|pr\.\s*år|per år)\s+)?{_PREP}\s+"
                    rf"(?:(?:det|budget)\s+)?(?:(?:år(?:et)?|budgetår(?:et)?)\s+)?(?:B|BO)?"
                    rf"(?:(?P<y>{_Y})(?![\d-])|(?P<rel>{_REL})){_FREM}", re.IGNORECASE)
_BEFORE = re.compile(rf"\b{_PREP}\s+(?:(?:det|budget)\s+)?(?:(?:år(?:et)?|budgetår(?:et)?)\s+)?(?:B|BO)?"
                     rf"(?:(?P<y>{_Y})(?![\d-])|(?P<rel>{_REL})){_FREM}", re.IGNORECASE)
#: "2016: 3 mio. kr.", "2019 og frem: 3 mio.", "År 2: 500.000 kr.", "- Forventet besparelse i 2016: …"
_LABEL = re.compile(rf"(?:(?P<y>{_Y})|(?P<rel>{_REL})){_FREM}\s*:\s*$", re.IGNORECASE)


def _from_match(m: re.Match) -> When:
    onward = bool(m.group("frem")) or (m.groupdict().get("prep") or "").lower().startswith(("fra", "med"))
    if m.group("y"):
        return When(year=int(m.group("y")), onward=onward)
    rel = REL_YEAR.search(m.group("rel"))
    assert rel is not None
    return When(relative=relative_number(rel), onward=onward)


def when_of(before: str, after: str, *, first: bool = True) -> When:
    """The time cue of a figure from the text right before and after it.

    "… 2 mio. kr. i 2016" / "… fra 2017 og frem" / "fra år 3" right after it wins;
    else a "2016:" / "År 2:" label or "I 2016 …" before it (for a figure that is not
    the first of its sentence, only after the previous figure's own year); else
    "… er sat til realisering i 2016" a little later in the clause."""
    m = _AFTER.match(after)
    if m:
        return _from_match(m)
    lab = _LABEL.search(before)
    if lab:
        return _from_match(lab)
    if not first:
        lead = _AFTER.match(before)
        before = before[lead.end():] if lead else before
    ms = list(_BEFORE.finditer(before))
    if ms:
        return _from_match(ms[-1])
    m2 = re.search(rf"\b(?P<prep>i|fra)\s+(?P<y>{_Y})\b(?P<frem>\s+og\s+frem)?", after[:45])
    if m2 and not re.search(r"\bog\b|,", after[:m2.start()]):
        return _from_match(m2)
    return When()


# --------------------------------------------------------------------------- the full phase-in year

_FULL = (r"(?:fuld(?:t|e)?\s+(?:indfas\w*|implementer\w*|udmøntet|igennem|effekt\w*|virkning|gevinst\w*|besparelse\w*"
         r"|helårs\w*)|fulde\s+\w+|helårs(?:effekt|virkning))")
#: any character of the same sentence (an abbreviation's full stop, "mio. kr.", is not the sentence's end)
_SAME = r"(?:[^.;]|\.(?!\s+(?-i:[A-ZÆØÅ])|\s*$))"
_PHASE_IN = [
    # "fuldt indfaset i 2019", "fuld effekt fra 2019", "den fulde gevinst … fra 2018", "fuld effekt i år to"
    re.compile(rf"{_FULL}{_SAME}{{0,60}}?\b(?:i|fra|fra og med)\s+(?:budget(?:år(?:et)?)?\s+|år(?:et)?\s+)?B?"
               rf"(?:(?P<y>{_Y})\b|(?P<rel>{_REL}))", re.IGNORECASE),
    # "i 2019 med fuld effekt", "fra år 3 er forudsat fuld effekt"
    re.compile(rf"\b(?:i|fra)\s+(?:(?P<y>{_Y})|(?P<rel>{_REL}))\s+(?:og frem\s+)?(?:\w+\s+){{0,3}}?"
               rf"(?:med\s+)?fuld(?:t|e)?\s+(?:effekt|virkning|indfas\w*)", re.IGNORECASE),
    # "stigende til 1,04 mio. kr. i 2019", "stigende frem til 9 mio. kr. i 2018"
    re.compile(rf"\bstige(?:nde|r)\s+(?:\w+\s+){{0,2}}?til\s+{_SAME}{{0,40}}?\bi\s+(?:(?P<y>{_Y})\b|(?P<rel>{_REL}))",
               re.IGNORECASE),
]


@dataclass(frozen=True)
class PhaseIn:
    """A full phase-in year read from prose, with the verbatim phrase."""

    when: When
    text: str


def phase_in(text: str) -> PhaseIn | None:
    """The first phrase that says from when the full gain applies, or None."""
    best: tuple[int, PhaseIn] | None = None
    for pattern in _PHASE_IN:
        m = pattern.search(text or "")
        if m and (best is None or m.start() < best[0]):
            when = (When(year=int(m.group("y"))) if m.group("y")
                    else When(relative=relative_number(REL_YEAR.search(m.group("rel")))))  # type: ignore[arg-type]
            best = (m.start(), PhaseIn(when, m.group(0)))
    return best[1] if best else None


# --------------------------------------------------------------------------- anchors

_START = re.compile(rf"\b(?:start(?:ede|et|er)?|iværksat|iværksatte|igangsat|igangsatte|påbegynd\w*|opstart\w*|"
                    rf"indført|etableret|projektperioden\s+er)\b(?:[^.;]{{0,40}}?\b(?:i|fra|den|primo|medio|ultimo))?"
                    rf"\s+(?:\d{{1,2}}\.\s+)?(?:[a-zæøå]+\s+)?(?P<y>{_Y})\b", re.IGNORECASE)
_PRINTED = re.compile(rf"(?P<rel>{_REL})\s*(?:\(|=|svarende til\s+)\s*(?:[a-zæøå]+\s+)?(?P<y>{_Y})", re.IGNORECASE)


def printed_anchor(text: str) -> Anchor | None:
    """"år 1 (skoleår 2014/15)", "År 1 = 2016": the text pairs a relative year with a calendar year."""
    m = _PRINTED.search(text or "")
    if m is None:
        return None
    rel = REL_YEAR.search(m.group("rel"))
    assert rel is not None
    n = relative_number(rel)
    return Anchor(int(m.group("y")) - n + 1, "printed", m.group(0))


def start_anchor(text: str) -> Anchor | None:
    """"Projektet er startet op i 2015", "iværksat i december 2014", "Projektperioden er fra 1. juni 2015"."""
    m = _START.search(text or "")
    return Anchor(int(m.group("y")), "example_start", m.group(0)) if m else None


def anchor_for(text: str, budget_year: Anchor | None) -> Anchor | None:
    """The anchor of an example's relative years: printed in its text, else its start
    year, else the document's budget year (None when there is none)."""
    return printed_anchor(text) or start_anchor(text) or budget_year
