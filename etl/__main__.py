"""``python -m etl``: see etl/cli.py and the README.

Run it with the project's environment (``.venv/bin/python -m etl …`` or ``make etl ARGS="…"``);
a Python without the pinned packages gets one error line saying so, not a traceback."""
import sys

try:
    from etl.cli import main
except ModuleNotFoundError as exc:
    print(f"error: etl: the Python package '{exc.name}' is not installed for {sys.executable}; run the ETL "
          "with the project's environment: .venv/bin/python -m etl … or make etl ARGS=\"…\" "
          "(make install creates .venv)", file=sys.stderr)
    sys.exit(1)

sys.exit(main())
