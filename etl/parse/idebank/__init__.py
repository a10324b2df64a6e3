"""KL's Idébank catalogue: one "card" per proposal, found by its structure.

A card, as the PDF-to-text step prints it::

            <Name> Kommune                       municipality line (indented)
            <Title, may wrap; wrapped parts start in column 0>
     <description; first line starts with a space>
            Berørte fagområder
     Daginstitutioner   Kultur & Fritid   …     nine areas, each followed by a
     …  Udsatte voksne & borgere med / handicap /     check box glyph
     Økonomi  Typer af tiltag
     Effekt ved fuld indfasning (t.kr.): 450  Digitalisering/Automatisering
     Fuldt indfaset år: 2024     Implementeringsomkostninger: 0
     Er forslaget vedtaget: Ja
     Yderligere information
     <source document; URLs wrap>

Nothing here depends on this file's exact text: cards are found by that
skeleton (municipality line → "Berørte fagområder" → "Økonomi … Typer af
tiltag" → labelled values → "Yderligere information"), so a new catalogue in the
same layout (other municipalities, page breaks elsewhere) parses too.

Layout rules the parser relies on, each seen in the 2024 catalogue:

* **Page footers** ("<title>" / "<subtitle>" / "<page number>") fall between
  or inside cards, even inside the area grid or the Økonomi block. They are
  recognised as a pair of lines that repeats verbatim before bare page
  numbers, dropped from the card text, and give the document's title and year.
* **Pages.** Footer N closes page N. A card's page is the number of the first
  footer between its municipality line and the next card (it started on that
  page); otherwise one more than the last footer before it. With a footer on
  every page this is exact. The built-in text kept only 14 footers for ~230
  pages, so a card between two visible footers gets the *lowest* page it can be
  on; the parser says so in one document-level warning. Without any footers
  (a PDF text layer) the page is the form-feed page.
* **Section headers** (" Administration ", " Udsatte børn ") are the
  catalogue's own area names (learnt from the area grids, compared loosely:
  "Udsatte borgere voksne og borgere med handikap" is the grid's "Udsatte
  voksne & borgere med handicap"), printed between cards or at the top of a
  page inside a card. A card's section is the last header printed before it.
* **Økonomi and Typer af tiltag share lines**: after the label's value, a gap
  of two or more spaces starts the type column. A wrapped part (a line that
  starts in column 0) continues the value when its label line had no type,
  otherwise the type ("Tværkommunale" / "samarbejder", "Digitalisering" /
  "/automatisering"). A type pushed below a wrapped value is printed on its
  own indented line (" Indkøb").
* **Late Yderligere information**: a card printed without it is *pending*; a
  second "Yderligere information" after a later card belongs to the oldest
  pending card (the 2024 catalogue prints Halsnæs' link after the reprinted
  Greve card; the first block after a card is that card's own).

Stages, one module each: :mod:`.segment` (page furniture, where a card starts
and ends) and :mod:`.fields` (a card's lines → fields, with the field decisions).
"""
from __future__ import annotations

import re

from etl.core.document import RawDocument
from etl.core.model import Code, Initiative, ParsedDocument, ParseWarning, merge_printings
from etl.core.numbers import find_years
from etl.core.parser import LayoutParser
from etl.parse.common import line_pages, pdf_running_titles
from etl.parse.idebank.fields import initiative, warn_reprints
from etl.parse.idebank.segment import TICKED, UNTICKED, Card, Footer, Segmenter, area_names, footers, page_tops

FORMAT = "idebank"

_AREAS = re.compile(r"Berørte\s+fagområder", re.IGNORECASE)
_EFFECT = re.compile(r"Effekt\s+ved\s+fuld\s+indfasning", re.IGNORECASE)
#: What every match of _AREAS and _EFFECT contains, in the text's UTF-8 with its ASCII letters
#: lowered (``bytes.lower``): under re.IGNORECASE each of f, a, g, o, m, r, u, l, d, n matches only
#: its two ASCII cases, "i" only I, i or a character beyond ASCII (bytes ≥ 0x80), and ``\s`` only
#: the bytes 09–0D, 1C–20 or a character beyond ASCII (tests/test_detection.py checks this over
#: every code point). A text without them has no match, and the case-blind patterns, a quarter of
#: a second each over a 200,000-row CSV, are not run.
_AREAS_HINT = b"fagomr"
_EFFECT_HINT = re.compile(rb"fuld[\t-\r\x1c-\x20\x80-\xff]+i?ndfa")


def detect(doc: RawDocument) -> float:
    """Layout markers: many "Berørte fagområder" areas grids with an "Effekt ved
    fuld indfasning" figure (the Økonomi block) and check-box glyphs."""
    text = doc.text or ""
    low = text.encode("utf-8", "surrogatepass").lower()
    areas = len(_AREAS.findall(text)) if _AREAS_HINT in low else 0
    effect = len(_EFFECT.findall(text)) if _EFFECT_HINT.search(low) else 0
    return score(text, areas, effect)


def score(text: str, areas: int, effect: int) -> float:
    """The layout's score from the number of areas grids and of full-effect figures found."""
    if not areas or not effect:
        return 0.2 if (areas or effect) else 0.0
    boxes = sum(text.count(g) for g in TICKED | UNTICKED)
    cards = min(areas, effect)
    return min(1.0, 0.6 + 0.3 * min(1.0, cards / 5) + (0.1 if boxes >= 9 * cards else 0.0))



def parse(doc: RawDocument) -> ParsedDocument:
    text = doc.text or ""
    lines = text.splitlines()
    out = ParsedDocument(format=FORMAT)

    found, sig = footers(lines)
    noise = {j for f in found for j in f.lines}
    if sig:
        out.title = f"{sig[0]} – {sig[1]}"
        years = find_years(out.title)
        out.published_year = years[-1] if years else None
    elif len(running := pdf_running_titles(doc)) >= 2:  # a PDF's furniture, left out of its text
        out.title = f"{running[0]} – {running[1]}"
        years = find_years(out.title)
        out.published_year = years[-1] if years else None
    else:
        out.warnings.append(ParseWarning(Code.TITLE_UNKNOWN, "no repeated page header/footer found: the catalogue's "
                                         "title and year are unknown", field="title"))
    if found:
        numbers = [f.number for f in found]
        if any(b - a > 1 for a, b in zip(numbers, numbers[1:])):
            out.warnings.append(ParseWarning(
                Code.PAGES_APPROXIMATE, f"only {len(found)} page footers are printed ({numbers[0]}–{numbers[-1]}); "
                "a card between two visible footers gets the lowest page it can be on", field="page",
                text=", ".join(map(str, numbers)), params={"footers": len(found)}))

    cards = Segmenter(lines, noise, page_tops(lines, found), area_names(lines, noise)).run()
    ff_pages = line_pages(text) if "\f" in text else None
    printed: list[Initiative] = []
    for k, card in enumerate(cards):
        nxt = cards[k + 1].start if k + 1 < len(cards) else len(lines)
        printed.append(initiative(lines, card, _page(card, nxt, found, ff_pages), noise, out.warnings))
    warn_reprints(printed, out.warnings)
    out.initiatives = merge_printings(printed)
    return out


def _page(card: Card, next_start: int, found: list[Footer], ff_pages: list[int] | None) -> int:
    """The page a card starts on: the first footer before the next card closes it; else one
    more than the last footer before it; without footers the form-feed page."""
    if found:
        inside = [f for f in found if card.start <= f.line < next_start]
        if inside:
            return inside[0].number
        before = [f for f in found if f.line < card.start]
        return before[-1].number + 1 if before else 1
    if ff_pages:
        return ff_pages[card.start]
    return 1


PARSER = LayoutParser(name=FORMAT, id_prefix="idb", detect=detect, parse=parse)
