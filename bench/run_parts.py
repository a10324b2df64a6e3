"""Each script run's CPU measured by part: ``bench/load.py --profile DIR`` serves
bench/profiled_app.py instead of ``dashboard.py``, which runs the dashboard through
:func:`run_profiled` (bench only; the app is not changed). The state lives here, in a module the
script's reruns share (the served file itself is executed afresh on every run).

WHY here and not in the app: a profiler in the app would be a switch users could trip. Streamlit
runs each script run on a thread of its own, so the measuring happens inside the run, in the
thread's CPU time (``time.thread_time``: not wall time — with N sessions a run also waits for
the GIL, which is not work). Two ways:

- **by part** (always; a clock read around a few calls, no measurable overhead): the queries
  (``app.cached``: the cache and, on a miss, DuckDB's work on this thread — its worker pool's is
  not here, bench/load.py reports it from ``/proc/<pid>/task``), building the Plotly figures
  (``app.figures``), ``st.plotly_chart``, the tables' Styler (``app.tables.numbers``),
  ``st.dataframe``, and the rest (the sidebar, Streamlit's other elements, the page code);
- **by function** (``SAVINGS_PROFILE_FUNCTIONS=1``, ``--profile-functions``): cProfile, which
  about doubles the run and inflates Python-call-heavy code (Plotly ~7×) far more than C code:
  for finding names, not for shares.

Each run appends one line to ``DIR/runs.tsv`` (page, CPU, wall, CPU per part) and, by function,
writes ``DIR/run-<pid>-<thread>-<ns>.prof``. ``python bench/run_parts.py DIR`` prints both."""
from __future__ import annotations

import cProfile
import functools
import os
import pstats
import runpy
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("queries", "figures", "st.plotly_chart", "tables", "st.dataframe")
_local = threading.local()


def _timed(part: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        spent = getattr(_local, "parts", None)
        if spent is None or getattr(_local, "inside", False):  # not in a run, or inside a measured call
            return fn(*args, **kwargs)
        _local.inside = True
        start = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[part] += time.thread_time() - start
            _local.inside = False
    wrapper.__profiled__ = True  # type: ignore[attr-defined]
    return wrapper


_gc_start: dict[int, float] = {}


def _gc_callback(phase: str, info: dict) -> None:
    """Every full collection (generation 2) to ``gc.tsv``: Streamlit runs ``gc.collect(2)`` after
    each script run (``runner.postScriptGC``, on by default) on the script thread, after the script —
    outside the run's own clock — and Python collects by itself when allocations pass its thresholds."""
    if info.get("generation") != 2:
        return
    me = threading.get_ident()
    if phase == "start":
        _gc_start[me] = time.thread_time()
    elif me in _gc_start:
        spent = time.thread_time() - _gc_start.pop(me)
        with open(Path(os.environ["SAVINGS_PROFILE"]) / "gc.tsv", "a", encoding="utf-8") as fh:
            fh.write(f"{threading.current_thread().name}\t{spent:.4f}\t{info.get('collected', 0)}\n")


def _instrument() -> None:
    """Wrap the measured calls once per process (the modules outlive the script's reruns)."""
    import gc

    import streamlit as st

    from app import cached, figures, tables
    if getattr(st.dataframe, "__profiled__", False):
        return
    gc.callbacks.append(_gc_callback)
    for name in ("run", "selection", "call", "options", "facets_problem"):
        setattr(cached, name, _timed("queries", getattr(cached, name)))
    for name, fn in list(vars(figures).items()):
        if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", "") == figures.__name__:
            setattr(figures, name, _timed("figures", fn))
    tables.numbers = _timed("tables", tables.numbers)  # type: ignore[assignment]
    st.plotly_chart = _timed("st.plotly_chart", st.plotly_chart)  # type: ignore[assignment]
    st.dataframe = _timed("st.dataframe", st.dataframe)  # type: ignore[assignment]


def _page() -> str:
    try:  # the page this run drew, by its URL path
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        ctx = get_script_run_ctx()
        return "/" + ctx.pages_manager.get_pages()[ctx.page_script_hash].get("url_pathname", "")  # type: ignore[union-attr]
    except Exception:
        return "?"


def run_profiled(out: Path, functions: bool) -> None:
    _instrument()
    _local.parts = dict.fromkeys(PARTS, 0.0)
    prof = cProfile.Profile(time.thread_time) if functions else None
    cpu, wall = time.thread_time(), time.perf_counter()
    if prof:
        prof.enable()
    try:
        runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
    finally:
        if prof:
            prof.disable()
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        parts, _local.parts = _local.parts, None
        if prof:  # the script runs afresh each time (no counter survives): named by thread and clock
            prof.dump_stats(out / f"run-{os.getpid()}-{threading.get_ident()}-{time.time_ns()}.prof")
        with open(out / "runs.tsv", "a", encoding="utf-8") as fh:
            fh.write("\t".join([_page(), f"{cpu:.4f}", f"{wall:.4f}", *(f"{parts[p]:.4f}" for p in PARTS)]) + "\n")


def report(folder: Path, top: int = 40) -> None:
    runs = [line.split("\t") for line in (folder / "runs.tsv").read_text(encoding="utf-8").splitlines()]
    total = sum(float(r[1]) for r in runs)
    print(f"{len(runs)} script runs, {total:.1f} s of script-thread CPU, {1000 * total / max(1, len(runs)):.0f} ms "
          "per run")
    for i, part in enumerate(PARTS):
        s = sum(float(r[3 + i]) for r in runs)
        print(f"  {part:16} {s:7.2f} s  {100 * s / total:5.1f} %  {1000 * s / len(runs):6.1f} ms per run")
    rest = total - sum(float(r[3 + i]) for r in runs for i in range(len(PARTS)))
    print(f"  {'rest':16} {rest:7.2f} s  {100 * rest / total:5.1f} %  {1000 * rest / len(runs):6.1f} ms per run")
    by_page: dict[str, list[list[str]]] = {}
    for r in runs:
        by_page.setdefault(r[0], []).append(r)
    print(f"  {'page':24} {'runs':>4} {'CPU ms':>7} " + " ".join(f"{p:>15}" for p in PARTS))
    for page, rs in sorted(by_page.items()):
        mean = [1000 * sum(float(r[k]) for r in rs) / len(rs) for k in [1] + list(range(3, 3 + len(PARTS)))]
        print(f"  {page:24} {len(rs):4} {mean[0]:7.0f} " + " ".join(f"{m:15.0f}" for m in mean[1:]))
    if (folder / "gc.tsv").exists():
        gcs = [line.split("\t") for line in (folder / "gc.tsv").read_text(encoding="utf-8").splitlines()]
        spent = sum(float(g[1]) for g in gcs)
        print(f"full garbage collections: {len(gcs)}, {spent:.1f} s of CPU, {1000 * spent / max(1, len(gcs)):.0f} ms "
              f"each ({1000 * spent / max(1, len(runs)):.0f} ms per script run; not in the runs' CPU above)")
    files = sorted(str(p) for p in folder.glob("run-*.prof"))
    if files:
        stats = pstats.Stats(*files)
        stats.files = []  # not the file names: hundreds of lines
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


def serve() -> None:
    """One script run (bench/profiled_app.py calls this on every run)."""
    run_profiled(Path(os.environ["SAVINGS_PROFILE"]), os.environ.get("SAVINGS_PROFILE_FUNCTIONS") == "1")


if __name__ == "__main__":
    report(Path(sys.argv[1]))
