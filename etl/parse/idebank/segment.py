"""Idébank catalogue, stage 1: page furniture and where each card starts and ends.

See :mod:`etl.parse.idebank` for the layout. :class:`Segmenter` walks the lines
once and cuts them into :class:`Card` s (line indices of the head, area grid,
Økonomi block and link); :func:`grid` reads the check boxes of an area grid,
which both learns the section vocabulary and fills the sectors.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from etl import checkboxes
from etl.parse.common import squash

#: Check-box glyphs: the one table in etl/checkboxes.py (the catalogue's symbol-font codes in
#: the private use area, and the Unicode boxes a PDF's text layer is normalised to).
TICKED, UNTICKED, SPACE_GLYPHS = checkboxes.TICKED, checkboxes.UNTICKED, checkboxes.SPACE_GLYPHS

_AREAS_HEAD = re.compile(r"^\s*Berørte\s+fagområder\s*$", re.IGNORECASE)
#: "Økonomi  Typer af tiltag" side by side, or "Økonomi" alone when a PDF's columns are read one
#: after the other ("Typer af tiltag" then heads the second column, inside the block).
_ECON_HEAD = re.compile(r"^\s*Økonomi(?:\s+Typer\s+af\s+tiltag)?\s*$", re.IGNORECASE)
TYPES_HEAD = re.compile(r"^\s*Typer\s+af\s+tiltag\s*$", re.IGNORECASE)
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


def norm_name(text: str) -> str:
    """Area / section names compared loosely: '&' is 'og', case and spacing ignored."""
    return squash(text.replace("&", " og ")).lower()



# --------------------------------------------------------------------------- page furniture


@dataclass
class Footer:
    line: int  # 0-based index of the page-number line
    number: int
    lines: tuple[int, ...]  # every line of the footer block (0-based)


def footers(lines: list[str]) -> tuple[list[Footer], tuple[str, str] | None]:
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
        footers = [Footer(i, num, block) for s, i, num, block in candidates if s == sig]
        numbers = [f.number for f in footers]
        if all(a < b for a, b in zip(numbers, numbers[1:])):  # page numbers only go up
            return footers, sig
    return [], None


# --------------------------------------------------------------------------- card segmentation


@dataclass
class Card:
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


class Segmenter:
    """Walks the lines once and cuts them into cards (see the module docstring)."""

    def __init__(self, lines: list[str], noise: set[int], page_tops: set[int], area_names: set[str]):
        self.lines, self.noise, self.page_tops, self.area_names = lines, noise, page_tops, area_names
        self.cards: list[Card] = []
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
        n = norm_name(s)
        return any(n == a or difflib.SequenceMatcher(None, n, a).ratio() >= 0.8 for a in self.area_names)

    def next_content(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if j not in self.noise and self.lines[j].strip():
                return j
        return None

    def header_after_economy(self, i: int, card: Card) -> bool:
        """An indented plain-words line after a complete Økonomi block is a
        section header (not a type printed on its own line) when a card or
        another header follows it: the card before it had no link."""
        raw = self.lines[i]
        if not (raw[:1].isspace() and plain_words(raw)):
            return False
        labels = {f for line in card.econ for f in [field_of(self.lines[line])] if f}
        if labels != {f for _, f in _FIELDS}:
            return False
        j = self.next_content(i)
        return j is None or bool(_MUNI.match(self.lines[j])) or self.is_section(j, between=True) or (
            self.lines[j][:1].isspace() and plain_words(self.lines[j]) and (
                (k := self.next_content(j)) is None or bool(_MUNI.match(self.lines[k]))))

    def run(self) -> list[Card]:
        lines = self.lines
        state = "between"
        card: Card | None = None
        pending: list[Card] = []
        info_target: Card | None = None
        for i, raw in enumerate(lines):
            if i in self.noise or not raw.strip():
                continue
            if state in ("between", "econ", "info"):
                if (muni := _MUNI.match(raw)) and not _INFO_HEAD.match(raw):
                    if card is not None and state == "econ":
                        pending.append(card)
                    card = Card(i, squash(muni.group(0)), self.section)
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
                if state == "between" and raw[:1].isspace() and plain_words(raw):
                    self.section = squash(raw)  # a header that is not an area name
                    self.sections.append((i, self.section))
                    continue
                if state == "econ" and card is not None and self.header_after_economy(i, card):
                    self.section = squash(raw)  # the card had no link; a new section starts
                    self.sections.append((i, self.section))
                    pending.append(card)
                    state = "between"
                    continue
                if state == "econ" and card is not None:
                    card.econ.append(i)
                elif state == "info" and info_target is not None:
                    if info_target.info and raw[:1].isspace() and plain_words(raw):
                        # an indented plain-words line after the link: a header
                        self.section = squash(raw)
                        self.sections.append((i, self.section))
                        state = "between"
                    else:
                        info_target.info.append(i)
                continue
            # inside a card; area names in the grid are the grid's own
            assert card is not None
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


def field_of(raw: str) -> str | None:
    """The Økonomi field a label line starts, or None."""
    m = _LABEL.match(raw)
    if not m:
        return None
    low = squash(m.group("label")).lower()
    return next((f for prefix, f in _FIELDS if low.startswith(prefix)), None)


def plain_words(raw: str) -> bool:
    s = squash(raw)
    return bool(s) and len(s.split()) <= 8 and re.fullmatch(r"[A-Za-zÆØÅæøåÉé&,\- ]+", s) is not None



def grid(lines: list[str], idx: list[int]) -> tuple[list[tuple[str, bool, int]], str]:
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



def area_names(lines: list[str], noise: set[int]) -> set[str]:
    """The catalogue's area names, learnt from its grids: the section vocabulary."""
    names: set[str] = set()
    for i, raw in enumerate(lines):
        if _AREAS_HEAD.match(raw):
            j, block = i + 1, []
            while j < len(lines) and j < i + 40 and not _ECON_HEAD.match(lines[j]):
                if j not in noise:
                    block.append(j)
                j += 1
            names.update(norm_name(n) for n, _, _ in grid(lines, block)[0])
    return names


def page_tops(lines: list[str], found: list[Footer]) -> set[int]:
    """The first non-blank line after each footer: the top of the next page."""
    tops = set()
    for f in found:
        j = f.line + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        tops.add(j)
    return tops
