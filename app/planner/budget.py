"""The plan as a budget table (contract §4) and its "Om data" sheet, ready for app.downloads.

Columns, in this order: ``initiative_id``; title, origin municipality, sector, full-year effect as
printed and as scaled (t.kr.); one column per plan year headed by the bare year; a note on how
each row was computed. Then summary rows with an empty first column: ``I alt``/``Total``, and
with a target ``Mål``/``Target`` and ``Mangler``/``Remaining`` (target − total; negative = the
target is exceeded); with ``prudent=1`` also the prudent total."""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from app.i18n import fmt_num, fmt_pct, t, tn
from app.planner.compute import FEW_CASES, Line, Plan
from app.planner.params import PlanParams, to_query_params
from etl.reference import PlIndex, Populations

ID = "initiative_id"


def headers(p: PlanParams, lang: str) -> list[str]:
    scaled = t("bt_scaled_prices", lang, year=p.prices) if p.prices else t("bt_scaled", lang)
    return [ID, t("bt_title", lang), t("bt_origin", lang), t("bt_sector", lang), t("bt_printed", lang), scaled,
            *[str(y) for y in p.years], t("bt_note", lang)]


def sector_text(sectors: tuple[str, ...], labels: dict[str, tuple[str, str]], lang: str) -> str:
    return ", ".join(labels.get(s, (s, s))[1 if lang == "en" else 0] for s in sectors)


def note(ln: Line, p: PlanParams, lang: str, sector_labels: dict[str, tuple[str, str]]) -> str:
    """How the row was computed, in words: scaling, prices, phase-in (and what is unknown)."""
    ini, sc = ln.initiative, ln.scaling
    parts = []
    if ini.expected_tkr is None:
        parts.append(t("why_no_amount", lang))
    if sc.reason == "scaled" and sc.origin and sc.home:
        parts.append(t("why_scaled", lang, factor=fmt_num(sc.factor, lang, 3), origin=sc.origin.name,
                       pop_origin=fmt_num(sc.origin.population, lang, 0), home=sc.home.name,
                       pop_home=fmt_num(sc.home.population, lang, 0)))
    else:
        parts.append(t(f"why_scale_{sc.reason}", lang))
    if ln.price_reason == "converted" and ini.price_year == p.prices:
        parts.append(t("why_same_prices", lang, prices=p.prices))
    elif ln.price_reason == "converted":
        parts.append(t("why_prices", lang, year=ini.price_year, prices=p.prices, factor=fmt_num(ln.price, lang, 3))
                     + (t("why_price_assumed", lang) if ini.price_basis == "published" else ""))
    elif ln.price_reason != "as_printed":
        parts.append(t(f"why_{ln.price_reason}", lang, year=ini.price_year or ""))
    ph = ln.phase
    if ph.basis == "source":
        parts.append(t("why_phase_source", lang, first=ph.first_year, start=p.start,
                       shares="/".join(fmt_num(s * 100, lang, 0) for s in ph.shares)))
    else:
        parts.append(t(f"why_phase_{ph.basis}", lang, shares="/".join(fmt_num(s * 100, lang, 0) for s in ph.shares)))
    if ln.prudence is not None:
        pr = ln.prudence
        if pr.applied is None:
            parts.append(t("why_prudent_none", lang))
        else:
            assert pr.rate is not None
            sector = sector_text((pr.sector,) if pr.sector else (), sector_labels, lang)
            parts.append(t(f"why_prudent_{pr.basis}", lang, rate=fmt_pct(pr.applied, lang, 0),
                           cases=tn("n_cases", pr.rate.n, lang), sector=sector)
                         + (t("why_few", lang) if pr.few else ""))
    return "; ".join(parts)


def table(plan: Plan, p: PlanParams, lang: str, sector_labels: dict[str, tuple[str, str]]) -> pd.DataFrame:
    cols = headers(p, lang)
    n_years = len(plan.years)
    rows: list[list] = []
    for ln in plan.lines:
        ini = ln.initiative
        rows.append([ini.initiative_id, ini.title, ini.municipality, sector_text(ini.sectors, sector_labels, lang),
                     ini.expected_tkr, ln.full_tkr, *ln.years, note(ln, p, lang, sector_labels)])

    def summary(label: str, values, text: str = "") -> list:
        return ["", label, None, None, None, None, *values, text]

    rows.append(summary(t("bt_total", lang), plan.totals,
                        tn("n_initiatives_without_amount", plan.n_unknown, lang) if plan.n_unknown else ""))
    if any(v is not None for v in plan.targets):
        rows.append(summary(t("bt_target", lang), plan.targets))
        rows.append(summary(t("bt_remaining", lang), plan.remaining, t("bt_remaining_note", lang)))
    if plan.prudent_totals is not None:
        rows.append(summary(t("bt_prudent_total", lang), plan.prudent_totals, t("bt_prudent_note", lang)))
    df = pd.DataFrame(rows, columns=cols)
    for c in cols[4:6] + cols[6:6 + n_years]:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def about(plan: Plan, p: PlanParams, lang: str, pops: Populations, pl: PlIndex,
          target_text: str, today: dt.date | None = None) -> pd.DataFrame:
    """The "Om data" sheet: parameters, sources, scaling, prices and the date, one fact a row."""
    today = today or dt.date.today()
    home = pops.lookup(p.home) if p.home else None
    query = "&".join(f"{k}={v}" for k, vals in to_query_params(p, today).items()
                     for v in (vals if isinstance(vals, list) else [vals]))
    sources = sorted({f"{ln.initiative.file_name}" for ln in plan.lines})
    rows = [
        (t("om_made", lang), today.isoformat()),
        (t("om_link", lang), "/planner?" + query),
        (t("om_years", lang), f"{plan.years[0]}–{plan.years[-1]}"),
        (t("om_unit", lang), t("om_unit_text", lang)),
        (t("om_target", lang), target_text),
        (t("om_home", lang), t("om_home_text", lang, name=home.name, population=fmt_num(home.population, lang, 0),
                               date=home.population_date.isoformat(), source=home.source)
         if home else t("om_no_home", lang)),
        (t("om_scaling", lang), t("om_scaling_text", lang)),
        (t("om_prices", lang), t("om_prices_text", lang, year=p.prices) if p.prices else t("om_as_printed", lang)),
        (t("om_pl", lang), t("om_pl_text", lang, source=pl.source, first=pl.first_year, last=pl.last_year,
                             status=pl_status(pl))),
        (t("om_pl_proxy", lang), t("pl_proxy", lang)),
        (t("om_phase", lang), t("om_phase_text", lang)),
        (t("om_prudent", lang), t("om_prudent_text", lang, few=FEW_CASES) if p.prudent else t("om_off", lang)),
        (t("om_sources", lang), ", ".join(sources) or "–"),
        (t("om_rounding", lang), t("om_rounding_text", lang)),
    ]
    return pd.DataFrame(rows, columns=[t("om_item", lang), t("om_value", lang)])


def pl_status(pl: PlIndex) -> str:
    estimates = [f"{y}: {s}" for y, s in sorted(pl.status.items()) if s and s != "realiseret"]
    return ", ".join(estimates) or "–"


def file_name(p: PlanParams, ext: str, today: dt.date | None = None) -> str:
    """``spareplan_Odense_2027-2030_2026-11-24.csv``."""
    stem = f"spareplan_{p.home or 'plan'}_{p.years[0]}-{p.years[-1]}"
    stem = re.sub(r"[^0-9A-Za-zæøåÆØÅ_\-]+", "-", stem)
    return f"{stem}_{(today or dt.date.today()).isoformat()}.{ext}"
