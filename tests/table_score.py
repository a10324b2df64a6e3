"""Rows fully right: the measure issue 13 is judged by, on a fixture's parsed result.

A row is fully right when its title, municipality, printed sectors, adopted, full-year
effect and every yearly (expected) gain are what the fixture says. An initiative the
fixture does not list (a total or heading loaded as an initiative) counts as a wrong row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from etl.core.model import Decided, Initiative, ParsedDocument
from tests.table_fixtures import Fixture, Row


@dataclass
class Score:
    right: int = 0
    total: int = 0
    problems: list[str] = field(default_factory=list)


def decided_value(d: Decided | None):
    """What a source's decided unit, price level or sign says, or None when nothing was decided."""
    return None if d is None else d.value


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 1e-6 * max(1.0, abs(b))


def differences(ini: Initiative, want: Row) -> list[str]:
    """What is wrong with one initiative (empty when fully right)."""
    got_gains = {g.year: g.amount_tkr for g in ini.gains if g.kind == "expected"}
    printed = list(dict.fromkeys(s.source_sector for s in ini.sectors))  # a committee tags each of its sectors
    checks = [
        ("title", ini.title, want.title, ini.title == want.title),
        ("municipality", ini.municipalities, [want.municipality] if want.municipality else [],
         ini.municipalities == ([want.municipality] if want.municipality else [])),
        ("sectors", printed, list(want.sectors), printed == list(want.sectors)),
        ("adopted", ini.adopted, want.adopted, ini.adopted is want.adopted),
        ("expected_tkr", ini.expected_tkr, want.expected_tkr, _close(ini.expected_tkr, want.expected_tkr)),
        ("gains", got_gains, want.gains, got_gains.keys() == want.gains.keys()
         and all(_close(got_gains[y], v) for y, v in want.gains.items())),
    ]
    return [f"{want.title}: {name} {got!r} != {exp!r}" for name, got, exp, ok in checks if not ok]


def score(f: Fixture, parsed: ParsedDocument) -> Score:
    s = Score(total=len(f.expected))
    by_title: dict[str, list[Initiative]] = {}  # a title may stand on several rows (one per municipality)
    for i in parsed.initiatives:
        by_title.setdefault(i.title, []).append(i)
    for want in f.expected:
        ini = by_title[want.title].pop(0) if by_title.get(want.title) else None
        if ini is None:
            s.problems.append(f"{want.title}: missing")
            continue
        diff = differences(ini, want)
        s.problems += diff
        s.right += not diff
    extra = [t for t, left in by_title.items() for _ in left]
    s.total += len(extra)
    s.problems += [f"{t}: loaded but not an initiative of the table" for t in extra]
    return s
