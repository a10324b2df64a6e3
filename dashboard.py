"""Entry point: `streamlit run dashboard.py` (placeholder until the dashboard issue lands)."""
import os

import duckdb
import streamlit as st

db = os.environ.get("SAVINGS_DB", "data/savings.duckdb")
st.title("Sparepotentiale")
if not os.path.exists(db):
    st.info(f"Databasen {db} findes ikke. Byg den med: python -m etl build")
else:
    con = duckdb.connect(db, read_only=True)
    st.dataframe(con.execute("SELECT municipality, title, expected_tkr, full_phase_in_year, adopted "
                             "FROM initiatives ORDER BY municipality, title").df())
