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


def _gain_prose(rng: random.Random, ans: Answer) -> list[str]:
    """One gain paragraph in a prose pattern of the real catalogue, and its answer."""
    y = rng.randint(2016, 2019)
    a = rng.randint(2, 40) / 2  # 1,0 … 20,0 mio.
    b = a + rng.randint(1, 10) / 2
    k = rng.randint(1, 9) * 100 + rng.choice([0, 50])  # t.kr. as printed in kroner
    pattern = rng.randrange(11)
    if pattern == 0:
        ans.expected_tkr = ans.expected_low_tkr = ans.expected_high_tkr = a * 1000
        ans.full_phase_in_year, ans.gains = y, [(y, "expected", a * 1000)]
        return [f"Der forventes en nettobesparelse på {dk(a)} mio. kr. årligt fra {y}."]
    if pattern == 1:
        ans.expected_tkr = ans.expected_low_tkr = ans.expected_high_tkr = b * 1000
        ans.full_phase_in_year = y + 1
        ans.gains = [(y, "expected", a * 1000), (y + 1, "expected", b * 1000)]
        return [f"Forslaget forventes at give en besparelse på {dk(a)} mio. kr. i {y} og {dk(b)} mio. kr. "
                f"fra {y + 1} og frem."]
    if pattern == 2:
        ans.realised_tkr = float(k)
        return [f"Kommunen har sparet ca. {dk_int(k * 1000)} kr. årligt siden omlægningen."]
    if pattern == 3:
        ans.expected_low_tkr, ans.expected_high_tkr = a * 1000, b * 1000
        ans.expected_tkr = (a + b) * 500
        return [f"Gevinsten skønnes at ligge på {dk(a)}-{dk(b)} mio. kr. årligt ved fuld drift."]
    if pattern == 4:  # an upper bound: the high end only
        ans.expected_tkr = ans.expected_high_tkr = float(k)
        return [f"Potentialet vurderes at være op til {dk_int(k * 1000)} kr. om året."]
    if pattern == 5:
        ans.realised_tkr = a * 1000
        ans.expected_tkr = ans.expected_low_tkr = ans.expected_high_tkr = b * 1000
        ans.full_phase_in_year = y + 1
        ans.gains = [(y, "realised", a * 1000), (y + 1, "expected", b * 1000)]
        return [f"I {y} blev der realiseret en besparelse på {dk(a)} mio. kr.",
                f"Der forventes en samlet gevinst på {dk(b)} mio. kr. årligt fra {y + 1}."]
    if pattern == 6:
        return [f"Projektet kræver en investering på {dk(a)} mio. kr. over tre år.",
                "Den økonomiske gevinst er endnu ikke opgjort."]
    if pattern == 7:
        return ["Gevinsten er ikke kvantificeret, men forventes at være betydelig på længere sigt."]
    if pattern == 8:
        v1, v2 = k * 2, k * 4
        ans.expected_tkr = ans.expected_low_tkr = ans.expected_high_tkr = float(v2)
        ans.full_phase_in_year = y + 1
        ans.gains = [(y, "expected", float(v1)), (y + 1, "expected", float(v2)), (y + 2, "expected", float(v2))]
        return [f"(1.000 kr.)\t{y}\t{y + 1}\t{y + 2}",
                f"Forventet økonomisk gevinst\t-{dk_int(v1)}\t-{dk_int(v2)}\t-{dk_int(v2)}"]
    if pattern == 9:
        ans.expected_tkr = ans.expected_low_tkr = ans.expected_high_tkr = a * 1000
        return [f"Den årlige udgift til licenser er godt {dk_int(k * 1000)} kr., mens besparelsen forventes at "
                f"blive {dk(a)} mio. kr. årligt."]
    ans.expected_tkr = ans.expected_low_tkr = ans.expected_high_tkr = float(k)
    return [f"Besparelsen er ca. {dk_int(k)} t.kr. om året, svarende til to årsværk."]


def build(seed: int = 7, n_examples: int = 24) -> tuple[str, dict[tuple[str, tuple[str, ...]], Answer], dict]:
    """(catalogue text, answers keyed by (title, municipalities), secrets that must not leak)."""
    rng = random.Random(seed)
    secrets = {"emails": [], "phones": [], "names": []}
    examples: list[tuple[Answer, list[str]]] = []
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
        prose = _gain_prose(rng, ans)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{last.lower()}@{munis[0].lower()}.dk".replace("ø", "oe").replace("æ", "ae") \
            .replace("å", "aa")
        phone = f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        secrets["emails"].append(email)
        secrets["phones"].append(phone)
        secrets["names"].append(f"{first} {last}")
        kommune = " og ".join(f"{m} Kommune" for m in munis)
        block = [
            title, "",
            f"{munis[0]} Kommune har omlagt arbejdet med {title.split()[1]} for at frigøre ressourcer. "
            "Ordningen er indført i alle afdelinger.", "",
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
        examples.append((ans, block))
    # place examples under headings; every fifth is printed a second time elsewhere
    layout: dict[tuple[str, str], list[int]] = {(s, t): [] for s in SECTORS for t in TYPES}
    for i in range(len(examples)):
        s, t = SECTORS[i % len(SECTORS)], TYPES[(i // len(SECTORS)) % len(TYPES)]
        layout[(s, t)].append(i)
        if i % 5 == 2:
            s2, t2 = SECTORS[(i + 2) % len(SECTORS)], TYPES[(i + 1) % len(TYPES)]
            layout[(s2, t2)].append(i)
    memo = [
        "", "NOTAT", "", "Til udvalget", "", "Orientering om et nyt effektiviseringskatalog", "",
        "Kataloget indeholder eksempler fra flere kommuner og sendes til orientering.", "",
        "Sagsbehandler", "Rikke Sommerfugl", "", "E-mail: rikke.sommerfugl@example.dk", "Direkte: 33 44 55 66", "",
    ]
    secrets["emails"].append("rikke.sommerfugl@example.dk")
    secrets["phones"].append("33 44 55 66")
    secrets["names"].append("Rikke Sommerfugl")
    head = ["B17-KATALOG", "APRIL 2031", "", "Eksempler på effektiviseringer fra syntetiske kommuner", "",
            "Indholdsfortegnelse", ""]
    page = 5
    for s in SECTORS:
        head.append(f"{s}.....\t{page}")
        for t in TYPES:
            head.append(f"{TYPES_PRINTED.get(t, t)}\t{page}")
            for i in layout[(s, t)]:
                head.append(f"{examples[i][0].title}\t{page}")
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
            for i in layout[(s, t)]:
                ans, block = examples[i]
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
                lines += block
    return "\n".join(lines) + "\n", answers, secrets


if __name__ == "__main__":
    text, answers, _ = build()
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"{len(answers)} examples written to {sys.argv[1]}")
