"""How fast proposal lists are detected and parsed, per container.

``python bench/proposal_list.py [N]`` writes a list of N proposals (the generated test
proposals with numbered titles) as text, PDF, XLSX (label/value pairs) and CSV, and
prints read, detect and parse times and proposals per second for each."""
from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.parse import proposal_list
from etl.read import read
from tests.synth_proposal_list import (
    LABELS_A,
    PREAMBLE_A,
    PROPOSALS,
    heading_pdf,
    heading_text,
    pairs_csv,
    pairs_xlsx,
)


def main(n: int = 2000) -> None:
    props = [dataclasses.replace(PROPOSALS[i % len(PROPOSALS)], title=f"{PROPOSALS[i % len(PROPOSALS)].title} {i}")
             for i in range(n)]
    out = Path(tempfile.mkdtemp())
    files = {"text": out / "liste.txt", "pdf": out / "liste.pdf", "xlsx": out / "liste.xlsx",
             "csv": out / "liste.csv"}
    files["text"].write_text(heading_text(props, LABELS_A, PREAMBLE_A), encoding="utf-8")
    heading_pdf(files["pdf"], props, LABELS_A, PREAMBLE_A)
    pairs_xlsx(files["xlsx"], props, LABELS_A)
    files["csv"].write_text(pairs_csv(props, LABELS_A), encoding="utf-8")
    print(f"{n} proposals")
    for name, path in files.items():
        t0 = time.perf_counter()
        doc = read(path)
        t1 = time.perf_counter()
        score = proposal_list.detect(doc)
        t2 = time.perf_counter()
        parsed = proposal_list.parse(doc)
        t3 = time.perf_counter()
        print(f"{name:5} {path.stat().st_size / 1e6:6.2f} MB  read {t1 - t0:6.2f} s  detect {t2 - t1:5.2f} s "
              f"(score {score})  parse {t3 - t2:5.2f} s  {len(parsed.initiatives) / (t3 - t2):7.0f} proposals/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
