"""Council committee minutes: an agenda item in prose (Sagsresume, Sagsfremstilling,
Indstilling, Beslutning).

What minutes add to the product is the *requirement* the politicians set — "frem
til 2014 skal findes besparelse på i alt 4,5 % fordelt med 2,5 mio. kr. på børn
og ungeområdet og 10,5 mio. kr. på voksenområdet" — so each sentence that
demands a saving with a percentage or an amount becomes Target rows of kind
'requirement': one per area amount, plus one for a total stated only as a
percentage (its amount is NULL: the minutes print no total in kroner, and the
area rows already carry the money, so summing a year's requirements stays
right); shares printed per area ("1,5 % på X og 0,5 % på Y") give one row each.

Recommendations of an analysis ("Det anbefales, at …") are not initiatives:
they carry no saving, no owner and no decision — the committee only takes the
orientation to note and the concrete proposals come later in other committees.
They are kept as the source's context, not as initiatives.
"""
from __future__ import annotations

import re

from etl.core.model import Code, ParsedDocument, ParseWarning, Target
from etl.core.numbers import find_amounts, find_year_refs
from etl.core.parser import LayoutParser
from etl.parse.common import join_wrapped, line_pages, squash

FORMAT = "minutes"

_MARKERS = ("udvalg:", "mødedato:", "dagsorden", "sagsnr.", "sagsresume", "sagsfremstilling",
            "indstilling", "beslutning", "bilag")
_HEADINGS = {"sagsresume", "sagsfremstilling", "indstilling", "beslutning", "bilag", "dagsordenpunkter"}
_SAVING = re.compile(r"besparels|spare|reduktion|reducer|effektivis|nedbring|tilpasning|krav", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\d,])(\d+(?:,\d+)?)\s?(?:%|pct\.?|procent)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
#: "… kr. på <area>" up to the next amount, clause or sentence end.
_AREA = re.compile(r"^\s*(?:på|til|inden for|indenfor|vedr\.)\s+(?:det\s+|de\s+)?"
                   r"(.+?)(?=\s+og\s+[\d-]|[,;:]|\.\s|\.$|$)")


def detect(doc) -> float:
    """Minutes print a meeting header (Udvalg, Mødedato) and the fixed agenda-item headings."""
    head = "\n".join(doc.first_lines(400)).lower()
    found = sum(1 for m in _MARKERS if m in head)
    return min(1.0, found / 5) if "mødedato" in head or "referat" in head else min(0.4, found / 10)


def _field(lines: list[str], name: str) -> tuple[int, str] | None:
    for i, ln in enumerate(lines):
        m = re.match(rf"^\s*{name}\s*:\s*(.+?)\s*$", ln, re.IGNORECASE)
        if m:
            return i, m.group(1)
    return None


def _sentences(lines: list[str]) -> list[tuple[int, str]]:
    """(0-based line where it starts, text) of every sentence; a paragraph's wrapped
    lines are joined (hyphenation undone) before it is cut into sentences."""
    out: list[tuple[int, str]] = []
    cur: list[tuple[int, str]] = []
    for i, ln in enumerate(lines + [""]):
        if ln.strip():
            cur.append((i, ln))
            continue
        if not cur:
            continue
        text = join_wrapped([t for _, t in cur])
        # where each printed line begins in the joined text
        starts = [len(join_wrapped([t for _, t in cur[:k]])) for k in range(len(cur))]
        pos = 0
        for sent in _SENTENCE_END.split(text):
            at = text.find(sent, pos)
            pos = at + len(sent)
            k = max(j for j, st in enumerate(starts) if st <= at + 1)
            if sent.strip():
                out.append((cur[k][0], sent.strip()))
        cur = []
    return out


def _year(sentence: str) -> int | None:
    """The year a requirement must be met: "frem til 2014" first, then "i 2014", then "fra 2014"."""
    refs = find_year_refs(sentence)
    for kind in ("until", "in", "from", "range"):
        for r in refs:
            if r.kind == kind:
                return r.end
    return None


def _area_after(sentence: str, end: int) -> str | None:
    m = _AREA.match(sentence[end:])
    return squash(m.group(1)) if m else None


def _requirements(sentence: str, line: int, page: int, out: ParsedDocument) -> None:
    """Target rows for one sentence that demands a saving (see the module docstring)."""
    percents = [(float(m.group(1).replace(",", ".")), _area_after(sentence, m.end()))
                for m in _PERCENT.finditer(sentence)]
    amounts = find_amounts(sentence)
    if not (_SAVING.search(sentence) and (percents or amounts)):
        return
    year = _year(sentence)
    if year is None:
        out.warnings.append(ParseWarning(Code.YEAR_MISSING, "savings requirement without a year", field="targets",
                                         text=sentence, page=page, line=line))
    areas = [_area_after(sentence, a.end) for a in amounts]
    by_area = len(amounts) > 1 and all(areas)

    def target(amount_tkr: float | None, percent: float | None, area: str | None) -> Target:
        return Target(year=year, kind="requirement", amount_tkr=amount_tkr, text=sentence, area=area,
                      percent=percent, page=page, line=line)

    if percents and (by_area or not amounts):
        # shares only: "i alt 4,5 % fordelt med <kroner per area>", or "3 % på X og 2 % på Y"
        for pct, area in (percents if not amounts else percents[:1]):
            out.targets.append(target(None, pct, None if amounts else area))
            out.warnings.append(ParseWarning(
                Code.AMOUNT_ONLY_PERCENT,
                f"requirement of {pct:g} % printed without an amount in kroner: amount unknown"
                + (" (the areas' amounts are loaded separately)" if amounts else ""), field="targets",
                text=sentence, page=page, line=line, params={"percent": pct}))
        percents = []
    for a, area in zip(amounts, areas):
        out.targets.append(target(a.value_tkr, percents[0][0] if percents else None, area))

def parse(doc) -> ParsedDocument:
    lines = doc.lines
    pages = line_pages(doc.text or "")
    committee = _field(lines, "Udvalg")
    date = _field(lines, "Mødedato")
    year = None
    if date:
        years = [r.start for r in find_year_refs(date[1])]
        year = years[0] if years else None
    item = next((re.sub(r"^\d+\.\s*", "", squash(ln)) for ln in lines if re.match(r"^\s*\d+\.\s+\S", ln)), None)
    parts = [p for p in (committee[1] if committee else None, date[1] if date else None) if p]
    title = (", ".join(parts) + ": " if parts else "") + (item or "") or None
    out = ParsedDocument(format=FORMAT, title=title, published_year=year)
    if year is None:
        out.warnings.append(ParseWarning(Code.YEAR_UNKNOWN, "no meeting date (Mødedato) printed: "
                                         "published_year unknown", field="published_year"))
    body = [ln if squash(ln).lower() not in _HEADINGS else "" for ln in lines]
    seen = set()
    for start, sentence in _sentences(body):
        if sentence in seen:  # the summary repeats the presentation
            continue
        seen.add(sentence)
        _requirements(sentence, start + 1, pages[start], out)
    out.context = _context(lines)
    return out


def _context(lines: list[str]) -> str | None:
    """The item's summary and decision, kept with the source (recommendations are not initiatives)."""
    keep, section = [], None
    for ln in lines:
        s = squash(ln)
        if s.lower() in _HEADINGS:
            section = s.lower()
            continue
        if s and section in ("sagsresume", "beslutning"):
            keep.append(s if section == "sagsresume" else f"Beslutning: {s}")
    return "\n".join(keep) or None


PARSER = LayoutParser(name=FORMAT, id_prefix="min", detect=detect, parse=parse)
