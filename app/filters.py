"""The shared filter state: one value object and its URL form (its SQL form: app.filter_sql).

The query string is the bookmarkable, shareable form of a view (contract §3),
so it is user input: it is parsed defensively (bad parts are dropped with a
notice, never a crash) and reaches SQL only as bound parameters."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from app.constants import DEFAULT_LANG, LANGS, YEAR_MAX, YEAR_MIN

#: Parameters that may repeat (``?sector=a&sector=b``).
MULTI = ("municipality", "sector", "type", "source")
SINGLE = ("adopted", "year_from", "year_to", "q", "lang", "present")
#: Parameters the pages own, not filters: the savings planner's (app.planner.params.PARAMS, which
#: checks that it lists the same names). They travel with the filters in the URL (app.state).
PAGE_PARAMS = ("plan", "start", "target", "target_source", "home", "prices", "phase", "prudent")
KNOWN = MULTI + SINGLE + PAGE_PARAMS
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
    lang: str = DEFAULT_LANG
    present: bool = False

    def data_part(self) -> Filters:
        """The filter without view settings: what cached query results depend on."""
        return replace(self, lang=DEFAULT_LANG, present=False)

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
    for key in mapping:
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

    lang = DEFAULT_LANG
    raw = _values(mapping, "lang")
    if raw and raw[-1].strip():
        if raw[-1].strip().lower() in LANGS:
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
    if f.lang != DEFAULT_LANG:
        out["lang"] = f.lang
    if f.present:
        out["present"] = "1"
    return out
