"""The plan against its target: per plan year the initiatives' effects stacked (the stack's top is
the plan's total), the target as a step line, what is still missing as a hatched bar on top, and
what exceeds the target written above the bar."""
from __future__ import annotations

import plotly.graph_objects as go

from app.figures import COLOURS, _layout
from app.i18n import fmt_mio, t
from app.planner.compute import Plan

MAX_LEGEND = 8  # more initiatives than this: their names only in the hover, not the legend
PALETTE = ("#1f5f8b", "#4c8cb5", "#7fb2d5", "#2e8b57", "#6fb98f", "#a9d8b8", "#c9a227", "#e0c66a")


def plan_chart(plan: Plan, lang: str, present: bool = False) -> go.Figure:
    x = [str(y) for y in plan.years]
    fig = go.Figure()
    hover_unit = t("axis_mio", lang)
    for i, ln in enumerate(plan.lines):
        ys = [None if v is None else v / 1000 for v in ln.years]
        fig.add_trace(go.Bar(
            x=x, y=ys, name=ln.initiative.title[:40], marker_color=PALETTE[i % len(PALETTE)],
            showlegend=len(plan.lines) <= MAX_LEGEND, legendgroup="initiatives",
            hovertemplate=f"{ln.initiative.title[:60]}<br>%{{x}}: %{{y:,.2f}} {hover_unit}<extra></extra>"))
    remaining = plan.remaining
    missing = [None if r is None or r <= 0 else r / 1000 for r in remaining]
    if any(m for m in missing):
        fig.add_trace(go.Bar(
            x=x, y=missing, name=t("pl_chart_remaining", lang), marker_color="rgba(178,34,34,0.15)",
            marker_line={"color": COLOURS["target"], "width": 1.5}, marker_pattern_shape="/",
            hovertemplate=f"{t('pl_chart_remaining', lang)} %{{x}}: %{{y:,.2f}} {hover_unit}<extra></extra>"))
    if any(v is not None for v in plan.targets):
        fig.add_trace(go.Scatter(
            x=x, y=[None if v is None else v / 1000 for v in plan.targets], name=t("pl_chart_target", lang),
            mode="lines+markers", line_shape="hv", line={"color": COLOURS["target"], "dash": "dash", "width": 3},
            hovertemplate=f"{t('pl_chart_target', lang)} %{{x}}: %{{y:,.2f}} {hover_unit}<extra></extra>"))
    if plan.prudent_totals is not None:
        fig.add_trace(go.Scatter(
            x=x, y=[v / 1000 for v in plan.prudent_totals], name=t("pl_chart_prudent", lang), mode="markers",
            marker={"symbol": "diamond", "size": 14, "color": COLOURS["realised"],
                    "line": {"color": "white", "width": 1}},
            hovertemplate=f"{t('pl_chart_prudent', lang)} %{{x}}: %{{y:,.2f}} {hover_unit}<extra></extra>"))
    for k, (total, rest) in enumerate(zip(plan.totals, remaining)):
        if rest is not None and rest < 0:  # x as the category's index: plotly reads "2029" as index 2029
            fig.add_annotation(x=k, y=total / 1000, yshift=14, showarrow=False,
                               text=f"{t('pl_chart_exceeded', lang)} {fmt_mio(-rest, lang, 1)}")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", title_text=t("year", lang))
    return _layout(fig, lang, t("pl_chart", lang), present, yaxis=t("axis_mio", lang))
