"""Whether a table's rows add up to a figure printed over or under them (:mod:`etl.table_structure`).

A heading may print its group's sum and a total closes a group: both are found by adding the
rows' printed figures column by column, within what their rounding allows."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.table_structure import Planned

Values = Callable[[int], Mapping[int, tuple[float, float]]]  # row → column → (printed t.kr., rounding)


def sum_matches(target: Mapping[int, tuple[float, float]], rows: list[Mapping[int, tuple[float, float]]]) -> bool:
    if not target or not rows:
        return False
    for col, (value, rounding) in target.items():
        got = [r[col][0] for r in rows if col in r]
        if not got or abs(sum(got) - value) > rounding * (len(got) + 1) / 2 + 1e-9:
            return False
    return any(v for v, _ in target.values())


#: A heading's group is at most this many rows (bounds the search on long lists without headings).
MAX_GROUP = 200


def initiative_run(planned: list[Planned], start: int):
    """The initiative rows from ``start`` up to the next row of another kind."""
    for j in range(start, min(len(planned), start + MAX_GROUP)):
        if planned[j].kind != "initiative":
            return
        yield planned[j]


class Ahead:
    """The figures still to come, per column: running sums of the positive and of the negative
    figures over the rows, so :func:`first_sum` knows in one subtraction whether a group's sum
    can still come back to a heading's figure (a cost printed further down can)."""

    def __init__(self, planned: list[Planned], values: Values) -> None:
        self.n = len(planned)
        self.pos: dict[int, array] = {}
        self.neg: dict[int, array] = {}
        for k, p in enumerate(planned):
            vals = values(p.index) if p.kind == "initiative" else {}
            for col, (v, _) in vals.items():
                if col not in self.pos:
                    self.pos[col], self.neg[col] = array("d", [0.0]) * (self.n + 1), array("d", [0.0]) * (self.n + 1)
                (self.pos if v > 0 else self.neg)[col][k + 1] += abs(v)
        for col in self.pos:
            for table in (self.pos[col], self.neg[col]):
                for k in range(1, self.n + 1):
                    table[k] += table[k - 1]

    def room(self, col: int, start: int, end: int) -> tuple[float, float]:
        """Sum of the positive and of the negative figures' sizes in rows ``start``..``end - 1``."""
        if col not in self.pos:
            return 0.0, 0.0
        end = min(end, self.n)
        return self.pos[col][end] - self.pos[col][start], self.neg[col][end] - self.neg[col][start]


def first_sum(own: Mapping[int, tuple[float, float]], following, minimum: int, ahead: Ahead | None = None,
               start: int = 0) -> int | None:
    """How many of the ``following`` rows' figures (the rows from position ``start``) first add
    up to ``own`` in every column, or None. Running sums, so a long list costs one pass; the
    search stops as soon as one column has gone past its target with figures of the target's
    sign only — or, with ``ahead`` (a row that looks like a heading), only when the figures
    still to come of the other sign could not bring it back (a cost further down the group)."""
    running = dict.fromkeys(own, 0.0)
    counts = dict.fromkeys(own, 0)
    same_sign = dict.fromkeys(own, True)
    end = start + MAX_GROUP
    for n, vals in enumerate(following, start=1):
        off = False
        for col, (target, r) in own.items():
            if col in vals:
                v = vals[col][0]
                running[col] += v
                counts[col] += 1
                same_sign[col] = same_sign[col] and v * target >= 0
            tol = r * (counts[col] + 1) / 2 + 1e-9
            if ahead is None:
                off = off or (same_sign[col] and abs(running[col]) > abs(target) + tol)
            elif abs(diff := running[col] - target) > tol:
                pos_left, neg_left = ahead.room(col, start + n, end)
                off = off or (diff - neg_left > tol if diff > 0 else -diff - pos_left > tol)
        if off:
            return None
        if n >= minimum and all(counts[c] and abs(running[c] - t) <= r * (counts[c] + 1) / 2 + 1e-9
                                for c, (t, r) in own.items()):
            return n if any(t for t, _ in own.values()) else None
    return None
