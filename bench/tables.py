"""Large generic tables (CSV and XLSX) of savings proposals, for benchmarking and testing loads.

``python bench/tables.py --rows 100000 --out /tmp/t.csv`` (``.xlsx`` for a workbook)

WHY generated: a year of a large municipality's budget lines is easily 100,000 rows, and
whether ``etl build`` keeps up can only be measured on files of that size that look like
real exports: a Danish header with units, ``;`` and decimal commas in CSV, typed numbers in
XLSX, an extra cost printed negative among the savings, thousands separators, one row in 97 with text in
the amount column (NULL with a warning), sectors, types, yearly gain columns with their unit.
Every row's title is different (a row is one initiative), and the same seed gives the same
bytes. :func:`zip_bomb` makes the hostile kind of workbook.
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

HEADER = ["Kommune", "Titel", "Beskrivelse", "Forventet gevinst (t.kr.)", "Realiseret gevinst (t.kr.)",
          "Fuldt indfaset år", "Sektor", "Vedtaget", "Status", "Type", "2025 (t.kr.)", "2026 (t.kr.)",
          "2027 (t.kr.)"]
_MUNIS = ("Aarhus", "Odense", "Vejle", "Aalborg", "Esbjerg", "Køge", "Randers", "Viborg", "Næstved")
_SECTORS = ("Skole", "Dagtilbud", "Ældre", "Sundhed", "Administration", "Teknik og miljø", "Kultur og fritid")
_VERBS = ("Reduktion af", "Samling af", "Digitalisering af", "Omlægning af", "Udbud af", "Effektivisering af")
_OBJECTS = ("vikarforbrug", "kørselsordning", "administrative opgaver", "rengøring", "indkøb af materialer",
            "bygningsdrift", "sagsbehandling", "visitation", "madservice", "IT-licenser")
_TYPES = ("Digitalisering", "Organisering", "Indkøb", "Serviceniveau", "Digitalisering; Organisering")
_STATUS = ("Vedtaget", "Forslag", "I gang", "Realiseret")


def _danish(value: float) -> str:
    """1234.5 → '1.234,5' (how Danish Excel writes a number into CSV)."""
    text = f"{abs(value):,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    text = text[:-2] if text.endswith(",0") else text
    return ("-" if value < 0 else "") + text


def records(n: int, seed: int = 7) -> Iterator[list]:
    """``n`` rows of typed values (str, float or None), deterministic for a seed."""
    rnd = random.Random(seed)
    for i in range(1, n + 1):
        amount = round(rnd.lognormvariate(6, 1.2), 1)
        # every fourth row an extra cost: printed negative under "Forventet gevinst", a gain column
        sign = -1 if i % 4 == 0 else 1
        expected: float | str | None = sign * amount
        if i % 97 == 0:
            expected = "se note"  # text in a number column: NULL with a warning
        realised = round(amount * rnd.uniform(0.3, 1.1), 1) if i % 3 == 0 else None
        year = 2024 + i % 5
        obj = rnd.choice(_OBJECTS)
        yield [
            f"{rnd.choice(_MUNIS)} Kommune",
            f"Forslag {i}: {rnd.choice(_VERBS)} {obj}",
            f"Forslaget {i} omfatter {obj} på tværs af områderne og giver en varig besparelse "
            f"fra {year}.",
            expected, realised, year, rnd.choice(_SECTORS), "Ja" if i % 5 else "Nej",
            rnd.choice(_STATUS), rnd.choice(_TYPES),
            sign * round(amount / 2, 1), sign * amount, sign * amount,
        ]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _danish(value)
    return str(value)


def write_csv(path: Path, n: int, seed: int = 7) -> Path:
    """A ``;``-separated UTF-8 CSV with decimal commas, as Danish Excel saves it."""
    def quote(c: str) -> str:
        return f'"{c}"' if (";" in c or '"' in c) else c

    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        fh.write(";".join(HEADER) + "\r\n")
        for row in records(n, seed):
            fh.write(";".join(quote(_cell_text(v)) for v in row) + "\r\n")
    return Path(path)


def write_xlsx(path: Path, n: int, seed: int = 7) -> Path:
    """An XLSX with typed numbers (openpyxl's streaming writer: constant memory)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Forslag")
    ws.append(HEADER)
    for row in records(n, seed):
        ws.append(row)
    wb.save(path)
    return Path(path)


def zip_bomb(unpacked_mb: int) -> bytes:
    """A real workbook whose first sheet is ``unpacked_mb`` MB of one repeated row, DEFLATEd
    about 340:1: what a hostile upload looks like (a few hundred kB on disk)."""
    import io
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADER)
    plain = io.BytesIO()
    wb.save(plain)
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    sheet = "xl/worksheets/sheet1.xml"
    src = zipfile.ZipFile(plain)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if info.filename != sheet:
                out.writestr(info.filename, src.read(info.filename))
        with out.open(sheet, "w") as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
                     b'.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(unpacked_mb):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def write(path: Path, n: int, seed: int = 7) -> Path:
    """CSV or XLSX by the path's suffix."""
    return (write_xlsx if Path(path).suffix == ".xlsx" else write_csv)(path, n, seed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True, help="file to write (.csv or .xlsx)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    write(Path(args.out), args.rows, args.seed)


if __name__ == "__main__":
    main()
