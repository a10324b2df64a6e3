"""etl/schema.sql, the one declaration of the database's tables, and single statements from it.

A derived table added after databases were already published is declared there with ``CREATE
TABLE IF NOT EXISTS`` on one line, and its refresh runs that same line (:func:`create_statement`)
before writing it: so ``etl add`` on a database of an older ETL, or ``bench/synth.py --upgrade``,
gains the table without a rebuild, and the statement is written once. A view is rewritten the same
way (:func:`view_statement`): an older database's ``etl add`` fills its derived tables through the
views of this ETL, not the ones it was built with."""
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


@functools.cache
def view_statement(view: str) -> str:
    """``CREATE OR REPLACE VIEW <view> AS …;`` from the ``CREATE VIEW <view> AS`` statement of
    etl/schema.sql (a view's statement ends at the first line ending in ``;``); an undeclared view
    is a programming error (LookupError)."""
    pattern = re.compile(rf"^CREATE VIEW {re.escape(view)} AS\n.*?;$", re.MULTILINE | re.DOTALL)
    m = pattern.search(SCHEMA.read_text(encoding="utf-8"))
    if m is None:
        raise LookupError(f"etl/schema.sql declares no 'CREATE VIEW {view} AS' statement")
    return m.group(0).replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1)
