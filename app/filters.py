"""The shared filter state: one value object, its URL form and its SQL form.

The query string is the bookmarkable, shareable form of a view (contract §3),
so it is user input: it is parsed defensively (bad parts are dropped with a
notice, never a crash) and reaches SQL only as bound parameters."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

#: Parameters that may repeat (``?sector=a&sector=b``).
MULTI = ("municipality", "sector", "type", "source")
SINGLE = ("adopted", "year_from", "year_to", "q", "lang", "present")
#: Parameters the pages own, not filters: the savings planner's (app.planner.params.PARAMS, which
#: checks that it lists the same names). They travel with the filters in the URL (app.state).
PAGE_PARAMS = ("plan", "start", "target", "target_source", "home", "prices", "phase", "prudent")
KNOWN = MULTI + SINGLE + PAGE_PARAMS
YEAR_MIN, YEAR_MAX = 1990, 2100
Q_MAX = 200


@dataclass(frozen=True)
class Filters:
    municipality: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    adopted: bool | None = None
    year_from: int | None = None
    year_to: int | None = None
    q: str | None = None
    lang: str = "da"
    present: bool = False

    def data_part(self) -> "Filters":
        """The filter without view settings: what cached query results depend on."""
        return replace(self, lang="da", present=False)

    def is_empty(self) -> bool:
        return self.data_part() == Filters()


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was ignored, and why (rendered through i18n)."""

    param: str
    value: str
    reason: str  # key in i18n: 'unknown_param', 'bad_year', 'bad_adopted', 'bad_lang', ...


def _values(mapping: Mapping, key: str) -> list[str]:
    """All values of a parameter, whatever mapping flavour holds them
    (st.query_params has get_all, AppTest and tests give plain dicts of str|list)."""
    if hasattr(mapping, "get_all"):
        return [str(v) for v in mapping.get_all(key)]
    v = mapping.get(key)
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    return [str(v)]


values_of = _values  # public name for other parsers of the query string (app.planner.params)


def _year(param: str, raw: list[str], notices: list[Notice]) -> int | None:
    if not raw or raw[-1].strip() == "":
        return None
    s = raw[-1].strip()
    if s.isdigit() and YEAR_MIN <= int(s) <= YEAR_MAX:
        return int(s)
    notices.append(Notice(param, s, "bad_year"))
    return None


def from_query_params(mapping: Mapping) -> tuple[Filters, list[Notice]]:
    """Parse a query string mapping into Filters; every ignored part gives a Notice."""
    notices: list[Notice] = []
    for key in mapping.keys():
        if key not in KNOWN:
            notices.append(Notice(key, ", ".join(_values(mapping, key))[:80], "unknown_param"))
    multi = {}
    for key in MULTI:
        vals = []
        for v in _values(mapping, key):
            v = v.strip()
            if v and v not in vals:
                vals.append(v[:Q_MAX])
        multi[key] = tuple(vals)

    adopted = None
    raw = _values(mapping, "adopted")
    if raw and raw[-1].strip():
        a = raw[-1].strip().lower()
        if a in ("ja", "yes", "true", "1"):
            adopted = True
        elif a in ("nej", "no", "false", "0"):
            adopted = False
        else:
            notices.append(Notice("adopted", raw[-1], "bad_adopted"))

    year_from = _year("year_from", _values(mapping, "year_from"), notices)
    year_to = _year("year_to", _values(mapping, "year_to"), notices)
    if year_from is not None and year_to is not None and year_from > year_to:
        notices.append(Notice("year_to", str(year_to), "year_order"))
        year_from, year_to = year_to, year_from

    raw = _values(mapping, "q")
    q = raw[-1].strip()[:Q_MAX] if raw and raw[-1].strip() else None

    lang = "da"
    raw = _values(mapping, "lang")
    if raw and raw[-1].strip():
        if raw[-1].strip().lower() in ("da", "en"):
            lang = raw[-1].strip().lower()
        else:
            notices.append(Notice("lang", raw[-1], "bad_lang"))

    present = False
    raw = _values(mapping, "present")
    if raw and raw[-1].strip():
        if raw[-1].strip().lower() in ("1", "true", "ja", "yes"):
            present = True
        elif raw[-1].strip().lower() not in ("0", "false", "nej", "no"):
            notices.append(Notice("present", raw[-1], "bad_present"))

    return Filters(adopted=adopted, year_from=year_from, year_to=year_to, q=q, lang=lang,
                   present=present, **multi), notices


def to_query_params(f: Filters) -> dict[str, str | list[str]]:
    """The URL form of Filters; defaults are left out so URLs stay short."""
    out: dict[str, str | list[str]] = {}
    for key in MULTI:
        vals = list(getattr(f, key))
        if vals:
            out[key] = vals if len(vals) > 1 else vals[0]
    if f.adopted is not None:
        out["adopted"] = "ja" if f.adopted else "nej"
    if f.year_from is not None:
        out["year_from"] = str(f.year_from)
    if f.year_to is not None:
        out["year_to"] = str(f.year_to)
    if f.q:
        out["q"] = f.q
    if f.lang != "da":
        out["lang"] = f.lang
    if f.present:
        out["present"] = "1"
    return out


def _in(column: str, values: tuple[str, ...]) -> str:
    """``column IN (?, ?, …)``: only placeholders are built from the input's length."""
    return f"{column} IN ({', '.join('?' * len(values))})"


#: Filters answered through a link table: filter field, table, column (table and column
#: names are constants here, never user input).
_LINK_TABLES = (("municipality", "initiative_municipalities", "municipality"),
                ("sector", "initiative_sectors", "sector"),
                ("type", "initiative_types", "measure_type"))


def where_clause(f: Filters, alias: str = "i") -> tuple[str, list]:
    """SQL condition on ``initiatives AS <alias>`` and its bound parameters.

    Every value travels as a parameter; the SQL text depends only on which
    filters are set and how many values each has."""
    a = alias
    parts: list[str] = []
    params: list = []
    for field, table, column in _LINK_TABLES:
        values = getattr(f, field)
        if values:
            parts.append(f"EXISTS (SELECT 1 FROM {table} l WHERE l.initiative_id = {a}.initiative_id "
                         f"AND {_in('l.' + column, values)})")
            params += list(values)
    if f.source:
        # a source may be named by its id or by its file name
        parts.append(f"{a}.source_id IN (SELECT source_id FROM sources WHERE "
                     f"{_in('source_id', f.source)} OR {_in('file_name', f.source)})")
        params += list(f.source) * 2
    if f.adopted is not None:
        parts.append(f"{a}.adopted = ?")
        params.append(f.adopted)
    if f.year_from is not None:
        parts.append(f"{a}.full_phase_in_year >= ?")
        params.append(f.year_from)
    if f.year_to is not None:
        parts.append(f"{a}.full_phase_in_year <= ?")
        params.append(f.year_to)
    if f.q:
        parts.append(f"(strpos(lower({a}.title), lower(?)) > 0 OR "
                     f"strpos(lower(coalesce({a}.description, '')), lower(?)) > 0)")
        params += [f.q, f.q]
    return (" AND ".join(parts) if parts else "TRUE"), params


def source_clause(f: Filters, column: str = "source_id") -> tuple[str, list]:
    """Condition for tables that belong to a source, not an initiative (targets, warnings)."""
    if not f.source:
        return "TRUE", []
    return (f"{column} IN (SELECT source_id FROM sources WHERE {_in('source_id', f.source)} OR "
            f"{_in('file_name', f.source)})"), list(f.source) * 2
