"""The query cache: a query is the function itself; its key holds the function, the data part
of the filters, the arguments and the database file's identity (app/cached.py)."""
from __future__ import annotations

from app import cached, queries
from app.filters import Filters


def test_query_name_is_the_functions_qualified_name():
    assert cached.query_name(queries.kpis) == "app.queries.kpis"
    assert cached.query_name(queries.kpis) != cached.query_name(queries.staircase)


def test_key_holds_query_arguments_and_file_identity_but_not_the_language(app_con):
    calls: list[tuple] = []

    def counted(con, f, *args):
        calls.append((f, args))
        return len(calls)

    cached._run.clear()
    key = ("db", (1, 2, 3))
    first = cached.run(app_con, key, counted, Filters(sector=("skole",)))
    assert cached.run(app_con, key, counted, Filters(sector=("skole",), lang="en", present=True)) == first
    assert len(calls) == 1  # the language and presentation mode do not change the numbers
    cached.run(app_con, key, counted, Filters(sector=("skole",)), 5)  # other arguments
    cached.run(app_con, ("db", (1, 2, 4)), counted, Filters(sector=("skole",)))  # a rebuilt file
    cached.run(app_con, key, counted, Filters(sector=("social",)))  # other filters
    assert len(calls) == 4
    assert cached.run(app_con, key, queries.explorer_count, Filters()) == 12  # a real query beside it
