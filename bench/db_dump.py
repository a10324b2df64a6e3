"""Dump every table of a built database in a deterministic order, and compare two dumps.

``python bench/db_dump.py A.duckdb B.duckdb`` prints, per table, whether B has the
same rows as A on the columns both have (``loaded_at`` excluded: a build time), and
the columns only one side has. Exit 0 when every table of A is unchanged in B. Used to
prove a refactor changed no behaviour: same rows, same ``initiative_id``s.
"""
from __future__ import annotations

import sys

import duckdb

EXCLUDE = {"loaded_at"}


def columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_schema = 'main' AND table_name IN (SELECT table_name FROM "
                       "information_schema.tables WHERE table_type = 'BASE TABLE') "
                       "ORDER BY table_name, ordinal_position").fetchall()
    out: dict[str, list[str]] = {}
    for table, col in rows:
        if col not in EXCLUDE:
            out.setdefault(table, []).append(col)
    return out


def dump(con: duckdb.DuckDBPyConnection, table: str, cols: list[str]) -> list[tuple]:
    quoted = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
    rows = con.execute(f'SELECT {quoted} FROM "{table}"').fetchall()
    return sorted(rows, key=lambda r: tuple("" if v is None else v for v in r))


def compare(a_path: str, b_path: str) -> int:
    a, b = duckdb.connect(a_path, read_only=True), duckdb.connect(b_path, read_only=True)
    ca, cb = columns(a), columns(b)
    bad = 0
    for table in sorted(ca):
        if table not in cb:
            print(f"{table}: missing in {b_path}")
            bad += 1
            continue
        common = [c for c in ca[table] if c in cb[table]]
        ra, rb = dump(a, table, common), dump(b, table, common)
        extra = [c for c in cb[table] if c not in ca[table]]
        lost = [c for c in ca[table] if c not in cb[table]]
        same = ra == rb and not lost
        bad += not same
        print(f"{table}: {len(ra)} rows, {'same' if same else 'DIFFERENT'}"
              + (f"; new columns {extra}" if extra else "") + (f"; lost columns {lost}" if lost else ""))
        if ra != rb:
            sa, sb = set(ra), set(rb)
            for r in sorted(sa - sb, key=str)[:5]:
                print(f"   - {r}")
            for r in sorted(sb - sa, key=str)[:5]:
                print(f"   + {r}")
    for table in sorted(set(cb) - set(ca)):
        print(f"{table}: new table ({len(dump(b, table, cb[table]))} rows)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(compare(sys.argv[1], sys.argv[2]))
