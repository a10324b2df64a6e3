"""KL's *B17-katalog* (April 2016): examples of efficiency initiatives.

Layout (text extraction of the PDF): an optional cover memo, a table of
contents (lines ending in a page number), an introduction with a box listing
the ten sectors and ten efficiency types, then the body: sector headings,
efficiency-type headings under each sector, and under them the examples. An
example is a title line, a description, labelled blocks (*Forventet/realiseret
økonomisk gevinst*, *Andre effekter*, *Realiserbarhed*, *Status*, *Om casen*)
and ends with *Kommune:* and *Kontaktperson:*. An example printed under two
headings is one initiative with two appearances (same municipalities and the same
title or the same body: :mod:`.reprints`).

Contact persons are personal data: their lines are consumed and dropped here,
and :func:`redact` strips e-mail addresses and phone numbers from everything
kept. ``line`` is the 1-based line of the title; ``page`` comes from form feeds
(page breaks of a PDF's text layer, or of a text export that kept them) and is
None when the text has none, as the 2016 text extraction has not.

Stages, one module each: :mod:`.segment` (headings, where an example starts
and ends), :mod:`.fields` (an example's blocks → fields), :mod:`.gains` (the gain
prose and its small tables, read by :mod:`etl.core.gain_table`) and :mod:`.reprints`
(printings of one example under several headings and titles).
"""
from __future__ import annotations

import re

from etl.core.document import RawDocument
from etl.core.model import ParsedDocument, ParseWarning, merge_printings
from etl.core.parser import LayoutParser
from etl.core.when import Anchor
from etl.errors import InputError
from etl.parse.b17.fields import context, initiative
from etl.parse.b17.reprints import unify
from etl.parse.b17.segment import body_start, catalogue_start, headings, split
from etl.parse.common import line_pages, paragraph_view, remap_lines, squash

FORMAT = "b17"

def detect(doc: RawDocument) -> float:
    """Score by the example blocks: Kommune:, Realiserbarhed and Forventet … gevinst."""
    text = doc.text or ""
    if not text or "Realiserbarhed" not in text:  # n_feas would be 0: no need to scan the lines
        return 0.0
    n_muni = len(re.findall(r"(?m)^Kommuner?\s*:", text))
    n_feas = len(re.findall(r"(?m)^Realiserbarhed", text))
    n_gain = len(re.findall(r"(?m)^Forventet\s*/\s*realiseret økonomisk gevinst", text))
    n_contact = len(re.findall(r"(?m)^Kontaktperson", text))
    if min(n_muni, n_feas) == 0 or n_gain + n_contact == 0:
        return 0.0
    blocks = min(n_muni, n_feas, max(n_gain, n_contact))
    score = 0.6 + 0.1 * min(blocks, 3)
    if re.search(r"på en skala fra 1 til 3", text, re.IGNORECASE):
        score += 0.05
    return min(score, 1.0)


_COVER = re.compile(r"(?m)^\s*(?P<name>B\d{2})-KATALOG\s*$(?:\s*\n)+\s*(?:[A-ZÆØÅ]+\s+)?(?P<year>\d{4})?",
                    re.IGNORECASE)


def _title(lines: list[str], cat: int, body: int) -> str:
    """"B17-katalog: <subtitle>" from the cover (B18 for the 2018 catalogue …); the subtitle names
    the catalogue (and so keys its initiative ids), "B17-katalog" alone when there is none."""
    m = _COVER.search("\n".join(lines[cat:body]))
    name = f"{m.group('name').upper()}-katalog" if m else "B17-katalog"
    for ln in lines[cat:body]:
        s = squash(ln)
        if re.match(r"^Eksempler på\b", s, re.IGNORECASE):
            return f"{name}: {s}"
    return name


def budget_year(lines: list[str], cat: int, body: int, published: int | None) -> Anchor | None:
    """The budget year the catalogue is for: "B17-KATALOG" is budget 2017 (KL names the catalogue by the
    budget it serves), when that agrees with the year printed on the cover; else the year after
    publication. Relative years ("År 1") of examples without a start year of their own are anchored
    to it — a guess, warned on every initiative it dates."""
    cover = "\n".join(lines[cat:body])
    m = re.search(r"\bB(\d{2})\b", cover)
    if m and (published is None or published - 1 <= 2000 + int(m.group(1)) <= published + 2):
        line = next(ln.strip() for ln in lines[cat:body] if m.group(0) in ln)
        return Anchor(2000 + int(m.group(1)), "budget_year", line)
    if published is not None:
        return Anchor(published + 1, "budget_year", f"published {published}: the next year's budget")
    return None


def parse(doc: RawDocument) -> ParsedDocument:
    view = paragraph_view(doc)  # a PDF: one paragraph per line, as this layout's text export prints it
    if view is not None:
        parsed = _parse(view[0])
        remap_lines(parsed, view[1])
        return parsed
    return _parse(doc)


def _parse(doc: RawDocument) -> ParsedDocument:
    lines = doc.lines
    heads = headings(lines)
    warnings: list[ParseWarning] = []
    start, n_toc = body_start(lines, heads)
    if start < 0:
        cause = ("a table of contents but no example section after it" if n_toc
                 else "no sector heading before the examples")
        raise InputError(doc.file_name, f"B17 catalogue layout not recognised: {cause}")
    printings = split(lines, heads, start, warnings)
    printings = [p for p in printings if p.municipality is not None or p.gain or p.feasibility]
    if not printings:
        raise InputError(doc.file_name, "B17 catalogue has headings but no examples (no 'Kommune:' blocks)")
    text = doc.text or ""
    pages = line_pages(text) if "\f" in text else None  # without page breaks the page is unknown
    cat = catalogue_start(lines)
    m = _COVER.search("\n".join(lines))
    year = int(m.group("year")) if m and m.group("year") else None
    anchor = budget_year(lines, cat, start, year)
    printed = [(p, initiative(p, warnings, pages, anchor)) for p in printings]
    unify(printed, warnings)
    initiatives = merge_printings([ini for _, ini in printed])
    for w in warnings:  # warnings raised before the key was known carry the title line
        if w.key is None and w.line is not None:
            w.key = next((ini.key for ini in initiatives if any(a.line == w.line for a in ini.appearances)), None)
    title = _title(lines, cat, start)
    return ParsedDocument(format=FORMAT, title=title, published_year=year, initiatives=initiatives,
                          warnings=warnings, context=context(lines, cat) if cat > 0 else None)



PARSER = LayoutParser(name=FORMAT, id_prefix="b17", detect=detect, parse=parse)
