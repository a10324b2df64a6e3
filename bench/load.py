"""Many sessions at once: N headless Chromium sessions filtering the dashboard on one server.

``python bench/load.py --db /tmp/synth1m.duckdb --sessions 1,5,20 --seconds 60 [--think 4]``

WHY: a budget seminar opens the shared link together. What a single session measures (bench/run.py)
says nothing about twenty sessions sharing one Streamlit process, one DuckDB database and two
cores. For each N a fresh ``streamlit run`` server is started (bench/browser.py's ``Server``) and
N browser contexts of one Chromium (each its own Streamlit session, like N laptops) act like
users for ``--seconds``: each starts on its own page, changes one sidebar filter at a time — the
search box (a word from :data:`WORDS`), a sector (added or removed in the multiselect), "adopted"
(Alle/Ja/Nej) — and after every :data:`CHANGES_PER_PAGE` changes moves on to the next page through
the sidebar navigation, so every page is filtered. A change is timed from the key press or click
until the page is settled: the script run has finished, the URL carries exactly the filter set,
no skeleton is left and every chart has drawn (the same test as bench/browser.py).

Reported per N: changes made, p50/p95/max of change → settled and of page switches, errors
(a page showing an exception, a change that did not settle within ``--timeout``, a browser
error, a traceback in the server log), and the server's resident memory (VmRSS of the
``streamlit`` process, sampled every 0.5 s): after one warm-up visit, at the peak, and the peak's
growth per session; and the server's CPU time per page run (opening, change or page switch: the
CPU a machine must have per user action, whatever the browsers' share of the cores), and the
machine's load average. The filter states repeat across sessions (13 searches × 11 sector states ×
3 adoption states per page), so some changes are answered from Streamlit's shared query cache —
as in a room where people click the same things; the cache sizes are in app/cached.py.

**Think time** (``--think SECONDS``, default :data:`THINK_S`): after every settled change or page
switch a session pauses for a random 0.5–1.5 × that long before its next action — a person in a
seminar room reads the chart, listens, then clicks. That is an *open-ish* load: 20 sessions at
4 s each ask ~5 page runs a second at most. ``--think 0`` is the old back-to-back mode: every
session acts again the moment its page settles, a closed loop that keeps the machine saturated
by construction (N browsers and the server always busy) — a stress test, not a room.

**Without browsers** (``--client protocol``, bench/protocol.py, bench/protocol_users.py): the same
users speak Streamlit's websocket protocol to the server as its front end does, and a change is timed to the run's
``script_finished`` — the server's figures alone, no page drawn (``--servers K`` shares the
sessions out over K servers, ``--profile DIR`` measures each run's CPU by part, ``--server-option``
sets a Streamlit option; bench/protocol_check.py shows such a session gets a browser's page).

Chromium, the server and other work share the machine's cores: the figures are for the machine
as a whole, which is what a room of users gets from one server. To tell the server's slowness from
the browsers', a probe asks the server's health endpoint (``/_stcore/health``, answered by its event
loop) once a second and reports its latency; an error is classified by what failed — an
exception shown or a traceback logged (the server's), a page that never settled while the
server answered its probe (the browsers', or a queue), a session that could not open.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import logging  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)  # bare-mode cache warnings on import

from bench import browser_users  # noqa: E402
from bench.browser import CHROMIUM  # noqa: E402
from bench.cursors import cursor_concurrency  # noqa: E402
from bench.users import THINK_S  # noqa: E402


def print_table(rows: list[dict]) -> None:
    print()
    print(f"{'sessions':>8} {'think s':>7} {'changes':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'switch p50/p95':>15} "
          f"{'open p50/max':>13} {'errors':>7} "
          f"{'RSS base':>9} {'RSS peak':>9} {'MB/session':>10} {'CPU ms/run':>10} {'server CPU':>10} "
          f"{'probe p95':>9} {'load mean/max':>14} {'client':>8} {'client CPU':>10}")
    for r in rows:
        c, w, o = r["changes"], r["page_switches"], r.get("first_open", {})
        print(f"{r['sessions']:>8} {r.get('think_s', 0):>7} {c['n']:>8} {c.get('p50_ms', '-'):>8} "
              f"{c.get('p95_ms', '-'):>8} "
              f"{c.get('max_ms', '-'):>8} {str(w.get('p50_ms', '-')) + '/' + str(w.get('p95_ms', '-')):>15} "
              f"{str(o.get('p50_ms', '-')) + '/' + str(o.get('max_ms', '-')):>13} {r['errors']:>7} "
              f"{r['rss_baseline_mb']:>9} {r['rss_peak_mb']:>9} {r['rss_growth_per_session_mb']:>10} "
              f"{r.get('server_cpu_ms_per_run', '-'):>10} {r.get('server_cpu_share', '-'):>10} "
              f"{r.get('health_probe', {}).get('p95_ms', '-'):>9} "
              f"{str(r.get('load_1min_mean')) + '/' + str(r.get('load_1min_max')):>14} "
              f"{r.get('client', 'browser'):>8} {r.get('client_cpu_share', '-'):>10}")
    split = [(r["sessions"], r["server_cpu_by_thread"]) for r in rows if r.get("server_cpu_by_thread")]
    if split:
        print("server CPU seconds by thread (main = event loop; lasting = DuckDB's pool; script = the runs): "
              + "; ".join(f"{n}: {d}" for n, d in split))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the database the server opens (e.g. a bench/synth.py file)")
    ap.add_argument("--sessions", default="1,5,20", help="comma-separated numbers of sessions")
    ap.add_argument("--seconds", type=float, default=60, help="how long the sessions act, per N")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60, help="seconds a change may take before it is an error")
    ap.add_argument("--think", type=float, default=THINK_S,
                    help=f"seconds a session pauses after each settled action, 0.5-1.5x at random (default "
                         f"{THINK_S}: a person in a seminar room); 0 = back to back, a saturating stress test")
    ap.add_argument("--json", help="also append the JSON lines to this file")
    ap.add_argument("--nice-browsers", action="store_true",
                    help="run Chromium at the lowest CPU priority, so the server has the cores first")
    ap.add_argument("--client", choices=("browser", "protocol"), default="browser",
                    help="browser: headless Chromium sessions (the page drawn); protocol: sessions speaking "
                         "Streamlit's websocket protocol (bench/protocol.py: the server alone, no rendering)")
    ap.add_argument("--profile", type=Path, metavar="DIR",
                    help="(--client protocol) serve bench/profiled_app.py: each script run's CPU by part "
                         "(queries, figures, tables, ...) written to DIR; print with: python bench/run_parts.py DIR")
    ap.add_argument("--profile-functions", action="store_true",
                    help="with --profile: also cProfile every run (doubles the run; for names, not shares)")
    ap.add_argument("--servers", type=int, default=1,
                    help="(--client protocol) start this many servers and share the sessions out over them, "
                         "as a load balancer with sticky sessions would (one Python process uses one core)")
    ap.add_argument("--server-option", action="append", default=[], metavar="NAME=VALUE",
                    help="(--client protocol) a Streamlit config option for the server, e.g. "
                         "runner.postScriptGC=false; repeatable")
    ap.add_argument("--cursors", type=int, default=0,
                    help="also time N threads querying on one shared cursor against a cursor each")
    args = ap.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        print(f"error: {db}: no such database (python bench/synth.py --rows 1000000 --db {db})", file=sys.stderr)
        return 2
    if args.cursors:
        print(json.dumps(cursor_concurrency(db, args.cursors)), flush=True)
    rows = []
    logs = Path(tempfile.mkdtemp(prefix="savings-load-"))  # kept: the server logs of each N
    for n in (int(x) for x in args.sessions.split(",") if x.strip()):
        if args.client == "protocol":
            from bench import protocol_users
            profile = None
            if args.profile:
                profile = args.profile / f"sessions-{n}"
                profile.mkdir(parents=True, exist_ok=True)
            options = dict(o.split("=", 1) for o in args.server_option)
            row = asyncio.run(protocol_users.run_sessions(db, n, args.seconds, args.seed, int(args.timeout * 1000),
                                                          logs, args.think, profile, args.servers,
                                                          args.profile_functions, options))
        else:
            chromium = browser_users.niced_chromium(logs) if args.nice_browsers else CHROMIUM
            row = asyncio.run(browser_users.run_sessions(db, n, args.seconds, args.seed, int(args.timeout * 1000),
                                                         logs, chromium, args.think))
        rows.append(row)
        line = json.dumps(row, ensure_ascii=False)
        print(line, flush=True)
        if args.json:
            with open(args.json, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
    print_table(rows)
    print(f"server logs: {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
