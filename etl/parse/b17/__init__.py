"""KL's *B17-katalog* (April 2016): examples of efficiency initiatives.

Layout (text extraction of the PDF): an optional cover memo, a table of
contents (lines ending in a page number), an introduction with a box listing
the ten sectors and ten efficiency types, then the body: sector headings,
efficiency-type headings under each sector, and under them the examples. An
example is a title line, a description, labelled blocks (*Forventet/realiseret
økonomisk gevinst*, *Andre effekter*, *Realiserbarhed*, *Status*, *Om casen*)
and ends with *Kommune:* and *Kontaktperson:*. An example printed under two
headings is one initiative with two appearances (key = title + municipalities).

Contact persons are personal data: their lines are consumed and dropped here,
and :func:`redact` strips e-mail addresses and phone numbers from everything
kept. ``line`` is the 1-based line of the title; ``page`` comes from form feeds
(page breaks of a PDF's text layer, or of a text export that kept them) and is
None when the text has none, as the 2016 text extraction has not.

Stages, one module each: :mod:`.segment` (headings, where an example starts
and ends), :mod:`.fields` (an example's blocks → fields), :mod:`.gains` (the gain
prose) and :mod:`.gain_tables` (small yearly tables in the gain block).
"""
from __future__ import annotations

import re

from etl.core.document import RawDocument
from etl.core.model import ParsedDocument, ParseWarning, merge_printings
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.parse.b17.fields import context, initiative
from etl.parse.b17.segment import body_start, catalogue_start, headings, split
from etl.parse.common import line_pages, squash

FORMAT = "b17"

def detect(doc: RawDocument) -> float:
    """Score by the example blocks: Kommune:, Realiserbarhed and Forventet … gevinst."""
    text = doc.text or ""
    if not text:
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


def _title(lines: list[str], cat: int, body: int) -> str:
    """"B17-katalog: <subtitle>" from the cover; the subtitle names the catalogue
    (and so keys its initiative ids), "B17-katalog" alone when there is none."""
    for ln in lines[cat:body]:
        s = squash(ln)
        if re.match(r"^Eksempler på\b", s, re.IGNORECASE):
            return f"B17-katalog: {s}"
    return "B17-katalog"


def parse(doc: RawDocument) -> ParsedDocument:
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
    initiatives = merge_printings([initiative(p, warnings, pages) for p in printings])
    for w in warnings:  # warnings raised before the key was known carry the title line
        if w.key is None and w.line is not None:
            w.key = next((ini.key for ini in initiatives if any(a.line == w.line for a in ini.appearances)), None)
    cat = catalogue_start(lines)
    title = _title(lines, cat, start)
    m = re.search(r"(?m)^\s*B17-KATALOG\s*\n+\s*(?:APRIL\s+)?(\d{4})", "\n".join(lines))
    year = int(m.group(1)) if m else None
    return ParsedDocument(format=FORMAT, title=title, published_year=year, initiatives=initiatives,
                          warnings=warnings, context=context(lines, cat) if cat > 0 else None)



PARSER = LayoutParser(name=FORMAT, id_prefix="b17", detect=detect, parse=parse)
