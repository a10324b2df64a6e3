"""Which words are Danish municipalities, for the table reader.

A table's caption says "Københavns Kommune", a file is called "spareforslag_aarhus_2019.csv",
a column "Sted" holds "Aabenraa" or "Ældreområdet": the ETL needs to know which words name a
municipality. The names are the 98 of the reference table (data/reference/municipalities.csv,
read by :mod:`etl.reference`), matched with its :func:`etl.reference.name_key` ("Københavns
Kommune" = "København", "Nordfyn" = "Nordfyns"), and æ/ø spelled out too, as file names do.
"""
from __future__ import annotations

import functools

from etl.errors import InputError
from etl.reference import name_key, read_municipalities


def _key(name: str) -> str:
    return name_key(name).replace("ø", "oe").replace("æ", "ae")


@functools.lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    try:
        names = read_municipalities().names()
    except InputError:  # no reference table: no name is known, nothing breaks
        return {}
    return {_key(n): n for n in names}


def municipality(text: str | None) -> str | None:
    """The municipality a whole text names ("Københavns Kommune", "aarhus", "Nordfyn"), or None."""
    if not text or len(text) > 40:
        return None
    return _by_key().get(_key(text))
