"""Held-out savings tables: layouts the table reader was not written against, each a JSON
file in ``tests/fixtures/tables_heldout/`` with the table as printed (lines above, header
rows, body, lines below) and, beside it, the rows a reader must get — written by hand
from the printed figures before the reader was run on them. Each file also says what it
models and which published documents it was modelled on (``models``, ``source``).

:func:`load` turns every file into a :class:`tests.table_fixtures.Fixture`, so the one
writer (:mod:`tests.table_writers`: CSV, XLSX, ruled and unruled PDF) and the one score
(:mod:`tests.table_score`: rows fully right) serve both the seen and the held-out tables.
"""
from __future__ import annotations

import json
from pathlib import Path

from tests.table_fixtures import Fixture, Row

FOLDER = Path(__file__).parent / "fixtures" / "tables_heldout"


def _row(d: dict) -> Row:
    return Row(title=d["title"], expected_tkr=d["expected_tkr"],
               gains={int(y): float(v) for y, v in d["gains"].items()}, sectors=tuple(d["sectors"]),
               municipality=d["municipality"], adopted=d["adopted"], number=d["number"])


def _fixture(path: Path) -> Fixture:
    d = json.loads(path.read_text(encoding="utf-8"))
    sign = d.get("sign")
    return Fixture(name=d["name"], file_stem=d["file_stem"], caption=tuple(d["caption"]),
                   header=tuple(tuple(r) for r in d["header"]), body=tuple(tuple(r) for r in d["body"]),
                   notes=tuple(d["notes"]), expected=tuple(_row(r) for r in d["expected"]),
                   unit_text=d.get("unit_text"), price_level=d.get("price_level"),
                   sign=None if sign is None else (sign[0], sign[1]), refused=d.get("refused"))


def load() -> list[Fixture]:
    """Every held-out table, in file-name order."""
    return [_fixture(p) for p in sorted(FOLDER.glob("*.json"))]


HELDOUT = load()
