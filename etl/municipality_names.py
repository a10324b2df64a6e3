"""The 98 Danish municipalities by name, and matching the ways people write them.

A table's caption says "Københavns Kommune", a file is called "spareforslag_aarhus_2019.csv",
a column "Sted" holds "Aabenraa" or "Ældreområdet": the ETL needs to know which words are
municipalities. The names are those of data/reference/municipalities.csv (the planner's
population table), in their common forms."""
from __future__ import annotations

import re
import unicodedata

NAMES: tuple[str, ...] = (
    "København", "Frederiksberg", "Ballerup", "Brøndby", "Dragør", "Gentofte", "Gladsaxe", "Glostrup", "Herlev",
    "Albertslund", "Hvidovre", "Høje-Taastrup", "Lyngby-Taarbæk", "Rødovre", "Ishøj", "Tårnby", "Vallensbæk",
    "Furesø", "Allerød", "Fredensborg", "Helsingør", "Hillerød", "Hørsholm", "Rudersdal", "Egedal",
    "Frederikssund", "Greve", "Køge", "Halsnæs", "Roskilde", "Solrød", "Gribskov", "Odsherred", "Holbæk", "Faxe",
    "Kalundborg", "Ringsted", "Slagelse", "Stevns", "Sorø", "Lejre", "Lolland", "Næstved", "Guldborgsund",
    "Vordingborg", "Bornholm", "Middelfart", "Assens", "Faaborg-Midtfyn", "Kerteminde", "Nyborg", "Odense",
    "Svendborg", "Nordfyns", "Langeland", "Ærø", "Haderslev", "Billund", "Sønderborg", "Tønder", "Esbjerg", "Fanø",
    "Varde", "Vejen", "Aabenraa", "Fredericia", "Horsens", "Kolding", "Vejle", "Herning", "Holstebro", "Lemvig",
    "Struer", "Syddjurs", "Norddjurs", "Favrskov", "Odder", "Randers", "Silkeborg", "Samsø", "Skanderborg",
    "Aarhus", "Ikast-Brande", "Ringkøbing-Skjern", "Hedensted", "Morsø", "Skive", "Thisted", "Viborg",
    "Brønderslev", "Frederikshavn", "Vesthimmerlands", "Læsø", "Rebild", "Mariagerfjord", "Jammerbugt", "Aalborg",
    "Hjørring",
)


def name_key(name: str) -> str:
    """A matching key: case, "Kommune", hyphens and spaces, å/aa, ø/oe, æ/ae and one trailing
    genitive s do not matter ("Københavns Kommune" = "København", "Nordfyn" = "Nordfyns")."""
    s = unicodedata.normalize("NFC", name).strip().lower()
    s = re.sub(r"\b(regions)?kommunes?\b", "", s)
    s = re.sub(r"[\s\-–.]+", "", s).replace("å", "aa").replace("ø", "oe").replace("æ", "ae")
    return s[:-1] if s.endswith("s") and len(s) > 3 else s


_BY_KEY = {name_key(n): n for n in NAMES}


def municipality(text: str | None) -> str | None:
    """The municipality a whole text names ("Københavns Kommune", "aarhus", "Nordfyn"), or None."""
    if not text or len(text) > 40:
        return None
    return _BY_KEY.get(name_key(text))
