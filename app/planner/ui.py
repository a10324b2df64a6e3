"""The planner page's parts in Streamlit: its settings, the candidate list with one-click add and
remove, the phase-in editor, the budget table with its downloads, and the similar initiatives.

Every change goes through :func:`update`: the planner's URL parameters (app.state.page_params)
are the plan's only state, so what the page shows is what a bookmark or a shared link restores."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Literal

import pandas as pd
import streamlit as st

from app import cached, db, downloads, queries, state, tables
from app.i18n import fmt_num, fmt_pct, fmt_tkr, t
from app.page import Ctx, empty, md_escape
from app.planner import budget, data
from app.planner.compute import FEW_CASES, Plan, Rate
from app.planner.params import MAX_PLAN, N_YEARS, PlanParams, Target, parse_target, to_query_params
from etl.reference import (
    MUNICIPALITIES_FILE,
    PL_INDEX_FILE,
    PlIndex,
    Populations,
    read_municipalities,
    read_pl_index,
    reference_dir,
)

PAGE_SIZE = 15
SORTS = tuple(data.SORTS)


@st.cache_data(show_spinner=False, max_entries=4)
def _reference(folder: str, identity: tuple) -> tuple[Populations, PlIndex]:
    from pathlib import Path
    return read_municipalities(Path(folder) / MUNICIPALITIES_FILE), read_pl_index(Path(folder) / PL_INDEX_FILE)


def reference() -> tuple[Populations, PlIndex]:
    """The populations and the PL index, re-read when either file changes (etl.reference)."""
    folder = reference_dir()
    ident = (db.file_identity(str(folder / MUNICIPALITIES_FILE)), db.file_identity(str(folder / PL_INDEX_FILE)))
    return _reference(str(folder), ident)


def update(p: PlanParams) -> None:
    """Make ``p`` the plan: the session's planner parameters and the URL."""
    state.set_page_params(to_query_params(p))


# --------------------------------------------------------------------------- settings

def _from_widget(p: PlanParams, key: str) -> PlanParams:
    ss = st.session_state
    value = ss.get(key)
    if key == "pl_home":
        return replace(p, home=value or None)
    if key == "pl_start":
        return replace(p, start=int(value)) if value is not None else p
    if key == "pl_target_source":
        return replace(p, target_source=value or None)
    if key == "pl_prices":
        return replace(p, prices=value)
    if key == "pl_prudent":
        return replace(p, prudent=bool(value))
    if key == "pl_target":
        text = (value or "").strip()
        target = parse_target(text) if text else None
        if text and target is None:
            ss["_pl_target_error"] = text
            return p
        ss.pop("_pl_target_error", None)
        return replace(p, target=target)
    raise KeyError(key)


def settings(c: Ctx, p: PlanParams, pops: Populations, pl: PlIndex, sources: pd.DataFrame) -> None:
    """Own municipality, first budget year, target (or a document's), fixed prices, prudence."""
    ss = st.session_state
    shown = {"pl_home": p.home, "pl_start": p.start, "pl_target_source": p.target_source, "pl_prices": p.prices,
             "pl_prudent": p.prudent}
    for key, value in shown.items():
        ss[key] = value
    if "_pl_target_error" not in ss:
        ss["pl_target"] = p.target.to_param() if p.target else ""

    def changed(key: str) -> None:
        update(_from_widget(p, key))

    a, b, d = st.columns([2, 1, 2])
    a.selectbox(c.t("pl_home"), [None, *pops.names()], key="pl_home", help=c.t("pl_home_help"),
                format_func=lambda v: c.t("pl_home_none") if v is None else v, on_change=changed, args=("pl_home",),
                placeholder=c.t("pl_home_none"))
    b.number_input(c.t("pl_start"), min_value=1990, max_value=2100, step=1, key="pl_start", on_change=changed,
                   args=("pl_start",))
    d.text_input(c.t("pl_target"), key="pl_target", help=c.t("pl_target_help"), on_change=changed,
                 args=("pl_target",), max_chars=300)
    if "_pl_target_error" in ss:
        st.warning(c.t("notice_bad_target", value=md_escape(ss["_pl_target_error"])), icon=":material/info:")
    e, f, g = st.columns([2, 1, 2], vertical_alignment="bottom")
    labels = {r.source_id: f"{r.file_name} ({r.first_year}–{r.last_year})" for r in sources.itertuples()}
    e.selectbox(c.t("pl_target_source"), [None, *labels], key="pl_target_source", on_change=changed,
                args=("pl_target_source",), format_func=lambda v: c.t("pl_none") if v is None else labels[v],
                placeholder=c.t("pl_none"))
    f.selectbox(c.t("pl_prices"), [None, *range(pl.last_year, pl.first_year - 1, -1)], key="pl_prices",
                format_func=lambda v: c.t("pl_as_printed") if v is None else str(v), on_change=changed,
                args=("pl_prices",), placeholder=c.t("pl_as_printed"))
    g.toggle(c.t("pl_prudent"), key="pl_prudent", on_change=changed, args=("pl_prudent",))


# --------------------------------------------------------------------------- candidates

def _add(p: PlanParams, iid: str) -> None:
    update(replace(p, plan=(*p.plan, iid)) if iid not in p.plan else p)


def _remove(p: PlanParams, iid: str) -> None:
    update(replace(p, plan=tuple(i for i in p.plan if i != iid), phase=tuple(x for x in p.phase if x[0] != iid)))


def candidates(c: Ctx, p: PlanParams, pops: Populations) -> None:
    """The filtered initiatives, a page at a time, each with an add (or remove) button."""
    total = c.query(queries.explorer_count)
    if total == 0:
        empty(c)
        return
    s1, s2 = st.columns([2, 3], vertical_alignment="bottom")
    sort = s1.selectbox(c.t("pl_sort"), SORTS, key="pl_sort", format_func=lambda k: c.t(f"pl_sort_{k}"))
    pages = max(1, -(-total // PAGE_SIZE))
    if st.session_state.get("pl_page", 1) > pages:
        st.session_state["pl_page"] = 1
    s2.caption(c.t("pl_candidates", n=fmt_num(total, c.lang, 0)) + " · " + c.t("pl_choose_help"))
    names = tuple(m.name for m in pops.rows)
    populations = tuple(m.population for m in pops.rows)
    page_no = st.session_state.get("pl_page", 1)
    rows = c.query(data.candidates, names, populations, sort, PAGE_SIZE, (page_no - 1) * PAGE_SIZE)
    widths = [6, 2, 2, 2, 1.3]
    head = st.columns(widths)
    for col, key in zip(head, ("col_title", "col_expected_tkr", "pl_col_per_inhabitant", "pl_col_realisation")):
        col.markdown(f"**{c.t(key)}**")
    for r in rows.itertuples():
        cols = st.columns(widths, vertical_alignment="center")
        meta = " · ".join(str(x) for x in (r.municipality, r.file_name) if isinstance(x, str))
        cols[0].markdown(f"{md_escape(r.title)}  \n:gray[{md_escape(meta)} · {md_escape(r.initiative_id)}]")
        cols[1].write(fmt_num(r.expected_tkr, c.lang, 0))
        cols[2].write(fmt_num(r.kr_per_inhabitant, c.lang, 1))
        cols[3].write(fmt_pct(r.realisation, c.lang, 0))
        if r.initiative_id in p.plan:
            cols[4].button(c.t("pl_remove"), key=f"pl_rm_{r.initiative_id}", on_click=_remove,
                           args=(p, r.initiative_id), icon=":material/remove:", type="secondary")
        else:
            cols[4].button(c.t("pl_add"), key=f"pl_add_{r.initiative_id}", on_click=_add, args=(p, r.initiative_id),
                           icon=":material/add:", type="primary", disabled=len(p.plan) >= MAX_PLAN)
    if pages > 1:
        st.pagination(pages, key="pl_page")


# --------------------------------------------------------------------------- the plan

def plan_list(c: Ctx, p: PlanParams, plan: Plan) -> None:
    """The plan's initiatives with a remove button each, and their phase-in in an editable table."""
    for ln in plan.lines:
        ini = ln.initiative
        a, b = st.columns([8, 1.3], vertical_alignment="center")
        a.markdown(f"{md_escape(ini.title)}  \n:gray[{md_escape(ini.municipality or '–')} · "
                   f"{md_escape(ini.initiative_id)} · {fmt_tkr(ini.expected_tkr, c.lang, 0)}]")
        b.button(c.t("pl_remove"), key=f"pl_plan_rm_{ini.initiative_id}", on_click=_remove,
                 args=(p, ini.initiative_id), icon=":material/remove:")
    st.button(c.t("pl_clear"), key="pl_clear", on_click=lambda: update(replace(p, plan=(), phase=())),
              icon=":material/delete_sweep:", type="tertiary")


def phase_editor(c: Ctx, p: PlanParams, plan: Plan) -> None:
    st.markdown(f"**{c.t('pl_phase')}**")
    st.caption(c.t("pl_phase_help"))
    years = [str(y) for y in plan.years]
    df = pd.DataFrame([[ln.initiative.initiative_id, ln.initiative.title,
                        *[round(s * 100, 1) for s in ln.phase.shares]] for ln in plan.lines],
                      columns=["initiative_id", "title", *years])
    key = "pl_phase_" + str(abs(hash((p.plan, p.phase, p.start))))

    def edited() -> None:
        changes = st.session_state.get(key, {}).get("edited_rows", {})
        phase = dict(p.phase)
        for row, values in changes.items():
            iid = df.iloc[int(row)]["initiative_id"]
            current = [float(df.iloc[int(row)][y]) for y in years]
            for y, v in values.items():
                if y in years and v is not None:
                    current[years.index(y)] = min(100.0, max(0.0, float(v)))
            phase[iid] = tuple(current)
        update(replace(p, phase=tuple((i, v) for i, v in phase.items() if i in p.plan)))

    st.data_editor(df, key=key, hide_index=True, on_change=edited, disabled=["initiative_id", "title"],
                   column_config={"initiative_id": st.column_config.TextColumn(c.t("col_initiative_id")),
                                  "title": st.column_config.TextColumn(c.t("col_title"), width="large"),
                                  **{y: st.column_config.NumberColumn(f"{y} (%)", min_value=0, max_value=100,
                                                                      step=1, format="%d %%") for y in years}})
    if p.phase:
        st.button(c.t("pl_phase_reset"), key="pl_phase_reset", on_click=lambda: update(replace(p, phase=())),
                  type="tertiary", icon=":material/restart_alt:")


def budget_table(c: Ctx, p: PlanParams, table: pd.DataFrame, about: pd.DataFrame) -> None:
    """The budget table as shown, and its two downloads (the CSV first: contract §4)."""
    st.markdown(f"**{c.t('pl_budget')}**")
    st.caption(c.t("pl_budget_caption", prices=c.t("pl_in_prices", year=p.prices) if p.prices else ""))
    cols = list(table.columns)
    years = cols[6:6 + N_YEARS]
    unit = "t.kr." if c.lang == "da" else "DKK k"  # the download has bare years (contract); the screen a unit
    text = st.column_config.TextColumn
    right: Literal["right"] = "right"
    config = {cols[0]: text(c.t("col_initiative_id"), width="small"), cols[1]: text(width="medium"),
              cols[2]: text(width="small"), cols[3]: text(width="small"),
              cols[4]: text(c.t("pl_col_printed"), width="small", help=cols[4], alignment=right),
              cols[5]: text(c.t("pl_col_scaled"), width="small", help=cols[5], alignment=right),
              **{y: text(f"{y} ({unit})", width="small", alignment=right) for y in years},
              cols[-1]: text(width="large")}
    shown, _ = tables.as_text(table, c.lang, amounts=cols[4:6] + years)
    st.dataframe(shown, hide_index=True, placeholder=tables.UNKNOWN, key="pl_budget_table", column_config=config)
    today = dt.date.today()
    d1, d2 = st.columns(2)
    d1.download_button(c.t("download_csv"), data=lambda: downloads.to_csv(table),
                       file_name=budget.file_name(p, "csv", today), mime="text/csv", key="pl_download_csv",
                       icon=":material/download:", on_click="ignore", help=c.t("pl_download_help"))
    d2.download_button(c.t("download_xlsx"), data=lambda: downloads.to_xlsx(table, "Budget", {"Om data": about}),
                       file_name=budget.file_name(p, "xlsx", today), key="pl_download_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")


def similar(c: Ctx, plan: Plan) -> None:
    """The stored most similar initiatives elsewhere of every plan initiative, in one table (one
    table, not one per initiative: each table costs its own rendering on every rerun)."""
    st.markdown(f"**{c.t('pl_similar')}**")
    st.caption(c.t("pl_similar_help"))
    ids = tuple(ln.initiative.initiative_id for ln in plan.lines)
    df = cached.call(c.con, c.db_key, data.similar, ids)
    if df is None:
        st.info(c.t("pl_similar_missing"), icon=":material/info:")
        return
    titles = {ln.initiative.initiative_id: ln.initiative.title for ln in plan.lines}
    without = [titles[i] for i in ids if i not in set(df["initiative_id"])]
    if len(df):
        order = {iid: k for k, iid in enumerate(ids)}
        df = df.assign(plan_title=df["initiative_id"].map(titles), _order=df["initiative_id"].map(order))
        similar_table(c, df.sort_values(["_order", "rank"]), key="pl_similar", for_column=True)
    if without:
        st.caption(c.t("pl_similar_without") + " " + "; ".join(md_escape(x) for x in without))


def similar_table(c: Ctx, rows: pd.DataFrame, key: str, for_column: bool = False) -> None:
    """Similar initiatives (rows of app.planner.data.similar) as a table: who, what they expected
    and realised (t.kr., with the printed text), where; with ``for_column`` first the plan
    initiative each row is similar to."""
    shown = rows.assign(source=[f"{f} ({int(y)})" if pd.notna(y) else f
                                for f, y in zip(rows["file_name"], rows["published_year"])])
    labels = {"plan_title": "pl_col_similar_to"} if for_column else {}
    labels |= {"score": "pl_col_score", "title": "col_title", "municipality": "col_municipality",
               "expected_tkr": "col_expected_tkr", "realised_tkr": "col_realised_tkr", "source": "col_source",
               "similar_id": "col_initiative_id"}
    widths: dict[str, Literal["small", "medium", "large"]] = {"plan_title": "medium", "title": "large"}
    formatted, right = tables.as_text(shown[list(labels)], c.lang, amounts=("expected_tkr", "realised_tkr"),
                                      shares=("score",))
    st.dataframe(formatted, hide_index=True, placeholder=tables.UNKNOWN, key=key,
                 column_config={col: st.column_config.TextColumn(t(label, c.lang), width=widths.get(col, "small"),
                                                                 alignment="right" if col in right else None)
                                for col, label in labels.items()})


def rates(c: Ctx, by_sector: dict[str, Rate], overall: Rate, labels: dict[str, tuple[str, str]]) -> None:
    """The realisation rates the prudent estimate uses, with the counts behind each."""
    st.markdown(f"**{c.t('pl_rates')}**")
    st.caption(c.t("pl_rates_caption", few=FEW_CASES))
    rows = [(labels.get(s, (s, s))[1 if c.lang == "en" else 0], r) for s, r in sorted(by_sector.items())]
    rows.append((c.t("pl_all_sectors"), overall))
    df = pd.DataFrame([{"sector": name, "n": r.n, "expected": r.expected_tkr, "realised": r.realised_tkr,
                        "rate": r.rate, "few": c.t("pl_rate_few") if r.n < FEW_CASES else ""} for name, r in rows])
    headers = {"sector": "col_sector", "n": "pl_col_n", "expected": "col_expected_tkr",
               "realised": "col_realised_tkr", "rate": "pl_col_rate", "few": "pl_col_remark"}
    formatted, right = tables.as_text(df, c.lang, amounts=("expected", "realised"), counts=("n",),
                                      shares=("rate",))
    st.dataframe(formatted[list(headers)], hide_index=True, placeholder=tables.UNKNOWN, key="pl_rates_table",
                 column_config={col: st.column_config.TextColumn(t(h, c.lang), alignment="right" if col in right
                                                                 else None) for col, h in headers.items()})


def target_text(c: Ctx, p: PlanParams, target: Target | None, sources: pd.DataFrame) -> str:
    """The target in words for the "Om data" sheet."""
    if p.target_source:
        row = sources[sources["source_id"] == p.target_source]
        name = row.iloc[0]["file_name"] if len(row) else p.target_source
        steps = ", ".join(f"{y}: {fmt_num(a, c.lang, 0)}" for y, a in (target.steps if target else ()))
        return f"{name}: {steps}"
    return target.to_param() if target else "–"


def notices(c: Ctx, found) -> None:
    for n in found:
        st.warning(t(f"notice_{n.reason}", c.lang, param=md_escape(n.param), value=md_escape(n.value)),
                   icon=":material/info:")


def prices_note(lang: str) -> None:
    """Above every page while ``prices`` is set: where fixed prices apply (the planner) and where not."""
    raw = state.page_params().get("prices") or []
    if raw and raw[-1].isdigit():
        st.caption(t("pl_prices_elsewhere", lang, year=raw[-1]))
