"""Pausing Python's cyclic garbage collector around work that builds many long-lived objects.

Reading a large table makes a dozen objects a row (cells, amount readings, the initiative, its
row dataclasses) that live until the load, none of them in a reference cycle. The collector,
run every 50,000 allocations (``etl.cli.GC_THRESHOLD``), scans them again and again: measured,
about 15 % of parsing a 200,000-row CSV. Reference counting frees everything exactly as before;
only the search for cycles waits until the block ends (and, for the objects made in it, until
the run ends: :func:`paused`). Used where the objects are known to be
plain data (the generic table reader's rows, the normaliser), never around a PDF library, whose
objects do form cycles.
"""
from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (the previous state is restored).

    On the way out, every object the collector tracks is moved out of its generations
    (``gc.freeze``): otherwise the first collection after the block scans all the objects made
    in it at once (the table's rows, cells and initiatives; 0.9 s at 200,000 rows, and the same
    again after the normaliser), and a later one scans them again. Frozen objects are still
    freed by reference counting as soon as they are no longer used; only a reference cycle
    among them would wait for :func:`thawed` (``etl.cli.main`` calls it when the run ends)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def thawed() -> None:
    """Give frozen objects back to the collector (its oldest generation), so a cycle among
    them can be collected again."""
    gc.unfreeze()


# A process that parsed without etl.cli (tests, benchmarks) thaws at exit too: frozen objects
# would outlive the interpreter's final collection (DuckDB's bindings then report them as leaks).
atexit.register(thawed)
