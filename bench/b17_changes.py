"""What a change did to one source's initiatives: ids gone and new, and changed figures.

``python bench/b17_changes.py A.duckdb B.duckdb [FORMAT]`` lists, for the initiatives of the
given format (default b17), the ids only one build has (with their titles), and for ids in
both every changed figure (expected, its range ends, realised, full phase-in year) and the
yearly gains; then counts of initiatives, gains and warnings by code. A companion to
``bench/db_dump.py``, which proves sameness; this one explains a difference.
"""
from __future__ import annotations

import sys

import duckdb

FIELDS = ("title", "expected_tkr", "expected_low_tkr", "expected_high_tkr", "realised_tkr", "full_phase_in_year")


def load(path: str, fmt: str) -> tuple[dict[str, tuple], dict[str, list[tuple]], dict[str, int]]:
    con = duckdb.connect(path, read_only=True)
    try:
        cols = ", ".join(f"i.{c}" for c in FIELDS)
        rows = con.execute(f"SELECT i.initiative_id, {cols} FROM initiatives i JOIN sources s USING (source_id) "
                           "WHERE s.format = ? ORDER BY 1", [fmt]).fetchall()
        gains: dict[str, list[tuple]] = {}
        for iid, year, kind, amount in con.execute(
                "SELECT g.initiative_id, g.year, g.kind, g.amount_tkr FROM gains g JOIN initiatives i USING "
                "(initiative_id) JOIN sources s ON s.source_id = i.source_id WHERE s.format = ? ORDER BY 1, 2, 3",
                [fmt]).fetchall():
            gains.setdefault(iid, []).append((year, kind, amount))
        codes = dict(con.execute("SELECT w.code, count(*) FROM parse_warnings w JOIN sources s USING (source_id) "
                                 "WHERE s.format = ? GROUP BY 1 ORDER BY 1", [fmt]).fetchall())
        return {r[0]: r[1:] for r in rows}, gains, codes
    finally:
        con.close()


def main(a: str, b: str, fmt: str = "b17") -> None:
    ia, ga, ca = load(a, fmt)
    ib, gb, cb = load(b, fmt)
    print(f"initiatives: {len(ia)} → {len(ib)}; gains rows: {sum(map(len, ga.values()))} → "
          f"{sum(map(len, gb.values()))}")
    for iid in sorted(set(ia) - set(ib)):
        print(f"  gone  {iid}  {ia[iid][0]}")
    for iid in sorted(set(ib) - set(ia)):
        print(f"  new   {iid}  {ib[iid][0]}")
    changed = 0
    for iid in sorted(set(ia) & set(ib)):
        diffs = [f"{f}: {x} → {y}" for f, x, y in zip(FIELDS, ia[iid], ib[iid], strict=True) if x != y]
        if ga.get(iid, []) != gb.get(iid, []):
            diffs.append(f"gains: {ga.get(iid, [])} → {gb.get(iid, [])}")
        if diffs:
            changed += 1
            print(f"  {iid}  {ib[iid][0][:60]}")
            for d in diffs:
                print(f"      {d}")
    print(f"changed: {changed} of {len(set(ia) & set(ib))} kept ids")
    for code in sorted(set(ca) | set(cb)):
        if ca.get(code, 0) != cb.get(code, 0):
            print(f"  warnings {code}: {ca.get(code, 0)} → {cb.get(code, 0)}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
