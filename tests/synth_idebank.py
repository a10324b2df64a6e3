"""Synthetic Idébank catalogues with known answers.

The generator prints cards by the layout rules of KL's 2024 catalogue (see
``etl/parse/idebank.py``): indented municipality and title lines, wrapped
parts in column 0, nine areas with check-box glyphs (the handicap area's box on
the line after the wrapped word), the Økonomi values and the Typer af tiltag
column side by side, wrapped values and types, links that wrap anywhere. Page
footers are inserted every 40–75 lines wherever that falls — inside titles,
descriptions, area grids, Økonomi blocks — and the municipalities, titles,
amounts and years are new. Every catalogue also holds a card naming several
municipalities, a card reprinted under a later section, an empty section and a
card whose *Yderligere information* is printed after the next card.

``make_catalogue(seed)`` returns the text and, for every printing and every
distinct initiative, what a correct parser must report.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

TICK, NOTICK, SP = "\uf053", "\uf0a3", "\uf020"

#: (printed name, line group) in the catalogue's reading order
AREAS = ["Daginstitutioner", "Kultur & Fritid", "Skoler", "Teknik & Miljø", "Udsatte børn",
         "Beskæftigelse & Erhverv", "Udsatte voksne & borgere med handicap", "Administration", "Ældre & Sundhed"]
#: section headers as the catalogue prints them (area names, "og" for "&"), and one that is not an area
SECTIONS = ["Administration", "Daginstitutioner", "Kultur og Fritid", "Skoler", "Teknik og Miljø",
            "Tværgående forslag", "Ældre og Sundhed"]

MUNICIPALITIES = ["Aabenraa", "Billund", "Egedal", "Fanø", "Furesø", "Gentofte", "Haderslev", "Herning",
                  "Hjørring", "Ikast-Brande", "Jammerbugt", "Kerteminde", "Lemvig", "Mariagerfjord", "Middelfart",
                  "Odder", "Randers", "Ringkøbing-Skjern", "Roskilde", "Silkeborg", "Sønderborg", "Thisted",
                  "Tønder", "Vallensbæk", "Vordingborg"]
VERBS = ["Effektivisering af", "Omlægning af", "Samling af", "Digital understøttelse af", "Nyt udbud af",
         "Reduktion i udgifter til", "Bedre planlægning af", "Fælles drift af"]
OBJECTS = ["rengøring på rådhuset", "kørsel til specialskoler", "vikarforbruget i dagplejen",
           "licenser til fagsystemer", "energiforbruget i idrætshallerne", "administrationen af boligstøtte",
           "hjemmeplejens ruteplanlægning", "indkøb af hjælpemidler", "vedligeholdelse af grønne områder",
           "telefonbetjeningen i borgerservice"]
TAILS = ["", "", " på tværs af forvaltningerne", " i samarbejde med nabokommunerne",
         " og opfølgning på kontrakter med eksterne leverandører"]
SENTENCES = ["Forslaget samler opgaven ét sted i organisationen.", "Der forventes færre manuelle arbejdsgange.",
             "Gevinsten hentes gradvist over budgetperioden.", "Erfaringer fra andre kommuner viser et potentiale.",
             "Medarbejderne inddrages i den konkrete tilrettelæggelse.", "Serviceniveauet for borgerne fastholdes.",
             "Forslaget kræver en mindre investering i it-understøttelse."]
#: (as printed, how it wraps: parts)
TYPES = [("Organisering", ["Organisering"]), ("Indkøb", ["Indkøb"]), ("Udbud", ["Udbud"]),
         ("Planlægning", ["Planlægning"]), ("Velfærdsteknologi", ["Velfærdsteknologi"]),
         ("Hjemtagning af opgaver", ["Hjemtagning af opgaver"]),
         ("Digitalisering/Automatisering", ["Digitalisering/Automatisering"]),
         ("Digitalisering/automatisering", ["Digitalisering", "/automatisering"]),
         ("Tværkommunale samarbejder", ["Tværkommunale", "samarbejder"]),
         ("Samarbejde med private", ["Samarbejde med", "private"])]


@dataclass
class Answer:
    """What the parser must report for one distinct initiative."""

    municipalities: list[str]
    title: str
    description: str
    expected_text: str
    expected_low: float | None
    expected_high: float | None
    phase_in_text: str
    phase_in_year: int | None
    cost_text: str
    cost_tkr: float | None
    adopted_text: str
    adopted: bool | None
    sectors: list[str]
    types: list[str]
    further_info: str
    printings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, page, section)

    @property
    def expected_mid(self) -> float | None:
        return None if self.expected_low is None else (self.expected_low + self.expected_high) / 2


@dataclass
class Catalogue:
    text: str
    title: str
    year: int
    answers: list[Answer]
    footers: int


# --------------------------------------------------------------------------- values (text, parts, answer)

def _expected(rng: random.Random):
    kind = rng.choice(["int", "int", "int", "thousands", "decimal", "range", "missing"])
    if kind == "int":
        v = rng.randint(20, 9999)
        return str(v), [str(v)], v, v
    if kind == "thousands":
        v = rng.randint(1000, 45000)
        s = f"{v // 1000}.{v % 1000:03d}"
        return s, [s], v, v
    if kind == "decimal":
        whole, dec = rng.randint(10, 999), rng.randint(1, 99)
        s = f"{whole},{dec:02d}"
        return s, [s], whole + dec / 100, whole + dec / 100
    if kind == "range":
        low = rng.randint(1, 9) * 100
        high = low + rng.randint(1, 20) * 100
        s = f"{low}-{high // 1000}.{high % 1000:03d}" if high >= 1000 else f"{low}-{high}"
        return s, [s], low, high
    return "Ikke oplyst", ["Ikke", "oplyst"], None, None


def _phase_in(rng: random.Random, year: int):
    kind = rng.choice(["year", "year", "year", "from", "two", "missing"])
    y = year + rng.randint(0, 3)
    if kind == "year":
        return str(y), [str(y)], y
    if kind == "from":
        return f"fra år {y}", ["fra år", str(y)], y
    if kind == "two":
        return f"{y}/{y + 1}", [f"{y}/{y + 1}"], None
    return "Ikke oplyst", ["Ikke", "oplyst"], None


def _cost(rng: random.Random, year: int):
    kind = rng.choice(["zero", "zero", "int", "annual", "in_year", "two_parts", "missing", "decimal", "thousands"])
    v = rng.randint(10, 2500)
    if kind == "zero":
        return "0", ["0"], 0.0
    if kind == "int":
        return str(v), [str(v)], float(v)
    if kind == "annual":
        return f"{v} årligt", [str(v), "årligt"], float(v)
    if kind == "in_year":
        return f"{v} i {year}", [f"{v} i", str(year)], float(v)
    if kind == "two_parts":
        w = rng.randint(10, 900)
        return (f"{v} i {year}, herefter {w} årligt", [f"{v} i", f"{year},", "herefter", str(w), "årligt"], None)
    if kind == "decimal":
        return "0,5 årligt", ["0,5", "årligt"], 0.5
    if kind == "thousands":
        t = rng.randint(1, 30) * 1000 + rng.randint(1, 999)
        s = f"{t // 1000}.{t % 1000:03d}"
        return s, [s], float(t)
    return "Ikke oplyst", ["Ikke", "oplyst"], None


def _adopted(rng: random.Random):
    return rng.choice([("Ja", True), ("Ja", True), ("Nej", False), ("Nej", False), ("Delvist", None)])


def _link(rng: random.Random, muni: str):
    host = muni.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    n = rng.randint(1000, 9999)
    kind = rng.choice(["file", "url", "url"])
    if kind == "file":
        s = f"Budgetkatalog {rng.randint(2024, 2026)} - samlet oversigt.pdf ({host}.dk)"
        return s, [s]
    s = (f"https://www.{host}.dk/media/{n}/budgetkatalog-{rng.randint(2024, 2026)}-samlet-oversigt-"
         f"med-alle-forslag-til-reduktioner.pdf")
    cut = s.index("-", 55) + 1  # wraps after a hyphen, the rest starts in column 0
    return s, [s[:cut], s[cut:]]


def _wrap_words(text: str, width: int) -> list[str]:
    out, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return out + ([cur] if cur else [])


# --------------------------------------------------------------------------- one card's lines

def _grid(ticked: set[str]) -> list[str]:
    g = {a: (TICK if a in ticked else NOTICK) + SP for a in AREAS}
    return [" Daginstitutioner " + g["Daginstitutioner"] + "  Kultur & Fritid " + g["Kultur & Fritid"] + "  ",
            " Skoler " + g["Skoler"] + "  Teknik & Miljø " + g["Teknik & Miljø"] + "  ",
            " Udsatte børn " + g["Udsatte børn"] + "  Beskæftigelse & Erhverv " + g["Beskæftigelse & Erhverv"] + "  ",
            " Udsatte voksne & borgere med ", "", "handicap ",
            g["Udsatte voksne & borgere med handicap"] + "  Administration " + g["Administration"] + "  ", "",
            " Ældre & Sundhed " + g["Ældre & Sundhed"] + "     ", "       "]


def _economy(values: list[tuple[str, list[str]]], types: list[list[str]]) -> list[str]:
    """Label lines with the type column beside them; wrapped parts in column 0."""
    out = []
    types = list(types)
    for k, (label, parts) in enumerate(values):
        typ = types.pop(0) if k < 2 and types else None
        if len(parts) == 1:
            if typ:
                out.append(f" {label}: {parts[0]}  {typ[0]}   ")
                out.extend(f"{p} " for p in typ[1:])
            else:
                out.append(f" {label}: {parts[0]}     ")
        else:
            out.append(f" {label}: {parts[0]} ")
            for p in parts[1:]:
                out.extend(["", f"{p} "])
            if typ:  # a type cannot share a wrapped value's lines: it goes below, indented
                out.append(f" {typ[0]}   ")
                out.extend(f"{p} " for p in typ[1:])
            out.append("    ")
    for typ in types:  # a third type, if any, on its own line
        out.append(f" {typ[0]}   ")
        out.extend(f"{p} " for p in typ[1:])
    return out


def _card_lines(a: Answer, parts: dict, rng: random.Random, late_info: bool) -> tuple[list[str], list[str]]:
    """The card's lines, and (when its link is printed late) the link block printed later."""
    if len(a.municipalities) == 1:
        muni = f"        {a.municipalities[0]} Kommune     "
    else:
        muni = ("        " + ", ".join(a.municipalities[:-1]) + " og " + a.municipalities[-1] + " Kommuner     ")
    lines = [muni, ""]
    title_parts = parts["title"]
    lines.append(f"        {title_parts[0]}  ")
    lines.extend(f"{p} " for p in title_parts[1:])
    desc = _wrap_words(a.description, 90)
    if parts["tight"]:  # description right below the title, no blank line
        lines.append(f"  {desc[0]} ")
    else:
        lines.extend(["", " ", "", f" {desc[0]} "])
    lines.extend(f"{d} " for d in desc[1:])
    lines.extend(["", " ", "", "        Berørte fagområder  "])
    lines.extend(_grid(set(a.sectors)))
    lines.append(" Økonomi  Typer af tiltag  ")
    lines.extend(_economy([("Effekt ved fuld indfasning (t.kr.)", parts["expected"]),
                           ("Fuldt indfaset år", parts["phase_in"]),
                           ("Implementeringsomkostninger", parts["cost"]),
                           ("Er forslaget vedtaget", [a.adopted_text])], parts["types"]))
    info = [" Yderligere information  ", f" {parts['link'][0]}  "] + [f"{p} " for p in parts["link"][1:]]
    lines.append("       ")
    if late_info:
        return lines, info
    return lines + info, []


SEPARATOR = ["    ", "", " ", "", " ", ""]


# --------------------------------------------------------------------------- the catalogue

def make_catalogue(seed: int, n_cards: int = 24, form_feeds: bool = False) -> Catalogue:
    """A catalogue of ``n_cards`` printed cards (one of them a reprint).

    ``form_feeds`` makes a PDF-like text layer: pages joined by '\\f' and no
    printed footers, so the page is the form-feed page."""
    rng = random.Random(seed)
    year = rng.randint(2023, 2027)
    munis = rng.sample(MUNICIPALITIES, 10)
    answers: list[Answer] = []
    card_parts: list[dict] = []
    titles_seen = set()
    for k in range(n_cards - 1):
        if k == 3:
            names = rng.sample(munis, 3)  # a card naming several municipalities
        else:
            names = [rng.choice(munis)]
        while True:
            title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"
            if k == 5:
                title = "Effektivisering af ledelse og administration i Center for Dag- og Døgntilbud"
            if (tuple(names), title) not in titles_seen:
                break
        titles_seen.add((tuple(names), title))
        if k == 5:
            title_parts = ["Effektivisering af ledelse og administration i Center for Dag-", "og Døgntilbud"]
        else:
            title_parts = _wrap_words(title, 55)
        exp_text, exp_parts, low, high = _expected(rng)
        ph_text, ph_parts, ph_year = _phase_in(rng, year)
        c_text, c_parts, c_tkr = _cost(rng, year)
        ad_text, ad = _adopted(rng)
        ticked = rng.sample(AREAS, rng.choice([1, 1, 2, 3, 9]))
        if k == 1:
            ticked = ["Udsatte voksne & borgere med handicap", "Administration"]
        types = rng.sample(TYPES, rng.choice([0, 1, 1, 2, 2]))
        link, link_parts = _link(rng, names[0])
        desc = " ".join(rng.sample(SENTENCES, rng.randint(2, 5)))
        answers.append(Answer(names, title, desc, exp_text, low, high, ph_text, ph_year, c_text, c_tkr,
                              ad_text, ad, [a for a in AREAS if a in ticked], [t for t, _ in types], link))
        card_parts.append({"title": title_parts, "tight": rng.random() < 0.2, "expected": exp_parts,
                           "phase_in": ph_parts, "cost": c_parts, "types": [p for _, p in types],
                           "link": link_parts})

    # sections: consecutive runs of cards; one empty section; the reprint goes in the last section
    n = len(answers)
    cuts = sorted(rng.sample(range(2, n - 2), len(SECTIONS) - 2))
    bounds = [0] + cuts + [n]
    order: list[tuple[int, str]] = []  # (answer index, section)
    empty_section = rng.randrange(1, len(SECTIONS) - 1)
    sec_iter = [s for j, s in enumerate(SECTIONS) if j != empty_section]
    for j in range(len(bounds) - 1):
        order.extend((idx, sec_iter[j]) for idx in range(bounds[j], bounds[j + 1]))
    reprint = rng.randrange(0, bounds[1])  # a card of the first section, printed again at the very end
    order.append((reprint, SECTIONS[-1]))
    late = rng.randrange(2, n - 3)  # this card's link is printed after the next card's

    # the stream of content lines, with card starts tagged
    stream: list[tuple[str, int | None]] = []  # (line, order position of the card it starts)
    current_section = None
    pending_info: list[str] = []
    for pos, (idx, section) in enumerate(order):
        if section != current_section:
            names = [section]
            sec_pos = SECTIONS.index(section)
            if current_section is not None and SECTIONS.index(current_section) < empty_section < sec_pos:
                names = [SECTIONS[empty_section], section]  # an empty section's header right before
            for s in names:
                stream.extend([(f" {s} ", None), ("", None)])
            current_section = section
        body, late_block = _card_lines(answers[idx], card_parts[idx], rng, late_info=(pos == late))
        stream.append((body[0], pos))
        stream.extend((ln, None) for ln in body[1:])
        if pending_info:
            stream.extend((ln, None) for ln in pending_info)
            pending_info = []
        pending_info = late_block
        stream.extend((ln, None) for ln in SEPARATOR)

    # pages: a footer (or a form feed) after every 40-75 content lines
    out: list[str] = []
    starts: dict[int, tuple[int, int]] = {}  # order position → (line, page)
    page, since, next_break = 1, 0, rng.randint(40, 75)
    title = f"Kommunale effektiviseringsforslag i budget {year}"
    subtitle = f"Idébank {year}"
    joined: list[str] = []  # form-feed variant: pages of lines
    for text, tag in stream:
        if since >= next_break:
            if form_feeds:
                joined.append("\n".join(out))
                out = []
            else:
                out.extend(["", "", "", " ", f"{title}  ", f"{subtitle} ", "", f"{page} ", " ", ""])
            page += 1
            since, next_break = 0, rng.randint(40, 75)
        if tag is not None:
            line_no = sum(len(p.split("\n")) for p in joined) + len(out) + 1
            starts[tag] = (line_no, page)
        out.append(text)
        since += 1
    if form_feeds:
        joined.append("\n".join(out))
        text = "\f".join(joined)
    else:
        out.extend(["", "", "", " ", f"{title}  ", f"{subtitle} ", "", f"{page} ", " "])
        text = "\n".join(out) + "\n"
    for pos, (idx, section) in enumerate(order):
        line, pg = starts[pos]
        answers[idx].printings.append((line, pg, section))
    return Catalogue(text=text, title=f"{title} – {subtitle}", year=year, answers=answers,
                     footers=0 if form_feeds else page)
