"""B17 catalogue, stage 1: where the body starts and where each example starts and ends.

The reading-guide box (or the 2016 lists) names the sector and type headings;
the body starts at the first sector heading after the table of contents; an
example runs from its title line to its *Kommune:* line and the contact lines
after it. Nothing here interprets a field: :class:`Printing` holds the lines of
each labelled block as printed, for :mod:`etl.parse.b17.fields`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.core.model import Code, ParseWarning
from etl.parse.common import squash

#: Fallbacks when the document has no "Sektor / Effektiviseringstyper" box.
DEFAULT_SECTORS = ["Tværgående forslag", "Administration", "Beskæftigelse", "Dagtilbud",
                   "Det specialiserede socialområde", "Kultur og fritid", "Skole, SFO og klub", "Sundhed",
                   "Teknik og miljø", "Ældre"]
DEFAULT_TYPES = ["Strukturtilpasninger", "Organisatoriske tilpasninger", "Bedre tilrettelæggelse af arbejdet",
                 "Digitalisering og ny teknologi", "Tilpasning af ydelser", "Omlægning af servicetilbud",
                 "Konkurrenceudsættelse og indkøb", "Hjemtagelse af ydelser", "Energibesparende foranstaltninger",
                 "Incitament og styringsmodel"]

_TOC_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:\.{2,}|\t|\s{2,})\s*\.*\s*(?P<page>\d{1,3})\s*$")
_BOX_HEAD = re.compile(r"^\s*Sektor(?:er)?\s*\t+\s*Effektiviseringstyper?\s*$", re.IGNORECASE)

_L_GAIN = re.compile(r"^Forventet\s*(?:/\s*realiseret)?\s*(?:økonomisk gevinst|resultat|effekt|besparelse)?\s*:?\s*$",
                     re.IGNORECASE)
_L_OTHER = re.compile(r"^Andre effekter\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_L_BARRIERS = re.compile(r"^Oplevede barrierer\s*:?\s*$", re.IGNORECASE)
_L_FEAS = re.compile(r"^Realiserbarhed\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_L_STATUS = re.compile(r"^Status(?:\s+(?:pr\.\s+)?\d{1,2}\.\s+\w+\s+\d{4})?\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE)
_L_ABOUT = re.compile(r"^Om casen\s*:?\s*$", re.IGNORECASE)
_L_MUNI = re.compile(r"^Kommun(?:e|er)\s*:\s*(?P<rest>.*)$")
_L_CONTACT = re.compile(r"^Kontaktperson(?:er)?\b", re.IGNORECASE)
_FEAS_VALUE = re.compile(r"(?:realisere|Realiserbarhed)\s*:?\s*(?:skala\s*)?"
                         r"(?P<v>[1-3](?:,5)?(?:\s*[-–]\s*[1-3])?)(?![\d,])", re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:(?:tlf|telefon|mobil|direkte)\.?:?\s*)?(?:\+45\s?)?\b\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b",
                    re.IGNORECASE)


def heading_key(text: str) -> str:
    """Heading/title comparison key: case, punctuation, plural -er and '/' vs 'og' ignored."""
    s = text.lower().replace("/", " og ").replace("²", "2")
    words = re.findall(r"[a-z0-9æøåéü]+", s)
    return " ".join(w[:-2] if w.endswith("er") and len(w) > 6 else w for w in words)


def is_toc_entry(line: str) -> bool:
    return bool(_TOC_ENTRY.match(line.strip())) and not line.strip().startswith(("Kommune", "Kontakt"))


@dataclass
class Headings:
    """Sector and type headings of one catalogue, matched by :func:`_key`."""

    sectors: dict[str, str] = field(default_factory=dict)  # key → printed name
    types: dict[str, str] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)  # key → first spelling in the body

    def kind(self, line: str) -> tuple[str, str] | None:
        k = heading_key(line)
        if not k or len(line) > 80:
            return None
        if k in self.sectors:
            return "sector", self.sectors[k]
        if k in self.types:
            return "type", self.types[k]
        return None


_BOX_SECTORS = re.compile(r"^\s*Sektor(?:er)?\s*$", re.IGNORECASE)
_BOX_TYPES = re.compile(r"^\s*Effektiviseringstyper?\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\d{1,2}\.\s+(.+?)\s*$")


def _numbered_after(lines: list[str], head: re.Pattern) -> list[str]:
    """The numbered entries right below the first line that is ``head`` ("1. Dagtilbud", …)."""
    start = next((i for i, ln in enumerate(lines) if head.match(ln)), None)
    out: list[str] = []
    for ln in lines[start + 1:] if start is not None else []:
        m = _NUMBERED.match(ln)
        if m:
            out.append(squash(m.group(1)))
        elif ln.strip() or out:
            break
    return out


def headings(lines: list[str]) -> Headings:
    """Sector/type names from the reading-guide box ("Sektor | Effektiviseringstyper",
    numbered rows, sector left and type right; or its two columns one after the other, as
    a PDF's layout text gives them), else the 2016 catalogue's lists."""
    sectors: list[str] = []
    types: list[str] = []
    start = next((i for i, ln in enumerate(lines) if _BOX_HEAD.match(ln)), None)
    if start is None:
        sectors, types = _numbered_after(lines, _BOX_SECTORS), _numbered_after(lines, _BOX_TYPES)
    else:
        for ln in lines[start + 1:]:
            if not ln.strip():
                break
            cells = ln.split("\t")
            for col, cell in enumerate(cells[:2]):
                m = re.match(r"^\s*\d{1,2}\.\s+(.+?)\s*$", cell)
                if m:
                    (sectors if col == 0 else types).append(squash(m.group(1)))
    if len(sectors) < 2 or len(types) < 2:
        sectors, types = DEFAULT_SECTORS, DEFAULT_TYPES
    h = Headings()
    for s in sectors:
        h.sectors[heading_key(s)] = s
    for t in types:
        h.types[heading_key(t)] = t
    return h


# --------------------------------------------------------------------------- examples


@dataclass
class Printing:
    """One printed example, as cut from the text (before interpretation)."""

    title: str
    line: int  # 1-based line of the title
    sector: str | None
    mtype: str | None
    description: list[str] = field(default_factory=list)
    gain: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    other: list[str] = field(default_factory=list)
    feasibility: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    municipality: str | None = None
    muni_line: int | None = None
    has_contact: bool = False


def body_start(lines: list[str], heads: Headings) -> tuple[int, int]:
    """(index of the first body heading, number of TOC entries). The body starts
    at the first line after the table of contents that is exactly a sector heading."""
    toc_start = next((i for i, ln in enumerate(lines) if ln.strip().lower() == "indholdsfortegnelse"), None)
    last_toc, n_toc = -1, 0
    if toc_start is not None:
        for i in range(toc_start + 1, len(lines)):
            s = lines[i].strip()
            if not s:
                continue
            if is_toc_entry(s):
                last_toc, n_toc = i, n_toc + 1
            elif n_toc and i - last_toc > 3:
                break
    for i in range(last_toc + 1, len(lines)):
        hk = heads.kind(lines[i].strip())
        if hk and hk[0] == "sector":
            return i, n_toc
    return -1, n_toc


def _contact_line(s: str) -> bool:
    return bool(_L_CONTACT.match(s) or _EMAIL.search(s) or s.startswith(("og ", "samt "))
                or _PHONE.fullmatch(s.strip()))


def split(lines: list[str], heads: Headings, start: int, warnings: list[ParseWarning]) -> list[Printing]:
    """Cut the body into printings, tracking the current sector and type heading."""
    out: list[Printing] = []
    sector = mtype = None
    i, n = start, len(lines)
    while i < n:
        s = lines[i].strip()
        if not s or not re.search(r"\w", s):  # blank or a stray "--"
            i += 1
            continue
        hk = heads.kind(s)
        if hk:
            # the body's spelling wins over the reading-guide box ("Incitament/styringsmodel")
            name = heads.printed.setdefault(heading_key(s), squash(s))
            if hk[0] == "sector":
                sector, mtype = name, None
            else:
                mtype = name
            i += 1
            continue
        p, i = _read_example(lines, i, heads, sector, mtype, warnings)
        out.append(p)
    return out


def _read_example(lines, i, heads, sector, mtype, warnings) -> tuple[Printing, int]:
    p = Printing(title=squash(lines[i]), line=i + 1, sector=sector, mtype=mtype)
    block = "description"
    j, n = i + 1, len(lines)
    while j < n:
        raw = lines[j]
        s = raw.strip()
        if not s:
            j += 1
            continue
        if p.municipality is not None:
            # after Kommune: only contact lines belong to this example
            if _contact_line(s):
                p.has_contact = p.has_contact or bool(_L_CONTACT.match(s)) or bool(_EMAIL.search(s))
                j += 1
                while j < n and lines[j].strip():  # the contact paragraph wrapped (a PDF's layout)
                    j += 1
                continue
            break
        if heads.kind(s) and block != "description" or (heads.kind(s) and p.gain):
            warnings.append(ParseWarning(Code.BLOCK_MISSING,
                                         "example has no 'Kommune:' line; it ends at the next heading",
                                         field="municipality", text=p.title, line=p.line))
            break
        m = _L_MUNI.match(s)
        if m:
            p.municipality, p.muni_line = squash(m.group("rest")), j + 1
            j += 1
            continue
        if _L_GAIN.match(s) and block in ("description", "gain") and not p.gain:
            block = "gain"
        elif ((m := _L_OTHER.match(s)) and block != "other"
              and (not m.group("rest") or s.startswith("Andre effekter:"))):
            block = "other"
            if m.group("rest"):
                p.other.append(m.group("rest"))
        elif _L_BARRIERS.match(s) and block == "other":
            p.other.append(s)
        elif (m := _L_FEAS.match(s)) and not s.lower().startswith("realiserbarheden"):
            block = "feasibility"
            if m.group("rest"):
                p.feasibility.append(m.group("rest"))
        elif (m := _L_STATUS.match(s)) and block in ("feasibility", "other", "gain", "description"):
            block = "status"
            if m.group("rest"):
                p.status.append(m.group("rest"))
        elif _L_ABOUT.match(s):
            block = "about"
        elif block == "gain":
            p.gain.append((j + 1, raw))
        else:
            getattr(p, block).append(raw)
        j += 1
    return p, j


def catalogue_start(lines: list[str]) -> int:
    """Index where the catalogue (cover/TOC) begins; before it is the memo."""
    for i, ln in enumerate(lines):
        if re.match(r"^\s*B\d{2}-KATALOG\s*$", ln, re.IGNORECASE):
            return i
    toc = next((i for i, ln in enumerate(lines) if ln.strip().lower() == "indholdsfortegnelse"), 0)
    return toc


