"""B17 catalogue: the small yearly gain tables some examples print beside their prose.

A header with a unit and years (2016, 2017 …) and one row labelled as the gain
or its total; every figure with the same sign (mixed signs mean investments are
netted in: not read).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.core.numbers import parse_amount

_TABLE_UNIT = re.compile(r"\(?\s*(?P<u>1\.000\s*kr\.?|1\.000|mio\.\s*kr\.?|t\.\s*kr\.?)\s*\)?", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^\s*=?\s*(?P<label>forventet (?:økonomisk )?gevinst|forventet besparelse\b.*|samlet\b.*|"
                        r"i alt besparelse|besparelse i alt|nettogevinst.*|nettoresultat.*|ændringsforslag i alt|"
                        r"budget|mindreudgift.*|\(?mio\. kr\.\)?|\(?1\.000 kr\.\)?)\s*$", re.IGNORECASE)


@dataclass
class _Series:
    series: list[tuple[int, float]]
    tkr: float
    low: float
    high: float
    year: int | None
    sentence: str
    forecast: bool = False  # the row is labelled "Forventet …": it beats the prose


def table_series(gain: list[tuple[int, str]]) -> _Series | None:
    """A yearly gain row from a small table: a header with a unit and years
    (2016, 2017 …) and one row labelled as the gain or its total, every figure
    with the same sign (mixed signs mean investments are netted in: not read)."""

    rows = [(ln, [c.strip() for c in t.split("\t")]) for ln, t in gain if t and "\t" in t]
    for idx, (_, cells) in enumerate(rows):
        years = [(j, int(c[:4])) for j, c in enumerate(cells) if re.fullmatch(r"(?:19|20)\d\d\s*→?", c)]
        if len(years) < 2:
            continue
        header_unit = _TABLE_UNIT.search(" ".join(cells[: years[0][0]]))
        for ln2, row in rows[idx + 1:]:
            if len(row) < years[-1][0] + 1:
                continue
            label = row[0]
            unit = header_unit or _TABLE_UNIT.fullmatch(label.strip())
            if unit is None or not _TABLE_ROW.match(label):
                continue
            u = unit.group("u").lower()
            unit_tkr = 1000.0 if u.startswith("mio") else 1.0
            series = []
            for j, year in years:
                a = parse_amount(row[j], unit_tkr) if row[j] else None
                if a is not None:
                    series.append((year, a.signed_tkr))
            values = [v for _, v in series if v != 0]
            if len(values) < 2 or not (all(v < 0 for v in values) or all(v > 0 for v in values)):
                continue
            series = list({y: abs(v) for y, v in series if v != 0}.items())  # a repeated year once
            last = series[-1][1]
            full = next(y for y, v in series if v == last)
            text = " | ".join("\t".join(c) for _, c in (rows[idx], (ln2, row)))
            return _Series(series=series, tkr=last, low=last, high=last, year=full, sentence=text,
                           forecast=label.lower().startswith("forventet"))
    return _total_row(rows)


def _total_row(rows: list[tuple[int, list[str]]]) -> _Series | None:
    """"Årlig gevinst | Mio. kr." … "Samlet årlig gevinst | 7,5": a one-column total."""

    for idx, (_, cells) in enumerate(rows):
        if len(cells) != 2 or not re.search(r"årlig", cells[0], re.IGNORECASE):
            continue
        unit = _TABLE_UNIT.fullmatch(cells[1].strip())
        if unit is None:
            continue
        unit_tkr = 1000.0 if unit.group("u").lower().startswith("mio") else 1.0
        for _, row in rows[idx + 1:]:
            if len(row) == 2 and re.match(r"(?:samlet|i alt)\b", row[0], re.IGNORECASE):
                a = parse_amount(row[1], unit_tkr)
                if a is not None and not a.negative:
                    text = "\t".join(cells) + " | " + "\t".join(row)
                    return _Series(series=[], tkr=a.value_tkr, low=a.low_tkr, high=a.high_tkr, year=None,
                                   sentence=text)
    return None


