"""Generated proposal lists (heading + "Label: value" lines, and FOA-style rows + "Status:" lines)
in every container the parser reads, with the values each item must load as beside them.

Modelled on how web databases of savings proposals print their lists: a union's budget
database (one row per proposal under "Sted / Sektor / Spareemne / Besparelse / Beskrivelse",
then "Status:" and "Kommentar:" lines) and municipalities' own lists (a heading per
proposal, then Kommune/Område/Status/Besparelse/Beskrivelse/Kommentar/Kontaktperson lines).
The contact lines hold personal data that must never be loaded (PERSONAL).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

CHILDREN = ("dagtilbud", "skole", "udsatte_boern")
#: Personal data printed in the lists: none of it may appear anywhere in the parsed data.
PERSONAL = ("Hanne Jensen", "hje@alleroed.dk", "48 10 01 00", "Ole Hansen", "olha@kk.dk", "Mette Lund",
            "20 30 40 50", "klub@furesoe.dk", "Karen Holm")


@dataclass(frozen=True)
class Proposal:
    """One printed proposal and what it must load as."""

    title: str
    municipality: str
    sector: str  # as printed
    sectors: tuple[str, ...]  # canonical, in canonical order; () = unmapped
    status: str | None
    adopted: bool | None
    amount: str | None  # as printed
    expected_tkr: float | None
    gains: tuple[tuple[int, float], ...] = ()
    full_year: int | None = None
    description: tuple[str, ...] = ()  # paragraphs
    comment: str | None = None
    comment_loaded: str | None = None  # the comment as loaded (contact data removed)
    contact: str | None = None


PROPOSALS = [
    Proposal("Madservice med udbringning", "Allerød", "Ældreområdet", ("aeldre_sundhed",), "Vedtaget", True,
             "500.000 kr. årligt", 500.0,
             description=("Levering af kold mad to gange om ugen i stedet for varm mad hver dag. Borgere med "
                          "særlige behov får fortsat daglig levering.",),
             comment="Vedtaget med budgetaftalen for 2025.", comment_loaded="Vedtaget med budgetaftalen for 2025.",
             contact="Hanne Jensen, hje@alleroed.dk, tlf. 48 10 01 00"),
    Proposal("Lukning af aktivitetscenter Thorsgade", "København", "Social- og Sundhedsudvalget",
             ("social", "aeldre_sundhed"), "Ikke vedtaget", False, "ca. 1,2 mio. kr. fra 2025", 1200.0,
             gains=((2025, 1200.0),), full_year=2025,
             description=("Aktiviteterne samles på to større centre, og bygningen afhændes.",),
             contact="Ole Hansen (olha@kk.dk)"),
    Proposal("Reduktion af vikarbudget i daginstitutioner", "Furesø", "Daginstitutioner og dagpleje",
             ("dagtilbud",), "Under behandling", None, "0,05 mio. kr.", 50.0,
             description=("Vikarbudgettet nedsættes i takt med at sygefraværet falder.",)),
    Proposal("Stop for omdeling af klubblade", "Furesø", "SFO og klubber", ("skole",), "Gennemført", True,
             "30.000 kr.", 30.0, description=("Klubbladet sendes som link i stedet for på papir.",),
             comment="Spørgsmål kan sendes til klub@furesoe.dk.", comment_loaded="Spørgsmål kan sendes til."),
    Proposal("Færre skoledage med tolærerordning", "Gladsaxe", "Børne- og Uddannelsesudvalget", CHILDREN,
             "Vedtaget", True, "1 mio. kr. i 2025 (2,4 mio. kr. per år fra 2026)", 2400.0,
             gains=((2025, 1000.0), (2026, 2400.0)), full_year=2026,
             description=("Tolærertimerne i indskolingen halveres fra skoleåret 2025/26.",
                          "Ordningen evalueres efter to år."),
             contact="Mette Lund, tlf. 20 30 40 50"),
    Proposal("Samling af jobcentrets afdelinger på én adresse", "Gladsaxe", "Jobcenter", ("beskaeftigelse",),
             "Delvist vedtaget", True, "-200.000 kr.", -200.0,
             description=("Flytningen koster de første år mere i husleje, end den sparer.",)),
    Proposal("Energirenovering af kommunale ejendomme", "Aarhus", "Ejendomme", ("teknik_miljoe",), "Forslag", None,
             "2,2 mio. kr.", 2200.0, description=("Udskiftning af belysning og ventilation i 14 skoler.",)),
    Proposal("Digital post i Borgerservice", "Aarhus", "Borgerservice", ("administration",),
             "Afventer KL's vurdering", None, "150.000 kr. per år", 150.0,
             description=("Breve til borgerne sendes som digital post, hvor det er muligt.",)),
    Proposal("Nedlæggelse af bybusrute 5", "Odense", "Kollektiv trafik", (), "Vedtaget", True, "750.000 kr.", 750.0,
             description=("Ruten har under ti passagerer pr. afgang.",)),
    Proposal("Ændret rengøringsfrekvens på rådhuset", "Odense", "Koncernservice", ("administration",), "Vedtaget",
             True, None, None, description=("Kontorerne gøres rent hver anden uge.",), contact="Karen Holm"),
    Proposal("Højere takster for leje af idrætshaller", "Vejle", "Kultur- og Fritidsudvalget", ("kultur_fritid",),
             "Forkastet", False, "400.000 kr. årligt", 400.0,
             description=("Taksten for foreningers leje hæves til niveauet i nabokommunerne.",)),
    Proposal("Færre vejrabatter slås", "Vejle", "Teknik- og Miljøudvalget", ("teknik_miljoe",), "Se bilag 3", None,
             "ca. 300.000 kr. årligt", 300.0,
             description=("Rabatterne langs de mindre veje slås én gang om året.",
                          "Det giver mere biodiversitet og færre timer til entreprenøren.")),
    Proposal("Omlægning af kørsel til borgere med handicap, så al kørslen samles hos én leverandør i hele kommunen "
             "fra 2026", "Vejle", "Handicap og psykiatri", ("social",), "Indgår i budgetaftalen", True,
             "mindst 0,5 mio. kr. årligt", 500.0,
             description=("Kørslen udbydes samlet; i dag køres den af fire vognmænd.",)),
]

#: How a list prints its labels (field → label). A municipality's own list (B) names itself
#: once above the list and prints no "Kommune:" line.
LABELS_A = {"municipality": "Kommune", "sector": "Område", "status": "Status", "amount": "Besparelse",
            "description": "Beskrivelse", "comment": "Kommentar", "contact": "Kontaktperson"}
LABELS_B = {"sector": "Udvalg", "status": "Status", "amount": "Økonomi", "description": "Beskrivelse",
            "comment": "Bemærkninger", "contact": "Kontakt"}
LABELS_C = {"municipality": "Sted", "sector": "Sektor", "status": "Status", "amount": "Provenu",
            "description": "Beskrivelse", "comment": "Note", "contact": "E-mail"}
PREAMBLE_A = ["Spareforslag fra kommunernes budgetlægning 2025", "",
              "Listen viser forslag fra et udvalg af kommuner. Klik på et forslag for at se detaljer.", ""]
PREAMBLE_B = ["Holbæk Kommune", "Spareforslag til budget 2025-2028", "",
              "Kontakt: Økonomi og Analyse, tlf. 72 36 36 36", ""]
MUNICIPALITY_B = "Holbæk"


def fields(p: Proposal, labels: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) in print order; a description of several paragraphs is one value."""
    out = []
    values = {"municipality": p.municipality, "sector": p.sector, "status": p.status, "amount": p.amount,
              "description": "\n\n".join(p.description) or None, "comment": p.comment, "contact": p.contact}
    for name, label in labels.items():
        if values.get(name):
            out.append((label, values[name]))
    return out


def heading_lines(props: list[Proposal], labels: dict[str, str], preamble: list[str], numbered: bool = False,
                  blank: bool = True, values_below: bool = False) -> list[str]:
    """The list as text lines: heading, labelled lines (paragraphs of a value on lines of their
    own; ``values_below``: every value on the line under its label, as a web page's definition
    list copies)."""
    out = list(preamble)
    for n, p in enumerate(props, start=1):
        out.append(f"{n}. {p.title}" if numbered else p.title)
        for label, value in fields(p, labels):
            if values_below:
                out += [f"{label}:", *value.split("\n")]
                continue
            first, *rest = value.split("\n")
            out += [f"{label}: {first}", *rest]
        if blank:
            out.append("")
    return out


def heading_text(*args, **kwargs) -> str:
    return "\n".join(heading_lines(*args, **kwargs)) + "\n"


def _fonts() -> tuple[str, str]:
    for name, file in (("DejaVuSans", "DejaVuSans.ttf"), ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, f"/usr/share/fonts/truetype/dejavu/{file}"))
    return "DejaVuSans", "DejaVuSans-Bold"


def heading_pdf(path: Path, props: list[Proposal], labels: dict[str, str], preamble: list[str],
                numbered: bool = False) -> None:
    """The list printed from the web page: bold headings, values wrapped at the column width,
    page breaks between and inside items, "Side n" in the footer."""
    regular, bold = _fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    width = A4[0] - 2 * 56
    y, page = A4[1] - 60, 1

    def line(text: str, font: str, size: float, gap: float = 0) -> None:
        nonlocal y, page
        if y < 70:
            c.setFont(regular, 8)
            c.drawString(56, 30, f"Side {page}")
            c.showPage()
            y, page = A4[1] - 60, page + 1
        c.setFont(font, size)
        c.drawString(56, y, text)
        y -= size * 1.35 + gap

    for text in preamble:
        if text:
            line(text, bold if text == preamble[0] else regular, 12 if text == preamble[0] else 9)
    y -= 8
    for n, p in enumerate(props, start=1):
        for part in simpleSplit(f"{n}. {p.title}" if numbered else p.title, bold, 11, width):
            line(part, bold, 11)
        for label, value in fields(p, labels):
            for i, para in enumerate(value.split("\n\n")):
                for part in simpleSplit(f"{label}: {para}" if i == 0 else para, regular, 9, width):
                    line(part, regular, 9)
        y -= 10
    c.setFont(regular, 8)
    c.drawString(56, 30, f"Side {page}")
    c.showPage()
    c.save()


def pairs_rows(props: list[Proposal], labels: dict[str, str], title_label: bool = True) -> list[list[str]]:
    """A record view exported one field per row ("Felt | Værdi"), a blank row between records;
    the title as a "Titel" field, or (``title_label=False``) alone in the first column."""
    rows = [["Felt", "Værdi"]]
    for p in props:
        rows.append(["Titel", p.title] if title_label else [p.title, ""])
        rows += [[label, value] for label, value in fields(p, labels)]
        rows.append(["", ""])
    return rows


def pairs_xlsx(path: Path, props: list[Proposal], labels: dict[str, str], title_label: bool = True) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Forslag"
    for row in pairs_rows(props, labels, title_label):
        ws.append([c or None for c in row])
    wb.save(path)


def pairs_csv(props: list[Proposal], labels: dict[str, str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(pairs_rows(props, labels))
    return buf.getvalue()


def lines_xlsx(path: Path, lines: list[str]) -> None:
    """The page's text pasted into a sheet: one line per row, in column A."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Liste"
    for text in lines:
        ws.append([text or None])
    wb.save(path)


# --------------------------------------------------------------------------- FOA-style rows


@dataclass(frozen=True)
class FoaRow:
    """A row of a union's budget database and what it must load as (title = the first clause
    of the description: the list has no title column; Spareemne is the type of measure)."""

    place: str
    sector: str
    topic: str
    amount: str
    description: str
    status: str
    comment: str | None
    title: str
    municipality: str
    sectors: tuple[str, ...]
    types: tuple[str, ...]
    adopted: bool | None
    expected_tkr: float
    extra: dict = field(default_factory=dict)


FOA_HEADER = ["Sted", "Sektor", "Spareemne", "Besparelse", "Beskrivelse"]
FOA_ROWS = [
    FoaRow("Vejen", "Ældreområdet", "Serviceforringelser", "1,50 mio. kr.",
           "Madservice - færre leveringer og kold mad i weekenden.", "Forslag", None,
           "Madservice", "Vejen", ("aeldre_sundhed",), ("Serviceforringelser",), None, 1500.0),
    FoaRow("Vejen", "Daginstitutioner og dagpleje", "Sygefravær", "0,08 mio. kr.",
           "Mindre vikarforbrug ved lavere sygefravær i dagplejen", "Vedtaget",
           "Sygefraværet skal falde med to procentpoint over tre år.",
           "Mindre vikarforbrug ved lavere sygefravær i dagplejen", "Vejen", ("dagtilbud",), ("Sygefravær",),
           True, 80.0),
    FoaRow("Lyngby-Taarbæk", "SFO og klubber", "Sammenlægninger/lukninger", "2,20 mio. kr.",
           "Sammenlægning af tre fritidsklubber til to, og lukning af klubben på Kongevejen.", "Ikke vedtaget", None,
           "Sammenlægning af tre fritidsklubber til to, og lukning af klubben på Kongevejen", "Lyngby-Taarbæk",
           ("skole",), ("Sammenlægninger/lukninger",), False, 2200.0),
    FoaRow("Lyngby-Taarbæk", "Administration, Teknik og Service", "Effektiviseringer", "0,40 mio. kr.",
           "Fælles teknisk service for skoler og daginstitutioner. Viceværterne organiseres i tre teams.",
           "Forslag", "Forslaget drøftes i MED-udvalget.",
           "Fælles teknisk service for skoler og daginstitutioner", "Lyngby-Taarbæk",
           ("teknik_miljoe", "administration"), ("Effektiviseringer",), None, 400.0),
    FoaRow("Region Hovedstaden", "Sundhed", "Elevpladser og kurser, Medarbejdervilkår", "3,00 mio. kr.",
           "Færre kursusdage og elevpladser på hospitalerne.", "Vedtaget", None,
           "Færre kursusdage og elevpladser på hospitalerne", "Region Hovedstaden", ("aeldre_sundhed",),
           ("Elevpladser og kurser", "Medarbejdervilkår"), True, 3000.0),
    FoaRow("Ikast-Brande", "Specialområdet", "Takststigninger", "0,25 mio. kr.",
           "Højere egenbetaling for kørsel til aktivitetstilbud.", "Under behandling", None,
           "Højere egenbetaling for kørsel til aktivitetstilbud", "Ikast-Brande", ("social",), ("Takststigninger",),
           None, 250.0),
    FoaRow("Ikast-Brande", "Rengøring", "Udlicitering", "1,10 mio. kr.",
           "Rengøring af rådhuset sendes i udbud.", "Vedtaget", "Udbuddet gennemføres i foråret.",
           "Rengøring af rådhuset sendes i udbud", "Ikast-Brande", (), ("Udlicitering",), True, 1100.0),
]


def foa_text(rows: list[FoaRow], sep: str = "\t") -> str:
    """The database page as text: the header row, then per proposal its row and its
    Status/Kommentar lines (cells separated by tabs when copied, single spaces when dumped)."""
    out = ["FOA's budgetdatabase: spareforslag 2025", "",
           "Kontakt", "Chefkonsulent Mette Lund", "Telefon direkte: 20 30 40 50", "", sep.join(FOA_HEADER)]
    for r in rows:
        out.append(sep.join([r.place, r.sector, r.topic, r.amount, r.description]))
        out.append(f"Status: {r.status}")
        if r.comment:
            out.append(f"Kommentar: {r.comment}")
    return "\n".join(out) + "\n"
