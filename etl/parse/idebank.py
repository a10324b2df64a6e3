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

Field decisions:

* expected: a figure or a printed range (``etl.amounts.parse_amount``, t.kr.
  as the heading says), magnitude kept positive; "Ikke oplyst" → NULL + warning.
* full_phase_in_year: the one year the text names ("2024", "fra år 2024");
  "2026/2027" or "Ikke oplyst" → NULL + warning, text kept.
* implementation_cost_tkr: the figure when the text states exactly one amount
  ("550 årligt", "360 i 2024", "450 (2024-2026)"); years do not count as
  amounts. Text with several amounts — a one-off plus an annual part ("1230 i
  2024, herefter 1191 årligt") or a schedule over years — is not one number:
  NULL + warning, the text kept. Adding the parts would mix one-off and yearly
  money, and picking the first-year figure would understate the cost.
* adopted: "Ja"/"Nej" → True/False, anything else NULL + warning.
* Merging: a card printed again (same municipality and title, compared
  case- and whitespace-insensitively) is one initiative with several
  appearances (:func:`etl.model.merge_printings`); a reprint whose fields
  differ is warned about.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from etl import checkboxes
from etl.amounts import find_year_refs, find_years, parse_amount
from etl.model import Appearance, Initiative, ParsedDocument, ParseWarning, SectorTag, merge_printings
from etl.parse.common import join_wrapped, line_pages, pdf_running_titles, squash
from etl.sectors import canonical

FORMAT = "idebank"

#: Check-box glyphs: the one table in etl/checkboxes.py (the catalogue's symbol-font
#: codes in the private use area, and the Unicode boxes a PDF's text layer gives).
TICKED, UNTICKED, SPACE_GLYPHS = checkboxes.TICKED, checkboxes.UNTICKED, checkboxes.SPACE_GLYPHS

_AREAS_HEAD = re.compile(r"^\s*Berørte\s+fagområder\s*$", re.IGNORECASE)
#: "Økonomi  Typer af tiltag" side by side, or "Økonomi" alone when a PDF's columns are read one
#: after the other ("Typer af tiltag" then heads the second column, inside the block).
_ECON_HEAD = re.compile(r"^\s*Økonomi(?:\s+Typer\s+af\s+tiltag)?\s*$", re.IGNORECASE)
_TYPES_HEAD = re.compile(r"^\s*Typer\s+af\s+tiltag\s*$", re.IGNORECASE)
_INFO_HEAD = re.compile(r"^\s*Yderligere\s+information\s*:?\s*$", re.IGNORECASE)
#: "Greve Kommune", "Dragør  Kommune", "Ballerup, Gladsaxe og Gentofte Kommuner":
#: capitalised names only, so prose ending in "… Kommune" is not a card start.
_NAME = r"[A-ZÆØÅ][\w.\-]*"
_MUNI = re.compile(rf"^\s*(?P<names>{_NAME}(?:(?:\s+|\s*,\s*|\s+og\s+|\s+&\s+){_NAME})*)\s+Kommuner?\s*$")
_LABEL = re.compile(r"^\s*(?P<label>[A-ZÆØÅ][^:]{2,60}?)\s*:\s?(?P<rest>.*)$")
_PAGE_NO = re.compile(r"^\s*(\d{1,4})\s*$")
_GAP = re.compile(r"\s{2,}")

#: Økonomi labels → field; matched on the label's first words, lower-cased.
_FIELDS = (("effekt ved fuld indfasning", "expected"), ("fuldt indfaset", "phase_in"),
           ("implementeringsomkostning", "cost"), ("er forslaget vedtaget", "adopted"))

_NOT_STATED = re.compile(r"^ikke\s+oplyst\.?$", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\d.,])\d+(?:,\d+)?(?![\d,])")


def _norm_name(text: str) -> str:
    """Area / section names compared loosely: '&' is 'og', case and spacing ignored."""
    return squash(text.replace("&", " og ")).lower()


def _key(municipalities: list[str], title: str) -> str:
    return f"{_norm_name(', '.join(municipalities))}|{_norm_name(title).strip(' .')}"


# --------------------------------------------------------------------------- detection


def detect(doc) -> float:
    """Layout markers: many "Berørte fagområder" areas grids with an "Effekt ved
    fuld indfasning" figure (the Økonomi block) and check-box glyphs."""
    text = doc.text or ""
    areas = len(re.findall(r"Berørte\s+fagområder", text, re.IGNORECASE))
    effect = len(re.findall(r"Effekt\s+ved\s+fuld\s+indfasning", text, re.IGNORECASE))
    if not areas or not effect:
        return 0.2 if (areas or effect) else 0.0
    boxes = sum(text.count(g) for g in TICKED | UNTICKED)
    cards = min(areas, effect)
    score = 0.6 + 0.3 * min(1.0, cards / 5) + (0.1 if boxes >= 9 * cards else 0.0)
    return min(1.0, score)


# --------------------------------------------------------------------------- page furniture


@dataclass
class _Footer:
    line: int  # 0-based index of the page-number line
    number: int
    lines: tuple[int, ...]  # every line of the footer block (0-based)


def _footers(lines: list[str]) -> tuple[list[_Footer], tuple[str, str] | None]:
    """Page footers: two text lines that repeat verbatim before bare page numbers.

    Returns the footers in order and the (title, subtitle) pair they print."""
    candidates = []
    for i, line in enumerate(lines):
        m = _PAGE_NO.match(line)
        if not m:
            continue
        prev = [j for j in range(i - 1, max(-1, i - 8), -1) if lines[j].strip()][:2]
        if len(prev) < 2:
            continue
        sig = (squash(lines[prev[1]]), squash(lines[prev[0]]))
        if all(sum(ch.isalpha() for ch in part) >= 3 for part in sig):
            candidates.append((sig, i, int(m.group(1)), (prev[1], prev[0], i)))
    counts = Counter(c[0] for c in candidates)
    for sig, n in counts.most_common():
        if n < 2:
            break
        footers = [_Footer(i, num, block) for s, i, num, block in candidates if s == sig]
        numbers = [f.number for f in footers]
        if all(a < b for a, b in zip(numbers, numbers[1:])):  # page numbers only go up
            return footers, sig
    return [], None


# --------------------------------------------------------------------------- card segmentation


@dataclass
class _Card:
    start: int  # 0-based index of the municipality line
    muni_text: str
    section: str | None
    head: list[int] = field(default_factory=list)  # title + description lines
    grid: list[int] = field(default_factory=list)
    econ: list[int] = field(default_factory=list)
    info: list[int] = field(default_factory=list)
    info_header: int | None = None
    late_info: bool = False
    has_areas: bool = False
    has_econ: bool = False


class _Segmenter:
    """Walks the lines once and cuts them into cards (see the module docstring)."""

    def __init__(self, lines: list[str], noise: set[int], page_tops: set[int], area_names: set[str]):
        self.lines, self.noise, self.page_tops, self.area_names = lines, noise, page_tops, area_names
        self.cards: list[_Card] = []
        self.sections: list[tuple[int, str]] = []  # (line index, header text)
        self.section: str | None = None

    def is_section(self, i: int, between: bool) -> bool:
        """An area name on its own line: a section header. Inside a card only at
        the top of a page (where a page break put it); between cards also any
        short plain-words line that is indented like a header."""
        s = squash(self.lines[i])
        if not s or len(s) > 80:
            return False
        if not between and i not in self.page_tops:
            return False
        n = _norm_name(s)
        if any(n == a or difflib.SequenceMatcher(None, n, a).ratio() >= 0.8 for a in self.area_names):
            return True
        return False

    def next_content(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if j not in self.noise and self.lines[j].strip():
                return j
        return None

    def header_after_economy(self, i: int, card: _Card) -> bool:
        """An indented plain-words line after a complete Økonomi block is a
        section header (not a type printed on its own line) when a card or
        another header follows it: the card before it had no link."""
        raw = self.lines[i]
        if not (raw[:1].isspace() and _plain_words(raw)):
            return False
        labels = {f for line in card.econ for f in [_field_of(self.lines[line])] if f}
        if labels != {f for _, f in _FIELDS}:
            return False
        j = self.next_content(i)
        return j is None or bool(_MUNI.match(self.lines[j])) or self.is_section(j, between=True) or (
            self.lines[j][:1].isspace() and _plain_words(self.lines[j]) and (
                (k := self.next_content(j)) is None or bool(_MUNI.match(self.lines[k]))))

    def run(self) -> list[_Card]:
        lines = self.lines
        state = "between"
        card: _Card | None = None
        pending: list[_Card] = []
        info_target: _Card | None = None
        for i, raw in enumerate(lines):
            if i in self.noise or not raw.strip():
                continue
            if state in ("between", "econ", "info"):
                if _MUNI.match(raw) and not _INFO_HEAD.match(raw):
                    if card is not None and state == "econ":
                        pending.append(card)
                    card = _Card(i, squash(_MUNI.match(raw).group(0)), self.section)
                    self.cards.append(card)
                    state, info_target = "head", None
                    continue
                if self.is_section(i, between=True) and not (state == "info" and info_target is not None
                                                              and not info_target.info):
                    self.section = squash(raw)
                    self.sections.append((i, self.section))
                    if state == "econ" and card is not None:
                        pending.append(card)
                    state = "between"
                    continue
                if _INFO_HEAD.match(raw):
                    if state == "econ" and card is not None:
                        info_target = card
                    elif pending:
                        info_target = pending.pop(0)
                        info_target.late_info = True
                    else:
                        info_target = None  # a stray block; its value is ignored
                    if info_target is not None:
                        info_target.info_header = i
                    state = "info"
                    continue
                if state == "between" and raw[:1].isspace() and _plain_words(raw):
                    self.section = squash(raw)  # a header that is not an area name
                    self.sections.append((i, self.section))
                    continue
                if state == "econ" and self.header_after_economy(i, card):
                    self.section = squash(raw)  # the card had no link; a new section starts
                    self.sections.append((i, self.section))
                    pending.append(card)
                    state = "between"
                    continue
                if state == "econ":
                    card.econ.append(i)
                elif state == "info" and info_target is not None:
                    if info_target.info and raw[:1].isspace() and _plain_words(raw):
                        # an indented plain-words line after the link: a header
                        self.section = squash(raw)
                        self.sections.append((i, self.section))
                        state = "between"
                    else:
                        info_target.info.append(i)
                continue
            # inside a card; area names in the grid are the grid's own
            if state != "grid" and self.is_section(i, between=False):
                self.section = squash(raw)
                self.sections.append((i, self.section))
                continue
            if state == "head":
                if _AREAS_HEAD.match(raw):
                    card.has_areas = True
                    state = "grid"
                else:
                    card.head.append(i)
            elif state == "grid":
                if _ECON_HEAD.match(raw):
                    card.has_econ = True
                    state = "econ"
                else:
                    card.grid.append(i)
        return self.cards


def _field_of(raw: str) -> str | None:
    """The Økonomi field a label line starts, or None."""
    m = _LABEL.match(raw)
    if not m:
        return None
    low = squash(m.group("label")).lower()
    return next((f for prefix, f in _FIELDS if low.startswith(prefix)), None)


def _plain_words(raw: str) -> bool:
    s = squash(raw)
    return bool(s) and len(s.split()) <= 8 and re.fullmatch(r"[A-Za-zÆØÅæøåÉé&,\- ]+", s) is not None


# --------------------------------------------------------------------------- joining wrapped text

_SUSPENDED = ("og ", "eller ", "samt ", "til ")


def _join(parts: list[str], link: bool = False) -> str:
    """Join wrapped parts as printed.

    "Digitalisering" + "/automatisering" and "(2024-" + "2026)" glue without a
    space; "Dag-" + "og Døgntilbud" keeps its suspended hyphen; otherwise
    :func:`join_wrapped` (spaces, and hyphenation of words). ``link`` is for
    file names and URLs, which wrap anywhere and never lose a character."""
    out = ""
    for part in (squash(p) for p in parts):
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith("/") or part.startswith("/"):
            out += part
        elif link and (out[-1] in "-_/%=?&#" or part[0] in "%_?&#=/"):
            out += part
        elif out.endswith("-") and out[-2:-1].isdigit() and part[:1].isdigit():
            out += part
        elif out.endswith("-") and part.lower().startswith(_SUSPENDED):
            out += " " + part
        else:
            out = join_wrapped([out, part])
    return out


# --------------------------------------------------------------------------- field parsing


def _municipalities(text: str) -> list[str]:
    """"Greve Kommune" → ["Greve"]; "Ballerup, Gladsaxe og Gentofte Kommuner" → three."""
    names = re.sub(r"\bKommuner?\b", " ", squash(text))
    parts = re.split(r",|\s+og\s+|\s+&\s+", names)
    return [squash(p) for p in parts if squash(p)]


def _title_and_description(lines: list[str], idx: list[int], noise: set[int]) -> tuple[list[int], list[int]]:
    """The title is the first line plus the wrapped parts right below it: they
    start in column 0 and follow without a blank line (a page footer may sit
    in between). The description starts with an indented line or after a gap."""
    if not idx:
        return [], []
    if not any(lines[i][:1].isspace() for i in idx):
        # no indentation (a PDF's layout text): the title is the first paragraph
        for j, i in enumerate(idx[1:], start=1):
            if any(not lines[b].strip() and b not in noise for b in range(idx[j - 1] + 1, i)):
                return idx[:j], idx[j:]
        return idx[:1], idx[1:]
    title = [idx[0]]
    for j, i in enumerate(idx[1:], start=1):
        between = range(idx[j - 1] + 1, i)
        gap = any(not lines[b].strip() for b in between) and not any(b in noise for b in between)
        if lines[i][:1].isspace() or gap:
            return title, idx[j:]
        title.append(i)
    return title, []


def _grid(lines: list[str], idx: list[int]) -> tuple[list[tuple[str, bool, int]], str]:
    """(area name, ticked, line) for every check box; the name is all text since
    the previous box, so "Udsatte voksne & borgere med" / "handicap" / box is one."""
    out, buf, buf_line = [], [], None
    for i in idx:
        chunk = ""
        for ch in lines[i]:
            if ch in TICKED or ch in UNTICKED:
                buf.append(chunk)
                name = squash(" ".join(buf))
                if name:
                    out.append((name, ch in TICKED, buf_line if buf_line is not None else i))
                buf, chunk, buf_line = [], "", None
            elif ch in SPACE_GLYPHS:
                chunk += " "
            else:
                chunk += ch
        if chunk.strip():
            buf.append(chunk)
            if buf_line is None:
                buf_line = i
    return out, squash(" ".join(buf))


@dataclass
class _Econ:
    values: dict = field(default_factory=dict)  # field → list of parts
    lines: dict = field(default_factory=dict)  # field → first line index
    types: list[list[str]] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)


def _economy(lines: list[str], idx: list[int]) -> _Econ:
    """Split the side-by-side Økonomi values and Typer af tiltag labels."""
    econ = _Econ()
    current: str | None = None  # the value being continued
    target = None  # "value" or "type": where a wrapped (column-0) part goes
    # Below a "Typer af tiltag" heading of its own (a PDF read column by column; a page break
    # may put the fields after it) a line is a field, a value's lower-case continuation right
    # after it, a type (capitalised), or a type's lower-case continuation.
    types_column = False
    for i in idx:
        raw = lines[i]
        m = _LABEL.match(raw)
        fld = _field_of(raw)
        if _TYPES_HEAD.match(raw):
            types_column, target = True, "type"
            continue
        if types_column and not fld:
            s = squash(raw)
            if target == "value" and current and not s[:1].isupper():
                econ.values[current].append(s)
            elif econ.types and target == "type" and not s[:1].isupper():
                econ.types[-1].append(s)
            else:
                econ.types.append([s])
                target = "type"
            continue
        if fld:
            cells = [c for c in _GAP.split(m.group("rest").strip()) if c]
            econ.values[fld] = [cells[0]] if cells else []
            econ.lines[fld] = i
            current, target = fld, "value"
            if len(cells) > 1:
                econ.types.append([" ".join(cells[1:])])
                target = "type"
            continue
        if m and not raw.strip().startswith(("(", "/")) and ":" in raw:
            econ.unknown.append((i, squash(raw)))
            current, target = None, None
            continue
        if raw[:1].isspace():  # a type printed on its own line
            econ.types.append([squash(raw)])
            target = "type"
            continue
        cells = [c for c in _GAP.split(raw.strip()) if c]
        if target == "type" and econ.types:
            if len(cells) > 1 and current:
                econ.values[current].append(cells[0])
                econ.types[-1].append(" ".join(cells[1:]))
            else:
                econ.types[-1].append(raw)
        elif current:
            econ.values[current].append(cells[0])
            if len(cells) > 1:
                econ.types.append([" ".join(cells[1:])])
                target = "type"
    return econ


def _cost_amount(text: str) -> float | None:
    """The implementation cost when the text states exactly one amount.

    Years are not amounts: a four-digit 1990–2100 figure counts as a year when
    a year word ("i", "fra", "år", …) or a year span marks it, or when anything
    is printed before it ("Er medregnet i besparelsen for 2024"); only a figure
    that opens the text ("2000 i 2024") is read as an amount."""
    years = []
    for ref in find_year_refs(text):
        if ref.kind != "plain" or " " in ref.text:
            years.append((ref.pos, ref.pos + 4))
            if ref.end != ref.start:  # the second year of a span
                m = re.search(r"(19|20)\d\d|\d\d", text[ref.pos + 4:])
                if m:
                    years.append((ref.pos + 4 + m.start(), ref.pos + 4 + m.end()))
    amounts = []
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in years):
            continue
        token = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", token) and text[:m.start()].strip():
            continue
        amounts.append(token)
    if len(amounts) != 1:
        return None
    amt = parse_amount(amounts[0], unit_tkr=1.0)
    return None if amt is None else amt.low_tkr


def _phase_in_year(text: str) -> int | None:
    years = find_years(text)
    other_digits = re.sub(r"(19|20)\d\d", "", text)
    if len(years) == 1 and not re.search(r"\d", other_digits):
        return years[0]
    return None


# --------------------------------------------------------------------------- parse


def parse(doc) -> ParsedDocument:
    text = doc.text or ""
    lines = text.splitlines()
    out = ParsedDocument(format=FORMAT)

    footers, sig = _footers(lines)
    noise = {j for f in footers for j in f.lines}
    page_tops = set()
    for f in footers:
        j = f.line + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        page_tops.add(j)
    if sig:
        out.title = f"{sig[0]} – {sig[1]}"
        years = find_years(out.title)
        out.published_year = years[-1] if years else None
    elif len(running := pdf_running_titles(doc)) >= 2:  # a PDF's furniture, left out of its text
        out.title = f"{running[0]} – {running[1]}"
        years = find_years(out.title)
        out.published_year = years[-1] if years else None
    else:
        out.warnings.append(ParseWarning("no repeated page header/footer found: the catalogue's title and year "
                                         "are unknown", field="title"))

    # the nine area names, learnt from the grids, are the section vocabulary
    area_names: set[str] = set()
    for i, raw in enumerate(lines):
        if _AREAS_HEAD.match(raw):
            j, block = i + 1, []
            while j < len(lines) and j < i + 40 and not _ECON_HEAD.match(lines[j]):
                if j not in noise:
                    block.append(j)
                j += 1
            area_names.update(_norm_name(n) for n, _, _ in _grid(lines, block)[0])

    seg = _Segmenter(lines, noise, page_tops, area_names)
    cards = seg.run()
    ff_pages = line_pages(text) if "\f" in text else None

    def page_of(k: int) -> int:
        card = cards[k]
        if footers:
            nxt = cards[k + 1].start if k + 1 < len(cards) else len(lines)
            inside = [f for f in footers if card.start <= f.line < nxt]
            if inside:
                return inside[0].number
            before = [f for f in footers if f.line < card.start]
            return before[-1].number + 1 if before else 1
        if ff_pages:
            return ff_pages[card.start]
        return 1

    if footers:
        numbers = [f.number for f in footers]
        gaps = sum(1 for a, b in zip(numbers, numbers[1:]) if b - a > 1)
        if gaps:
            out.warnings.append(ParseWarning(
                f"only {len(footers)} page footers are printed ({numbers[0]}–{numbers[-1]}); a card between two "
                "visible footers gets the lowest page it can be on", field="page",
                text=", ".join(map(str, numbers))))

    printed: list[Initiative] = []
    for k, card in enumerate(cards):
        ini = _initiative(lines, card, page_of(k), noise, out.warnings)
        if ini is not None:
            printed.append(ini)

    _warn_reprints(printed, out.warnings)
    out.initiatives = merge_printings(printed)
    return out


def _initiative(lines: list[str], card: _Card, page: int, noise: set[int],
                warnings: list[ParseWarning]) -> Initiative | None:
    line_no = card.start + 1
    munis = _municipalities(card.muni_text)
    title_idx, desc_idx = _title_and_description(lines, card.head, noise)
    title = _join([lines[i] for i in title_idx])
    key = _key(munis, title)

    def warn(message: str, fld: str, text: str | None, at: int | None = None) -> None:
        warnings.append(ParseWarning(message, field=fld, text=text, page=page,
                                     line=(at + 1) if at is not None else line_no, key=key))

    if not title:
        warn("card without a title", "title", card.muni_text)
        title = card.muni_text
    ini = Initiative(key=key, title=title, municipalities=munis,
                     appearances=[Appearance(page=page, line=line_no, section=card.section)])
    ini.description = join_wrapped([lines[i] for i in desc_idx]) or None
    if not card.has_areas:
        warn("card has no 'Berørte fagområder' block", "sectors", title)
    if not card.has_econ:
        warn("card has no 'Økonomi' block", "expected_tkr", title)

    # areas
    boxes, leftover = _grid(lines, card.grid)
    for name, ticked, _ in boxes:
        if ticked:
            ini.sectors.append(SectorTag(canonical(name), name))
    if leftover:
        warn("text in the area grid without a check box", "sectors", leftover, card.grid[0] if card.grid else None)

    econ = _economy(lines, card.econ)
    for at, text in econ.unknown:
        warn("unknown Økonomi line", "economy", text, at)
    ini.measure_types = [t for t in (_join(parts) for parts in econ.types) if t]

    def value(fld: str) -> tuple[str | None, int | None]:
        if fld not in econ.values:
            return None, None
        return (_join(econ.values[fld]) or None), econ.lines[fld]

    text, at = value("expected")
    ini.expected_text = text
    amt = parse_amount(text, unit_tkr=1.0) if text else None
    if amt is not None:
        ini.expected_low_tkr, ini.expected_high_tkr = amt.low_tkr, amt.high_tkr
        ini.expected_tkr = amt.value_tkr
    elif text is None:
        warn("no 'Effekt ved fuld indfasning' value", "expected_tkr", None)
    else:
        warn("expected effect is not a figure", "expected_tkr", text, at)

    text, at = value("phase_in")
    ini.full_phase_in_text = text
    ini.full_phase_in_year = _phase_in_year(text) if text else None
    if ini.full_phase_in_year is None:
        warn("full phase-in year is not one year", "full_phase_in_year", text, at)

    text, at = value("cost")
    ini.implementation_cost_text = text
    ini.implementation_cost_tkr = _cost_amount(text) if text else None
    if ini.implementation_cost_tkr is None:
        why = ("not stated" if text is None or _NOT_STATED.match(text) else
               "not one figure (several amounts, or no amount)")
        warn(f"implementation cost {why}", "implementation_cost_tkr", text, at)

    text, at = value("adopted")
    ini.adopted_text = text
    low = (text or "").strip(" .").lower()
    ini.adopted = True if low == "ja" else False if low == "nej" else None
    if ini.adopted is None:
        warn("adoption is neither 'Ja' nor 'Nej'", "adopted", text, at)

    if card.info:
        ini.further_info = _join([lines[i] for i in card.info], link=True) or None
    if card.late_info:
        warn("'Yderligere information' printed after the next card; kept with its own card", "further_info",
             ini.further_info, card.info_header)
    if ini.further_info is None:
        warn("no 'Yderligere information'", "further_info", None)
    return ini


def _warn_reprints(printed: list[Initiative], warnings: list[ParseWarning]) -> None:
    """A reprint must say the same; if it does not, the first printing is kept and the reader is told."""
    first: dict[str, Initiative] = {}
    for ini in printed:
        seen = first.setdefault(ini.key, ini)
        if seen is ini:
            continue
        diffs = [f for f in ("expected_text", "full_phase_in_text", "implementation_cost_text", "adopted_text",
                             "description", "further_info") if getattr(seen, f) != getattr(ini, f)]
        if {t.source_sector for t in seen.sectors} != {t.source_sector for t in ini.sectors}:
            diffs.append("sectors")
        if diffs:
            a = ini.appearances[0]
            warnings.append(ParseWarning(f"reprinted card differs from its first printing in: {', '.join(diffs)}; "
                                         "the first printing is kept", field="reprint", text=ini.title,
                                         page=a.page, line=a.line, key=ini.key))
