"""Small text helpers every layout parser needs (whitespace, wrapped lines, pages).

Numbers are read in :mod:`etl.core.numbers`."""
from __future__ import annotations

import re


def squash(text: str) -> str:
    """Collapse runs of whitespace (PDF-to-text pads and wraps freely). ``str.split`` splits at
    exactly the characters ``\\s`` matches, at a third of the regex's cost per table cell."""
    squashed = " ".join(text.split())
    return text if squashed == text else squashed  # the original object: no second copy of a long cell


#: Rows whose text is looked at in one piece by :func:`squash_rows`.
_CHUNK = 4096


def _squashed(text: str) -> bool:
    """Whether ``text`` (cells joined by "|") is made of cells that are their own squash: every
    whitespace character but the space is unprintable, and no space doubles, starts or ends a
    cell. (An unprintable character that is not whitespace only sends the text the slow way.)"""
    return (text.isprintable() and "  " not in text and "| " not in text and " |" not in text
            and text[:1] != " " and text[-1:] != " ")


def squash_rows(rows: list[list[str]]) -> list[list[str]]:
    """Every cell of a table squashed (:func:`squash`), each cell once: ``rows`` itself when no
    cell needs it (the common case: a spreadsheet's cells are already stripped; checked in C a
    few thousand rows at a time), else a list in which each row that needs it is a squashed
    copy (the other rows are shared)."""
    out: list[list[str]] | None = None
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        if _squashed("|".join(map("|".join, chunk))):
            continue
        if out is None:
            out = list(rows)
        for k, row in enumerate(chunk, start=start):
            if not _squashed("|".join(row)):
                out[k] = [squash(c) for c in row]
    return rows if out is None else out


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines; a trailing hyphen before a lower-case continuation is a
    hyphenation ("admi-" + "nistrationen"), otherwise lines join with a space."""
    out = ""
    for part in (squash(p) for p in parts):
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out = out[:-1] + part
        elif out:
            out += " " + part
        else:
            out = part
    return out


def line_pages(text: str) -> list[int]:
    """Page number (1-based) of every line of ``text``, indexed like ``text.splitlines()``.

    A PDF's text is its pages joined by form feeds, and ``splitlines`` also breaks
    at a form feed, so line numbers and pages both come from the same split: a
    line that ends in ``\\f`` closes its page. Plain text without form feeds is page 1."""
    pages, page = [], 1
    for line in text.splitlines(keepends=True):
        pages.append(page)
        if line.endswith("\f"):
            page += 1
    return pages


def paragraph_view(doc):
    """For a PDF: (a copy of ``doc`` whose text has one paragraph per line, the function that
    maps its 1-based line numbers back to the document's own lines) — the form of a layout
    whose text export prints every paragraph on one line (the B17 catalogue). None otherwise."""
    layout = getattr(doc, "layout", None)
    if layout is None:
        return None
    import copy

    text, starts = layout.paragraphs()
    view = copy.copy(doc)
    view.text = text
    view.pages = text.split("\f")

    def line(n: int | None) -> int | None:
        return None if n is None or not 1 <= n <= len(starts) else starts[n - 1] + 1

    return view, line


def remap_lines(parsed, line) -> None:
    """Apply ``line`` (see :func:`paragraph_view`) to every line number in a parsed document."""
    for ini in parsed.initiatives:
        for a in ini.appearances:
            a.line = line(a.line)
    for item in [*parsed.warnings, *parsed.targets]:
        item.line = line(item.line)


def pdf_running_titles(doc) -> list[str]:
    """A PDF's running header/footer texts (its title, subtitle), which its layout text
    leaves out as page furniture; [] for other documents."""
    layout = getattr(doc, "layout", None)
    return list(layout.running_titles) if layout is not None else []


def pdf_line(doc, page: int | None, top: float | None) -> int | None:
    """The 1-based line of a PDF's layout text printed at ``top`` on ``page`` (None if unknown)."""
    layout = getattr(doc, "layout", None)
    if layout is None or page is None or top is None:
        return None
    best = min(((abs(o.top - top), k) for k, o in enumerate(layout.origins) if o.page == page and o.top is not None),
               default=None)
    return best[1] + 1 if best is not None and best[0] < 3 else None


def pdf_tables(doc) -> list:
    """A PDF's ruled tables, cell by cell (:class:`etl.pdf_layout.RuledTable`); [] otherwise."""
    layout = getattr(doc, "layout", None)
    return list(layout.tables) if layout is not None else []


# --------------------------------------------------------------------------- adoption

#: Whole cell values that say yes / no (a "Vedtaget" column: "Ja", "x", "1").
_YES_EXACT = {"ja", "j", "yes", "y", "x", "true", "sand", "1"}
_NO_EXACT = {"nej", "n", "no", "false", "falsk", "0"}
#: Words in a status that say the proposal was rejected, adopted, or is not decided yet.
#: Rejection is looked for first ("ikke vedtaget" contains "vedtaget").
_REJECTED = re.compile(r"\b(?:ikke|ej)\s+(?:\w+\s+)?(?:vedtaget|godkendt|gennemført|besluttet|indarbejdet|"
                       r"prioriteret|indstillet)\b|\bforkast\w*|\bafvist\b|\bnedstemt\b|\bdroppet\b|\budgået\b|"
                       r"\bbortfaldet\b|\btrukket tilbage\b|\btaget af bordet\b|\bannulleret\b|\bnot adopted\b|"
                       r"\brejected\b|\bdropped\b", re.IGNORECASE)
_ADOPTED = re.compile(r"\b(?:delvist\s+)?vedtaget\b|\bgodkendt\b|\bgennemført\b|\bimplementeret\b|\bbesluttet\b|"
                      r"\bindarbejdet\b|\bindgår i budget\w*|\bigangsat\b|\bi gang\b|\bunder implementering\b|"
                      r"\badopted\b|\bapproved\b|\bimplemented\b", re.IGNORECASE)
_UNDECIDED = re.compile(r"^\W*(?:forslag|nyt forslag|under behandling|til behandling|til politisk behandling|"
                        r"i høring|sendt i høring|afventer|udsat|til drøftelse|under overvejelse|ubehandlet|"
                        r"ikke behandlet|under udarbejdelse|proposal|proposed|pending)\b", re.IGNORECASE)


def adoption(text: str | None) -> tuple[bool | None, bool]:
    """Whether a proposal was adopted, from a yes/no cell or a status as printed.

    Returns (adopted, understood): "Ja", "Vedtaget", "Gennemført", "Delvist vedtaget",
    "Indgår i budgetaftalen" → True; "Nej", "Ikke vedtaget", "Forkastet", "Afvist" →
    False; "Forslag", "Under behandling", "I høring" → None, understood (not decided
    yet); anything else → None, not understood (the caller warns)."""
    s = squash(text or "").strip(" .!")
    low = s.lower()
    if not low:
        return None, False
    if low in _YES_EXACT:
        return True, True
    if low in _NO_EXACT:
        return False, True
    if _REJECTED.search(s):
        return False, True
    if _UNDECIDED.search(s):
        return None, True
    if _ADOPTED.search(s):
        return True, True
    return None, False


#: The bodies whose decision a line about a whole list reports.
_BODY = r"(?:byrådet|kommunalbestyrelsen|borgerrepræsentationen|udvalget)"
#: A line above or below a whole list that states its decision: a body and a verb
#: ("Udvalget forkastede alle forslag") or a heading ("Vedtagne spareforslag"). Stricter
#: than a status cell: a heading line must not be read as a decision because it contains
#: "godkendt" somewhere (etl.table_context reads the lines around a table with it).
_LIST_ADOPTED = re.compile(r"^\W*(?:vedtaget|vedtagne\s+\w*forslag|godkendte\s+\w*forslag|vedtaget\s+budget)\b|"
                           r"\b" + _BODY + r"\s+(?:har\s+)?"
                           r"(?:vedtaget|vedtog|godkendt|godkendte)\b|\bgodkendt\s+af\s+(?:byrådet|kommunalbestyrelsen|"
                           r"udvalget)", re.I)
_LIST_REJECTED = re.compile(r"\b" + _BODY + r"\s+(?:har\s+)?"
                            r"(?:forkastede|forkastet|afviste|afvist)\b|\bikke\s+vedtagne?\b|"
                            r"^\W*(?:forkastede|afviste)\s+\w*forslag|\balle\s+forslag\w*\s+(?:blev\s+)?"
                            r"(?:forkastet|afvist)", re.I)


def decision_in(text: str) -> bool | None:
    """A whole list marked adopted ('Vedtaget', 'Vedtagne spareforslag') or rejected
    ('Udvalget forkastede alle forslag'); None when the line says neither."""
    if _LIST_REJECTED.search(text):
        return False
    if _LIST_ADOPTED.search(text):
        return True
    return None


# --------------------------------------------------------------------------- names and titles

_MUNI_SPLIT = re.compile(r"\s*(?:[,;/&]|\bog\b|\band\b)\s*")
_KOMMUNE = re.compile(r"\s+(kommune|kommunes|municipality)$", re.IGNORECASE)


def municipality_names(text: str) -> list[str]:
    """Municipality names in a cell, without "Kommune": "Ballerup og Furesø Kommune" → two."""
    names = [_KOMMUNE.sub("", squash(p)) for p in _MUNI_SPLIT.split(text)]
    return [n for n in dict.fromkeys(names) if n]


_CLAUSE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ0-9\"“]|\s*$)|\s+[-–—]\s+|:\s+|;\s+")
#: Abbreviations whose full stop does not end a sentence ("ca. 5 pct. færre").
_ABBREVIATIONS = {"ca", "pct", "mio", "mia", "kr", "t.kr", "tkr", "inkl", "ekskl", "bl.a", "f.eks", "jf", "mv", "m.v",
                  "nr", "stk", "evt", "dvs", "ift", "vedr", "kl", "pr", "incl", "approx", "e.g", "i.e"}


def first_clause(text: str, max_len: int = 120) -> str:
    """The title a description gives when a list has no title column: its first sentence,
    or the part before " – " / ":" ("Madservice med udbringning - Ændring af …" →
    "Madservice med udbringning"), cut at a word boundary after ``max_len`` characters."""
    s = squash(text)
    head = s.rstrip(".")
    for m in _CLAUSE_END.finditer(s):
        word = s[:m.start()].rsplit(" ", 1)[-1].lower()
        if m.group().startswith(".") and (word in _ABBREVIATIONS or len(word) < 2):
            continue
        if m.start() >= 3:
            head = s[:m.start()].strip()
            break
    if len(head) > max_len:
        head = head[:max_len].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return head
