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

from etl.core.model import Code, Gain, Initiative, ParseWarning, set_range
from etl.core.numbers import find_amounts
from etl.parse.b17.gain_tables import _Series, table_series
from etl.parse.common import squash

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"“”])")
_COST = re.compile(r"(?:udgift|investe|koste|\bpris\b|kontraktsum|driftsbudget|anskaff|afsætte|afsættes|\bafsat\b"
                   r"|\blicens|\bløn\b|merforbrug|merudgift|ekstraudgift|færre indtægter|tilført|opnormer|udgiftsramme"
                   r"|omkostning|samlet budget|\bbudget på|tilskud|kontrakt)", re.IGNORECASE)
_SAVING = re.compile(r"(?:besparelse|\bspar|sparet|gevinst|effektivis|potentiale|provenu|reduk|reducer|mindreudgift"
                     r"|mindredgift|mindreforbrug|mindre forbrug|råderum|rationale|billigere|frigjort|frigør|\bfald"
                     r"|nedbring|nedsæt|mindske)",
                     re.IGNORECASE)
_ONE_OFF_CUE = re.compile(r"(?:\bsalg\b|sælge|indbringe|engangs|likviditet)", re.IGNORECASE)
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
_FULL_YEAR = re.compile(r"(?:fuld(?:t|e)?\s+(?:indfas\w*|implementer\w*|effekt)|fuldt\s+igennem|fuldt\s+indfaset)"
                        r"[^.]{0,40}?\b(?:i|fra)\s+(?:år(?:et)?\s+)?(?P<y>(?:19|20)\d\d)", re.IGNORECASE)
_YEAR_LINE = re.compile(r"^\s*[-•]?\s*(?P<label>[A-ZÆØÅ][\w ]{0,40}?(?:\s+i)?\s+)?(?P<y>(?:19|20)\d\d)"
                        r"(?P<frem>\s+og\s+frem\w*)?\s*:\s*(?P<rest>.+)$")
_YEAR_AFTER = re.compile(r"^\W{0,3}(?:(?:årligt|om året|pr\.\s*år)\s+)?(?P<prep>i|fra og med|fra|for)\s+"
                         r"(?:år(?:et)?\s+)?"
                         r"B?(?P<y>(?:19|20)\d\d)(?![\d-])(?P<frem>\s+og\s+(?:frem|fremefter|overslagsår))?",
                         re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?P<prep>i|fra og med|fra|for)\s+(?:år(?:et)?\s+)?(?P<y>(?:19|20)\d\d)(?![\d-])"
                          r"(?P<frem>\s+og\s+(?:frem|fremefter))?", re.IGNORECASE)
_PER_YEAR = re.compile(r"årlig|om året|pr\.\s*år|/år|hvert år", re.IGNORECASE)
_PERIOD = re.compile(r"(?:\bover\s+(?:de\s+(?:næste|kommende)\s+|en\s+)?\d+[\s-]+år|\bi\s+perioden\b"
                     r"|\bover\s+\w+\s+år\b"
                     r"|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b)", re.IGNORECASE)


@dataclass
class _Fig:
    """One amount in the gain prose, with what the words around it say."""

    tkr: float
    low: float
    high: float
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


def _year_of(before: str, after: str, first: bool) -> tuple[int | None, str | None]:
    """Year of an amount: "… 2 mio. kr. i 2016" / "fra 2017 og frem" right after it,
    else "I 2016 … 2 mio. kr." before it (not the previous amount's own year),
    else "… er sat til realisering i 2016" later in the clause."""
    m = _YEAR_AFTER.match(after)
    if m is None:
        if not first:
            lead = _YEAR_AFTER.match(before)
            before = before[lead.end():] if lead else before
        ms = list(_YEAR_BEFORE.finditer(before))
        m = ms[-1] if ms else None
    if m is None:
        m3 = re.search(r"(?P<y>(?:19|20)\d\d)\s+og\s+frem\w*\s*:\s*$", before)
        if m3:
            return int(m3.group("y")), "from"
        m2 = re.search(r"\b(?P<prep>i|fra)\s+(?P<y>(?:19|20)\d\d)\b(?P<frem>\s+og\s+frem)?", after[:45])
        if m2 and not re.search(r"\bog\b|,", after[:m2.start()]):
            m = m2
    if m is None:
        return None, None
    prep = m.group("prep").lower()
    kind = "from" if prep.startswith("fra") or m.group("frem") else "in"
    return int(m.group("y")), kind


def _figures(gain: list[tuple[int, str]]) -> list[_Fig]:

    figs: list[_Fig] = []
    intro = ""  # the sentence introducing a "2016: …" list
    for ln, sent in _sentences(gain):
        ym = _YEAR_LINE.match(sent)
        if not ym and not sent.startswith("-"):
            intro = sent if sent.rstrip().endswith(":") else ""
        amounts = find_amounts(sent)
        if ym:
            # "2016: 3 mio. kr. …, derudover …": the line's own figure; "Udgift 2016: 20.000 kr. pr.
            # måned * 12 måneder: 240.000 kr.": the result at the end, judged by the label
            amounts = amounts[-1:] if ym.group("label") else amounts[:1]
        for k, a in enumerate(amounts):
            if a.one_off or a.period_years or a.negative:
                continue
            prev_end = amounts[k - 1].end if k else 0
            next_start = amounts[k + 1].start if k + 1 < len(amounts) else len(sent)
            before = _clause_before(sent, a.start, prev_end)
            after = sent[a.end:next_start]
            if _RATE_AFTER.match(after) or _RATE_BEFORE.search(before) or _RATE_NOUN.search(sent[:a.start]):
                continue  # a unit price ("120.000 kr. pr. borger"), not a gain
            if _ONE_OFF_CUE.search(before) or _ADJUST.search(before) or _COMPARE.search(before):
                continue
            cue_text = before + (" " + intro + " " + (ym.group("label") or "") if ym else "")
            saving_here = bool(_SAVING.search(cue_text))
            if _COST.search(cue_text) and not saving_here:
                continue
            if not saving_here and _COST.search(sent) and not _SAVING.search(sent):
                continue
            year: int | None
            ykind: str | None
            if ym:
                year, ykind = int(ym.group("y")), ("from" if ym.group("frem") else "in")
            else:
                year, ykind = _year_of(sent[prev_end:a.start], after, first=(k == 0))
            if _PERIOD.search(before[-60:] + after[:40]) and not (a.per_year or ym or year):
                continue  # a total over a period, not a yearly figure
            tail = re.split(r",\s|;|\s-\s", after, maxsplit=1)[0]
            full_before = sent[prev_end:a.start] + " " + tail + " " + intro
            marked = bool(re.search(r"\(realiseret\)", after)
                          or re.search(r"realiseret", ym.group("rest") if ym else ""))
            if marked or (_REALISED.search(full_before) and not _EXPECTED.search(full_before)):
                kind = "realised"
            elif _EXPECTED.search(full_before):
                kind = "expected"
            else:
                kind = "realised" if _REALISED.search(sent) and not _EXPECTED.search(sent) else "expected"
            figs.append(_Fig(tkr=a.value_tkr, low=a.low_tkr, high=a.high_tkr, sentence=sent, line=ln, kind=kind,
                             year=year, year_kind=ykind,
                             per_year=a.per_year or bool(_PER_YEAR.search(sent)),
                             total=bool(_TOTAL_WORD.search(sent[prev_end:a.start][-40:]))
                             or bool(_TOTAL_WORD.search(after[:12])),
                             saving=saving_here,
                             rising=bool(_RISING.search(sent[prev_end:a.start]))
                             or bool(re.match(r"\s*fra\s+år\s+\d", after)),
                             extra=bool(re.search(r"\byderligere\b|\bderudover\b", sent[prev_end:a.start], re.I))
                             and not _TOTAL_WORD.search(sent[prev_end:a.start][-40:])))
    return figs


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


def read_gains(ini: Initiative, gain: list[tuple[int, str]], warnings: list[ParseWarning]) -> None:
    """Fill expected/realised/full_phase_in_year/gains from the gain block."""
    first_line = gain[0][0] if gain else None
    text = " ".join(squash(t or "") for _, t in gain if t and "\t" not in t)
    figs = _figures(gain)
    table = table_series(gain)
    exp = [f for f in figs if f.kind == "expected"]
    rea = [f for f in figs if f.kind == "realised"]
    e: _Fig | _Series | None
    e, why = _pick(exp)
    total = next((f for f in figs if f.total and f.year is None), None)
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
    if table is not None and (e is None or table.forecast):
        e, why = table, None
        ini.gains = [g for g in ini.gains if g.kind != "expected"]
        for year, value in table.series:
            if year is not None and all(g.year != year or g.kind != "expected" for g in ini.gains):
                ini.gains.append(Gain(year=year, kind="expected", amount_tkr=value, text=table.sentence))
        if table.year is not None:
            ini.full_phase_in_year = table.year
            ini.full_phase_in_text = table.sentence
    if e is not None:
        set_range(ini, e.low, e.high)
        ini.expected_text = e.sentence
    r, why_r = _pick(rea)
    if r is not None:
        ini.realised_tkr = r.tkr
        ini.realised_text = r.sentence
    m = _FULL_YEAR.search(text)
    if m and ini.full_phase_in_year is None:
        ini.full_phase_in_year = int(m.group("y"))
        ini.full_phase_in_text = next((s for _, s in _sentences(gain) if m.group(0) in s), m.group(0))
    ini.gains.sort(key=lambda g: (g.year, g.kind))
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
    if r is None and why_r != "no figure":
        warnings.append(ParseWarning(Code.AMOUNT_UNREADABLE, f"realised gain not read: {why_r}", field="realised_tkr",
                                     text=text[:300], line=first_line, key=ini.key, params={"reason": why_r}))


