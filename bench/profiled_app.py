"""The dashboard with every script run under cProfile: ``bench/load.py --profile DIR`` serves this
file instead of ``dashboard.py`` (bench only; the app is not changed).

WHY here and not in the app: a profiler in the app would be a switch users could trip. Streamlit
runs each script run on a thread of its own and cProfile profiles one thread, so the profiler
is started inside the run, counting the thread's CPU time (not wall time: with N sessions a
run also waits for the GIL, which is not work): it sees everything a run does on its thread — the sidebar, the page's
queries (DuckDB's own worker threads are not Python, their time is not in it), pandas, the
Plotly figures, turning elements into protobuf — but not the server's event loop (serialising
messages and writing them to the websockets), whose CPU bench/load.py reports from
``/proc/<pid>/task`` instead. Each run writes ``DIR/run-<pid>-<thread>-<ns>.prof`` and one line of
``DIR/runs.tsv`` (the page's URL path, the thread's CPU seconds, wall seconds);
``python bench/profiled_app.py DIR`` prints the functions with the most cumulative time over all
runs."""
from __future__ import annotations

import cProfile
import os
import pstats
import runpy
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_profiled(out: Path) -> None:
    # the script runs afresh each time (no counter survives): name each run by its thread and clock
    name = f"run-{os.getpid()}-{threading.get_ident()}-{time.time_ns()}.prof"
    prof = cProfile.Profile(time.thread_time)  # CPU of this thread, not wall: waits for the GIL are not work
    cpu, wall = time.thread_time(), time.perf_counter()
    prof.enable()
    try:
        runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
    finally:
        prof.disable()
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        prof.dump_stats(out / name)
        try:  # the page this run drew, by its URL path
            from streamlit.runtime.scriptrunner import get_script_run_ctx
            ctx = get_script_run_ctx()
            page = "/" + ctx.pages_manager.get_pages()[ctx.page_script_hash].get("url_pathname", "")
        except Exception:
            page = "?"
        with open(out / "runs.tsv", "a", encoding="utf-8") as fh:
            fh.write(f"{page}\t{cpu:.4f}\t{wall:.4f}\t{threading.current_thread().name}\n")


def report(folder: Path, top: int = 40) -> None:
    files = sorted(str(p) for p in folder.glob("run-*.prof"))
    if not files:
        print(f"no profiles in {folder}")
        return
    stats = pstats.Stats(*files)
    stats.files = []  # not the file names: hundreds of lines
    print(f"{len(files)} script runs")
    by_page: dict[str, list[float]] = {}
    for line in (folder / "runs.tsv").read_text(encoding="utf-8").splitlines():
        page, cpu, _wall, _thread = line.split("\t")
        by_page.setdefault(page, []).append(float(cpu))
    for page, cpus in sorted(by_page.items()):
        print(f"{page:24} {len(cpus):4} runs, script thread CPU mean {1000 * sum(cpus) / len(cpus):6.0f} ms")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


if __name__ == "__main__" and len(sys.argv) == 2 and Path(sys.argv[1]).is_dir() and "streamlit" not in sys.modules:
    report(Path(sys.argv[1]))
else:
    run_profiled(Path(os.environ["SAVINGS_PROFILE"]))
