"""etl/schema.sql, the one declaration of the database's tables, and single statements from it.

A derived table added after databases were already published is declared there with ``CREATE
TABLE IF NOT EXISTS`` on one line, and its refresh runs that same line (:func:`create_statement`)
before writing it: so ``etl add`` on a database of an older ETL, or ``bench/synth.py --upgrade``,
gains the table without a rebuild, and the statement is written once."""
from __future__ import annotations

import functools
import re
from pathlib import Path

SCHEMA = Path(__file__).with_name("schema.sql")


@functools.cache
def create_statement(table: str) -> str:
    """The ``CREATE TABLE IF NOT EXISTS <table> (…);`` line of etl/schema.sql; a table not declared
    so is a programming error (LookupError), never silently created differently."""
    pattern = re.compile(rf"^CREATE TABLE IF NOT EXISTS {re.escape(table)} \(.*\);$", re.MULTILINE)
    m = pattern.search(SCHEMA.read_text(encoding="utf-8"))
    if m is None:
        raise LookupError(f"etl/schema.sql declares no 'CREATE TABLE IF NOT EXISTS {table} (…);' line")
    return m.group(0)
