"""The canonical sector list and how printed sector names map onto it.

Catalogues name their areas differently (Idébank: "Daginstitutioner", B17:
"Dagtilbud"); "savings per sector" can only compare catalogues through one
list. The printed name is always kept beside the canonical key."""
from __future__ import annotations

import functools
import re

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

#: Printed names (normalised by :func:`_norm`) → canonical key. Extend here when a
#: new catalogue prints a new name; docs/schema.md documents this mapping.
_MAP = {
    # Idébank 2024, "Berørte fagområder" (nine areas)
    "daginstitutioner": "dagtilbud",
    "skoler": "skole",
    "udsatte born": "udsatte_boern",
    "udsatte voksne & borgere med handicap": "social",
    "aeldre & sundhed": "aeldre_sundhed",
    "kultur & fritid": "kultur_fritid",
    "teknik & miljo": "teknik_miljoe",
    "beskaeftigelse & erhverv": "beskaeftigelse",
    "administration": "administration",
    # B17 catalogue (KL, April 2016), its ten sector headings. "Det specialiserede
    # socialområde" covers adults and children with special needs; it maps to
    # "social" (the printed heading is kept beside it). "Sundhed" and "Ældre" both
    # map to "aeldre_sundhed".
    "tvaergaende forslag": "tvaergaaende",
    "beskaeftigelse": "beskaeftigelse",
    "dagtilbud": "dagtilbud",
    "det specialiserede socialomrade": "social",
    "kultur og fritid": "kultur_fritid",
    "skole, sfo og klub": "skole",
    # "Sundhed", "Teknik og miljø" and "Ældre" are matched by the generic entries below.
    # generic tables
    "aeldre": "aeldre_sundhed",
    "sundhed": "aeldre_sundhed",
    "aeldre og sundhed": "aeldre_sundhed",
    "teknik og miljo": "teknik_miljoe",
    "born og unge": "udsatte_boern",
    "udsatte born og unge": "udsatte_boern",
    "skole": "skole",
    "tvaergaende": "tvaergaaende",
}


def _norm(name: str) -> str:
    s = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace(" og ", " og ")
    s = re.sub(r"\s+", " ", s).strip(" .:")
    return s


@functools.lru_cache(maxsize=4096)
def canonical(printed: str) -> str | None:
    """Canonical key for a printed sector name, or None when unknown (cached: a table of
    100,000 rows names a handful of sectors)."""
    key = _norm(printed)
    if key in _MAP:
        return _MAP[key]
    for k, _, en in SECTORS:  # canonical keys and labels map to themselves
        if key in (k, _norm(en)):
            return k
    for k, da, _ in SECTORS:
        if key == _norm(da):
            return k
    return None
