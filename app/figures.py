"""Plotly figures built from the query DataFrames.

Amounts arrive in t.kr. and are drawn in millions; separators follow the language through
``layout.separators`` so hover texts read ``1.234,5`` in Danish. A bar of money is labelled
with its amount (formatted here, in the UI language); counts of initiatives are in the hover,
counted with the right plural form. Clickable marks carry ``customdata`` tokens
(``year:2025``, ``sector:skole``) that :mod:`app.crossfilter` turns into filters.

WHY no figure titles: plotly does not wrap a title, so in a narrow column (three charts side by
side at 1,280–1,400 px) it was cut off. The pages print each chart's title as a heading above it
(:func:`app.page.chart`), which wraps like any text."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from app.i18n import fmt_mio, fmt_num, fmt_pct, separators, t, tn

COLOURS = {"expected": "#1f5f8b", "realised": "#e07b39", "target": "#b22222", "outstanding": "#9e9e9e",
           "plan": "#2e8b57", "unallocated": "#c9a227", "requirement": "#6a0dad", "no_year": "#9e9e9e"}
#: Axis ticks in millions: one decimal only where needed (``100``, ``2,5``).
AXIS_FORMAT = ",.1~f"
#: How each kind of target is drawn: a dashed line of steps centred on the years (a goal that
#: changes from year to year) or translucent bars (an amount, or a requirement for one year).
TARGET_STYLE = {"reduction_target": "line", "requirement": "bar", "net_outstanding": "bar", "unallocated": "bar"}


def _layout(fig: go.Figure, lang: str, present: bool = False, height: int | None = None,
            yaxis: str | None = None) -> go.Figure:
    fig.update_layout(
        separators=separators(lang),
        font={"size": 20 if present else 13},
        height=height or (560 if present else 380),
        margin={"l": 10, "r": 40, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.25, "x": 0},
        clickmode="event+select", dragmode=False,
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)  # long sector names are not cut at the left edge
    if present:  # readable from the back of the room (the theme's axis fonts stay small otherwise)
        big = {"size": 18}
        fig.update_xaxes(tickfont=big, title_font=big)
        fig.update_yaxes(tickfont=big, title_font=big)
        fig.update_layout(legend_font=big)
    if yaxis:
        fig.update_yaxes(title_text=yaxis, tickformat=AXIS_FORMAT)
    return fig


def _mio(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce") / 1000.0


def _mio_labels(series: pd.Series, lang: str) -> list[str]:
    """Bar labels: the amount in millions, in the language's number format."""
    return [fmt_num(v / 1000.0, lang, 1) if pd.notna(v) else "–" for v in series]


def by_year(df: pd.DataFrame, lang: str, present: bool = False, wide: bool = False) -> go.Figure:
    """Bars: expected annual gain by year of full phase-in, each labelled with its amount; the
    initiatives without a known year as a last, grey bar of its own (not clickable), so the
    bars add up to the total the key figures show. ``wide``: the chart has the page's width."""
    d = df[df["year"].notna()]
    years = d["year"].astype(int)
    # upright labels: side by side at 1,280 px a bar is narrower than "188,3"; at the page's
    # width (presenting, or the phase-in page) the labels read horizontally
    angle = 0 if present or wide else -90
    hover = (f"{t('year_full', lang)}: %{{x}}<br>{t('expected', lang)}: %{{y:,.1f}} {t('axis_mio', lang)}"
             "<br>%{hovertext}<extra></extra>")
    fig = go.Figure(go.Bar(
        x=years.astype(str), y=_mio(d["expected_tkr"]), customdata=[f"year:{y}" for y in years],
        text=_mio_labels(d["expected_tkr"], lang), texttemplate="%{text}", textposition="outside",
        textangle=angle, constraintext="none", cliponaxis=False, marker_color=COLOURS["expected"],
        name=t("expected", lang),
        hovertext=[tn("count_initiatives", int(n), lang) for n in d["n"]], hovertemplate=hover,
    ))
    unknown = df[df["year"].isna()]
    if len(unknown) and int(unknown["n"].sum()):
        amount = unknown["expected_tkr"].sum(min_count=1)
        fig.add_trace(go.Bar(
            x=[t("no_year_bar", lang)], y=[(amount or 0) / 1000.0], customdata=["year:"],
            text=_mio_labels(pd.Series([amount]), lang), texttemplate="%{text}", textposition="outside",
            textangle=angle, constraintext="none", cliponaxis=False, marker_color=COLOURS["no_year"],
            name=t("no_year_bar", lang),
            hovertext=[tn("count_initiatives", int(unknown["n"].sum()), lang)],
            hovertemplate=(f"%{{x}}<br>{t('expected', lang)}: %{{y:,.1f}} {t('axis_mio', lang)}"
                           "<br>%{hovertext}<extra></extra>")))
    fig.update_xaxes(title_text=t("year_full", lang), type="category")
    fig.update_layout(showlegend=False)
    _layout(fig, lang, present, yaxis=t("axis_mio", lang))
    heights = [v for trace in fig.data for v in trace.y if v == v]
    if heights:  # room above (and below) the bars for their upright labels
        fig.update_yaxes(range=[min(0.0, min(heights)) * 1.25, max(0.0, max(heights)) * 1.25 or 1.0])
    return fig


def staircase(stairs: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Cumulative expected gain by year of full phase-in, as a step line (known years only)."""
    fig = go.Figure()
    if len(stairs):
        years = stairs["year"].astype(int)
        fig.add_trace(go.Scatter(
            x=years, y=_mio(stairs["cumulative_tkr"]), mode="lines+markers", line_shape="hv",
            customdata=[f"year:{y}" for y in years], name=t("cumulative", lang),
            line={"color": COLOURS["expected"], "width": 3},
            hovertext=[tn("count_initiatives", int(n), lang) for n in stairs["cumulative_n"]],
            hovertemplate=(f"{t('year', lang)}: %{{x}}<br>{t('cumulative', lang)}: %{{y:,.1f}} "
                           f"{t('axis_mio', lang)}<br>%{{hovertext}}<extra></extra>")))
    fig.update_xaxes(title_text=t("year_full", lang), tickformat="d")
    fig.update_layout(showlegend=False)
    return _layout(fig, lang, present, yaxis=t("axis_mio", lang))


def staircase_note(by_year_df: pd.DataFrame, stairs: pd.DataFrame, lang: str) -> str | None:
    """Why the staircase ends below the total: the gain of the initiatives without a known year
    (None when there are none with an amount)."""
    unknown = by_year_df[by_year_df["year"].isna()]
    amount = unknown["expected_tkr"].sum(min_count=1) if len(unknown) else None
    if amount is None or pd.isna(amount) or not amount:
        return None
    end = stairs["cumulative_tkr"].iloc[-1] if len(stairs) else 0.0
    total = by_year_df["expected_tkr"].sum(min_count=1)
    return t("staircase_note", lang, end=fmt_mio(end, lang), total=fmt_mio(total, lang),
             rest=tn("count_no_year_gain", int(unknown["n"].sum()), lang, amount=fmt_mio(amount, lang)))


def targets(rows: pd.DataFrame, plan: pd.DataFrame | None, lang: str, present: bool = False) -> go.Figure:
    """One document's targets per year (``rows``: app.queries.targets of ONE source) and, when
    the same document lists initiatives with yearly gains, their sum per year (``plan``)."""
    fig = go.Figure()
    for kind, style in TARGET_STYLE.items():
        d = rows[(rows["kind"] == kind) & rows["amount_tkr"].notna()]
        if not len(d):
            continue
        name = t(f"kind_{kind}", lang)
        hover = f"{t('year', lang)}: %{{x}}<br>{name}: %{{y:,.1f}} {t('axis_mio', lang)}<extra></extra>"
        if style == "line":
            fig.add_trace(go.Scatter(x=d["year"].astype(int), y=_mio(d["amount_tkr"]), name=name,
                                     mode="lines+markers", line_shape="hvh", hovertemplate=hover,
                                     line={"color": COLOURS.get(kind, COLOURS["target"]), "dash": "dash",
                                           "width": 3}))
        else:
            fig.add_trace(go.Bar(x=d["year"].astype(int), y=_mio(d["amount_tkr"]), name=name,
                                 marker_color=COLOURS.get(kind, COLOURS["outstanding"]), opacity=0.6,
                                 text=_mio_labels(d["amount_tkr"], lang), texttemplate="%{text}",
                                 textposition="outside", cliponaxis=False, hovertemplate=hover))
    if plan is not None and len(plan):
        d = plan[plan["kind"] == "expected"]
        if len(d):
            fig.add_trace(go.Scatter(
                x=d["year"].astype(int), y=_mio(d["amount_tkr"]), name=t("plan_gains", lang),
                mode="lines+markers", line={"color": COLOURS["plan"]},
                hovertext=[tn("count_initiatives", int(n), lang) for n in d["n"]],
                hovertemplate=(f"{t('year', lang)}: %{{x}}<br>{t('plan_gains', lang)}: %{{y:,.1f}} "
                               f"{t('axis_mio', lang)}<br>%{{hovertext}}<extra></extra>")))
    years = [int(x) for trace in fig.data for x in trace.x]
    pad = 1.0 if len(set(years)) == 1 else 0.6  # one year: a bar, not a wall across the chart
    fig.update_xaxes(title_text=t("year", lang), dtick=1, tickformat="d",
                     range=[min(years) - pad, max(years) + pad] if years else None)
    fig.update_yaxes(rangemode="tozero")  # an amount is read from zero, also a single one
    fig.update_layout(showlegend=True, barmode="group")
    return _layout(fig, lang, present, yaxis=t("axis_mio", lang))


def sector_label(row, lang: str) -> str:
    if row.get("sector") is None or row.get("sector") != row.get("sector"):
        return t("no_sector", lang)
    label = row.get("label_en" if lang == "en" else "label_da")
    return label if isinstance(label, str) else str(row["sector"])


def by_sector(df: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Horizontal bars per canonical sector, labelled with their amounts; an initiative in
    several sectors is in each bar."""
    d = df.iloc[::-1]  # plotly draws the first category at the bottom
    labels = [sector_label(r, lang) for r in d.to_dict("records")]
    fig = go.Figure(go.Bar(
        y=labels, x=_mio(d["expected_tkr"]), orientation="h", marker_color=COLOURS["expected"],
        customdata=[f"sector:{s}" if isinstance(s, str) else "sector:" for s in d["sector"]],
        text=_mio_labels(d["expected_tkr"], lang), texttemplate="%{text}", textposition="outside",
        cliponaxis=False, name=t("expected", lang),
        hovertext=[tn("count_initiatives", int(n), lang) for n in d["n"]],
        hovertemplate=(f"%{{y}}<br>{t('expected', lang)}: %{{x:,.1f}} {t('axis_mio', lang)}"
                       "<br>%{hovertext}<extra></extra>"),
    ))
    fig.update_xaxes(title_text=t("axis_mio", lang), tickformat=AXIS_FORMAT)
    fig.update_layout(showlegend=False)
    _layout(fig, lang, present, height=max(380, 40 * len(d) + 100) if not present else max(560, 56 * len(d) + 140))
    fig.update_layout(margin={"r": 80})  # room for the label beside the longest bar
    return fig


def expected_vs_realised(points: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Scatter of realised against expected, with the diagonal where they are equal.

    Up to 2,000 points (app/pages/expected_vs_realised.py), handed to plotly as numpy arrays, which
    it takes whole instead of checking and copying element by element, and without ``customdata``:
    the scatter is not clickable, and the ids were a third of its JSON. At 2,000 points: 15.6 → 9.5
    ms of CPU to build and serialise (5 points: 8.4 → 7.8), 186 → 130 kB; the same figure."""
    x, y = _mio(points["expected_tkr"]), _mio(points["realised_tkr"])
    fig = go.Figure()
    top = float(max(x.max(), y.max())) * 1.05 if len(points) else 1.0
    fig.add_trace(go.Scatter(x=[0, top], y=[0, top], mode="lines", name=t("diagonal", lang),
                             line={"color": "#888", "dash": "dot"}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=x.to_numpy(), y=y.to_numpy(), mode="markers", name=t("realised", lang),
        marker={"size": 12, "color": COLOURS["realised"]},
        text=points["title"].to_numpy(dtype=object),
        hovertemplate=(f"%{{text}}<br>{t('expected', lang)}: %{{x:,.2f}} {t('axis_mio', lang)}"
                       f"<br>{t('realised', lang)}: %{{y:,.2f}} {t('axis_mio', lang)}<extra></extra>"),
    ))
    fig.update_xaxes(title_text=f"{t('expected', lang)} ({t('axis_mio', lang)})", tickformat=AXIS_FORMAT,
                     range=[0, top])
    fig.update_yaxes(range=[0, top])  # same scale on both axes, so the diagonal is honest
    return _layout(fig, lang, present, yaxis=f"{t('realised', lang)} ({t('axis_mio', lang)})")


def realisation_rate(df: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Bars of realised ÷ expected per sector, labelled with the rate; the number of initiatives
    each rests on is in the hover (and in the table below the chart)."""
    d = df[df["rate"].notna()]
    labels = [sector_label(r, lang) for r in d.to_dict("records")]
    fig = go.Figure(go.Bar(
        x=labels, y=d["rate"] * 100.0, marker_color=COLOURS["realised"],
        customdata=[f"sector:{s}" if isinstance(s, str) else "sector:" for s in d["sector"]],
        text=[fmt_pct(r, lang, 0) for r in d["rate"]], texttemplate="%{text}", textposition="outside",
        cliponaxis=False, hovertext=[tn("count_both", int(n), lang) for n in d["n_both"]],
        hovertemplate=(f"%{{x}}<br>{t('evr_rate', lang)}: %{{y:,.1f}} %<br>%{{hovertext}}<extra></extra>"),
    ))
    fig.add_hline(y=100, line_dash="dot", line_color="#888")
    fig.update_layout(showlegend=False)
    return _layout(fig, lang, present, yaxis=f"{t('evr_rate', lang)} (%)")
