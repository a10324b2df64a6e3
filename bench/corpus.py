"""A mixed corpus of generated documents in every format, for before/after comparisons.

``python bench/corpus.py OUTDIR`` writes synthetic B17 and Idébank catalogues (text,
text with form feeds, PDF), project lists, recovery plans, minutes, CSV, XLSX and
ruled/unruled PDF tables: layouts modelled on what municipalities publish, never the
seed files. Build it with ``python -m etl build --db X.duckdb OUTDIR`` and compare two
builds with ``bench/db_dump.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from tests import make_pdfs, synth_b17, synth_idebank
from tests.synth_small_layouts import ProjectRow, RecoveryTable, minutes, project_list, recovery_plan

CSV_HEADER = ["Kommune", "Titel", "Beskrivelse", "Forventet gevinst (t.kr.)", "Realiseret gevinst (t.kr.)",
              "Fuldt indfaset år", "Sektor", "Vedtaget", "Status", "Type", "2025", "2026"]
#: cells that stopped the whole build before the numbers reader was unified (issue 12)
CELL_ROWS = [["Aarhus", "Tilde", "", "~150", ">2026", ">2026", "", "", "", "", "~150", "100–200"],
             ["Aarhus", "Mellemrum", "", "1 250", "5 %", "2026", "", "", "", "", "se bilag", "-"],
             ["Aarhus", "Procent", "", "ca. 150", "-", "2026", "", "", "", "", "1 250", "5 %"]]
CSV_ROWS = [
    ["Aarhus", "Fælles indkøb af bleer", "Ét udbud", "1.250", "400", "2026", "Ældre", "Ja", "I gang", "Indkøb",
     "600", "1.250"],
    ["Odense Kommune", "Digital post", "", "ca. 150", "", "fra 2027", "Administration", "Nej", "", "Digitalisering",
     "150", "2026"],
    ["Vejle", "Færre vikarer", "Vikarpuljen", "100–200", "se bilag", "2026/27", "Skoler", "x", "", "", "-", ""],
    ["Roskilde og Køge", "Energistyring", "Lys", "2,5 mio. kr.", "-", "", "Teknik og miljø", "", "", "", "1 250", ""],
    ["", "I alt", "", "3.900", "", "", "", "", "", "", "", ""],
]


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for seed in (7, 11):
        text, _, _ = synth_b17.build(seed=seed, n_examples=18)
        files.append(out / f"b17_{seed}.txt")
        files[-1].write_text(text, encoding="utf-8")
    for seed, ff in ((3, False), (5, True)):
        cat = synth_idebank.make_catalogue(seed, n_cards=16, form_feeds=ff)
        files.append(out / f"idebank_{seed}.txt")
        files[-1].write_text(cat.text, encoding="utf-8")
    cat = synth_idebank.make_catalogue(9, n_cards=10, form_feeds=True)
    lines = cat.text.replace("\f", "\n").splitlines()
    make_pdfs.catalogue_pdf(out / "idebank_9.pdf", [ln.expandtabs(4) for ln in lines])
    text, _, _ = synth_b17.build(seed=13, n_examples=8)
    make_pdfs.catalogue_pdf(out / "b17_13.pdf", [ln.expandtabs(4) for ln in text.splitlines()])
    rows = [ProjectRow(n, f"Fælles {w} på tværs af forvaltningerne",
                       f"Forvaltningen har beregnet en besparelse på {n * 250}.000 kr. årligt fra {2023 + n}.",
                       f"Udbud gennemført; effekt fra {2023 + n}.", "Økonomi", None, "Politisk" if n % 2 else None)
            for n, w in enumerate(["indkøb", "vikarer", "rengøring", "it-licenser"], start=1)]
    (out / "projektliste.txt").write_text(project_list(["Projektliste", "status maj 2024"], rows), encoding="utf-8")
    (out / "genopretning.txt").write_text(recovery_plan(RecoveryTable(
        years=[2023, 2024, 2025], target=[-1500, -3000, -4500],
        initiatives={"Hjemmetræning": [-300, -800, -800], "Ny visitationspraksis": [None, -450, -1200],
                     "Bedre kontrakter": [None, None, None]},
        unallocated=[-500, -500, -500], net=[-700, -1250, -2000],
        prose={"Hjemmetræning": "Borgere trænes i eget hjem. Der kan opgøres en udgiftsreduktion i 2023 på 300.000 kr.",
               "Ny visitationspraksis": "Visitationen omlægges."})), encoding="utf-8")
    (out / "referat.txt").write_text(minutes(
        "Økonomiudvalget", "2. maj 2019", "Budget 2020", [
            "Administrationen foreslår besparelser på 2,5 mio. kr. årligt fra 2020.",
            "Reduktionsmålet er 10 mio. kr. i 2021."],
        "Indstillingen blev godkendt."), encoding="utf-8")
    (out / "forslag.csv").write_text("\n".join(";".join(r) for r in [CSV_HEADER, *CSV_ROWS]) + "\n", encoding="utf-8")
    (out / "celler.csv").write_text("\n".join(";".join(r) for r in [CSV_HEADER, *CELL_ROWS]) + "\n",
                                    encoding="utf-8")
    wb = Workbook()
    ws = wb.active
    ws.append(["Beløb i 1.000 kr."])
    ws.append(CSV_HEADER)
    for r in CSV_ROWS:
        r = [r[0], "Regneark: " + r[1], *r[2:]]
        ws.append([float(c) if c.replace(".", "").isdigit() and "." not in c else c for c in r])
    wb.save(out / "forslag.xlsx")
    make_pdfs.ruled_table(out / "ruled.pdf")
    make_pdfs.unruled_wrapped_table(out / "unruled_wrapped.pdf")
    make_pdfs.ruled_yearly_table(out / "ruled_yearly.pdf")
    return sorted(out.iterdir())


if __name__ == "__main__":
    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/etl_corpus")):
        print(p)
