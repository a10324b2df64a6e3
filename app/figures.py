"""Plotly figures built from the query DataFrames.

Amounts arrive in t.kr. and are drawn in millions; separators follow the
language through ``layout.separators`` so hover texts read ``1.234,5`` in
Danish. Clickable marks carry ``customdata`` tokens (``year:2025``,
``sector:skole``) that :mod:`app.crossfilter` turns into filters."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from app.i18n import separators, t

COLOURS = {"expected": "#1f5f8b", "realised": "#e07b39", "target": "#b22222", "outstanding": "#9e9e9e",
           "plan": "#2e8b57"}


def _layout(fig: go.Figure, lang: str, title: str, present: bool = False, height: int | None = None,
            yaxis: str | None = None) -> go.Figure:
    fig.update_layout(
        title=title, separators=separators(lang),
        font={"size": 20 if present else 13},
        height=height or (560 if present else 380),
        margin={"l": 10, "r": 40, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        clickmode="event+select", dragmode=False,
    )
    if yaxis:
        fig.update_yaxes(title_text=yaxis, tickformat=",.1f")
    return fig


def _mio(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce") / 1000.0


def by_year(df: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Bars: expected annual gain by year of full phase-in (known years only)."""
    d = df[df["year"].notna()]
    years = d["year"].astype(int)
    fig = go.Figure(go.Bar(
        x=years.astype(str), y=_mio(d["expected_tkr"]), customdata=[f"year:{y}" for y in years],
        text=d["n"].astype(int), texttemplate="%{text:,}", textposition="outside", cliponaxis=False,
        marker_color=COLOURS["expected"], name=t("expected", lang),
        hovertemplate=(f"{t('year_full', lang)}: %{{x}}<br>{t('expected', lang)}: %{{y:,.1f}} "
                       f"{t('axis_mio', lang)}<br>%{{text:,}} {t('hover_initiatives', lang)}<extra></extra>"),
    ))
    fig.update_xaxes(title_text=t("year_full", lang), type="category")
    return _layout(fig, lang, t("chart_by_year", lang), present, yaxis=t("axis_mio", lang))


def staircase(stairs: pd.DataFrame | None, lang: str, present: bool = False, targets: pd.DataFrame | None = None,
              plan: pd.DataFrame | None = None) -> go.Figure:
    """Cumulative expected gain as a step line; with the plan's targets and net outstanding on the same axis."""
    fig = go.Figure()
    if stairs is not None and len(stairs):
        years = stairs["year"].astype(int)
        fig.add_trace(go.Scatter(
            x=years, y=_mio(stairs["cumulative_tkr"]), mode="lines+markers", line_shape="hv",
            customdata=[f"year:{y}" for y in years], name=t("cumulative", lang),
            line={"color": COLOURS["expected"], "width": 3},
            hovertemplate=(f"{t('year', lang)}: %{{x}}<br>{t('cumulative', lang)}: %{{y:,.1f}} "
                           f"{t('axis_mio', lang)}<extra></extra>")))
    if targets is not None and len(targets):
        for kind, colour, kind_type in (("reduction_target", COLOURS["target"], "line"),
                                        ("net_outstanding", COLOURS["outstanding"], "bar"),
                                        ("unallocated", "#c9a227", "bar"),
                                        ("requirement", "#6a0dad", "line")):
            d = targets[(targets["kind"] == kind) & targets["amount_tkr"].notna()]
            if not len(d):
                continue
            name = t(f"kind_{kind}", lang)
            hover = f"{t('year', lang)}: %{{x}}<br>{name}: %{{y:,.1f}} {t('axis_mio', lang)}<extra></extra>"
            if kind_type == "line":
                fig.add_trace(go.Scatter(x=d["year"].astype(int), y=_mio(d["amount_tkr"]), name=name,
                                         mode="lines+markers", line_shape="hv",
                                         line={"color": colour, "dash": "dash", "width": 3}, hovertemplate=hover))
            else:
                fig.add_trace(go.Bar(x=d["year"].astype(int), y=_mio(d["amount_tkr"]), name=name,
                                     marker_color=colour, opacity=0.6, hovertemplate=hover))
    if plan is not None and len(plan):
        d = plan[plan["kind"] == "expected"]
        if len(d):
            fig.add_trace(go.Scatter(
                x=d["year"].astype(int), y=_mio(d["amount_tkr"]), name=t("plan_gains", lang),
                mode="lines+markers", line={"color": COLOURS["plan"]},
                hovertemplate=(f"{t('year', lang)}: %{{x}}<br>{t('plan_gains', lang)}: %{{y:,.1f}} "
                               f"{t('axis_mio', lang)}<extra></extra>")))
    fig.update_xaxes(title_text=t("year", lang), dtick=1, tickformat="d")
    title = t("chart_targets", lang) if targets is not None and len(targets) else t("chart_staircase", lang)
    return _layout(fig, lang, title, present, yaxis=t("axis_mio", lang))


def sector_label(row, lang: str) -> str:
    if row.get("sector") is None or row.get("sector") != row.get("sector"):
        return t("no_sector", lang)
    label = row.get("label_en" if lang == "en" else "label_da")
    return label if isinstance(label, str) else str(row["sector"])


def by_sector(df: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Horizontal bars per canonical sector; an initiative in several sectors is in each bar."""
    d = df.iloc[::-1]  # plotly draws the first category at the bottom
    labels = [sector_label(r, lang) for r in d.to_dict("records")]
    fig = go.Figure(go.Bar(
        y=labels, x=_mio(d["expected_tkr"]), orientation="h", marker_color=COLOURS["expected"],
        customdata=[f"sector:{s}" if isinstance(s, str) else "sector:" for s in d["sector"]],
        text=d["n"].astype(int), texttemplate="%{text:,}", textposition="outside", cliponaxis=False,
        name=t("expected", lang),
        hovertemplate=(f"%{{y}}<br>{t('expected', lang)}: %{{x:,.1f}} {t('axis_mio', lang)}"
                       f"<br>%{{text:,}} {t('hover_initiatives', lang)}<extra></extra>"),
    ))
    fig.update_xaxes(title_text=t("axis_mio", lang), tickformat=",.1f")
    return _layout(fig, lang, t("chart_sectors", lang), present,
                   height=max(380, 40 * len(d) + 120) if not present else max(560, 56 * len(d) + 160))


def expected_vs_realised(points: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Scatter of realised against expected, with the diagonal where they are equal."""
    x, y = _mio(points["expected_tkr"]), _mio(points["realised_tkr"])
    fig = go.Figure()
    top = float(max(x.max(), y.max())) * 1.05 if len(points) else 1.0
    fig.add_trace(go.Scatter(x=[0, top], y=[0, top], mode="lines", name=t("diagonal", lang),
                             line={"color": "#888", "dash": "dot"}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=x, y=y, mode="markers", name=t("realised", lang), marker={"size": 12, "color": COLOURS["realised"]},
        text=points["title"], customdata=[f"initiative:{i}" for i in points["initiative_id"]],
        hovertemplate=(f"%{{text}}<br>{t('expected', lang)}: %{{x:,.2f}} {t('axis_mio', lang)}"
                       f"<br>{t('realised', lang)}: %{{y:,.2f}} {t('axis_mio', lang)}<extra></extra>"),
    ))
    fig.update_xaxes(title_text=f"{t('expected', lang)} ({t('axis_mio', lang)})", tickformat=",.1f",
                     range=[0, top])
    fig.update_yaxes(range=[0, top])  # same scale on both axes, so the diagonal is honest
    return _layout(fig, lang, t("chart_evr", lang), present, yaxis=f"{t('realised', lang)} ({t('axis_mio', lang)})")


def realisation_rate(df: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Bars of realised ÷ expected per sector, labelled with the number of initiatives behind each."""
    d = df[df["rate"].notna()]
    labels = [sector_label(r, lang) for r in d.to_dict("records")]
    fig = go.Figure(go.Bar(
        x=labels, y=d["rate"] * 100.0, marker_color=COLOURS["realised"],
        customdata=[f"sector:{s}" if isinstance(s, str) else "sector:" for s in d["sector"]],
        text=d["n_both"].astype(int), texttemplate="n=%{text:,}", textposition="outside", cliponaxis=False,
        hovertemplate=(f"%{{x}}<br>{t('evr_rate', lang)}: %{{y:,.1f}} %<br>n=%{{text:,}}<extra></extra>"),
    ))
    fig.add_hline(y=100, line_dash="dot", line_color="#888")
    return _layout(fig, lang, t("chart_rate", lang), present, yaxis=f"{t('evr_rate', lang)} (%)")
