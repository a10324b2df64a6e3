"""Proposal lists, stage 2: labelled lines → items (a heading and its labelled values).

A labelled line starts a new item when

* its label already occurred in the current item ("Status:" a second time), or
* it is a title label ("Titel:", "Forslag:"), or
* it steps back in the order the labels first appeared in ("Kommune:" after
  "Kommentar:") and heading text stands before it (a proposal whose first
  fields are missing);

any other labelled line belongs to the current item. The unlabelled lines before
a new item's first label are split (:func:`split_heading`) into the end of the
previous item's last value (values wrap) and the new item's heading. Under a
header row (:func:`etl.parse.proposal_list.lines.header_of`) each row of cells
starts an item instead, and the labelled lines below a row belong to it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.parse.common import join_wrapped
from etl.parse.proposal_list.lines import Header, Label, Line, Row, header_of, label_of, row_cells
from etl.table_columns import TOPIC_HEADERS, fold, topic_is_type

_SENTENCE_END = re.compile(r"[.!?:)\"”]$")
#: A heading of more lines than this is a title and unlabelled text.
HEADING_LINES = 3
#: A title line this long may have wrapped onto the next line (a PDF's column width).
WRAPPED_TITLE = 50


@dataclass
class Value:
    """One labelled value (or one cell of a row) and the lines it wraps over."""

    name: str  # the field (lines.LIST_LABELS, table_columns.SYNONYMS)
    label: str  # as printed
    lines: list[str]
    where: Line
    unit: float | None = None

    @property
    def text(self) -> str:
        """Wrapped lines joined, paragraphs (blank lines) kept apart."""
        paragraphs: list[list[str]] = [[]]
        for ln in self.lines:
            if ln.strip():
                paragraphs[-1].append(ln)
            elif paragraphs[-1]:
                paragraphs.append([])
        return "\n\n".join(join_wrapped(p) for p in paragraphs if p)


@dataclass
class Item:
    heading: list[Line] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # unlabelled text under the heading
    row: Row | None = None  # the row of cells that starts the item, in a list with a header row
    labelled: int = 0  # labelled lines (a row's cells are not)

    @property
    def names(self) -> set[str]:
        return {v.name for v in self.values}

    @property
    def where(self) -> Line | None:
        return self.heading[0] if self.heading else (self.values[0].where if self.values else None)


def _starts_heading(block: list[Line], i: int, value_open: bool) -> bool:
    """Can a heading start at ``block[i]``? After a blank line or a finished sentence it can;
    as the block's first line (right after a labelled line) only with a capital or a digit,
    and never when the label above printed its value on the next line ("Beskrivelse:" alone)."""
    text = block[i].text.strip()
    if value_open:
        return False
    if i == 0:
        return text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“«"
    prev = block[i - 1].text.strip()
    return not prev or bool(_SENTENCE_END.search(prev))


def split_heading(block: list[Line], value_open: bool = False) -> tuple[list[Line], list[Line]]:
    """(the end of the previous value, the next item's heading) of the unlabelled lines between
    two items. The heading starts at the last line that can start one (:func:`_starts_heading`);
    with none, it is the last line alone."""
    filled = [i for i, ln in enumerate(block) if ln.text.strip()]
    if not filled:
        return block, []
    starts = [i for i in filled if _starts_heading(block, i, value_open and i == filled[0])]
    first = starts[-1] if starts else filled[-1]
    return block[:first], [ln for ln in block[first:] if ln.text.strip()]


def _wraps(line: str, nxt: str) -> bool:
    """Does a heading continue on the next line? When it does not end a sentence and the next
    line starts in lower case, or it is long (a wrapped line) and the next does not end a
    sentence; "Madservice" + "Levering af kold mad to gange om ugen." is a title and a teaser."""
    line, nxt = line.strip(), nxt.strip()
    if _SENTENCE_END.search(line):
        return False
    return nxt[:1].islower() or (len(line) >= WRAPPED_TITLE and not _SENTENCE_END.search(nxt))


class _Segmenter:
    def __init__(self, header: Header | None):
        self.header = header
        self.items: list[Item] = []
        self.preamble: list[Line] = []
        self.pending: list[Line] = []  # unlabelled lines since the last labelled line or row
        self.rank: dict[str, int] = {}  # order of the labels' first appearance

    @property
    def cur(self) -> Item | None:
        return self.items[-1] if self.items else None

    def _continue(self, lines: list[Line]) -> None:
        """Lines that continue the current item's last value (before any item: the preamble)."""
        cur = self.cur
        if cur is None:
            self.preamble.extend(lines)
        elif cur.values:
            cur.values[-1].lines.extend(ln.text for ln in lines)
        else:
            cur.extra.extend(ln.text for ln in lines)

    def _new_item(self, heading: list[Line]) -> Item:
        n = 1  # the title, wrapped over up to HEADING_LINES lines; the lines after it are text
        while n < min(len(heading), HEADING_LINES) and _wraps(heading[n - 1].text, heading[n].text):
            n += 1
        item = Item(heading=heading[:n], extra=[ln.text for ln in heading[n:]])
        self.items.append(item)
        return item

    def _starts_item(self, lab: Label, block: list[Line]) -> bool:
        cur = self.cur
        if cur is None:
            return True
        if self.header is not None or lab.name == "contact":
            return False  # rows start the items of a list with a header; contact lines never do
        if lab.name == "title" or lab.name in cur.names - {"contact"}:
            return True
        last = max((self.rank[n] for n in cur.names), default=-1)
        return self.rank[lab.name] < last and any(ln.text.strip() for ln in block)

    def label(self, line: Line, lab: Label) -> None:
        block, self.pending = self.pending, []
        self.rank.setdefault(lab.name, len(self.rank))
        if self.cur is None and (lab.name == "contact" or self.header is not None):
            self.preamble.extend(block)  # the page's own contact above the list: dropped with it
            return
        if not self._starts_item(lab, block):
            self._continue(block)
        elif lab.name == "title":
            self._continue(block)
            self._new_item([])
        else:
            cur = self.cur
            rest, heading = split_heading(block, bool(cur and cur.values and not cur.values[-1].lines))
            self._continue(rest)
            self._new_item(heading)
        assert self.cur is not None
        self.cur.labelled += 1
        self.cur.values.append(Value(lab.name, lab.label, [lab.value] if lab.value else [], line, lab.unit))

    def row(self, line: Line, row: Row) -> None:
        self._continue(self.pending)
        self.pending = []
        self.items.append(Item(heading=[line], row=row,
                               values=[Value(name, label, [text], line) for name, label, text in row.cells if text]))

    def finish(self) -> None:
        self._continue(self.pending)
        self.pending = []


def topic_column(header: Header, lines: list[Line]) -> Header:
    """The header with a topic-headed title column ("Spareemne") renamed to the type of measure
    when its cells are categories (:func:`etl.table_columns.topic_is_type`, shared with tables)."""
    k = next((k for k, (n, lab) in enumerate(zip(header.names, header.labels))
              if n == "title" and fold(lab).strip(" .:") in TOPIC_HEADERS), None)
    if k is None:
        return header
    rows = [r for ln in lines[header.index + 1:] if (r := row_cells(ln.text, header)) is not None]
    values = [cell for r in rows for n, lab, cell in r.cells if lab == header.labels[k]]
    if not topic_is_type(values, "description" in header.names):
        return header
    return replace(header, names=[("type" if j == k else n) for j, n in enumerate(header.names)])


def segment(lines: list[Line]) -> tuple[list[Item], list[Line]]:
    """The items of a proposal list and the lines above the first (its preamble)."""
    header = header_of(lines)
    if header is not None:
        header = topic_column(header, lines)
    seg = _Segmenter(header)
    start = header.index + 1 if header else 0
    seg.preamble.extend(lines[:header.index] if header else [])  # the header row itself is not text
    for line in lines[start:]:
        lab = label_of(line.text)
        row = row_cells(line.text, header) if header and lab is None else None
        if lab is not None:
            seg.label(line, lab)
        elif row is not None:
            seg.row(line, row)
        else:
            seg.pending.append(line)
    seg.finish()
    return seg.items, seg.preamble
