"""The one place where numbers, money, ranges, qualifiers and years are read.

Every format states money differently ("2,4 mio. kr.", "450.000 kr.",
"1.257 t.kr.", a bare "1.257" under a "(1.000 kr.)" header, "~150" in a cell),
and prose mixes money with things that look like money (years, percentages,
counts, phone numbers, dates). One reader, used by all parsers, keeps the rules
in one place: a figure is money only when a money unit is printed with it (or
the caller supplies the unit from a table header), so "42 kommuner" or "2017"
never becomes an amount.

* :func:`parse_danish_number` — one plain Danish number ("1.257", "189,37", "-1.250").
* :func:`read_number` — a table cell's number: a value, a range or None, with its
  qualifier ("~150", "ca. 150", ">2026", "100–200", "1 250").
* :data:`QUALIFIERS` — the one table of qualifiers printed before a figure.
* :func:`find_amounts` / :func:`parse_amount` — money in prose / in a cell, in t.kr.
* :func:`find_year_refs` and friends — years and year spans in prose.

Amounts are returned in thousands of DKK (t.kr.) with the magnitude as printed;
the printed sign is reported in ``negative`` and the caller decides what a
sign means (in budget tables a minus is usually a saving).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# --------------------------------------------------------------------------- numbers

#: A Danish number: thousands with '.' (or a space, as typed: "1 250 000 kr." — never glued to a
#: figure before it, so "i 2020 500 kr." stays 500), decimals with ',', optional '½'.
_NUM = (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.])(?:,\d+)?"
        r"|\d+(?:,\d+)?½?|½)")
_SIGN = r"(?P<sign>[-−–÷]\s?)?"
_DASH = r"\s?(?:-|–|—|til)\s?"

_PLAIN = re.compile(r"^[+\-]?\d{1,3}(\.\d{3})+(,\d+)?$|^[+\-]?\d+(,\d+)?$")


def parse_danish_number(text: str) -> float | None:
    """'1.257' → 1257, '189,37' → 189.37, '-1.250' → -1250, '1 250' → 1250; anything else → None."""
    s = text.strip().replace("\u2212", "-").replace("–", "-").replace(" ", "").replace("\u00a0", "")
    if not _PLAIN.match(s):
        return None
    return float(s.replace(".", "").replace(",", "."))


# --------------------------------------------------------------------------- qualifiers

Bound = Literal["approx", "at_least", "at_most"]

#: Every qualifier printed before a figure (lower case) and what it says about the figure.
QUALIFIERS: dict[str, Bound] = {
    "ca.": "approx", "ca": "approx", "cirka": "approx", "omkring": "approx", "i omegnen af": "approx", "knap": "approx",
    "godt": "approx", "næsten": "approx", "ned til": "approx", "~": "approx", "≈": "approx",
    "mindst": "at_least", "minimum": "at_least", "min.": "at_least", "over": "at_least", "mere end": "at_least",
    "ikke under": "at_least", ">": "at_least", "≥": "at_least",
    "op til": "at_most", "op mod": "at_most", "maksimalt": "at_most", "maks.": "at_most", "under": "at_most",
    "mindre end": "at_most", "<": "at_most", "≤": "at_most",
}
#: The qualifiers as one regex group ``qual``, longest first, never the end of a word ("Rover").
_QUALIFIERS = ("(?P<qual>(?<!\\w)(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
               + "))")


def is_approx(qualifier: str | None) -> bool:
    """An amount is approximate under any qualifier except a lower bound ("mindst 2 mio.")."""
    return qualifier is not None and QUALIFIERS.get(qualifier.lower()) != "at_least"


@dataclass(frozen=True)
class Number:
    """A number read from a cell: ``low == high`` unless a range."""

    low: float
    high: float
    negative: bool = False
    qualifier: str | None = None  # as printed, lower case

    @property
    def value(self) -> float:
        """Midpoint of a range, the figure itself otherwise (magnitude: see ``negative``)."""
        return (self.low + self.high) / 2

    @property
    def is_range(self) -> bool:
        return self.low != self.high


#: a cell number may use spaces (or no-break spaces) between thousands: "1 250"
_CELL_NUM = r"(?:\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?½?|½)"
_CELL = re.compile(rf"(?:{_QUALIFIERS}\s*)?{_SIGN}(?P<low>{_CELL_NUM})"
                   rf"(?:{_DASH}(?P<sign2>[-−–÷]\s?)?(?P<high>{_CELL_NUM}))?", re.IGNORECASE)


def _unspace(digits: str) -> str:
    """'1 250' → '1.250': a space between thousands is a thousands separator."""
    return re.sub(r"(?<=\d)[ \u00a0](?=\d{3})", ".", digits)


def read_number(text: str | None) -> Number | None:
    """A table cell's number: "~150", "ca. 150", ">2026", "100–200", "1 250", "-1.250".

    None for anything else ("5 %", "se bilag", "-", "") — the caller warns. A range's
    ends must rise ("200–100" is None)."""
    if not text:
        return None
    m = _CELL.fullmatch(" ".join(text.split()))
    if m is None:
        return None
    low = _number(_unspace(m.group("low")))
    high_s = m.group("high")
    high = _number(_unspace(high_s)) if high_s else None
    if low is None or (high_s and (high is None or high < low)):
        return None
    qual = (m.group("qual") or "").lower() or None
    return Number(low, high if high is not None else low, negative=bool(m.group("sign")), qualifier=qual)


# --------------------------------------------------------------------------- money

#: Unit words → multiplier to t.kr. Order matters: longest/most specific first.
_KR = r"(?:kroner|kr\.?(?![a-zæøå]))"
_UNITS: list[tuple[str, float]] = [
    (rf"(?:mia\b\.?|milliard(?:er)?)(?:\s?{_KR})?", 1_000_000.0),
    (rf"(?:mio\b\.?|mill?\b\.?|million(?:er)?)(?:\s?{_KR})?", 1_000.0),
    (rf"t\.\s?{_KR}|tkr\.?|tusinde?\s{_KR}|1\.000\s?{_KR}", 1.0),
    (_KR, 0.001),
]
_UNIT_RE = "|".join(f"(?:{u})" for u, _ in _UNITS)

_WORD_NUM = {"en halv": 0.5, "halv": 0.5, "én": 1.0, "en": 1.0, "et": 1.0, "to": 2.0, "tre": 3.0,
             "fire": 4.0, "fem": 5.0, "seks": 6.0, "syv": 7.0, "otte": 8.0, "ni": 9.0, "ti": 10.0}
_PERIOD_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10}

_AMOUNT = re.compile(
    rf"(?:{_QUALIFIERS}\s+)?"
    rf"(?:(?P<between>mellem)\s+)?"
    + _SIGN
    + rf"(?P<low>{_NUM}|en halv|halv)"
    rf"(?:(?:{_DASH}|\s+(?P<og>og)\s+)(?P<sign2>[-−–÷]\s?)?(?P<high>{_NUM}))?"
    rf"\s?(?P<unit>{_UNIT_RE})",
    re.IGNORECASE,
)

#: "kr. 842.279" — the unit printed before the figure (letters, old style).
_PREFIX_KR = re.compile(rf"(?<![a-zæøå])(?:{_QUALIFIERS}\s+)?(?P<unit>kr\.|kroner|DKK)\s?" + _SIGN
                        + rf"(?P<low>{_NUM})(?![\d.,]*\s?(?:{_UNIT_RE}))", re.IGNORECASE)

_PER_YEAR = re.compile(r"^\W{0,3}(?:årligt|om året|pr\.\s?år|per år|i årlig|hvert år|årlig|på årsbasis)\b|^/år\b",
                       re.IGNORECASE)
_PER_YEAR_BEFORE = re.compile(r"(?:\bårlig[et]?|\bårlige|på årsbasis)\s+(?:[\w-]+\s+){0,4}(?:ca\.\s+)?$", re.IGNORECASE)
_OVER_YEARS = re.compile(r"^\W{0,3}(?:i alt\s+)?over\s+(?:en\s+)?(?P<n>\d+|to|tre|fire|fem|seks|syv|otte|ni|ti)"
                         r"(?:-årig)?\s*(?:år|-års periode|årig periode)", re.IGNORECASE)
#: Money that comes once, not every year: "engangsudgift", "éngangsindtægt", a sale, money collected
#: once ("blev ringet ind", "indkrævet", "inddrevet"), a shift in liquidity.
ONE_OFF = re.compile(r"engangs|éngangs|\ben gang\b|\bengang\b|\bringet\s+ind\b|\bringede\s+ind\b|\bindkræv\w*"
                     r"|\binddrev\w*|\bsalg\b|\bsælge\w*|\bsolgt\b|\bindbring\w*|likviditet\w*", re.IGNORECASE)
#: Money that comes every year: "årligt", "om året", "pr. år", "varig", "fra 2019 og frem", "helårseffekt".
YEARLY = re.compile(r"\bårlig\w*|\bom året\b|\bpr\.\s?år\b|\bper år\b|\bhvert år\b|\bpå årsbasis\b|/år\b|\bvarig\w*"
                    r"|\bvedvarende\b|\bhelårs\w*|\bog frem\w*|\bfremover\b|\boverslagsår\w*|\bdriftsår\w*",
                    re.IGNORECASE)
_ONE_OFF = ONE_OFF

#: "(1.000 kr.)", "i 1.000 kr.", "beløb i mio. kr." are unit headers, not amounts.
_UNIT_HEADER_BEFORE = re.compile(r"(?:\(|\bi|\bbeløb|\bmio\.|\bt\.)\s*$", re.IGNORECASE)


@dataclass
class Amount:
    """One money expression: magnitude in t.kr. (low == high unless a range)."""

    low_tkr: float
    high_tkr: float
    text: str
    start: int
    end: int
    approx: bool = False
    per_year: bool = False
    one_off: bool = False
    negative: bool = False
    qualifier: str | None = None  # 'ca.', 'op til', 'mindst', ... as printed (lower-cased)
    period_years: int | None = None  # "3 mio. kr. over tre år" → 3 (a total over a period)
    unit_tkr: float | None = None  # the unit the figure was printed in (1000 for mio. kr.)

    @property
    def value_tkr(self) -> float:
        """Midpoint of a range, the figure itself otherwise."""
        return (self.low_tkr + self.high_tkr) / 2

    @property
    def is_range(self) -> bool:
        return self.low_tkr != self.high_tkr

    @property
    def signed_tkr(self) -> float:
        return -self.value_tkr if self.negative else self.value_tkr


def _number(text: str) -> float | None:
    t = text.strip().lower()
    if t in _WORD_NUM:
        return _WORD_NUM[t]
    half = 0.0
    if t.endswith("½"):
        half, t = 0.5, t[:-1]
        if not t:
            return 0.5
    value = parse_danish_number(t)
    return None if value is None else value + half


def _unit_factor(unit: str) -> float:
    u = unit.strip()
    for pattern, factor in _UNITS:
        if re.fullmatch(pattern, u, re.IGNORECASE):
            return factor
    raise ValueError(unit)  # unreachable: the unit matched _UNIT_RE


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", text))


def _context_flags(amount: Amount, text: str) -> None:
    after = text[amount.end: amount.end + 60]
    before = text[max(0, amount.start - 40): amount.start]
    if _PER_YEAR.match(after) or _PER_YEAR_BEFORE.search(before):
        amount.per_year = True
    m = _OVER_YEARS.match(after)
    if m:
        n = m.group("n").lower()
        amount.period_years = int(n) if n.isdigit() else _PERIOD_WORDS.get(n)
    if _ONE_OFF.search(before[-30:]) or re.match(r"^\W{0,3}(?:som\s+)?(?:en\s+)?engangs", after, re.IGNORECASE):
        amount.one_off = True


def _from_match(m: re.Match, text: str, base: int = 0) -> Amount | None:
    low = _number(m.group("low"))
    if low is None:
        return None
    high_s = m.groupdict().get("high")
    high = _number(high_s) if high_s else None
    factor = _unit_factor(m.group("unit"))
    if high is not None and (high < low or _is_year(m.group("low"))
                             or (m.groupdict().get("og") and not m.groupdict().get("between"))):
        # "2016-2 mio.", "i 2015 og 3 mio.", "i år 1 og 1,3 mio." ("og" joins a range only after "mellem"):
        # the first number is not part of a range
        return None
    qual = (m.group("qual") or "").lower() or None
    amt = Amount(
        low_tkr=low * factor,
        high_tkr=(high if high is not None else low) * factor,
        text=m.group(0).strip(),
        start=base + m.start(),
        end=base + m.end(),
        approx=is_approx(qual),
        negative=bool(m.group("sign")),
        qualifier=qual,
        unit_tkr=factor,
    )
    return amt


def find_amounts(text: str) -> list[Amount]:
    """Every money expression in a prose string, in order of appearance.

    A figure counts only with a money unit (kr., t.kr., 1.000 kr., mio., mia.);
    a unit without a figure ("beløb i 1.000 kr.") is not an amount, nor are
    percentages, years, counts, phone numbers or dates."""
    if not text:
        return []
    out: list[Amount] = []
    taken: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _AMOUNT.search(text, pos)
        if m is None:
            break
        start = m.start()
        amt = _from_match(m, text)
        if amt is None and m.group("high"):
            # retry from the second number: "i 2016-2 mio. kr." → "2 mio. kr."
            pos = m.start("high") if m.start("high") > m.start() else m.end()
            if m.group("sign2"):
                pos = m.start("sign2")
            continue
        pos = m.end()
        if amt is None:
            continue
        unit = m.group("unit")
        if _bad_context(text, m.start("low"), m.end(), unit, m.group("low")):
            continue
        # "1.000 kr." directly after "(" / "i" is a unit header
        if unit.lower().startswith("1.000") and m.group("low") and _UNIT_HEADER_BEFORE.search(text[:start]):
            continue
        if (m.group("low") == "1.000" and unit.lower().startswith("kr")
                and _UNIT_HEADER_BEFORE.search(text[:m.start("low")])):
            continue
        _context_flags(amt, text)
        out.append(amt)
        taken.append((amt.start, amt.end))
    for m in _PREFIX_KR.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        low = _number(m.group("low"))
        if low is None or _is_year(m.group("low")):
            continue
        qual = (m.group("qual") or "").lower() or None
        amt = Amount(low_tkr=low * 0.001, high_tkr=low * 0.001, text=m.group(0).strip(), start=m.start(),
                     end=m.end(), approx=is_approx(qual),
                     negative=bool(m.group("sign")), qualifier=qual, unit_tkr=0.001)
        _context_flags(amt, text)
        out.append(amt)
    out.sort(key=lambda a: a.start)
    return _join_between(text, out)


def _join_between(text: str, found: list[Amount]) -> list[Amount]:
    """"mellem kr. 500.000 og kr. 1.500.000" / "mellem 2 mio. kr. og 3 mio. kr." → one range."""
    out: list[Amount] = []
    for a in found:
        prev = out[-1] if out else None
        if (prev is not None and not prev.is_range and not a.is_range
                and re.fullmatch(r"\s*(?:og|til|-|–)\s*", text[prev.end:a.start])
                and re.search(r"\bmellem\s+$", text[max(0, prev.start - 10):prev.start], re.IGNORECASE)
                and prev.low_tkr <= a.low_tkr):
            out[-1] = Amount(low_tkr=prev.low_tkr, high_tkr=a.high_tkr, text=text[prev.start:a.end],
                             start=prev.start, end=a.end, approx=prev.approx or a.approx,
                             per_year=prev.per_year or a.per_year, one_off=prev.one_off or a.one_off,
                             negative=prev.negative, qualifier=prev.qualifier, period_years=a.period_years,
                             unit_tkr=a.unit_tkr)
            continue
        out.append(a)
    return out


def _bad_context(text: str, start: int, end: int, unit: str, low: str) -> bool:
    """Reject figures glued to other digits or words (ids, phone numbers, '10-kr.-mønt')."""
    prev = text[start - 1: start] if start > 0 else ""
    if prev and (prev.isdigit() or prev in ",/"):
        return True
    if prev == "." and start >= 2 and text[start - 2].isdigit():
        return True  # "1.2.000 kr." style junk / dates like "1.1.2016"
    nxt = text[end: end + 1]
    return bool(nxt) and nxt.isdigit()


#: A figure alone (what find_amounts finds nothing in): the same Amount as the read_number path
#: below, without its searches; a table of 100,000 rows has several such cells per row.
_BARE_FIGURE = re.compile(rf"{_SIGN}(?P<low>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?)")
_CELL_JUNK = re.compile(r"^[\s(]*|[\s)*]*$")


def parse_amount(cell: str, unit_tkr: float | None = None) -> Amount | None:
    """A whole cell or field value as an amount, or None when it is not one.

    ``unit_tkr`` is the unit from the table header (1 for t.kr. / 1.000 kr.,
    1000 for mio. kr., 0.001 for kr.); a unit printed in the cell wins. A cell
    with no printed unit and no header unit is None: the unit is unknown, and
    a guess would be off by a factor of a thousand. "(1.250)" is negative, as
    in accounts."""
    if cell is None:
        return None
    raw = cell
    s = " ".join(str(cell).split())
    if not s:
        return None
    paren_negative = s.startswith("(") and s.endswith(")") and len(s) > 2
    s = s.strip("()* ").strip()
    if not s:
        return None
    bare = _BARE_FIGURE.fullmatch(s)
    if bare:  # the common table cell, "-1.250": no unit in it, so only the header's can apply
        if unit_tkr is None:
            return None
        figure = float(bare.group("low").replace(".", "").replace(",", "."))  # as parse_danish_number
        return Amount(low_tkr=figure * unit_tkr, high_tkr=figure * unit_tkr, text=raw.strip(), start=0,
                      end=len(raw.strip()), negative=bool(bare.group("sign")) or paren_negative, unit_tkr=unit_tkr)
    found = find_amounts(s)
    if found:
        if len(found) != 1:
            return None
        amt = found[0]
        rest = (s[: amt.start] + s[amt.end:]).strip(" .,;:")
        if rest and not re.fullmatch(r"(?:årligt|om året|pr\.\s?år|i alt|netto|brutto)", rest, re.IGNORECASE):
            return None
        amt.text = raw.strip()
        amt.start, amt.end = 0, len(amt.text)
        amt.negative = amt.negative or paren_negative
        return amt
    if unit_tkr is None:
        return None
    n = read_number(s)
    if n is None:
        return None
    return Amount(low_tkr=n.low * unit_tkr, high_tkr=n.high * unit_tkr, text=raw.strip(), start=0,
                  end=len(raw.strip()), approx=is_approx(n.qualifier), negative=n.negative or paren_negative,
                  qualifier=n.qualifier, unit_tkr=unit_tkr)


# --------------------------------------------------------------------------- years

YEAR_MIN, YEAR_MAX = 1990, 2100


@dataclass
class YearRef:
    """A year or year span mentioned in prose.

    kind: 'from' ("fra 2017", "fra og med 2017", "med virkning fra 2017"),
    'in' ("i 2015"), 'until' ("til 2018", "frem til 2018", "inden 2018"),
    'range' ("2016-2019", "2016-19", "budget 2011-14"), 'plain' (any other)."""

    start: int  # first year
    end: int  # last year (== start unless a span)
    kind: str
    text: str
    pos: int


_YEAR = r"(?:19[9]\d|20\d\d)"
_YEAR_RE = re.compile(
    r"(?P<prefix>\b(?:fra og med|med virkning fra|med fuld effekt fra|fra|i|frem til|til og med|til|inden|"
    r"senest|primo|medio|ultimo|budget(?:år(?:et)?)?|år(?:et)?)\s+)?"
    rf"(?<![\d.,/-])(?P<y1>{_YEAR})(?:\s?(?:-|–|/)\s?(?P<y2>{_YEAR}|\d\d)(?![\d]))?(?![\d.,]\d)",
    re.IGNORECASE,
)
_MONEY_AFTER = re.compile(rf"^\s?(?:{_UNIT_RE})", re.IGNORECASE)


def find_year_refs(text: str) -> list[YearRef]:
    """Years and spans in order; a four-digit figure followed by a money unit
    ("2000 kr."), inside a longer number ("2016-0077618", "2.015") or a
    percentage is not a year."""
    out: list[YearRef] = []
    if not text:
        return out
    for m in _YEAR_RE.finditer(text):
        y1 = int(m.group("y1"))
        if not (YEAR_MIN <= y1 <= YEAR_MAX):
            continue
        tail = text[m.end(): m.end() + 12]
        if _MONEY_AFTER.match(tail) or re.match(r"^\s?(?:pct|%|procent)", tail, re.IGNORECASE):
            continue
        if re.match(r"^-\d", tail):  # a case number "2016-0077618"
            continue
        y2s = m.group("y2")
        y2 = y1
        if y2s:
            y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
            if y2 < y1 or y2 - y1 > 30:
                y2 = y1
        prefix = (m.group("prefix") or "").strip().lower()
        if y2 != y1:
            kind = "range"
        elif prefix in ("fra", "fra og med", "med virkning fra", "med fuld effekt fra"):
            kind = "from"
        elif prefix in ("i", "primo", "medio", "ultimo"):
            kind = "in"
        elif prefix in ("til", "frem til", "til og med", "inden", "senest"):
            kind = "until"
        else:
            kind = "plain"
        out.append(YearRef(y1, y2, kind, m.group(0).strip(), m.start("y1")))
    return out


def find_years(text: str) -> list[int]:
    """Distinct years mentioned, in order of first mention (a span gives both ends)."""
    seen: dict[int, None] = {}
    for ref in find_year_refs(text):
        seen.setdefault(ref.start)
        seen.setdefault(ref.end)
    return list(seen)


def year_from(text: str) -> int | None:
    """The first "fra 2017" / "fra og med 2017" year, or None."""
    return next((r.start for r in find_year_refs(text) if r.kind == "from"), None)


def year_in(text: str) -> int | None:
    """The first "i 2015" year, or None."""
    return next((r.start for r in find_year_refs(text) if r.kind == "in"), None)


def year_span(text: str) -> tuple[int, int] | None:
    """The first "2016-2019" span as (first, last), or None."""
    return next(((r.start, r.end) for r in find_year_refs(text) if r.kind == "range"), None)
