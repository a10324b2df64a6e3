"""Values the whole app agrees on, defined once: the plausible years, the UI languages.

Everything that checks a year (URL parameters, sidebar inputs, chart clicks) or a language
(URL, sidebar switch, number formats) imports them from here. The explorer's sort keys live
with the SQL that whitelists them (``app.queries.SORT_KEYS``)."""
from __future__ import annotations

#: A year outside this range is a misread number, not a year: the ETL's own bounds, so a URL or
#: a click accepts exactly the years the database can hold.
from etl.core.numbers import YEAR_MAX, YEAR_MIN

__all__ = ["DEFAULT_LANG", "LANGS", "LANG_NAMES", "LOCALE", "YEAR_MAX", "YEAR_MIN", "known_lang"]

#: UI languages, the default first; the name each is offered under in the language switch.
LANGS: tuple[str, ...] = ("da", "en")
DEFAULT_LANG = LANGS[0]
LANG_NAMES = {"da": "Dansk", "en": "English"}
#: Babel locale of each language (number formats).
LOCALE = {"da": "da_DK", "en": "en_GB"}


def known_lang(value: object) -> str:
    """``value`` if it names a UI language, else the default."""
    return value if isinstance(value, str) and value in LANGS else DEFAULT_LANG
