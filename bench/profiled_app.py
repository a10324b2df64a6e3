"""Served by ``bench/load.py --profile DIR`` instead of ``dashboard.py``: the dashboard, each run's
CPU measured by part (bench/run_parts.py; bench only). Streamlit executes this file afresh on
every run, so it holds nothing itself."""
from bench.run_parts import serve

serve()
