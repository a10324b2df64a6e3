"""B17 catalogue, stage 3: the *Forventet/realiseret økonomisk gevinst* block → gains.

The gain block is free prose ("… en nettobesparelse på 0,64 mio. kr. i 2016 og
1,28 mio. kr. fra 2017 og frem"), sometimes with a small table. Each money
amount is classified by the words in its own clause: a cost, investment, unit
price, one-off sale or total over several years is not an annual gain; past
tense or "realiseret" makes it realised, anything else is expected. Years come
from "i 2016" / "fra 2017" right next to the amount, or from "2016: …" list
lines. When the prose does not single out one annual figure the field stays
None and a ParseWarning says why: a wrong number on a dashboard is worse than
a visible gap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.core.amount_phrase import Note, anchor_note, bounds
from etl.core.gain_table import GainSeries, find_gain_tables, read_gain_table
from etl.core.model import Code, Gain, Initiative, ParseWarning, set_expected
from etl.core.numbers import ONE_OFF, YEARLY, find_amounts
from etl.core.when import Anchor, phase_in, when_of
from etl.parse.common import squash

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"“”])")
_COST = re.compile(r"(?:udgift|investe|koste|\bpris\b|kontraktsum|driftsbudget|anskaff|afsætte|afsættes|\bafsat\b"
                   r"|\blicens|\bløn\b|merforbrug|merudgift|ekstraudgift|færre indtægter|tilført|opnormer|udgiftsramme"
                   r"|omkostning|samlet budget|\bbudget på|tilskud|kontrakt)", re.IGNORECASE)
_SAVING = re.compile(r"(?:besparelse|\bspar|sparet|gevinst|effektivis|potentiale|provenu|reduk|reducer|mindreudgift"
                     r"|mindredgift|mindreforbrug|mindre forbrug|råderum|rationale|billigere|frigjort|frigør|\bfald"
                     r"|nedbring|nedsæt|mindske)",
                     re.IGNORECASE)
_ADJUST = re.compile(r"(?:nedjuster|opjuster|udlignet)", re.IGNORECASE)
_REALISED = re.compile(r"(?:\brealiser(?:et|ede)\b|\bhar\s+(?:\w+\s+){0,3}?(?:sparet|givet|medført|opnået|håndteret|"
                       r"reduceret|været)\b|\bblev\s+(?:der\s+)?(?:\w+\s+)?(?:opnået|reduceret|sparet|ringet)|\bsparede\b"
                       r"|\bgav\b|\bviste\b|\blykkedes\b|\bhjemtaget\b|\bhøstet\b|\budgjorde\b|\bbeløb sig\b"
                       r"|\ber\b(?:\s+[\w-]+){0,6}\s+"
                       r"(?:reduceret|opnået|nået|indgået)\b|\bvar\s+(?:i\s+\d{4}\s+)?opgjort|\bforeløbig\b|\bvar\s+en\b"
                       r"|\bhar\b(?:\s+[\w-]+){0,3}\s+reduceret)", re.IGNORECASE)
_EXPECTED = re.compile(r"(?:forvent|\bvil\b|\bskal\b|anslå|\bskøn(?:net|nes|nede)?\b|estimer|vurder|potentiale|forudsat"
                       r"|budgetter|\b(?:kan|kunne)\s+(?:\w+\s+)?(?:spare|opnå|realisere|give|frigøre|hente|reducere|betyde)"
                       r"|måltal|målsætning|\bmål\b|beregne|\bville\b|fuld indfasning|fuldt indfaset"
                       r"|fuld implementering|fuld effekt|business case|realiseres)", re.IGNORECASE)
_RATE_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:pr\.|per|/)\s*(?!år\b|året\b)(?:\d|[a-zæøå])", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"(?:\bá\s*$|\bpr\.\s+(?!år\b)[a-zæøå]+\s*(?:ca\.\s*)?$|\bpr\.\s+(?:person|borger|barn|elev|"
                          r"ansat|medarbejder|plads|klasse|ung|sag|time|måned)\b)", re.IGNORECASE)
_RATE_NOUN = re.compile(r"\bpr\.\s+(?:person|borger|barn|elev|ansat|medarbejder)\b", re.IGNORECASE)
_COMPARE = re.compile(r"(?:i forhold til|ud af|sammenholde|\baf et\b|\baf det samlede\b)", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"(?:\bsamlet\b|\bsamlede\b|\bi alt\b|\btotal)", re.IGNORECASE)
_RISING = re.compile(r"(?:stige[rn]?\b|stigende|herefter|derefter|hvorefter|fuld\w*\s+(?:indfas|implementer|effekt))",
                     re.IGNORECASE)
_YEAR_LINE = re.compile(r"^\s*[-•]?\s*(?P<label>[A-ZÆØÅ][\w ]{0,40}?(?:\s+i)?\s+)?(?P<y>(?:19|20)\d\d)"
                        r"(?P<frem>\s+og\s+frem\w*)?\s*:\s*(?P<rest>.+)$")
_PER_YEAR = re.compile(r"årlig|om året|pr\.\s*år|/år|hvert år", re.IGNORECASE)
_PERIOD = re.compile(r"(?:\bover\s+(?:de\s+(?:næste|kommende)\s+|en\s+)?\d+[\s-]+år|\bi\s+perioden\b"
                     r"|\bover\s+\w+\s+år\b"
                     r"|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b)", re.IGNORECASE)


@dataclass
class _Fig:
    """One amount in the gain prose, with what the words around it say."""

    tkr: float
    low: float | None  # None: an upper bound only ("op til")
    high: float | None  # None: a lower bound only ("mindst")
    sentence: str
    line: int
    kind: str  # 'expected' | 'realised'
    year: int | None = None
    year_kind: str | None = None  # 'in' | 'from'
    per_year: bool = False
    total: bool = False
    rising: bool = False  # "stigende til", "herefter": the level after a ramp-up
    saving: bool = False  # a saving word ("besparelse", "gevinst") in its own clause
    extra: bool = False  # "yderligere": an increment on top of another figure
    relative: int | None = None  # "i år 2": the year was anchored (see Anchor)


@dataclass
class _Aside:
    """A figure that is not a yearly gain but matters: money once, or a total over N years."""

    tkr: float
    kind: str
    sentence: str
    line: int
    text: str
    period_years: int | None = None  # None: money once


def _sentences(gain: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = []
    for ln, text in gain:
        t = squash(text or "")
        if not t or "\t" in (text or ""):
            continue
        for sent in _SENT_SPLIT.split(t):
            if sent.strip():
                out.append((ln, sent.strip()))
    return out


def _clause_before(sent: str, start: int, prev_end: int) -> str:
    """Text before an amount, back to the previous amount or the start of its clause."""
    marks = [sent.rfind(x, prev_end, start) for x in (", ", ";", " mens ", " men ", ": ")]
    lo = max([prev_end] + [m + 1 for m in marks if m >= 0])
    return sent[lo:start]


_RESULT = re.compile(r"^(?:det|dette|hvilket)\s+(?:giver|betyder|har\s+givet|gav)\b", re.IGNORECASE)


def _kind(text: str) -> str | None:
    """'realised' for past tense or "realiseret", 'expected' for forecasts, None when the words say neither."""
    if _REALISED.search(text) and not _EXPECTED.search(text):
        return "realised"
    return "expected" if _EXPECTED.search(text) else None


def _once(sent: str, a_start: int, a_end: int, prev_end: int, next_start: int, before: str) -> bool:
    """Money once: "engangs…" or a sale in its clause, or "blev ringet ind" / "indkrævet" anywhere in the
    text the figure owns (since the previous figure, to the end of its clause) when no yearly word is there."""
    if _ONE_OFF_LOCAL.search(before):
        return True
    tail = re.split(r",\s|;|\s-\s|\(", sent[a_end:next_start], maxsplit=1)[0]  # a parenthesis is about another
    owned = sent[prev_end:a_start] + " " + tail
    return bool(ONE_OFF.search(owned)) and not YEARLY.search(sent[a_start:a_end] + " " + tail)


_OVER_BEFORE = re.compile(r"\bover\s+(?:de\s+(?:næste|kommende)\s+|en\s+)?(?P<n>\d{1,2}|to|tre|fire|fem|seks|syv|otte"
                          r"|ni|ti)(?:[\s-]+årig)?[\s-]+(?:år|års\s*periode|periode)\b[^,;]{0,30}$", re.IGNORECASE)
_PERIOD_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10}


def _period_before(before: str) -> int | None:
    """"Provenu over 5 år = 6,4 mio. kr.": a total over a period named before the figure."""
    m = _OVER_BEFORE.search(before)
    if m is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _PERIOD_WORDS[n]


_ONE_OFF_LOCAL = re.compile(r"\bsalg\b|sælge|indbring\w*|engangs|éngangs|likviditet", re.IGNORECASE)


def _figures(gain: list[tuple[int, str]], anchor: Anchor | None,
             table_lines: frozenset[int] = frozenset()) -> tuple[list[_Fig], list[_Aside]]:
    """The figures of the prose (not of its tables: ``table_lines``), and the asides."""
    figs: list[_Fig] = []
    asides: list[_Aside] = []
    intro = ""  # the sentence introducing a "2016: …" list
    prev_kind: str | None = None  # the tense of the previous sentence, for one that has none of its own
    for ln, sent in _sentences(gain):
        if ln in table_lines:
            continue
        ym = _YEAR_LINE.match(sent)
        if not ym and not sent.startswith("-"):
            intro = sent if sent.rstrip().endswith(":") else ""
        amounts = find_amounts(sent)
        if ym:
            # "2016: 3 mio. kr. …, derudover …": the line's own figure; "Udgift 2016: 20.000 kr. pr.
            # måned * 12 måneder: 240.000 kr.": the result at the end, judged by the label
            amounts = amounts[-1:] if ym.group("label") else amounts[:1]
        sent_kind = _kind(sent) or (prev_kind if _RESULT.match(sent) else None)
        for k, a in enumerate(amounts):
            if a.negative:
                continue
            prev_end = amounts[k - 1].end if k else 0
            next_start = amounts[k + 1].start if k + 1 < len(amounts) else len(sent)
            before = _clause_before(sent, a.start, prev_end)
            after = sent[a.end:next_start]
            if _RATE_AFTER.match(after) or _RATE_BEFORE.search(before) or _RATE_NOUN.search(sent[:a.start]):
                continue  # a unit price ("120.000 kr. pr. borger"), not a gain
            if _ADJUST.search(before) or _COMPARE.search(before):
                continue
            cue_text = before + (" " + intro + " " + (ym.group("label") or "") if ym else "")
            saving_here = bool(_SAVING.search(cue_text))
            if _COST.search(cue_text) and not saving_here:
                continue
            if not saving_here and _COST.search(sent) and not _SAVING.search(sent):
                continue
            tail = re.split(r",\s|;|\s-\s", after, maxsplit=1)[0]
            full_before = sent[prev_end:a.start] + " " + tail + " " + intro
            marked = bool(re.search(r"\(realiseret\)", after)
                          or re.search(r"realiseret", ym.group("rest") if ym else ""))
            kind = "realised" if marked else (_kind(full_before) or sent_kind or "expected")
            if a.one_off or _once(sent, a.start, a.end, prev_end, next_start, before):
                asides.append(_Aside(a.value_tkr, kind, sent, ln, a.text))
                continue
            period = a.period_years or _period_before(before)
            if period:
                asides.append(_Aside(a.value_tkr, kind, sent, ln, a.text, period))
                continue
            year: int | None = None
            ykind: str | None = None
            relative: int | None = None
            if ym:
                year, ykind = int(ym.group("y")), ("from" if ym.group("frem") else "in")
            else:
                when = when_of(sent[prev_end:a.start], after, first=(k == 0))
                year, relative = when.resolve(anchor), when.relative
                ykind = None if year is None else ("from" if when.onward else "in")
            if _PERIOD.search(before[-60:] + after[:40]) and not (a.per_year or ym or year):
                continue  # a total over a period ("i perioden 2014-2018"), not a yearly figure
            low, high = bounds(a)
            figs.append(_Fig(tkr=a.value_tkr, low=low, high=high, sentence=sent, line=ln, kind=kind,
                             year=year, year_kind=ykind, relative=relative,
                             per_year=a.per_year or bool(_PER_YEAR.search(sent)),
                             total=bool(_TOTAL_WORD.search(sent[prev_end:a.start][-40:]))
                             or bool(_TOTAL_WORD.search(after[:12])),
                             saving=saving_here,
                             rising=bool(_RISING.search(sent[prev_end:a.start]))
                             or (relative is None and bool(re.match(r"\s*fra\s+år\s+\d", after))),
                             extra=bool(re.search(r"\byderligere\b|\bderudover\b", sent[prev_end:a.start], re.I))
                             and not _TOTAL_WORD.search(sent[prev_end:a.start][-40:])))
        # "Faxe Kommune har reduceret … Det giver kommunen en besparelse på 369.000 kr.": the result of
        # what the previous sentence says was done has that sentence's tense
        prev_kind = _kind(sent) if not amounts else None
    return figs, asides


def _pick(figs: list[_Fig]) -> tuple[_Fig | None, str | None]:
    """The annual figure at full effect, or (None, why not)."""
    if not figs:
        return None, "no figure"
    if any(f.extra for f in figs):
        return None, "figures are increments ('yderligere') and no total is printed"
    rising = [f for f in figs if f.rising and f.year is None]
    if len({f.tkr for f in rising}) == 1:
        return rising[0], None
    dated = [f for f in figs if f.year is not None]
    totals = [f for f in figs if f.total and f.year is None]
    if dated:
        latest = max(f.year for f in figs if f.year is not None)
        last = [f for f in dated if f.year == latest]
        loose = {f.tkr for f in figs if f.year is None and not f.total} - {f.tkr for f in dated}
        if loose and not any(f.total for f in last):
            return None, "dated and undated figures that do not add up"
        if len({f.tkr for f in last}) == 1:
            return last[0], None
        tot = [f for f in last if f.total] or [f for f in last if f.saving]
        if len({f.tkr for f in tot}) == 1:
            return tot[0], None
        return None, f"several figures for {latest}"
    if len({f.tkr for f in figs}) == 1:
        return figs[0], None
    if len({f.tkr for f in totals}) == 1:
        return totals[0], None
    return None, "several figures, none marked as the total"


def _increments(figs: list[_Fig], total: _Fig | None) -> bool:
    """Yearly figures that add up to a printed total are increments, not levels."""
    dated = [f for f in figs if f.year is not None]
    return (total is not None and total.year is None and len(dated) >= 2
            and abs(sum(f.tkr for f in dated) - total.tkr) <= 0.01 * total.tkr + 1)


def _table(gain: list[tuple[int, str]], anchor: Anchor | None, context: str,
           notes: list[Note]) -> tuple[GainSeries | None, frozenset[int]]:
    """The first small table in the block that states a gain series (see :mod:`etl.core.gain_table`),
    and the lines of the "År 1: …" lists it read (they are not prose figures too)."""
    for t in find_gain_tables(gain):
        reading = read_gain_table(t, anchor=anchor, context=context)
        if reading.series is not None:
            notes.extend(reading.notes)
            return reading.series, frozenset(t.lines) if t.unit_from_lines else frozenset()
    return None, frozenset()


def read_gains(ini: Initiative, gain: list[tuple[int, str]], warnings: list[ParseWarning],
               anchor: Anchor | None = None) -> None:
    """Fill expected/realised/full_phase_in_year/gains from the gain block.

    ``anchor``: the calendar year of "År 1" for this example (its own start year or the
    catalogue's budget year); relative years it dates are warned as a guess."""
    first_line = gain[0][0] if gain else None
    text = " ".join(squash(t or "") for _, t in gain if t and "\t" not in t)
    notes: list[Note] = []
    table, listed = _table(gain, anchor, text, notes)
    figs, asides = _figures(gain, anchor)
    if listed:  # "År 1: 0 kr. / År 2: …" read as a table, unless the prose without it has its own figure
        without = _figures(gain, anchor, listed)
        if _pick([f for f in without[0] if f.kind == "expected"])[0] is None:
            figs, asides = without
        else:
            table = None
    exp = [f for f in figs if f.kind == "expected"]
    rea = [f for f in figs if f.kind == "realised"]
    e: _Fig | GainSeries | None
    e, why = _pick(exp)
    total = next((f for f in figs if f.total and f.year is None), None)
    anchored = any(f.relative is not None for f in figs)
    if total is not None and _increments(figs, total):
        # "Samlet 8,175 mio. kr. … 2015: 3,0 (realiseret) 2016: 2,271 2017: 2,904": a ramp to the total
        e, why = total, None
        running = 0.0
        steps = sorted(((f.year, f) for f in figs if f.year is not None), key=lambda yf: yf[0])
        for year, f in steps:
            running += f.tkr
            ini.gains.append(Gain(year=year, kind=f.kind, amount_tkr=round(running, 3), text=f.sentence))
        ini.full_phase_in_year = max(year for year, _ in steps)
        ini.full_phase_in_text = total.sentence
        r_cum = [g for g in ini.gains if g.kind == "realised"]
        if r_cum:
            last = max(r_cum, key=lambda g: g.year)
            ini.realised_tkr, ini.realised_text = last.amount_tkr, last.text
        rea = []  # the realised figures were the ramp's steps: no separate realised total
    else:
        for f in figs:
            same = {g.tkr for g in figs if g.year == f.year and g.kind == f.kind}
            if f.year is not None and len(same) == 1 and not any(g.extra for g in figs if g.kind == f.kind) \
                    and all(g.year != f.year or g.kind != f.kind for g in ini.gains):
                ini.gains.append(Gain(year=f.year, kind=f.kind, amount_tkr=f.tkr, text=f.sentence))
        if e is not None and e.year is not None:
            ini.full_phase_in_year = e.year
            ini.full_phase_in_text = e.sentence
    if table is not None and (e is None or re.match(r"\W*forventet", table.label, re.IGNORECASE)):
        e, why = table, None
        anchored = anchored or any(g.relative is not None for g in table.gains)
        ini.gains = [g for g in ini.gains if g.kind != "expected"]
        for g in table.gains:
            if g.year is not None and all(x.year != g.year or x.kind != "expected" for x in ini.gains):
                ini.gains.append(Gain(year=g.year, kind="expected", amount_tkr=g.amount_tkr, text=table.text))
        if table.full_year is not None:
            ini.full_phase_in_year = table.full_year
            ini.full_phase_in_text = table.text
    else:
        notes.clear()  # the table was not used: its notes are not about the loaded figures
    if e is None:
        e, why = _period_equivalent(asides, "expected", why, notes)
    if isinstance(e, GainSeries):
        set_expected(ini, e.full_year_tkr, e.low_tkr, e.high_tkr)
    elif e is not None:
        set_expected(ini, e.tkr, e.low, e.high)
    if e is not None:
        ini.expected_text = e.text if isinstance(e, GainSeries) else e.sentence
    r, why_r = _pick(rea)
    if r is None:
        r, why_r = _period_equivalent(asides, "realised", why_r, notes)
    if r is not None:
        ini.realised_tkr = r.tkr
        ini.realised_text = r.sentence
    _phase_in(ini, gain, text, anchor, anchored)
    if anchored and anchor is not None and anchor.guessed and all(n.code != anchor_note(anchor, "").code
                                                                   for n in notes):
        notes.append(anchor_note(anchor, text[:300]))
    once_seen: set[tuple[float, str]] = set()
    for x in asides:
        if x.period_years is None and (x.tkr, x.kind) not in once_seen and (
                (x.kind == "realised" and ini.realised_tkr is None)
                or (x.kind == "expected" and ini.expected_tkr is None)):
            once_seen.add((x.tkr, x.kind))
            notes.append(Note(Code.AMOUNT_ONE_OFF, f"{x.text} is money once, not a yearly gain: not loaded",
                              x.sentence, {"amount_tkr": x.tkr, "kind": x.kind}))
    warnings.extend(n.warning(field="realised_tkr" if n.params.get("kind") == "realised" else "expected_tkr",
                              line=first_line, key=ini.key) for n in notes)
    ini.gains.sort(key=lambda g: (g.year, g.kind))
    if not once_seen:  # money once was said above; otherwise say why nothing was read
        _warn_missing(ini, gain, text, first_line, why, r is None and why_r != "no figure", why_r, warnings)


def _period_equivalent(asides: list[_Aside], kind: str, why: str | None,
                       notes: list[Note]) -> tuple[_Fig | None, str | None]:
    """"9 mio. kr. over tre år" when nothing else is printed: its yearly equivalent, warned; totals
    over periods that disagree (gross and net) leave it unread."""
    totals = [x for x in asides if x.kind == kind and x.period_years]
    if not totals or why != "no figure":
        return None, why
    yearly = {round(x.tkr / (x.period_years or 1), 6) for x in totals}
    if len(yearly) > 1:
        return None, "totals over periods that disagree"
    x = totals[0]
    value = x.tkr / (x.period_years or 1)
    notes.append(Note(Code.AMOUNT_PERIOD_TOTAL, f"{x.text} over {x.period_years} years read as {value:g} t.kr. "
                      "a year", x.sentence, {"total_tkr": x.tkr, "years": x.period_years}))
    return _Fig(tkr=value, low=value, high=value, sentence=x.sentence, line=x.line, kind=kind, per_year=True), None


def _phase_in(ini: Initiative, gain: list[tuple[int, str]], text: str, anchor: Anchor | None,
              anchored: bool) -> None:
    """"fuldt indfaset i 2019", "fuld effekt fra 2019", "stigende til … i 2019": the year the text
    prints wins over none, and over a year that came from anchoring relative years."""
    pi = phase_in(text)
    year = pi.when.resolve(anchor) if pi else None
    if pi is None or year is None:
        return
    if ini.full_phase_in_year is None or (anchored and pi.when.year is not None):
        ini.full_phase_in_year = year
        ini.full_phase_in_text = next((s for _, s in _sentences(gain) if pi.text in s), pi.text)


def _warn_missing(ini: Initiative, gain: list[tuple[int, str]], text: str, first_line: int | None,
                  why: str | None, realised_unread: bool, why_r: str | None,
                  warnings: list[ParseWarning]) -> None:
    if ini.expected_tkr is None and ini.realised_tkr is None:
        code = Code.AMOUNT_UNREADABLE
        if why == "no figure":
            as_table = any("\t" in (t or "") for _, t in gain)
            code = Code.AMOUNT_UNREADABLE if as_table else Code.AMOUNT_MISSING
            msg = ("gain given only as a table that was not read" if as_table
                   else "no gain figure in the 'Forventet/realiseret økonomisk gevinst' prose")
        else:
            msg = f"gain not read: {why}"
        warnings.append(ParseWarning(code, msg, field="expected_tkr", text=(text[:300] or None), line=first_line,
                                     key=ini.key, params={"reason": why}))
    elif ini.expected_tkr is None and why != "no figure":
        warnings.append(ParseWarning(Code.AMOUNT_UNREADABLE, f"expected gain not read: {why}", field="expected_tkr",
                                     text=text[:300], line=first_line, key=ini.key, params={"reason": why}))
    if realised_unread:
        warnings.append(ParseWarning(Code.AMOUNT_UNREADABLE, f"realised gain not read: {why_r}", field="realised_tkr",
                                     text=text[:300], line=first_line, key=ini.key, params={"reason": why_r}))
