"""Timing helpers shared by the benchmarks: repeat, median, p95.

WHY median and p95 rather than mean: the benchmark machine has two cores and
other work on it; a single stall should show in p95 without moving the
typical figure."""
from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (with 5 repeats, p95 is the slowest run)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(seconds: list[float]) -> dict:
    """Median, p95, min and count of a list of durations, in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 95), 2),
            "min_ms": round(min(ms), 2), "n": len(ms)}


def timed(fn: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
