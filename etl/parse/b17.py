"""KL's *B17-katalog* (April 2016): examples of efficiency initiatives.

Layout (text extraction of the PDF): an optional cover memo, a table of
contents (lines ending in a page number), an introduction with a box listing
the ten sectors and ten efficiency types, then the body: sector headings,
efficiency-type headings under each sector, and under them the examples. An
example is a title line, a description, labelled blocks (*Forventet/realiseret
økonomisk gevinst*, *Andre effekter*, *Realiserbarhed*, *Status*, *Om casen*)
and ends with *Kommune:* and *Kontaktperson:*. An example printed under two
headings is one initiative with two appearances (key = title + municipalities).

Contact persons are personal data: their lines are consumed and dropped here,
and :func:`redact` strips e-mail addresses and phone numbers from everything
kept. The text has no page markers, so ``page`` is None and ``line`` (1-based
line of the title) is the provenance.

The gain prose is read by :func:`read_gains` (bottom of this module).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.errors import InputError
from etl.model import Appearance, Initiative, ParsedDocument, ParseWarning, SectorTag, merge_printings
from etl.parse.common import join_wrapped, squash
from etl.sectors import canonical

FORMAT = "b17"

#: Fallbacks when the document has no "Sektor / Effektiviseringstyper" box.
DEFAULT_SECTORS = ["Tværgående forslag", "Administration", "Beskæftigelse", "Dagtilbud",
                   "Det specialiserede socialområde", "Kultur og fritid", "Skole, SFO og klub", "Sundhed",
                   "Teknik og miljø", "Ældre"]
DEFAULT_TYPES = ["Strukturtilpasninger", "Organisatoriske tilpasninger", "Bedre tilrettelæggelse af arbejdet",
                 "Digitalisering og ny teknologi", "Tilpasning af ydelser", "Omlægning af servicetilbud",
                 "Konkurrenceudsættelse og indkøb", "Hjemtagelse af ydelser", "Energibesparende foranstaltninger",
                 "Incitament og styringsmodel"]

_TOC_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:\.{2,}|\t|\s{2,})\s*\.*\s*(?P<page>\d{1,3})\s*$")
_BOX_ROW = re.compile(r"^\s*(?P<n1>\d{1,2})\.\s+(?P<sector>[^\t]+?)\s*\t+\s*(?P<n2>\d{1,2})\.\s+(?P<type>.+?)\s*$")

_L_GAIN = re.compile(r"^Forventet\s*(?:/\s*realiseret)?\s*(?:økonomisk gevinst|resultat|effekt|besparelse)?\s*:?\s*$",
                     re.IGNORECASE)
_L_OTHER = re.compile(r"^Andre effekter\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_L_BARRIERS = re.compile(r"^Oplevede barrierer\s*:?\s*$", re.IGNORECASE)
_L_FEAS = re.compile(r"^Realiserbarhed\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_L_STATUS = re.compile(r"^Status(?:\s+(?:pr\.\s+)?\d{1,2}\.\s+\w+\s+\d{4})?\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE)
_L_ABOUT = re.compile(r"^Om casen\s*:?\s*$", re.IGNORECASE)
_L_MUNI = re.compile(r"^Kommun(?:e|er)\s*:\s*(?P<rest>.*)$")
_L_CONTACT = re.compile(r"^Kontaktperson(?:er)?\b", re.IGNORECASE)
_FEAS_VALUE = re.compile(r"(?:realisere|Realiserbarhed)\s*:?\s*(?:skala\s*)?(?P<v>[1-3](?:,5)?(?:\s*[-–]\s*[1-3])?)(?![\d,])",
                         re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:(?:tlf|telefon|mobil|direkte)\.?:?\s*)?(?:\+45\s?)?\b\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b",
                    re.IGNORECASE)


def redact(text: str | None) -> str | None:
    """Remove e-mail addresses and phone numbers (with their '(...)')."""
    if text is None:
        return None
    out = re.sub(r"\(\s*" + _EMAIL.pattern + r"\s*\)", "", text)
    out = _EMAIL.sub("", out)
    out = re.sub(r"\b(?:tlf|telefon|mobil|direkte)\.?:?\s*(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b", "", out,
                 flags=re.IGNORECASE)
    out = re.sub(r"[ \t]+([.,;)])", r"\1", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def _key(text: str) -> str:
    """Heading/title comparison key: case, punctuation, plural -er and '/' vs 'og' ignored."""
    s = text.lower().replace("/", " og ").replace("²", "2")
    words = re.findall(r"[a-z0-9æøåéü]+", s)
    return " ".join(w[:-2] if w.endswith("er") and len(w) > 6 else w for w in words)


def _is_toc_entry(line: str) -> bool:
    return bool(_TOC_ENTRY.match(line.strip())) and not line.strip().startswith(("Kommune", "Kontakt"))


@dataclass
class Headings:
    """Sector and type headings of one catalogue, matched by :func:`_key`."""

    sectors: dict[str, str] = field(default_factory=dict)  # key → printed name
    types: dict[str, str] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)  # key → first spelling in the body

    def kind(self, line: str) -> tuple[str, str] | None:
        k = _key(line)
        if not k or len(line) > 80:
            return None
        if k in self.sectors:
            return "sector", self.sectors[k]
        if k in self.types:
            return "type", self.types[k]
        return None


def _headings(lines: list[str]) -> Headings:
    """Sector/type names from the reading-guide box, else the 2016 catalogue's lists."""
    sectors, types = [], []
    for line in lines:
        m = _BOX_ROW.match(line)
        if m and m.group("n1") == m.group("n2"):
            sectors.append(squash(m.group("sector")))
            types.append(squash(m.group("type")))
    if len(sectors) < 3:
        sectors, types = DEFAULT_SECTORS, DEFAULT_TYPES
    h = Headings()
    for s in sectors:
        h.sectors[_key(s)] = s
    for t in types:
        h.types[_key(t)] = t
    return h


# --------------------------------------------------------------------------- detection


def detect(doc) -> float:
    """Score by the example blocks: Kommune:, Realiserbarhed and Forventet … gevinst."""
    text = doc.text or ""
    if not text:
        return 0.0
    n_muni = len(re.findall(r"(?m)^Kommuner?\s*:", text))
    n_feas = len(re.findall(r"(?m)^Realiserbarhed", text))
    n_gain = len(re.findall(r"(?m)^Forventet\s*/\s*realiseret økonomisk gevinst", text))
    n_contact = len(re.findall(r"(?m)^Kontaktperson", text))
    if min(n_muni, n_feas) == 0 or n_gain + n_contact == 0:
        return 0.0
    blocks = min(n_muni, n_feas, max(n_gain, n_contact))
    score = 0.6 + 0.1 * min(blocks, 3)
    if re.search(r"på en skala fra 1 til 3", text, re.IGNORECASE):
        score += 0.05
    return min(score, 1.0)


# --------------------------------------------------------------------------- splitting


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


def _body_start(lines: list[str], heads: Headings) -> tuple[int, int]:
    """(index of the first body heading, number of TOC entries). The body starts
    at the first line after the table of contents that is exactly a sector heading."""
    toc_start = next((i for i, ln in enumerate(lines) if ln.strip().lower() == "indholdsfortegnelse"), None)
    last_toc, n_toc = -1, 0
    if toc_start is not None:
        for i in range(toc_start + 1, len(lines)):
            s = lines[i].strip()
            if not s:
                continue
            if _is_toc_entry(s):
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
            name = heads.printed.setdefault(_key(s), squash(s))
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
                continue
            break
        if heads.kind(s) and block != "description" or (heads.kind(s) and p.gain):
            warnings.append(ParseWarning("example has no 'Kommune:' line; it ends at the next heading",
                                         field="municipality", text=p.title, line=p.line))
            break
        m = _L_MUNI.match(s)
        if m:
            p.municipality, p.muni_line = squash(m.group("rest")), j + 1
            j += 1
            continue
        if _L_GAIN.match(s) and block in ("description", "gain") and not p.gain:
            block = "gain"
        elif (m := _L_OTHER.match(s)) and block != "other" and (not m.group("rest") or s.startswith(("Andre effekter:",))):
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
        else:
            if block == "gain":
                p.gain.append((j + 1, raw))
            else:
                getattr(p, block if block != "description" else "description").append(raw)
        j += 1
    return p, j


# --------------------------------------------------------------------------- municipalities

_GENITIVE = {"Københavns": "København"}


def municipalities(text: str | None) -> list[str]:
    """"Aarhus Kommune og Silkeborg Kommune" → ["Aarhus", "Silkeborg"];
    "Roskilde, Sorø og Ringsted Kommuner" → three; a phrase naming no
    municipality ("samtlige kommuner i region …") → []."""
    if not text:
        return []
    s = squash(text).rstrip(".")
    if re.search(r"\b(?:samtlige|alle)\b", s, re.IGNORECASE):
        return []
    parts = re.split(r"\s*(?:,|\bog\b|&|\bsamt\b)\s*", s)
    out = []
    for part in parts:
        name = re.sub(r"\s+Kommun(?:e|er|es)\b.*$", "", part.strip()).strip()
        if not name or not name[0].isupper():
            continue
        name = _GENITIVE.get(name, name)
        if name not in out:
            out.append(name)
    return out


# --------------------------------------------------------------------------- assembling


def _paragraphs(raw: list[str]) -> str | None:
    """Lines to text: each non-empty line is a paragraph in this extraction,
    except a line ending in a hyphenation which continues on the next one."""
    paras: list[str] = []
    for ln in raw:
        s = squash(ln)
        if not s:
            continue
        if paras and (paras[-1].endswith("-") and s[:1].islower() or paras[-1][-1:].isalpha() and s[:1].islower()):
            paras[-1] = join_wrapped([paras[-1], s])
        else:
            paras.append(s)
    text = "\n".join(paras).strip()
    return redact(text) or None


def _feasibility(p: Printing) -> str | None:
    """The 1-3 value after "… vanskeligst at realisere:", possibly on the next line."""
    m = _FEAS_VALUE.search(squash(" ".join(p.feasibility[:2])))
    if m:
        return re.sub(r"\s*[-–]\s*", "-", m.group("v"))
    for s in p.feasibility:
        m = re.fullmatch(r"\s*([1-3](?:\s*[-–]\s*[1-3])?)\s*\.?", s)
        if m:
            return re.sub(r"\s*[-–]\s*", "-", m.group(1))
    return None


def _initiative(p: Printing, warnings: list[ParseWarning]) -> Initiative:
    munis = municipalities(p.municipality)
    if p.municipality is not None and not munis:
        warnings.append(ParseWarning("'Kommune:' names no municipality", field="municipality",
                                     text=p.municipality, line=p.muni_line, key=None))
    key = _key(p.title) + "|" + ",".join(munis)
    ini = Initiative(key=key, title=p.title, municipalities=munis)
    ini.description = _paragraphs(p.description)
    ini.other_effects = _paragraphs(p.other)
    ini.status = _paragraphs(p.status)
    ini.about = _paragraphs(p.about)
    ini.feasibility = _feasibility(p)
    if ini.feasibility is None:
        warnings.append(ParseWarning("no Realiserbarhed value (1-3)", field="feasibility",
                                     text=_paragraphs(p.feasibility), line=p.line, key=key))
    if ini.status is None:
        warnings.append(ParseWarning("no Status text", field="status", line=p.line, key=key))
    ini.appearances.append(Appearance(page=None, line=p.line, section=" / ".join(x for x in (p.sector, p.mtype) if x)))
    if p.sector:
        ini.sectors.append(SectorTag(canonical(p.sector), p.sector))
    if p.mtype:
        ini.measure_types.append(p.mtype)
    read_gains(ini, [(ln, redact(t)) for ln, t in p.gain], warnings)
    return ini


# --------------------------------------------------------------------------- context

_SIGNOFF = re.compile(r"^(?:Med venlig hilsen|Sagsbehandler|Kontaktperson)\b", re.IGNORECASE)


def _context(lines: list[str], end: int) -> str | None:
    """The cover memo(s) before the catalogue, without signatures, names of case
    officers, e-mail addresses and phone numbers."""
    kept: list[str] = []
    skip_names = 0
    for raw in lines[:end]:
        s = raw.strip()
        if not s:
            continue
        if _SIGNOFF.match(s):
            skip_names = 3 if s.lower().startswith("med venlig") else 1
            continue
        if skip_names and len(s.split()) <= 4 and not s.endswith(".") and not re.search(r"\d", s):
            skip_names -= 1
            continue
        skip_names = 0
        if re.match(r"^(?:E-mail|Direkte|Tlf|Telefon|Mobil)\s*:", s, re.IGNORECASE):
            continue
        # "chefkonsulent Lars Eckerøth (lar@kl.dk)": drop the name with the address
        s = re.sub(r"(?:\b[A-ZÆØÅ][\wæøåé-]+\s+){1,3}\(\s*" + _EMAIL.pattern + r"\s*\)", "", s)
        kept.append(s)
    text = redact("\n".join(kept))
    return text or None


def _catalogue_start(lines: list[str]) -> int:
    """Index where the catalogue (cover/TOC) begins; before it is the memo."""
    for i, ln in enumerate(lines):
        if re.match(r"^\s*B17-KATALOG\s*$", ln, re.IGNORECASE):
            return i
    toc = next((i for i, ln in enumerate(lines) if ln.strip().lower() == "indholdsfortegnelse"), 0)
    return toc


# --------------------------------------------------------------------------- entry point


def parse(doc) -> ParsedDocument:
    lines = doc.lines
    heads = _headings(lines)
    warnings: list[ParseWarning] = []
    start, n_toc = _body_start(lines, heads)
    if start < 0:
        cause = ("a table of contents but no example section after it" if n_toc
                 else "no sector heading before the examples")
        raise InputError(doc.file_name, f"B17 catalogue layout not recognised: {cause}")
    printings = split(lines, heads, start, warnings)
    printings = [p for p in printings if p.municipality is not None or p.gain or p.feasibility]
    if not printings:
        raise InputError(doc.file_name, "B17 catalogue has headings but no examples (no 'Kommune:' blocks)")
    initiatives = merge_printings([_initiative(p, warnings) for p in printings])
    for w in warnings:  # warnings raised before the key was known carry the title line
        if w.key is None and w.line is not None:
            w.key = next((ini.key for ini in initiatives if any(a.line == w.line for a in ini.appearances)), None)
    cat = _catalogue_start(lines)
    title = "B17-katalog: Eksempler på styrings- og effektiviseringsinitiativer"
    m = re.search(r"(?m)^\s*B17-KATALOG\s*\n+\s*(?:APRIL\s+)?(\d{4})", "\n".join(lines))
    year = int(m.group(1)) if m else None
    return ParsedDocument(format=FORMAT, title=title, published_year=year, initiatives=initiatives,
                          warnings=warnings, context=_context(lines, cat) if cat > 0 else None)


# --------------------------------------------------------------------------- gains


def read_gains(ini: Initiative, gain: list[tuple[int, str]], warnings: list[ParseWarning]) -> None:
    ini.expected_text = " ".join(t for _, t in gain) or None
