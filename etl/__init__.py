"""ETL for savings documents: read → detect → parse → normalise → load (see etl/cli.py)."""
