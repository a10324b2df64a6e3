"""The canonical sector list and how printed sector names map onto it.

Catalogues and municipalities name their areas differently (Idébank:
"Daginstitutioner", B17: "Dagtilbud", a proposal list: "Daginstitutioner og
dagpleje", a committee's list: "Børne- og Uddannelsesudvalget"); "savings per
sector" can only compare them through one list. The printed name is always kept
beside the canonical key (``source_sector``), and a name that maps to nothing is
kept too, with ``sector`` NULL, so the sources page can list it.

How a printed name is matched (:func:`sectors_for`), in order:

1. :func:`normalise` it: lower case, æ/ø/å spelled ae/o/a, whitespace squashed,
   a leading number ("3. Ældre", "30 Ældre") and a leading "Udvalget for",
   "Center for", "Afdeling for" dropped, and a hyphenated compound written out
   ("Børne- og Uddannelses…" → "borne og uddannelses…").
2. Look the whole name up in :data:`NAMES` (names that must be read as a whole:
   "Skole, SFO og klub", "Det specialiserede socialområde").
3. Drop an organisational suffix (-udvalget, -området, -forvaltningen, …, see
   :data:`SUFFIXES`) and look the name up in :data:`NAMES` again.
4. Split the name into its parts (at "og", ",", "&", "/", "samt"), drop the
   suffix of each part, and look each part up in :data:`PARTS` (also without a
   linking "s"/"e" or a definite "n": "Sundheds-" → "sundhed", "Børne-" → "born",
   "Sundhedsplejen" → "sundhedspleje"). When *every* part
   is known the name maps to the union of their sectors, so "Social- og
   Sundhedsudvalget" is both ``social`` and ``aeldre_sundhed``; one unknown part
   leaves the whole name unmapped rather than half-mapped.
5. The canonical keys and their Danish and English labels map to themselves.

Both tables are data: extend them when a document prints a new name (and add the
name to the printed-name table in tests/test_sectors.py).
"""
from __future__ import annotations

import functools
import re

from etl.core.model import SectorTag

#: key, Danish label, English label — in display order.
SECTORS: list[tuple[str, str, str]] = [
    ("dagtilbud", "Dagtilbud", "Day care"),
    ("skole", "Skole, SFO og klub", "Schools and after-school care"),
    ("udsatte_boern", "Udsatte børn og unge", "Vulnerable children and young people"),
    ("social", "Udsatte voksne og handicap", "Vulnerable adults and disability"),
    ("aeldre_sundhed", "Ældre og sundhed", "Elderly care and health"),
    ("kultur_fritid", "Kultur og fritid", "Culture and leisure"),
    ("teknik_miljoe", "Teknik og miljø", "Technical services and environment"),
    ("beskaeftigelse", "Beskæftigelse og erhverv", "Employment and business"),
    ("administration", "Administration", "Administration"),
    ("tvaergaaende", "Tværgående", "Cross-cutting"),
]
_KEYS = [k for k, _, _ in SECTORS]

#: The children's services a children's committee or department covers.
_CHILDREN = ("dagtilbud", "skole", "udsatte_boern")

#: Whole printed names (normalised, see :func:`normalise`) → sectors. Names here are read
#: as a whole; anything else is read part by part through :data:`PARTS`.
NAMES: dict[str, tuple[str, ...]] = {
    # Idébank 2024, "Berørte fagområder" (nine areas)
    "udsatte voksne & borgere med handicap": ("social",),
    # B17 catalogue (KL, April 2016): "Det specialiserede socialområde" covers adults and
    # children with special needs; it maps to "social" as a whole (the heading is kept).
    "det specialiserede socialomrade": ("social",),
    "skole, sfo og klub": ("skole",),
    "tvaergaende forslag": ("tvaergaaende",),
    # a department for vulnerable children and families, not all children's services
    "born og familie": ("udsatte_boern",),
    "born og familier": ("udsatte_boern",),
    "udsatte born og unge": ("udsatte_boern",),
    "udsatte born": ("udsatte_boern",),
    "udsatte voksne": ("social",),
    # FOA's budget database (spareforslag.dk): staff groups' areas
    "administration, teknik og service": ("administration", "teknik_miljoe"),
    "teknik og service": ("teknik_miljoe",),
    "teknisk service": ("teknik_miljoe",),
}

#: One part of a printed name (normalised, suffix and linking letter dropped) → sectors.
PARTS: dict[str, tuple[str, ...]] = {
    # day care
    "dagtilbud": ("dagtilbud",), "daginstitution": ("dagtilbud",), "daginstitutioner": ("dagtilbud",),
    "dagpleje": ("dagtilbud",), "vuggestuer": ("dagtilbud",),
    "bornehaver": ("dagtilbud",), "bornehave": ("dagtilbud",), "pasning": ("dagtilbud",),
    # schools, after-school care, clubs
    "skole": ("skole",), "skoler": ("skole",), "folkeskole": ("skole",), "folkeskoler": ("skole",),
    "sfo": ("skole",), "klub": ("skole",), "klubber": ("skole",),
    "fritidsklub": ("skole",), "fritidsklubber": ("skole",), "fritidshjem": ("skole",),
    "skolefritidsordning": ("skole",), "ungdomsskole": ("skole",),
    "undervisning": ("skole",), "specialundervisning": ("skole",), "uddannelse": ("skole",), "ppr": ("skole",),
    "specialskoler": ("skole",),
    # children and young people (a children's committee covers day care, school and family)
    "born": _CHILDREN, "unge": ("udsatte_boern",), "ungdom": ("udsatte_boern",),
    "familie": ("udsatte_boern",), "familier": ("udsatte_boern",),
    # social services, disability
    "social": ("social",), "socialomrade": ("social",), "handicap": ("social",), "psykiatri": ("social",),
    "socialpsykiatri": ("social",), "special": ("social",), "specialomrade": ("social",),
    "misbrug": ("social",), "voksne": ("social",), "voksenhandicap": ("social",), "sociale forhold": ("social",),
    # elderly care and health
    "aeldre": ("aeldre_sundhed",), "sundhed": ("aeldre_sundhed",), "omsorg": ("aeldre_sundhed",),
    "pleje": ("aeldre_sundhed",), "aeldrepleje": ("aeldre_sundhed",), "hjemmepleje": ("aeldre_sundhed",),
    "plejecentre": ("aeldre_sundhed",), "plejehjem": ("aeldre_sundhed",),
    "forebyggelse": ("aeldre_sundhed",), "genoptraening": ("aeldre_sundhed",),
    "rehabilitering": ("aeldre_sundhed",), "aeldreomsorg": ("aeldre_sundhed",), "sundhedspleje": ("aeldre_sundhed",),
    "tandpleje": ("aeldre_sundhed",), "bornetandpleje": ("aeldre_sundhed",),
    # culture and leisure
    "kultur": ("kultur_fritid",), "fritid": ("kultur_fritid",), "idraet": ("kultur_fritid",),
    "bibliotek": ("kultur_fritid",), "biblioteker": ("kultur_fritid",), "musikskole": ("kultur_fritid",),
    "folkeoplysning": ("kultur_fritid",),
    # technical services and environment
    "teknik": ("teknik_miljoe",), "miljo": ("teknik_miljoe",), "natur": ("teknik_miljoe",),
    "klima": ("teknik_miljoe",), "plan": ("teknik_miljoe",), "by": ("teknik_miljoe",),
    "land": ("teknik_miljoe",), "landskab": ("teknik_miljoe",), "veje": ("teknik_miljoe",),
    "vej": ("teknik_miljoe",), "park": ("teknik_miljoe",), "groenne omrader": ("teknik_miljoe",),
    "ejendomme": ("teknik_miljoe",), "ejendom": ("teknik_miljoe",), "bygninger": ("teknik_miljoe",),
    "forsyning": ("teknik_miljoe",), "affald": ("teknik_miljoe",), "beredskab": ("teknik_miljoe",),
    "trafik": ("teknik_miljoe",), "infrastruktur": ("teknik_miljoe",), "teknisk": ("teknik_miljoe",),
    "energi": ("teknik_miljoe",), "byg": ("teknik_miljoe",), "genbrug": ("teknik_miljoe",),
    # employment and business
    "beskaeftigelse": ("beskaeftigelse",), "jobcenter": ("beskaeftigelse",),
    "job": ("beskaeftigelse",), "erhverv": ("beskaeftigelse",), "integration": ("beskaeftigelse",),
    "arbejdsmarked": ("beskaeftigelse",), "arbejdsmarkedet": ("beskaeftigelse",), "turisme": ("beskaeftigelse",),
    "ydelser": ("beskaeftigelse",), "kontanthjaelp": ("beskaeftigelse",), "sygedagpenge": ("beskaeftigelse",),
    "overforselsindkomster": ("beskaeftigelse",),
    # administration and central services
    "administration": ("administration",), "okonomi": ("administration",), "koncernservice": ("administration",),
    "borgerservice": ("administration",), "it": ("administration",), "digitalisering": ("administration",),
    "hr": ("administration",), "personale": ("administration",), "indkob": ("administration",),
    "ledelse": ("administration",), "stab": ("administration",), "staben": ("administration",),
    "direktion": ("administration",), "sekretariat": ("administration",), "politisk organisation": ("administration",),
    "administrativ organisation": ("administration",), "styring": ("administration",), "lon": ("administration",),
    "faellesservice": ("administration",),
    # cross-cutting
    "tvaergaende": ("tvaergaaende",), "tvaergaende omrader": ("tvaergaaende",),
    "tvaergaende effektiviseringer": ("tvaergaaende",), "tvaergaende initiativer": ("tvaergaaende",),
}

#: Organisational suffixes (normalised) dropped from a name or a part: "Ældreområdet" → "aeldre".
SUFFIXES = ("udvalget", "udvalg", "omraderne", "omradet", "omrade", "forvaltningen", "forvaltning",
            "afdelingen", "afdeling", "sektoren", "centret", "centeret")
_SUFFIX = re.compile(r"(?<=\S)\s?(?:" + "|".join(SUFFIXES) + r")$")  # "Teknisk Udvalg" too
_PREFIX = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.):]?\s+|(?:udvalget|center|centret|afdelingen|afdeling|"
                     r"forvaltningen|omradet|staben|sekretariatet) for\s+)")
_SPLIT = re.compile(r"\s*(?:,|&|/|\bog\b|\bsamt\b)\s*")


def normalise(printed: str) -> str:
    """The comparable form of a printed name: 'Børne- og Uddannelsesudvalget' → 'borne og uddannelsesudvalget'."""
    s = printed.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("é", "e"), ("\u00a0", " "), ("–", "-")):
        s = s.replace(a, b)
    s = re.sub(r"\s+", " ", s).strip(" .:;,")
    s = re.sub(r"(\w)-(?=\s*(?:,|og\b|&|samt\b))", r"\1", s)  # "børne- og" → "borne og"
    prev = None
    while prev != s:  # "Udvalget for 3. Ældre": drop every leading prefix
        prev, s = s, _PREFIX.sub("", s)
    return s


def _part(part: str) -> tuple[str, ...] | None:
    """Sectors of one part of a name, or None when the part is unknown."""
    bare = _SUFFIX.sub("", part).strip(" -")
    for cand in (part, bare, bare[:-1] if bare.endswith(("s", "e", "n")) else None):  # "-s-", "Børne-", "-en"
        if cand and cand in PARTS:
            return PARTS[cand]
        if cand and cand in NAMES:
            return NAMES[cand]
    return None


#: The canonical keys and labels (normalised) → their key: they map to themselves.
_OWN = {n: (k,) for k, da, en in SECTORS for n in (k, normalise(da), normalise(en))}


@functools.lru_cache(maxsize=4096)
def sectors_for(printed: str) -> tuple[str, ...]:
    """The canonical sectors a printed name stands for, in canonical order; () when unknown."""
    name = normalise(printed)
    if not name:
        return ()
    found = NAMES.get(name)
    if found is None:
        found = NAMES.get(_SUFFIX.sub("", name).strip(" -"))
    if found is None:
        found = _OWN.get(name)
    if found is None:
        parts = [p for p in _SPLIT.split(_SUFFIX.sub("", name)) if p]
        mapped = [_part(p) for p in parts]
        if parts and all(m is not None for m in mapped):
            found = tuple(k for m in mapped if m is not None for k in m)
    return tuple(k for k in _KEYS if k in (found or ()))


def canonical(printed: str) -> str | None:
    """The one canonical key for a printed name, or None when it is unknown or stands for
    several sectors (use :func:`sectors_for` or :func:`tags` for those)."""
    found = sectors_for(printed)
    return found[0] if len(found) == 1 else None


def tags(printed: str) -> list[SectorTag]:
    """One tag per canonical sector of a printed name, each keeping the name as printed;
    one tag with ``sector`` None when the name is unknown (the normaliser warns, the
    sources page lists it)."""
    shown = re.sub(r"\s+", " ", printed).strip()
    found = sectors_for(shown)
    return [SectorTag(k, shown) for k in found] if found else [SectorTag(None, shown)]
