"""``python -m etl``: see etl/cli.py and the README.

Run it with the project's environment (``.venv/bin/python -m etl …`` or ``make etl ARGS="…"``);
a Python without the pinned packages gets one error line saying so, not a traceback."""
import atexit
import os
import sys

try:
    from etl.cli import main
except ModuleNotFoundError as exc:
    print(f"error: etl: the Python package '{exc.name}' is not installed for {sys.executable}; run the ETL "
          "with the project's environment: .venv/bin/python -m etl … or make etl ARGS=\"…\" "
          "(make install creates .venv)", file=sys.stderr)
    sys.exit(1)

code = main()
# The run is over: its database is closed and renamed, its lock released. What is left of a
# normal exit is the interpreter tearing down pandas, pyarrow, numpy and DuckDB (~0.2 s of CPU):
# the exit functions run and the output is flushed here, and the process ends without it. If the
# output cannot be flushed (a closed pipe), the normal exit reports it as before.
try:
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
except BaseException:
    sys.exit(code)
os._exit(code)
