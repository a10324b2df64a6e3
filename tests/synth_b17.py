"""A synthetic catalogue in the B17 layout, with the answers it must parse to.

Everything is generated: new titles, fictional municipalities, new sector and
type headings (some the canonical list does not know), amounts written in the
prose patterns of the real catalogue, examples printed under two headings,
joint examples of two municipalities, and contact persons whose names, e-mail
addresses and phone numbers must never reach the output. The answers are
computed here from the numbers the generator chose, never from the parser.

    python -m tests.synth_b17 OUT.txt   # write one (seed 7) for manual runs
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

SECTORS = ["Tværgående forslag", "Administration", "Dagtilbud", "Ældre", "Kollektiv trafik"]
TYPES = ["Strukturtilpasninger", "Digitalisering og ny teknologi", "Fælles drift og vedligehold",
         "Incitament/styringsmodel"]
TYPES_PRINTED = {"Incitament/styringsmodel": "Incitament og styringsmodel"}  # box vs body spelling
MUNICIPALITIES = ["Nordby", "Sønderå", "Vesterlund", "Østhavn", "Bakkelyst", "Skovmose", "Fjordby", "Lyngtofte"]
FIRST = ["Ane", "Bo", "Cecilie", "Dorte", "Erik", "Frida", "Gustav", "Helle"]
LAST = ["Kjærsgaard", "Lindholm", "Mørkeberg", "Nørrevang", "Overgaard", "Pilgaard"]
WORDS = ["Samlet", "Digital", "Fælles", "Ny", "Smartere", "Lokal", "Grøn", "Tværfaglig"]
NOUNS = ["vagtplan", "bookingportal", "indkøbsenhed", "ruteplanlægning", "rengøringsordning", "sagsgang",
         "lagerstyring", "mødekultur", "energistyring", "visitation"]


def dk(x: float) -> str:
    """Danish decimal: 2.5 → '2,5', 3.0 → '3'."""
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


def dk2(x: float) -> str:
    """Two decimals at most, sign kept: -1.25 → '-1,25', 0.5 → '0,5'."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return ("0" if s in ("-0", "") else s).replace(".", ",")


def dk_int(n: int) -> str:
    """Thousands separator: 1250 → '1.250'."""
    return f"{n:,}".replace(",", ".")


@dataclass
class Answer:
    title: str
    municipalities: list[str]
    expected_tkr: float | None = None
    expected_low_tkr: float | None = None
    expected_high_tkr: float | None = None
    realised_tkr: float | None = None
    full_phase_in_year: int | None = None
    gains: list[tuple[int, str, float]] = field(default_factory=list)
    feasibility: str | None = None
    status: str | None = None
    sectors: list[str] = field(default_factory=list)  # printed headings
    types: list[str] = field(default_factory=list)
    printings: int = 1
    lines: list[int] = field(default_factory=list)  # 1-based title lines


#: Relative years ("År 1") are anchored to the catalogue's budget year (B{yy}) unless the
#: example prints its start year; patterns that print one say so in their description.
STARTS = {14: "Projektet startede i {start}."}


def _constant(ans: Answer, value: float, *, low: float | None = None, high: float | None = None,
              year: int | None = None, gains: list[tuple[int, str, float]] | None = None) -> None:
    ans.expected_tkr = value
    ans.expected_low_tkr = value if low is None else low
    ans.expected_high_tkr = value if high is None else high
    ans.full_phase_in_year = year
    ans.gains = gains or []


def _gain_prose(rng: random.Random, ans: Answer, pattern: int, budget: int, start: int) -> list[str]:
    """One gain paragraph in a pattern of the real catalogue's prose or tables, and its answer."""
    y = rng.randint(2016, 2019)
    a = rng.randint(2, 40) / 2  # 1,0 … 20,0 mio.
    b = a + rng.randint(1, 10) / 2
    k = rng.randint(1, 9) * 100 + rng.choice([0, 50])  # t.kr. as printed in kroner
    if pattern == 0:
        _constant(ans, a * 1000, year=y, gains=[(y, "expected", a * 1000)])
        return [f"Der forventes en nettobesparelse på {dk(a)} mio. kr. årligt fra {y}."]
    if pattern == 1:
        _constant(ans, b * 1000, year=y + 1, gains=[(y, "expected", a * 1000), (y + 1, "expected", b * 1000)])
        return [f"Forslaget forventes at give en besparelse på {dk(a)} mio. kr. i {y} og {dk(b)} mio. kr. "
                f"fra {y + 1} og frem."]
    if pattern == 2:
        ans.realised_tkr = float(k)
        return [f"Kommunen har sparet ca. {dk_int(k * 1000)} kr. årligt siden omlægningen."]
    if pattern == 3:  # a range: its midpoint, both ends
        _constant(ans, (a + b) * 500, low=a * 1000, high=b * 1000)
        return [f"Gevinsten skønnes at ligge på {dk(a)}-{dk(b)} mio. kr. årligt ved fuld drift."]
    if pattern == 4:  # an upper bound: the high end only
        _constant(ans, float(k), high=float(k))
        ans.expected_low_tkr = None
        return [f"Potentialet vurderes at være op til {dk_int(k * 1000)} kr. om året."]
    if pattern == 5:
        ans.realised_tkr = a * 1000
        _constant(ans, b * 1000, year=y + 1, gains=[(y, "realised", a * 1000), (y + 1, "expected", b * 1000)])
        return [f"I {y} blev der realiseret en besparelse på {dk(a)} mio. kr.",
                f"Der forventes en samlet gevinst på {dk(b)} mio. kr. årligt fra {y + 1}."]
    if pattern == 6:
        return [f"Projektet kræver en investering på {dk(a)} mio. kr. over tre år.",
                "Den økonomiske gevinst er endnu ikke opgjort."]
    if pattern == 7:
        return ["Gevinsten er ikke kvantificeret, men forventes at være betydelig på længere sigt."]
    if pattern == 8:  # a (1.000 kr.) table, savings printed negative
        v1, v2 = k * 2, k * 4
        _constant(ans, float(v2), year=y + 1,
                  gains=[(y, "expected", float(v1)), (y + 1, "expected", float(v2)), (y + 2, "expected", float(v2))])
        return [f"(1.000 kr.)\t{y}\t{y + 1}\t{y + 2}",
                f"Forventet økonomisk gevinst\t-{dk_int(v1)}\t-{dk_int(v2)}\t-{dk_int(v2)}"]
    if pattern == 9:
        _constant(ans, a * 1000)
        return [f"Den årlige udgift til licenser er godt {dk_int(k * 1000)} kr., mens besparelsen forventes at "
                f"blive {dk(a)} mio. kr. årligt."]
    if pattern == 10:
        _constant(ans, float(k))
        return [f"Besparelsen er ca. {dk_int(k)} t.kr. om året, svarende til to årsværk."]
    if pattern == 11:  # a mio. kr. table with relative years, anchored to the budget year (a guess)
        v = [round(a * f, 1) for f in (0.25, 0.75, 1.0)]
        _constant(ans, v[2] * 1000, year=budget + 2,
                  gains=[(budget + n, "expected", v[n] * 1000) for n in range(3)])
        return ["Mio. kr.\tÅr 1\tÅr 2\tÅr 3",
                f"Udgift til projektleder\t{dk(0.5)}\t{dk(0.5)}\t",
                f"I alt besparelse\t{dk(v[0])}\t{dk(v[1])}\t{dk(v[2])}"]
    if pattern == 12:  # costs and a net row that turns from cost to saving ("n. år", saving negative)
        cost, save = a / 2, a
        net = [round(cost - save * f, 2) for f in (0.0, 0.5, 1.0)] + [round(-save, 2)]
        gains = [(budget + n, "expected", round(-net[n] * 1000, 6)) for n in range(4)]
        _constant(ans, save * 1000, year=budget + 3, gains=gains)
        return ["Mio. kr.\t1. år\t2. år\t3. år\t4. år\tI alt",
                f"Udgifter til konsulent\t{dk2(cost)}\t{dk2(cost)}\t{dk2(cost)}\t-\t{dk2(cost * 3)}",
                f"Sparet udgift\t0\t-{dk2(save / 2)}\t-{dk2(save)}\t-{dk2(save)}\t-{dk2(save * 2.5)}",
                "Besparelse\t" + "\t".join(dk2(x) for x in net) + f"\t{dk2(sum(net))}"]
    if pattern == 13:  # a table in kroner
        v1, v2 = k * 1000 // 2, k * 1000
        _constant(ans, v2 / 1000, year=y + 1, gains=[(y, "expected", v1 / 1000), (y + 1, "expected", v2 / 1000)])
        return [f"Kr.\t{y}\t{y + 1}", f"Besparelse på porto\t{dk_int(v1)}\t{dk_int(v2)}"]
    if pattern == 14:  # "År 1: 0 kr." lines, the last without its unit; År 1 = the example's start year
        v2, v3 = k * 500, k * 1000
        _constant(ans, v3 / 1000, year=start + 2,
                  gains=[(start, "expected", 0.0), (start + 1, "expected", v2 / 1000),
                         (start + 2, "expected", v3 / 1000)])
        return ["Gevinsten kommer gradvist, efterhånden som flere borgere er med.",
                "År 1: 0 kr.", f"År 2: {dk_int(v2)} kr.", f"År 3: {dk_int(v3)}"]
    if pattern == 15:  # relative years in prose
        c = b + 0.5
        _constant(ans, c * 1000, year=budget + 2,
                  gains=[(budget, "expected", a * 1000), (budget + 1, "expected", b * 1000),
                         (budget + 2, "expected", c * 1000)])
        return [f"Nettobesparelsen estimeres til {dk(a)} mio. kr. i år 1, {dk(b)} mio. kr. i år 2 og "
                f"{dk(c)} mio. kr. fra år 3."]
    if pattern == 16:
        _constant(ans, (a + b) * 500, low=a * 1000, high=b * 1000)
        return [f"Besparelsen forventes at blive mellem {dk(a)} og {dk(b)} mio. kr. om året."]
    if pattern == 17:
        _constant(ans, (a + b) * 500, low=a * 1000, high=b * 1000)
        return [f"Der forventes en effektivisering på {dk(a)}–{dk(b)} mio. kr. årligt."]
    if pattern == 18:  # a lower bound: the low end only
        _constant(ans, float(k), low=float(k))
        ans.expected_high_tkr = None
        return [f"Kommunen forventer at spare mindst {dk_int(k * 1000)} kr. pr. år."]
    if pattern == 19:  # money once is never a yearly gain
        return [f"Det beløb, der blev ringet ind i kroner og ører, var {dk(a)} mio. kr.",
                "Det kan dog blot være en likviditetsforskydning."]
    if pattern == 20:
        return [f"Der blev indkrævet gamle restancer for i alt {dk_int(k * 1000)} kr. i løbet af kampagnen."]
    if pattern == 21:  # a total over three years: its yearly equivalent
        _constant(ans, a * 1000)
        return [f"Gevinsten forventes at blive {dk(a * 3)} mio. kr. over tre år."]
    if pattern == 22:
        _constant(ans, a * 1000, year=y)
        return [f"Der forventes en besparelse på {dk(a)} mio. kr. årligt, når forslaget er fuldt indfaset i {y}."]
    if pattern == 23:
        _constant(ans, a * 1000, year=y, gains=[(y, "expected", a * 1000)])
        return [f"Forslaget forventes at give en besparelse på {dk(a)} mio. kr. med fuld effekt fra {y}."]
    if pattern == 24:
        _constant(ans, a * 1000, year=y, gains=[(y, "expected", a * 1000)])
        return [f"Den fulde gevinst på {dk(a)} mio. kr. om året forventes opnået fra {y}."]
    if pattern == 25:
        _constant(ans, b * 1000, year=y + 2, gains=[(y, "expected", a * 1000), (y + 2, "expected", b * 1000)])
        return [f"Forslaget forventes at give en nettobesparelse på {dk(a)} mio. kr. i {y} stigende til "
                f"{dk(b)} mio. kr. i {y + 2}."]
    if pattern == 26:  # a full-year column
        v1, v2, v3 = k, k * 2, k * 3
        _constant(ans, float(v3), gains=[(y, "expected", float(v1)), (y + 1, "expected", float(v2))])
        return [f"1.000 kr.\t{y}\t{y + 1}\tHelårseffekt", f"Besparelse\t{dk_int(v1)}\t{dk_int(v2)}\t{dk_int(v3)}"]
    if pattern == 27:  # a sign legend: investments negative, savings positive
        v1, v2 = k, k * 2
        _constant(ans, float(v2), year=y + 2,
                  gains=[(y, "expected", -150.0), (y + 1, "expected", float(v1)), (y + 2, "expected", float(v2))])
        return [f"(1.000 kr.)\t{y}\t{y + 1}\t{y + 2}", "Investering, drift\t-150\t-100\t0",
                f"Nettoresultat\t-150\t{dk_int(v1)}\t{dk_int(v2)}",
                "Negative beløb = investeringer. Positive beløb = besparelser."]
    if pattern == 28:
        _constant(ans, float(k))
        return [f"Omlægningen giver en varig besparelse på {dk_int(k * 1000)} kr."]
    _constant(ans, a * 1000, year=y, gains=[(y, "expected", a * 1000)])
    return [f"Der forventes en besparelse på {dk(a)} mio. kr. fra {y} og frem."]


PATTERNS = 30

_OPENINGS = ["har omlagt arbejdet med", "har samlet opgaverne omkring", "har digitaliseret", "har udbudt",
             "har gentænkt organiseringen af", "har indført faste standarder for"]
_WHY = ["for at frigøre ressourcer til kerneopgaven", "fordi udgifterne steg år for år",
        "efter en analyse af tidsforbruget", "som led i budgetaftalen", "for at ensrette serviceniveauet"]
_HOW = ["Medarbejderne er uddannet i nye arbejdsgange", "En tværgående styregruppe følger indsatsen hver måned",
        "Leverandøren er skiftet efter et nyt udbud", "Borgerne er inddraget i en brugerundersøgelse",
        "Ledelsen har fastsat måltal for hver afdeling", "Systemet er koblet til økonomisystemet"]
_WHERE = ["i alle afdelinger", "på tre pilotinstitutioner", "i hjemmeplejens distrikter", "på rådhuset",
          "i de kommunale ejendomme", "på skolerne"]


def _description(rng: random.Random, muni: str, title: str) -> list[str]:
    """A description in the catalogue's register, different for every example (so that two
    examples of one municipality never share a body)."""
    noun = title.split()[1]
    return [f"{muni} Kommune {rng.choice(_OPENINGS)} {noun} {rng.choice(_WHY)}. Ordningen er indført "
            f"{rng.choice(_WHERE)}, og den omfatter {rng.randint(12, 480)} medarbejdere og cirka "
            f"{rng.randint(2, 90) * 100} borgere.",
            f"{rng.choice(_HOW)}. {rng.choice(_HOW)}, og erfaringerne deles i et netværk med "
            f"{rng.randint(2, 9)} andre kommuner. Der følges op på kvalitet og økonomi hvert kvartal, og "
            f"resultaterne forelægges udvalget i en samlet status, når {noun} har været i drift i "
            f"{rng.randint(2, 24)} måneder."]


def build(seed: int = 7, n_examples: int = PATTERNS + 6) -> tuple[str, dict[tuple[str, tuple[str, ...]], Answer],
                                                                  dict]:
    """(catalogue text, answers keyed by (title, municipalities), secrets that must not leak).

    Every gain pattern appears once in each run of ``PATTERNS`` examples; every fifth example
    is printed again under a second heading, and every ninth again under a longer title
    ("Ny model: …") — one initiative under the longer title either way."""
    rng = random.Random(seed)
    published = rng.choice([2016, 2018, 2020])
    budget = published + 1  # the cover says B{yy}: the budget the catalogue serves
    offset = rng.randrange(PATTERNS)
    secrets: dict[str, list[str]] = {"emails": [], "phones": [], "names": []}
    examples: list[tuple[Answer, list[str], list[str]]] = []  # answer, gain prose, description
    used_titles = set()
    for i in range(n_examples):
        while True:
            title = f"{rng.choice(WORDS)} {rng.choice(NOUNS)} {i + 1}"
            if title not in used_titles:
                used_titles.add(title)
                break
        munis = rng.sample(MUNICIPALITIES, 2 if i % 7 == 3 else 1)
        ans = Answer(title=title, municipalities=munis)
        ans.feasibility = rng.choice(["1", "2", "3", "2-3", "1-2"])
        ans.status = rng.choice(["Implementeret.", "Forslaget er vedtaget og under implementering.",
                                 "Under afprøvning i to områder."])
        pattern = (i + offset) % PATTERNS
        start = rng.randint(2013, budget - 1)
        prose = _gain_prose(rng, ans, pattern, budget, start)
        description = _description(rng, munis[0], title)
        if pattern in STARTS:
            description.append(STARTS[pattern].format(start=start))
        examples.append((ans, prose, description))
    layout: dict[tuple[str, str], list[tuple[int, str]]] = {(s, t): [] for s in SECTORS for t in TYPES}
    for i, (ans, _, _) in enumerate(examples):
        s, t = SECTORS[i % len(SECTORS)], TYPES[(i // len(SECTORS)) % len(TYPES)]
        layout[(s, t)].append((i, ans.title))
        if i % 5 == 2:
            s2, t2 = SECTORS[(i + 2) % len(SECTORS)], TYPES[(i + 1) % len(TYPES)]
            layout[(s2, t2)].append((i, ans.title))
        elif i % 9 == 4:  # the same example again, under a longer title: that title is kept
            s2, t2 = SECTORS[(i + 3) % len(SECTORS)], TYPES[(i + 2) % len(TYPES)]
            longer = f"Ny model: {ans.title}"
            layout[(s2, t2)].append((i, longer))
            ans.title = longer
    memo = [
        "", "NOTAT", "", "Til udvalget", "", "Orientering om et nyt effektiviseringskatalog", "",
        "Kataloget indeholder eksempler fra flere kommuner og sendes til orientering.", "",
        "Sagsbehandler", "Rikke Sommerfugl", "", "E-mail: rikke.sommerfugl@example.dk", "Direkte: 33 44 55 66", "",
    ]
    secrets["emails"].append("rikke.sommerfugl@example.dk")
    secrets["phones"].append("33 44 55 66")
    secrets["names"].append("Rikke Sommerfugl")
    head = [f"B{budget % 100:02d}-KATALOG", f"APRIL {published}", "",
            "Eksempler på effektiviseringer fra syntetiske kommuner", "", "Indholdsfortegnelse", ""]
    page = 5
    for s in SECTORS:
        head.append(f"{s}.....\t{page}")
        for t in TYPES:
            head.append(f"{TYPES_PRINTED.get(t, t)}\t{page}")
            for _, printed_title in layout[(s, t)]:
                head.append(f"{printed_title}\t{page}")
                page += 1
    head += ["", "Læsevejledning", "", "Sektor\tEffektiviseringstyper"]
    for n in range(max(len(SECTORS), len(TYPES))):
        sec = f"{n + 1}. {SECTORS[n]}" if n < len(SECTORS) else ""
        typ = f"{n + 1}. {TYPES[n]}" if n < len(TYPES) else ""
        head.append(f"{sec}\t{typ}" if sec and typ else (sec or f"\t{typ}"))
    head.append("")
    lines = memo + head
    answers: dict[tuple[str, tuple[str, ...]], Answer] = {}
    for s in SECTORS:
        lines += [s, ""]
        for t in TYPES:
            lines += [TYPES_PRINTED.get(t, t), ""]
            for i, printed_title in layout[(s, t)]:
                ans, prose, description = examples[i]
                key = (ans.title, tuple(ans.municipalities))
                if key in answers:
                    answers[key].printings += 1
                else:
                    answers[key] = ans
                ans.lines.append(len(lines) + 1)
                if s not in ans.sectors:
                    ans.sectors.append(s)
                if TYPES_PRINTED.get(t, t) not in ans.types:
                    ans.types.append(TYPES_PRINTED.get(t, t))
                lines += _block(rng, printed_title, ans, prose, description, secrets)
    return "\n".join(lines) + "\n", answers, secrets


def _block(rng: random.Random, title: str, ans: Answer, prose: list[str], description: list[str],
           secrets: dict[str, list[str]]) -> list[str]:
    """One printed example; contact persons differ between printings and must never be loaded."""
    munis = ans.municipalities
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first.lower()}.{last.lower()}@{munis[0].lower()}.dk".replace("ø", "oe").replace("æ", "ae") \
        .replace("å", "aa")
    phone = f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    secrets["emails"].append(email)
    secrets["phones"].append(phone)
    secrets["names"].append(f"{first} {last}")
    kommune = " og ".join(f"{m} Kommune" for m in munis)
    return [
        title, "",
        *[ln for d in description for ln in (d, "")],
        "Forventet/realiseret økonomisk gevinst", "",
        *[ln for p in prose for ln in (p, "")],
        "Andre effekter", "",
        "Bedre arbejdsmiljø og kortere ventetid for borgerne.", "",
        "Realiserbarhed", "",
        f"På en skala fra 1 til 3, hvor 3 er vanskeligst at realisere: {ans.feasibility}", "",
        "Status", "",
        ans.status, "",
        "Om casen", "",
        f"Kommune: {kommune}", "",
        f"Kontaktperson: Afdelingschef {first} {last} ({email}), tlf. {phone}", "",
    ]


if __name__ == "__main__":
    text, answers, _ = build()
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"{len(answers)} examples written to {sys.argv[1]}")
