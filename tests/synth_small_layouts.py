"""Generators of synthetic documents in the three small layouts, with known answers.

Each generator prints cells the way the PDF-to-text step does for the real
documents (cells column by column, wrapped at the column width with
hyphenation, some cells sharing a line, table figures column by column), so
the tests check the parsers' layout rules on content they have never seen.
"""
from __future__ import annotations

from dataclasses import dataclass, field


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at ``width``; a long lower-case word that does not fit is hyphenated
    ("admi-" / "nistrationen") as the PDF's justification does."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        room = width - len(cur) - (1 if cur else 0)
        if len(word) <= room:
            cur = f"{cur} {word}" if cur else word
            continue
        splittable = word.isalpha() and word[1:].islower() and len(word) >= 8
        if splittable and room >= 4 and len(word) - (room - 1) >= 3:
            cut = room - 1
            lines.append(f"{cur} {word[:cut]}-" if cur else f"{word[:cut]}-")
            cur = word[cut:]
            continue
        if cur:
            lines.append(cur)
        cur = word
    if cur:
        lines.append(cur)
    return lines


def danish(value: float) -> str:
    """-1257 → '-1.257' (the table's own format)."""
    sign = "-" if value < 0 else ""
    whole = f"{abs(int(round(value))):,}".replace(",", ".")
    return sign + whole


# --------------------------------------------------------------------------- project list

@dataclass
class ProjectRow:
    nr: int
    title: str
    vurdering: str
    status: str
    unit: str
    person: str | None
    handling: str | None  # as printed: "Politisk", "Administrativt", or None (empty cell)
    merge_title: bool = False  # the short title shares its line with Vurdering's first line
    merge_tail: bool = False  # Status's last line carries Ansvarlig's first line


@dataclass
class ProjectListLayout:
    title_w: int = 28
    vurd_w: int = 48
    status_w: int = 60
    resp_w: int = 10
    handling_w: int = 11


def project_list(header: list[str], rows: list[ProjectRow], layout: ProjectListLayout | None = None) -> str:
    lay = layout or ProjectListLayout()
    out = [f" {h} " for h in header] + ["", " ", "Nr. Projekt Vurdering Status/næste skridt Ansvarlig Behandling ", ""]
    for r in rows:
        title = wrap(r.title, lay.title_w)
        vurd = wrap(r.vurdering, lay.vurd_w)
        status = wrap(r.status, lay.status_w) if r.status else []
        resp = wrap(f"{r.unit}/{r.person}" if r.person else r.unit, lay.resp_w)
        handling = [r.handling] if r.handling else []
        if r.handling and len(r.handling) > lay.handling_w:  # "Administra-" / "tivt"
            handling = [r.handling[: lay.handling_w - 1] + "-", r.handling[lay.handling_w - 1:]]
        if r.merge_title:
            assert len(title) == 1
            out += [f"{r.nr} {title[0]} {vurd[0]}"] + vurd[1:] + [""]
        else:
            out += [f"{r.nr} {title[0]}"] + title[1:] + [""] + vurd + [""]
        if r.merge_tail and status:
            out += status[:-1] + [f"{status[-1]} {resp[0]}"] + resp[1:] + [""]
        else:
            out += (status + [""] if status else []) + resp + [""]
        out += (handling + [""]) if handling else []
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- recovery plan

@dataclass
class RecoveryTable:
    years: list[int]
    target: list[float]  # printed (negative = reduction)
    initiatives: dict[str, list[float | None]]  # label → printed figures (None = "-")
    unallocated: list[float]
    net: list[float]
    prose: dict[str, str] = field(default_factory=dict)  # heading → paragraph
    status: str = "status oktober 2023"
    row_order: bool = False  # print the figures row by row instead of column by column


def recovery_plan(t: RecoveryTable) -> str:
    out = ["", " ", "Økonomisk genopretning af det specialiserede område. ", "", " ",
           f"Beskrivelse af initiativer – {t.status} ", " ",
           "Nedenfor gives en afrapportering af status på de igangsatte initiativer med henblik på at ",
           "indfri de økonomiske reduktionsmål, som de blev vedtaget i budgetaftalen for perioden. ", " "]
    for heading, text in t.prose.items():
        out += [heading + " "] + [ln + " " for ln in wrap(text, 88)] + [" ", " "]
    out += ["Økonomioversigt ",
            "I nedenstående tabel er en aktuel status på de enkelte initiativers bidrag til den ønskede ",
            "udgiftsreduktion, opgjort for hvert år i perioden. ", " ", " "]
    out.append("(1.000 kr.) " + " ".join(str(y) for y in t.years) + " ")
    out.append("Reduktionsmål i budgetaftale " + " ".join(danish(v) for v in t.target) + " ")
    out += ["Initiativer (status):", ""]
    labels = list(t.initiatives) + ["Forventet, men p.t. ufordelt"]
    out += [f" {lab} " for lab in labels] + ["", " "]
    columns = [[t.initiatives[lab][j] for lab in t.initiatives] + [t.unallocated[j]] for j in range(len(t.years))]
    if t.row_order:
        columns = [list(r) for r in zip(*columns)]
    for col in columns:  # printed column by column, as the text extraction does
        for k, v in enumerate(col):
            out.append("- " if v is None else f"{danish(v)} ")
            if k in (0, len(col) - 2):
                out.append("")
        out += ["", " "]
    out.append("Netto-udestående " + " ".join(danish(v) for v in t.net) + " ")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- minutes

def minutes(committee: str, date: str, item: str, paragraphs: list[str], decision: str) -> str:
    out = [f"Udvalg: {committee}", f"Mødedato: {date}", "Mødested: Rådhuset", "", "Dagsordenpunkter", "",
           f"12. {item}", "", "Sagsnr.: 00.01.00-A00-1-13 Sagsbehandler: X", "", item, "", "Sagsresume", "",
           paragraphs[0], "", "Sagsfremstilling", ""]
    for p in paragraphs[1:]:
        out += [p, " "]
    out += ["", "Indstilling", "", "Direktionen indstiller,", "", "at orienteringen tages til efterretning", "",
            "Beslutning", "", decision, ""]
    return "\n".join(out) + "\n"
