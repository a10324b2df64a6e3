"""Proposal lists as web databases print them: per proposal a heading, then labelled lines.

Databases of savings proposals (a union's budget database, a municipality's idea
bank on its web site, a committee's list exported from its case system) print
each proposal as a heading followed by "Label: value" lines::

    Madservice med udbringning                      ← the heading: the title
    Kommune: Allerød
    Område: Ældreområdet                            ← printed sector (etl.sectors)
    Status: Vedtaget                                ← status verbatim; adopted True
    Besparelse: 500.000 kr. årligt                  ← the amount in words
    Beskrivelse: Levering hver anden dag i stedet   ← a value may wrap over lines
    for hver dag.
    Kommentar: Vedtaget med budgetaftalen.          ← further_info
    Kontaktperson: …                                ← personal data: never loaded

or, as FOA's budget database does, a row of cells under a header row in place of
the heading ("Sted  Sektor  Spareemne  Besparelse  Beskrivelse": tab-separated when
copied from the page, single spaces in a plain-text dump), then "Status:" and
"Kommentar:" lines under each row.

The layout arrives as text, as a PDF's text layer, and as an XLSX or CSV export,
with the labelled lines in one column or as two columns "Felt | Værdi" (a record
view exported one field per row). Stages: :mod:`.lines` (every container as the
same labelled lines), :mod:`.segment` (lines → items), :mod:`.fields` (item →
Initiative). Detection is by structure — labelled lines whose labels repeat, item
after item — never by file name or wording.
"""
from __future__ import annotations

import re

from etl.core.document import RawDocument
from etl.core.model import Decided, ParsedDocument, merge_printings
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.parse.common import squash
from etl.parse.proposal_list.fields import Reader
from etl.parse.proposal_list.lines import Line, label_of, lines_of
from etl.parse.proposal_list.segment import segment

FORMAT = "proposal_list"
#: Detection: below a catalogue's score for its own text (the B17 catalogue also prints
#: "Kommune:" and "Status" per example), above a table's "table-shaped only" (0.55).
SCORE = 0.8
SCORE_WEAK = 0.4
#: Share of a list's non-blank lines that are labelled lines or rows (wrapped values and
#: headings are the rest); below it, labelled lines are incidental to prose.
MIN_LABELLED_SHARE = 0.15

#: Labels that do not make a labelled item on their own ("Forslag 1: …" lines are headings).
_NOT_CONTENT = {"contact", "title", "number"}
_SAVING_LABEL = re.compile(r"besparelse|provenu|gevinst|reduktion|effektivisering|spare", re.IGNORECASE)
_MUNI_IN_TEXT = re.compile(r"\b(?P<name>(?:[A-ZÆØÅ][a-zæøå]+-)?[A-ZÆØÅ][a-zæøå]+)\s+Kommune\b")
_CONTACT_DATA = re.compile(r"@|\b\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b")


def detect(doc: RawDocument) -> float:
    """Labelled lines whose labels repeat, item after item (a heading or a row of cells and
    at least one labelled line other than a title each). A table's rows without labelled lines
    under them, and a list of "Forslag 1: …" lines alone, are not this layout."""
    try:
        lines = lines_of(doc)
    except InputError:
        return 0.0
    items, _ = segment(lines)
    labelled = [it for it in items if it.labelled and it.names - _NOT_CONTENT]
    counts: dict[str, int] = {}
    for it in labelled:
        for name in it.names - _NOT_CONTENT:
            counts[name] = counts.get(name, 0) + 1
    repeated = [n for n, c in counts.items() if c >= 2]
    rows = [it for it in items if it.row is not None]
    if len(labelled) < 2 or not repeated or (rows and len(labelled) < len(rows) / 2):
        return 0.0
    filled = sum(1 for ln in lines if ln.text.strip())
    share = (sum(it.labelled for it in labelled) + len(rows)) / max(filled, 1)
    return SCORE if share >= MIN_LABELLED_SHARE else SCORE_WEAK


def _context_municipality(preamble: list[Line]) -> str | None:
    """The one municipality named above the list ("Allerød Kommune – spareforslag 2025")."""
    names = {m.group("name") for ln in preamble for m in _MUNI_IN_TEXT.finditer(ln.text)}
    return names.pop() if len(names) == 1 else None


def parse(doc: RawDocument) -> ParsedDocument:
    items, preamble = segment(lines_of(doc))
    parsed = ParsedDocument(format=FORMAT)
    first = next((squash(ln.text) for ln in preamble if ln.text.strip() and label_of(ln.text) is None), None)
    if first and len(first) <= 120 and not _CONTACT_DATA.search(first):
        parsed.title = first
    reader = Reader(parsed, _context_municipality(preamble))
    printed = [ini for ini in (reader.item(it) for it in items) if ini is not None]
    if not printed:
        raise InputError(doc.file_name, "unknown layout: no proposals with a heading and labelled lines "
                         "(Status:, Beskrivelse:, …) found")
    parsed.initiatives = merge_printings(printed)
    if reader.negative is not None:
        v = reader.negative  # a minus under a label that names a saving is printed evidence of the convention
        evidence, page, line = f"{v.label}: {v.text}", v.where.page, v.where.line
        parsed.source.sign_convention = (
            Decided("saving_positive", "printed", evidence, page, line) if _SAVING_LABEL.search(v.label)
            else Decided("saving_positive", "inferred", evidence, page, line))
    return parsed


PARSER = LayoutParser(name=FORMAT, id_prefix="prop", detect=detect, parse=parse, max_score=SCORE)
