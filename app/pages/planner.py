"""/planner — a savings package for the own municipality's coming budget: initiatives chosen from
the database, scaled, phased over the budget year and three more, against a target; the budget
table as CSV and XLSX; similar initiatives elsewhere as evidence (contract §4).

The arithmetic is app.planner.compute (pure), the reads app.planner.data, the widgets
app.planner.ui; this function only puts them in order."""
from __future__ import annotations

import streamlit as st

from app import cached, state
from app.filters import Notice
from app.i18n import tn
from app.page import Ctx, chart
from app.planner import budget, compute, data, ui
from app.planner.chart import plan_chart
from app.planner.params import PlanParams, Target, check, parse
from etl.errors import InputError


def _params(c: Ctx, pops, pl, sources) -> PlanParams:
    """The plan of this session's URL, checked against the data; what was dropped is shown once
    and left out of the URL."""
    p, found = parse(state.page_params())
    by_name = {**{r.source_id: r.source_id for r in sources.itertuples()},
               **{r.file_name: r.source_id for r in sources.itertuples()}}
    p, more = check(p, known_ids=lambda ids: cached.call(c.con, c.db_key, data.existing_ids, ids),
                    target_sources=by_name, home_name=lambda n: (m.name if (m := pops.lookup(n)) else None),
                    price_years=(pl.first_year, pl.last_year))
    found += more
    if p.target_source and p.target is not None:
        found.append(Notice("target", p.target.to_param(), "target_overridden"))
    ui.notices(c, found)
    if found:
        ui.update(p)
    return p


def render(c: Ctx) -> None:
    st.title(c.t("page_planner"))
    st.caption(c.t("pl_intro"))
    try:
        pops, pl = ui.reference()
    except InputError as exc:
        st.error(exc.line())
        return
    sources = cached.call(c.con, c.db_key, data.target_sources)
    p = _params(c, pops, pl, sources)

    with st.container(border=True):
        st.subheader(c.t("pl_settings"))
        ui.settings(c, p, pops, pl, sources)
        home = (pops.lookup(p.home) if p.home else None) or pops.rows[0]
        st.caption(c.t("pl_sources_note", pop_source=home.source, pop_date=home.population_date.isoformat())
                   + " " + c.t("pl_prices_note", source=pl.source, status=budget.pl_status(pl))
                   + " " + c.t("pl_proxy"))

    target = (Target(steps=cached.call(c.con, c.db_key, data.target_steps, p.target_source))
              if p.target_source else p.target)
    found = cached.by_id(c.con, c.db_key, data.plan_initiatives, p.plan)
    by_sector, overall = cached.call(c.con, c.db_key, data.realisation_rates) if p.prudent else ({}, None)
    plan = compute.plan([found[i] for i in p.plan if i in found], p, pops, pl, target, by_sector, overall)
    labels = {r.sector: (r.label_da, r.label_en) for r in cached.options(c.con, c.db_key)["sector"].itertuples()}

    with st.expander(c.t("pl_choose"), expanded=True, icon=":material/playlist_add:"):
        ui.candidates(c, p, pops)

    st.subheader(c.t("pl_plan"))
    if not plan.lines:
        st.info(c.t("pl_empty"), icon=":material/playlist_add:")
        return
    st.caption(tn("pl_plan_count", len(plan.lines), c.lang))
    chart(plan_chart(plan, c.lang, c.present), "pl_chart", clickable=False)
    table = budget.table(plan, p, c.lang, labels)
    about = budget.about(plan, p, c.lang, pops, pl, ui.target_text(c, p, target, sources))
    ui.budget_table(c, p, table, about)
    if p.prudent and overall is not None:
        ui.rates(c, by_sector, overall, labels)
    with st.container(border=True):
        ui.plan_list(c, p, plan)
        ui.phase_editor(c, p, plan)
    ui.similar(c, plan)
