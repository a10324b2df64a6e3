"""A document's initiatives as columns: the parse → normalise seam (:mod:`etl.core.model`).

:class:`InitiativeColumns` holds one list per scalar field of :class:`~etl.core.model.Initiative`
and, for each list-valued field (municipalities, sectors, types of measure, gains, printings),
its items flattened in initiative order with each item's initiative (``owner``, its index).
The normaliser reads only this form (:meth:`InitiativeColumns.of` turns a list of objects into
it, the one place that does); the generic table reader writes it row by row
(:class:`InitiativeWriter`) without building an object per row, a printing, gains and lists
for each of 200,000 rows. It is also a ``Sequence[Initiative]``: an item is materialised on
access (a fresh object each time: changing it changes nothing here), for tests and small
consumers.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, Generic, TypeVar, overload

import numpy as np

from etl.core.model import Appearance, Gain, Initiative, SectorTag, merge_printings

T = TypeVar("T")
SectorItem = tuple[str | None, str]  # (sector, source_sector): SectorTag's fields in order
GainItem = tuple[int, str, float, str | None]  # (year, kind, amount_tkr, text): Gain's fields in order
PrintingItem = tuple[int | None, int | None, str | None]  # (page, line, section): Appearance's fields in order
_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass
class Items(Generic[T]):
    """One list-valued field's items, in initiative order: ``owner[j]`` is item j's initiative."""

    owner: np.ndarray
    value: list[T]


@dataclass
class SectorItems:
    owner: np.ndarray
    sector: list[str | None]
    source_sector: list[str]


@dataclass
class GainItems:
    owner: np.ndarray
    year: list[int]
    kind: list[str]
    amount_tkr: list[float]
    text: list[str | None]


@dataclass
class PrintingItems:
    owner: np.ndarray
    page: list[int | None]
    line: list[int | None]
    section: list[str | None]


#: The list-valued fields of Initiative; every other field is a scalar column here.
LISTS = ("municipalities", "sectors", "measure_types", "gains", "appearances")


@dataclass(eq=False)
class InitiativeColumns(Sequence[Initiative]):
    """The initiatives of one document, column by column (field order as in Initiative; a
    scalar field's column has one value per initiative)."""

    key: list[str]
    title: list[str]
    number: list[str | None]
    description: list[str | None]
    expected_tkr: list[float | None]
    expected_low_tkr: list[float | None]
    expected_high_tkr: list[float | None]
    expected_text: list[str | None]
    realised_tkr: list[float | None]
    realised_text: list[str | None]
    full_phase_in_year: list[int | None]
    full_phase_in_text: list[str | None]
    implementation_cost_tkr: list[float | None]
    implementation_cost_text: list[str | None]
    adopted: list[bool | None]
    adopted_text: list[str | None]
    status: list[str | None]
    feasibility: list[str | None]
    other_effects: list[str | None]
    about: list[str | None]
    further_info: list[str | None]
    responsible: list[str | None]
    handling: list[str | None]
    municipalities: Items[str]
    sectors: SectorItems
    measure_types: Items[str]
    gains: GainItems
    appearances: PrintingItems

    @classmethod
    def of(cls, initiatives: Sequence[Initiative]) -> InitiativeColumns:
        """The columns of initiatives given as objects (the parsers but the table's); columns as
        they are."""
        if isinstance(initiatives, InitiativeColumns):
            return initiatives
        inis = list(initiatives)
        scalars = _transpose(list(map(_SCALAR_GETTER, inis)), len(SCALARS))
        lists = [list(map(attrgetter(name), inis)) for name in LISTS]
        return _assemble(scalars, lists, objects=True)

    @classmethod
    def concat(cls, parts: Sequence[InitiativeColumns]) -> InitiativeColumns:
        """Several tables' initiatives as one document's, in order."""
        if len(parts) == 1:
            return parts[0]
        scalars = [list(chain.from_iterable(getattr(p, name) for p in parts)) for name in SCALARS]
        lists: list[list[Sequence[Any]]] = [[] for _ in LISTS]
        for p in parts:
            for out, per in zip(lists, p._per_initiative()):
                out += per
        return _assemble(scalars, lists)

    def merged(self) -> InitiativeColumns:
        """Printings sharing a key merged (:func:`etl.core.model.merge_printings`, the rule's one
        place; rare in a large table, so done on objects)."""
        if len(set(self.key)) == len(self.key):
            return self
        return InitiativeColumns.of(merge_printings(list(self)))

    # --- Sequence[Initiative] --------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.key)

    @overload
    def __getitem__(self, i: int) -> Initiative: ...

    @overload
    def __getitem__(self, i: slice) -> list[Initiative]: ...

    def __getitem__(self, i: int | slice) -> Initiative | list[Initiative]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._initiative(i, [per[i] for per in self._per_initiative()])

    def __iter__(self) -> Iterator[Initiative]:
        for i, lists in enumerate(zip(*self._per_initiative())):
            yield self._initiative(i, list(lists))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"InitiativeColumns({len(self)} initiatives)"

    def _initiative(self, i: int, lists: list[Sequence[Any]]) -> Initiative:
        munis, tags, types, gains, printings = lists
        return Initiative(**{name: getattr(self, name)[i] for name in SCALARS},
                          municipalities=list(munis), sectors=[SectorTag(*t) for t in tags],
                          measure_types=list(types), gains=[Gain(*g) for g in gains],
                          appearances=[Appearance(*a) for a in printings])

    def _per_initiative(self) -> list[list[Sequence[Any]]]:
        """Each list-valued field as one sequence of items (tuples of the item's fields) per
        initiative."""
        n = len(self)
        m, s, t, g, a = self.municipalities, self.sectors, self.measure_types, self.gains, self.appearances
        return [_split(m.owner, m.value, n), _split(s.owner, list(zip(s.sector, s.source_sector)), n),
                _split(t.owner, t.value, n), _split(g.owner, list(zip(g.year, g.kind, g.amount_tkr, g.text)), n),
                _split(a.owner, list(zip(a.page, a.line, a.section)), n)]


SCALARS = tuple(f.name for f in dataclasses.fields(Initiative) if f.name not in LISTS)
assert [f.name for f in dataclasses.fields(InitiativeColumns)] == [*SCALARS, *LISTS], \
    "InitiativeColumns' fields must be Initiative's: scalars in order, then the list-valued fields"
_SCALAR_GETTER = attrgetter(*SCALARS)
_TAG = attrgetter("sector", "source_sector")
_GAIN = attrgetter("year", "kind", "amount_tkr", "text")
_PRINTING = attrgetter("page", "line", "section")


class InitiativeWriter:
    """Builds the columns of one table's initiatives row by row, with room for ``size``: row ``n``'s
    scalar fields are written in place (``columns.title[n] = …``, unset ones stay None), its
    list-valued fields as one sequence of items each (shared, never changed: a cached tuple will
    do); :meth:`done` keeps the first ``n`` rows and flattens the lists."""

    def __init__(self, size: int):
        self.columns = _assemble([[None] * size for _ in SCALARS], [[] for _ in LISTS])
        self.municipalities: list[Sequence[str]] = [()] * size
        self.sectors: list[Sequence[SectorItem]] = [()] * size
        self.measure_types: list[Sequence[str]] = [()] * size
        self.gains: list[Sequence[GainItem]] = [()] * size
        self.appearances: list[Sequence[PrintingItem]] = [()] * size

    def done(self, n: int) -> InitiativeColumns:
        scalars = [getattr(self.columns, name) for name in SCALARS]
        for column in scalars:
            del column[n:]  # in place: a copy would leave the room's buffers freed amid the heap (RSS kept)
        return _assemble(scalars, [self.municipalities[:n], self.sectors[:n], self.measure_types[:n],
                                   self.gains[:n], self.appearances[:n]])


def _assemble(scalars: list[list], lists: Sequence[Sequence[Sequence[Any]]], objects: bool = False
              ) -> InitiativeColumns:
    """The columns from the scalar columns and each list-valued field's items per initiative (in
    LISTS' order): tuples of the item's fields, or (``objects``) SectorTag, Gain, Appearance."""
    municipalities, sectors, measure_types, gains, appearances = lists
    m_owner, m_name = _flat(municipalities)
    s_owner, s_items = _flat(sectors, _TAG if objects else None)
    t_owner, t_name = _flat(measure_types)
    g_owner, g_items = _flat(gains, _GAIN if objects else None)
    a_owner, a_items = _flat(appearances, _PRINTING if objects else None)
    s_sector, s_source = _transpose(s_items, 2)
    g_year, g_kind, g_amount, g_text = _transpose(g_items, 4)
    a_page, a_line, a_section = _transpose(a_items, 3)
    columns: dict[str, Any] = dict(zip(SCALARS, scalars, strict=True))
    return InitiativeColumns(
        **columns, municipalities=Items(m_owner, m_name), sectors=SectorItems(s_owner, s_sector, s_source),
        measure_types=Items(t_owner, t_name), gains=GainItems(g_owner, g_year, g_kind, g_amount, g_text),
        appearances=PrintingItems(a_owner, a_page, a_line, a_section))


def _flat(lists: Sequence[Sequence[Any]], getter: Callable | None = None) -> tuple[np.ndarray, list]:
    """Items of every initiative in order, and each one's initiative (its index)."""
    lens = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    items = list(chain.from_iterable(lists))
    if getter is not None:
        items = list(map(getter, items))
    owner = np.repeat(np.arange(len(lists), dtype=np.int64), lens) if len(items) else _EMPTY
    return owner, items


def _transpose(rows: list[tuple], width: int) -> list[list]:
    """Tuples of equal width → one list per position (each built directly: no tuple of a whole
    column in between)."""
    return [list(map(itemgetter(k), rows)) for k in range(width)]


def _split(owner: np.ndarray, items: list[T], n: int) -> list[Sequence[T]]:
    """Flat items back to one list per initiative (owner sorted)."""
    if len(items) == n and (n == 0 or bool((owner == np.arange(n)).all())):
        return [[x] for x in items]
    bounds = np.searchsorted(owner, np.arange(n + 1)).tolist()
    return [items[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
