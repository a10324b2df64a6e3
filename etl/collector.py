"""Pausing Python's cyclic garbage collector around work that builds many long-lived objects.

Reading a large table makes a dozen objects a row (cells, amount readings, the initiative, its
row dataclasses) that live until the load, none of them in a reference cycle. The collector,
run every 50,000 allocations (``etl.cli.GC_THRESHOLD``), scans them again and again: measured,
about 15 % of parsing a 200,000-row CSV. Reference counting frees everything exactly as before;
only the search for cycles waits until the block ends. Used where the objects are known to be
plain data (the generic table reader's rows, the normaliser), never around a PDF library, whose
objects do form cycles.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (the previous state is restored)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
