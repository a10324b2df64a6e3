"""Every built-in layout read from a PDF: cells right and seconds per page.

    python bench/pdf_layouts.py [--seeds 100,101,102,103] [--json FILE]

tests/make_layout_pdfs.py typesets the content of a text fixture as a PDF; here both
are parsed and compared cell by cell (``make_layout_pdfs.cells``: every initiative's
fields, sectors, types, gains and appearances, every target, the document's title and
year). The Idébank and B17 catalogues, the project lists (rows, amounts, widths) and the
recovery plans (years, staircase, signs) are generated from seeds the tests do not use
(held out); the PDF's parse is also scored against the generator's own answers (ground
truth, not the text parser). Minutes: the fixed content of the tests. Timings: ``read`` (pypdf validation,
pdfplumber words, layout text) and ``parse`` (detection and the layout's parser), per page.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import formats  # noqa: E402
from etl.read import read  # noqa: E402
from tests import layout_pairs as gen  # noqa: E402
from tests import synth_b17, synth_idebank  # noqa: E402
from tests.make_layout_pdfs import BOXES  # noqa: E402


def _idebank_truth(parsed, seed: int) -> tuple[int, int]:
    """Cells of the PDF's parse that equal the generator's answers."""
    cat = synth_idebank.make_catalogue(seed, n_cards=24)
    by_key = {(tuple(i.municipalities), i.title): i for i in parsed.initiatives}
    right = total = 0
    for a in cat.answers:
        ini = by_key.get((tuple(a.municipalities), a.title))
        want = [a.description, a.expected_text, a.expected_low, a.expected_high, a.phase_in_text, a.phase_in_year,
                a.cost_text, a.cost_tkr, a.adopted_text, a.adopted, sorted(a.sectors), a.types, a.further_info,
                len(a.printings)]
        got = [None] * len(want) if ini is None else [
            ini.description, ini.expected_text, ini.expected_low_tkr, ini.expected_high_tkr, ini.full_phase_in_text,
            ini.full_phase_in_year, ini.implementation_cost_text, ini.implementation_cost_tkr, ini.adopted_text,
            ini.adopted, sorted(t.source_sector for t in ini.sectors), ini.measure_types, ini.further_info,
            len(ini.appearances)]
        total += len(want)
        right += sum(g == w for g, w in zip(got, want))
    return right, total


def _b17_truth(parsed, seed: int) -> tuple[int, int]:
    _, answers, _ = synth_b17.build(seed, n_examples=24)
    by_key = {(i.title, tuple(i.municipalities)): i for i in parsed.initiatives}
    right = total = 0
    for (title, munis), a in answers.items():
        ini = by_key.get((title, munis))
        want = [a.expected_tkr, a.expected_low_tkr, a.expected_high_tkr, a.realised_tkr, a.full_phase_in_year,
                sorted(a.gains), a.feasibility, a.status, sorted(a.sectors), sorted(a.types), a.printings]
        got = [None] * len(want) if ini is None else [
            ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr, ini.realised_tkr, ini.full_phase_in_year,
            sorted((g.year, g.kind, g.amount_tkr) for g in ini.gains), ini.feasibility, ini.status,
            sorted(t.source_sector for t in ini.sectors), sorted(ini.measure_types), len(ini.appearances)]
        total += len(want)
        right += sum(g == w for g, w in zip(got, want))
    return right, total


def run(seeds: list[int], out: Path) -> list[dict]:
    jobs: list[tuple[str, gen.Pair, object]] = []
    for k, seed in enumerate(seeds):
        boxes = list(BOXES)[k % len(BOXES)]
        jobs.append((f"idebank-{boxes}", gen.idebank_pair(out, seed, boxes), lambda p, s=seed: _idebank_truth(p, s)))
        jobs.append(("b17", gen.b17_pair(out, seed), lambda p, s=seed: _b17_truth(p, s)))
    for seed in seeds:
        pair, answers = gen.held_out_project_list(out, seed)
        jobs.append(("project_list-ruled", pair, lambda p, a=answers: gen.project_truth(p, a)))
        pair, table = gen.held_out_recovery_plan(out, seed)
        jobs.append(("recovery_plan-unruled", pair, lambda p, t=table: gen.recovery_truth(p, t)))
    jobs += [("minutes", gen.minutes_pair(out), None)]
    results = []
    for name, pair, truth in jobs:
        text_doc = read(pair.text)
        text_parsed = formats.detect(text_doc).parse(text_doc)
        start = time.perf_counter()
        doc = read(pair.pdf)
        t_read = time.perf_counter() - start
        parser, score = formats.detect_scored(doc)
        parsed = parser.parse(doc)
        t_parse = time.perf_counter() - start - t_read
        want, got = gen.cells(text_parsed), gen.cells(parsed)
        row = {"layout": name, "file": pair.pdf.name, "pages": doc.page_count, "detected": parser.name,
               "score": score, "cells_right": sum(got.get(k) == v for k, v in want.items()) - len(set(got) - set(want)),
               "cells": len(want), "read_s_per_page": round(t_read / (doc.page_count or 1), 3),
               "parse_s": round(t_parse, 3)}
        if truth is not None:
            row["truth_right"], row["truth_cells"] = truth(parsed)
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="100,101,102,103", help="held-out seeds for the catalogues (one box style each)")
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = run([int(s) for s in args.seeds.split(",")], Path(tmp))
    print(f"\n{'layout':30} {'pages':>5} {'detected':>14} {'PDF = text':>14} {'PDF = truth':>14} {'read s/page':>11}")
    totals: dict[str, list[int]] = {}
    for r in results:
        truth = f"{r['truth_right']}/{r['truth_cells']}" if "truth_cells" in r else "–"
        print(f"{r['layout']:30} {r['pages']:>5} {r['detected']:>14} {r['cells_right']:>7}/{r['cells']:<6} "
              f"{truth:>14} {r['read_s_per_page']:>11}")
        t = totals.setdefault(r["layout"].split("-")[0], [0, 0])
        t[0] += r["cells_right"]
        t[1] += r["cells"]
    print("\nper layout (PDF = text): " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in totals.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
