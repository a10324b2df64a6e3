"""The same content as a text fixture and as a PDF, for every built-in layout.

Each ``*_pair`` writes one document's content twice: as the text a PDF-to-text step
prints (tests/synth_*.py) and typeset by tests/make_layout_pdfs.py. :data:`PAIRS` are
the fixed ones the tests use; :func:`held_out` makes new content from a seed (other
rows, amounts, years, widths of text) for bench/pdf_layouts.py. :func:`cells` is
what a parse says, cell by cell, so two parses can be compared.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from tests import synth_b17, synth_idebank
from tests import synth_small_layouts as small
from tests.make_layout_pdfs import b17_pdf, idebank_pdf, minutes_pdf, project_list_pdf, recovery_plan_pdf
from tests.synth_small_layouts import ProjectRow, RecoveryTable

#: A project list's rows: single amounts, a range, an investment beside the potential,
#: "ikke vurderet", a row tall enough to be split by a page break, narrow cells that
#: break "Administrativt" without a hyphen.
_LONG = ("Analysen peger på, at opgaven i dag løses forskelligt i de enkelte afdelinger, og at en fælles "
         "organisering vil kunne frigøre ressourcer over en periode på to til tre år. ")
PROJECT_TITLE = ["Projektliste", "jf. analyse af administration og ledelse"]
PROJECT_ROWS = [
    ProjectRow(1, "Centralisering af dele af administrationen på dagtilbudsområdet",
               "Et projekt der kræver afklaring af interessenter og dermed organisering af opgaveløsningen. "
               "Vurderet potentiale på 2,4 mio. kr. Sammenhæng med nr. 2.",
               "Se særskilt kommissorium.", "HHG", "Flemming Jensen", "Politisk"),
    ProjectRow(2, "Antal skoleledere", "Der har allerede været politiske debatter af emnet. "
               "Vurderet potentiale mellem 1,5 mio. kr. og 20 mio. kr.",
               "Der henvises til Byrådets beslutning af 18. maj 2016.", "HHG", "Chris Rævsgaard", "Politisk"),
    ProjectRow(3, "Digital selvbetjening i borgerservice",
               "Kræver en investering på 0,8 mio. kr. i it-understøttelse. Vurderet potentiale 1,3 mio. kr. "
               "årligt. " + _LONG, "Projektet er igangsat.", "DIG", None, "Administrativt"),
    ProjectRow(4, "Erstatte fysiske møder med videomøder", "Potentialet er ikke vurderet endnu. " + _LONG,
               "Konkret implementeringsplan forelægges i september.", "MA", "Hanne Toksvig", "Politisk"),
    ProjectRow(5, "Samling af fire sekretariater i Job og Velfærd",
               "Der skal realiseres en besparelse på 2 mio. kr. " + _LONG + _LONG,
               "Der vil med virkning fra 2017 ske en reduktion i budgettet på 2 mio. kr., svarende til ca. 4-5 "
               "stillinger. " + _LONG, "MA", None, "Administrativt"),
    ProjectRow(6, "Antal medlemmer i direktionen", "Direktionen har besluttet at bibeholde den nuværende model.",
               "Afsluttet.", "LAJ", None, None),
    ProjectRow(7, "Fælles indkøb af kontorartikler på tværs af forvaltningerne",
               "Forvaltningen har beregnet en besparelse på 750.000 kr. ved fælles udbud. " + _LONG,
               "Udbuddet forberedes i efteråret.", "ØK", "Anne Berg", "Administrativt"),
    ProjectRow(8, "Omlægning af kantinedriften i rådhusbygningerne",
               "Kræver nærmere afklaring af lejekontrakter inden der kan opgøres et potentiale. " + _LONG * 16,
               "Afklaring i gang. " + _LONG * 2, "KS", None, "Politisk"),
    ProjectRow(9, "Kontroller i Familieafdelingen", "Udviklingen i økonomimodulet følges. Vurderet potentiale "
               "op til 0,5 mio. kr.", "Arbejdet fortsættes.", "HHG", None, "Administrativt"),
    ProjectRow(10, "Samarbejdet mellem sygepleje og hjemmepleje", _LONG * 2 + "Vurderet potentiale 3,5 mio. kr.",
               "Forventes effektueret første halvår 2017. " + _LONG, "MA", "Ole Elbæk", "Administrativt"),
    ProjectRow(11, "Adm. procedurer i Familieafdelingen", "Udgiften til konsulentbistand er 300.000 kr. "
               "Vurderet potentiale 1,2 mio. kr.", "Procedurerne er udarbejdet.", "HHG", None, "Politisk"),
    ProjectRow(12, "Revisitering i Sundhed og Omsorg", "Aktuelt foretages revisitationer ved besøg. " + _LONG,
               "", "MA", None, "Administrativt"),
]

#: A recovery plan's staircase: a positive cell (an extra cost), '-' cells, a row with no amount.
RECOVERY = RecoveryTable(
    years=[2023, 2024, 2025], target=[-1500, -3000, -4500],
    initiatives={"Hjemmetræning": [-300, -800, -800], "Ny visitationspraksis": [200, -450, -1200],
                 "Digitale hjælpemidler": [-150, None, None], "Bedre kontrakter": [None, None, None]},
    unallocated=[-500, -500, -500], net=[-750, -1250, -2000],
    prose={"Hjemmetræning": "Borgere tilbydes træning i eget hjem frem for på centret, hvilket reducerer kørsel "
                            "og ventetid. Der kan opgøres en udgiftsreduktion i 2023 på 300.000 kr.",
           "Ny visitationspraksis": "Visitationen omlægges, så alle nye sager vurderes af et fælles team. "
                                    "Omlægningen koster 200.000 kr. i 2023.",
           "Digitale hjælpemidler": "Skærmbesøg erstatter en del af de fysiske besøg i hjemmeplejen.",
           "Bedre kontrakter": "Kontrakterne med leverandører standardiseres og genforhandles løbende."})

MINUTES = ("Social- og Sundhedsudvalget", "14. marts 2016", "Budgetopfølgning på ældreområdet",
           ["Udvalget orienteres om budgetopfølgningen.",
            "Byrådet har besluttet, at der i 2017 skal findes besparelser på 3,5 mio. kr. på ældreområdet. "
            "Beslutningen blev truffet på baggrund af en længere drøftelse af den økonomiske situation i "
            "kommunen og af udviklingen i antallet af ældre borgere.",
            "Derudover skal der frem til 2019 ske en effektivisering på 2 % af serviceudgifterne.",
            "I 2018 reduceres budgetterne med 1,5 % på skoleområdet og 0,5 % på dagtilbudsområdet.",
            "Frem til 2014 skal findes besparelse på i alt 4,5 % fordelt med 2,5 mio. kr. på børn og "
            "ungeområdet og 10,5 mio. kr. på voksenområdet.",
            "Der er afholdt møder med alle ledere om den videre proces, og næste status gives i juni."],
           "Orienteringen taget til efterretning.")


@dataclass
class Pair:
    """One document's content as a text fixture and as a typeset PDF."""

    name: str
    fmt: str  # the parser both must be detected as
    text: Path
    pdf: Path


def idebank_pair(out: Path, seed: int = 3, boxes: str = "squares", n_cards: int = 24) -> Pair:
    cat = synth_idebank.make_catalogue(seed, n_cards=n_cards)
    name = f"idebank-{boxes}-{seed}"
    (out / f"{name}.txt").write_text(cat.text, encoding="utf-8")
    idebank_pdf(out / f"{name}.pdf", cat, boxes=boxes)
    return Pair(name, "idebank", out / f"{name}.txt", out / f"{name}.pdf")


def b17_pair(out: Path, seed: int = 7, n_examples: int = 24) -> Pair:
    text, answers, _ = synth_b17.build(seed, n_examples=n_examples)
    name = f"b17-{seed}"
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    b17_pdf(out / f"{name}.pdf", text, {t for t, _ in answers})
    return Pair(name, "b17", out / f"{name}.txt", out / f"{name}.pdf")


def project_list_pair(out: Path) -> Pair:
    (out / "project_list.txt").write_text(small.project_list(PROJECT_TITLE, PROJECT_ROWS), encoding="utf-8")
    project_list_pdf(out / "project_list.pdf", PROJECT_TITLE, PROJECT_ROWS)
    return Pair("project_list-ruled", "project_list", out / "project_list.txt", out / "project_list.pdf")


def recovery_plan_pair(out: Path, minus: str = "-") -> Pair:
    text = small.recovery_plan(RECOVERY)
    if minus != "-":  # the text prints the same sign as the PDF
        text = re.sub(r"(?<![\w-])-(?=\d)", minus, text)
    name = "recovery_plan-minus" if minus == "-" else "recovery_plan-unicode-minus"
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    recovery_plan_pdf(out / f"{name}.pdf", RECOVERY, minus=minus)
    return Pair(name, "recovery_plan", out / f"{name}.txt", out / f"{name}.pdf")


def minutes_pair(out: Path) -> Pair:
    (out / "minutes.txt").write_text(small.minutes(*MINUTES), encoding="utf-8")
    minutes_pdf(out / "minutes.pdf", *MINUTES)
    return Pair("minutes", "minutes", out / "minutes.txt", out / "minutes.pdf")


#: Every layout the tests and bench/pdf_layouts.py check, by name.
PAIRS = {
    "idebank-squares": lambda out: idebank_pair(out, 3, "squares"),
    "idebank-zapfdingbats": lambda out: idebank_pair(out, 5, "zapf"),
    "idebank-wingdings2": lambda out: idebank_pair(out, 9, "wingdings2"),
    "b17": b17_pair,
    "project_list-ruled": project_list_pair,
    "recovery_plan-unruled": recovery_plan_pair,
    "recovery_plan-unicode-minus": lambda out: recovery_plan_pair(out, "\u2212"),
    "minutes": minutes_pair,
}


def cells(parsed) -> dict[tuple[str, str], object]:
    """What a parse says, cell by cell: every initiative's fields (by its key), every target,
    the document's title and year. Two parses of the same content must agree on all of them."""
    out: dict[tuple[str, str], object] = {("document", "title"): parsed.title,
                                          ("document", "published_year"): parsed.published_year}
    fields = ("title", "municipalities", "description", "expected_tkr", "expected_low_tkr", "expected_high_tkr",
              "expected_text", "realised_tkr", "full_phase_in_year", "implementation_cost_tkr",
              "implementation_cost_text", "adopted", "status", "feasibility", "responsible", "handling",
              "further_info")
    for ini in parsed.initiatives:
        for f in fields:
            out[(ini.key, f)] = getattr(ini, f)
        out[(ini.key, "sectors")] = sorted((str(t.sector), t.source_sector) for t in ini.sectors)
        out[(ini.key, "measure_types")] = sorted(ini.measure_types)
        out[(ini.key, "gains")] = sorted((g.year, g.kind, g.amount_tkr) for g in ini.gains)
        out[(ini.key, "appearances")] = len(ini.appearances)
    for t in parsed.targets:
        key = f"target {t.year} {t.kind} {t.area or ''}".strip()
        out[(key, "amount_tkr")] = t.amount_tkr
        out[(key, "percent")] = t.percent
    return out


# --------------------------------------------------------------------------- held-out content

_TITLES = ["Fælles indkøb af it-udstyr", "Samling af lønadministrationen", "Digital post til alle borgere",
           "Omlægning af kantinedriften i rådhusbygningerne", "Færre ledere i den centrale administration",
           "Fælles vagtplanlægning på plejecentrene", "Energistyring i skolernes bygninger",
           "Kørselsordning for specialskoler i eget regi", "Samarbejde med nabokommuner om jobcentret",
           "Robotter til bogføring af fakturaer", "Reduktion af konsulentforbruget", "Ny model for visitation",
           "Færre kvadratmeter til kontorer", "Samling af sekretariaterne i Teknik og Miljø",
           "Fælles telefonbetjening i borgerservice", "Standardisering af kontrakter med leverandører"]
_INTROS = ["Analysen viser et potentiale ved en fælles organisering af opgaven.",
           "Der har været politiske drøftelser af emnet i flere omgange.",
           "Projektet kræver afklaring af snitflader mellem forvaltningerne.",
           "Erfaringer fra andre kommuner peger på en gevinst efter to år."]
_STATUSES = ["Se særskilt kommissorium.", "Projektet er igangsat og følges kvartalsvis.",
             "Sagen forelægges udvalget i september.", "Afventer afklaring af økonomien.", ""]


def _dk(x: float) -> str:
    return synth_b17.dk(x)


def project_rows(seed: int) -> tuple[list[ProjectRow], dict[str, dict]]:
    """A new project list: rows, and what each must parse to (amounts, cost, fields)."""
    rng = random.Random(seed)
    n = rng.randint(8, 13)
    tall = rng.randrange(n)  # tall enough for a page break to split it
    rows, answers = [], {}
    for k, title in enumerate(rng.sample(_TITLES, n), start=1):
        a, c = rng.randint(2, 40) / 2, rng.randint(1, 9) / 10
        b = a + rng.randint(1, 10) / 2
        kind = rng.choice(["single", "range", "invest", "kroner", "not_assessed", "none"])
        amount, want = {
            "single": (f"Vurderet potentiale på {_dk(a)} mio. kr.", (a * 1000, a * 1000, None)),
            "range": (f"Vurderet potentiale mellem {_dk(a)} mio. kr. og {_dk(b)} mio. kr.",
                      (a * 1000, b * 1000, None)),
            "invest": (f"Kræver en investering på {_dk(c)} mio. kr. Vurderet potentiale {_dk(a)} mio. kr. årligt.",
                       (a * 1000, a * 1000, c * 1000)),
            "kroner": (f"Der er beregnet en besparelse på {small.danish(a * 100_000)} kr.", (a * 100, a * 100, None)),
            "not_assessed": ("Potentialet er ikke vurderet.", (None, None, None)),
            "none": ("", (None, None, None)),
        }[kind]
        vurdering = " ".join(x for x in [rng.choice(_INTROS), amount] if x) + " " + _LONG * (
            16 if k - 1 == tall else rng.randint(0, 2))
        status = rng.choice(_STATUSES)
        status = (status + " " + _LONG * rng.randint(0, 2)).strip() if status else ""
        unit = rng.choice(["HHG", "MA", "KC", "DIG", "ØK", "LAJ", "KS", "BUF"])
        handling = rng.choice(["Politisk", "Administrativt", None])
        rows.append(ProjectRow(k, title, vurdering.strip(), status, unit,
                               rng.choice(["Anne Berg", "Ole Elbæk", None]), handling))
        answers[str(k)] = {"title": title, "description": vurdering.strip(), "status": status or None,
                           "responsible": unit, "handling": {"Administrativt": "Administrativ"}.get(handling, handling),
                           "expected": want[:2], "cost": want[2]}
    return rows, answers


_LABELS = ["Hjemmetræning", "Ny visitationspraksis", "Digitale hjælpemidler", "Bedre kontrakter",
           "Analyse af udgiftsudviklingen", "Foranstaltninger vedr. unge", "Udekørende funktioner", "Takstgruppe"]


def recovery_table(seed: int) -> RecoveryTable:
    """A new staircase that adds up: targets, initiatives ('-' cells, an extra cost), unallocated, net."""
    rng = random.Random(seed)
    start, n = rng.randint(2021, 2027), rng.choice([3, 4])
    years = list(range(start, start + n))
    target = [-250.0 * rng.randint(2, 6) * (j + 1) for j in range(n)]
    labels = rng.sample(_LABELS, rng.randint(3, 5))
    inis: dict[str, list[float | None]] = {}
    for k, label in enumerate(labels):
        vals: list[float | None] = [None if rng.random() < 0.25 else -50.0 * rng.randint(1, 12) for _ in years]
        if k == 1:
            vals[0] = 50.0 * rng.randint(1, 6)  # an extra cost in the first year
        inis[label] = vals
    unallocated = [-100.0 * rng.randint(0, 4)] * n
    net = [t - sum(v[j] or 0.0 for v in inis.values()) - unallocated[j] for j, t in enumerate(target)]
    prose = {label: f"Initiativet {label.lower()} følges tæt af forvaltningen, og status gives hvert kvartal."
             for label in labels}
    return RecoveryTable(years, target, inis, unallocated, net, prose=prose, status=f"status maj {start}")


def held_out_project_list(out: Path, seed: int) -> tuple[Pair, dict[str, dict]]:
    rows, answers = project_rows(seed)
    title = ["Projektliste", f"opfølgning på analysen {2015 + seed % 10}"]
    name = f"project_list-{seed}"
    (out / f"{name}.txt").write_text(small.project_list(title, rows), encoding="utf-8")
    project_list_pdf(out / f"{name}.pdf", title, rows)
    return Pair(name, "project_list", out / f"{name}.txt", out / f"{name}.pdf"), answers


def held_out_recovery_plan(out: Path, seed: int) -> tuple[Pair, RecoveryTable]:
    table = recovery_table(seed)
    minus = "\u2212" if seed % 2 else "-"
    name = f"recovery_plan-{seed}"
    text = small.recovery_plan(table)
    if minus != "-":
        text = re.sub(r"(?<![\w-])-(?=\d)", minus, text)
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    recovery_plan_pdf(out / f"{name}.pdf", table, minus=minus)
    return Pair(name, "recovery_plan", out / f"{name}.txt", out / f"{name}.pdf"), table


def project_truth(parsed, answers: dict[str, dict]) -> tuple[int, int]:
    """Cells of a project list's parse that equal what the rows printed."""
    got = {i.key: i for i in parsed.initiatives}
    right = total = 0
    for nr, a in answers.items():
        ini = got.get(nr)
        want = [a["title"], a["description"], a["status"], a["responsible"], a["handling"], a["expected"],
                a["cost"]]
        have = [None] * len(want) if ini is None else [
            ini.title, ini.description, ini.status, ini.responsible, ini.handling,
            (ini.expected_low_tkr, ini.expected_high_tkr), ini.implementation_cost_tkr]
        total += len(want)
        right += sum(h == w for h, w in zip(have, want))
    return right, total + abs(len(parsed.initiatives) - len(answers))


def recovery_truth(parsed, table: RecoveryTable) -> tuple[int, int]:
    """Cells of a recovery plan's parse that equal the printed table (a saving positive)."""
    got = {i.title: i for i in parsed.initiatives}
    right = total = 0
    for label, vals in table.initiatives.items():
        ini = got.get(label)
        gains = ([] if ini is None else sorted((g.year, g.amount_tkr) for g in ini.gains))
        want = sorted((y, -v + 0.0) for y, v in zip(table.years, vals) if v is not None)
        last = vals[-1]
        total += 2
        right += (gains == want) + (ini is not None and ini.expected_tkr == (None if last is None else -last))
    targets = {(t.year, t.kind): t.amount_tkr for t in parsed.targets}
    for kind, vals in (("reduction_target", table.target), ("unallocated", table.unallocated),
                       ("net_outstanding", table.net)):
        for y, v in zip(table.years, vals):
            total += 1
            right += targets.get((y, kind)) == -v + 0.0
    return right, total
