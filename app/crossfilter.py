"""Turn a plotly selection event (``st.plotly_chart(on_select=...)``) into new Filters.

Kept apart from the pages so clicking a bar can be tested without a browser:
the figures put a ``kind:value`` token in each clickable mark's ``customdata``
and this module reads those tokens back."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from app.constants import YEAR_MAX, YEAR_MIN
from app.filters import Filters


def _points(event) -> list:
    if event is None:
        return []
    sel = event.get("selection") if isinstance(event, Mapping) else getattr(event, "selection", None)
    if sel is None:
        return []
    pts = sel.get("points") if isinstance(sel, Mapping) else getattr(sel, "points", None)
    return list(pts or [])


def tokens(event) -> dict[str, list[str]]:
    """``{'year': ['2025'], 'sector': ['skole']}`` from the selected points' customdata."""
    out: dict[str, list[str]] = {}
    for p in _points(event):
        cd = p.get("customdata") if isinstance(p, Mapping) else None
        if isinstance(cd, (list, tuple)):
            cd = cd[0] if cd else None
        if not isinstance(cd, str) or ":" not in cd:
            continue
        kind, value = cd.split(":", 1)
        if value and value not in out.setdefault(kind, []):
            out[kind].append(value)
    return out


def apply(filters: Filters, event) -> Filters:
    """Filters narrowed to what was clicked; an empty or unknown selection changes nothing.

    Years become a range (one year: from = to); sectors and municipalities
    replace the current choice of that kind, because a click means "this one"."""
    tok = tokens(event)
    new = filters
    years = sorted(int(y) for y in tok.get("year", []) if y.isdigit() and YEAR_MIN <= int(y) <= YEAR_MAX)
    if years:
        new = replace(new, year_from=years[0], year_to=years[-1])
    if tok.get("sector"):
        new = replace(new, sector=tuple(sorted(tok["sector"])))
    if tok.get("municipality"):
        new = replace(new, municipality=tuple(sorted(tok["municipality"])))
    return new
