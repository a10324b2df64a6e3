"""Readings of a table's text cells that repeat down their column (used by
:mod:`etl.parse.table_rows`).

A phase-in year, municipality, area, yes/no or type cell repeats down its column (a handful of
distinct texts in 100,000 rows): each reading below is a pure function of the text, read once
per distinct text (``functools.lru_cache``) and handed out as the same tuple each time (the
initiatives' columns keep it, never change it). The caches are emptied after each table
(:func:`forget`)."""
from __future__ import annotations

import functools
import re

from etl.core.numbers import find_years, read_number
from etl.municipality_names import municipality
from etl.parse.common import adoption as _adoption_of
from etl.parse.common import municipality_names, squash
from etl.sectors import sectors_for
from etl.sectors import tags as sector_tags
from etl.table_columns import measure_types as _measure_types_of

_SECTOR_SPLIT = re.compile(r"[;,/\n]")


@functools.lru_cache(maxsize=4096)
def year(text: str) -> int | None:
    """A phase-in year cell's year (None: not one year; the caller warns)."""
    n = read_number(text)
    if n is not None and n.qualifier:
        return None  # ">2026", "ca. 2026": not one year (the caller warns)
    if n is not None and not n.is_range and n.value == int(n.value):
        return -int(n.value) if n.negative else int(n.value)  # absurd years (-5) are refused with the title
    years = find_years(text)  # "2025/26", "2025-2026", "fra 2026": the first year
    return years[0] if years else None


@functools.lru_cache(maxsize=4096)
def municipalities(text: str) -> tuple[str, ...]:
    """Municipality names in a cell (etl.parse.common), in their usual form ("Københavns" → "København")."""
    return tuple(dict.fromkeys(municipality(n) or n for n in municipality_names(text)))


@functools.lru_cache(maxsize=4096)
def sector_pairs(text: str) -> tuple[tuple[str | None, str], ...]:
    """A printed area as sector tags, (sector, source_sector) each (a committee gives one per
    sector; etl.sectors)."""
    whole = sector_tags(text)
    if whole[0].sector is None:
        parts = [squash(p) for p in _SECTOR_SPLIT.split(text) if squash(p)]
        if len(parts) > 1 and all(sectors_for(p) for p in parts):
            whole = [t for p in parts for t in sector_tags(p)]
    # else the normaliser warns about unmapped sectors; the sources page lists them
    return tuple((t.sector, t.source_sector) for t in whole)


#: A yes/no cell: (adopted, understood) (etl.parse.common.adoption).
adoption = functools.lru_cache(maxsize=4096)(_adoption_of)


@functools.lru_cache(maxsize=4096)
def measure_types(text: str) -> tuple[str, ...]:
    """A type cell's measure types (etl.table_columns.measure_types)."""
    return tuple(_measure_types_of(text))


def forget() -> None:
    """Empty the caches once a table is read: their texts would keep the memory of the table's
    freed cells from going back (a few live objects pin CPython's allocation arenas; measured,
    ~250 MB more held through the load of a 200,000-row table, with etl.parse.table_cells.forget)."""
    for cache in (year, municipalities, sector_pairs, adoption, measure_types):
        cache.cache_clear()
