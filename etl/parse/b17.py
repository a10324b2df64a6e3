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
kept. ``line`` is the 1-based line of the title; ``page`` comes from form feeds
(page breaks of a PDF's text layer, or of a text export that kept them) and is
None when the text has none, as the 2016 text extraction has not.

The gain prose is read by :func:`read_gains` (bottom of this module).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.errors import InputError
from etl.model import (Appearance, Gain, Initiative, ParsedDocument, ParseWarning, SectorTag, merge_printings,
                       set_range)
from etl.parse.common import join_wrapped, paragraph_view, remap_lines, squash
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


def _headings(lines: list[str]) -> Headings:
    """Sector/type names from the reading-guide box ("Sektor | Effektiviseringstyper",
    numbered rows, sector left and type right), else the 2016 catalogue's lists."""
    sectors, types = [], []
    start = next((i for i, ln in enumerate(lines) if _BOX_HEAD.match(ln)), None)
    if start is None:  # the box's columns one after the other (a PDF read by columns)
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
                while j < n and lines[j].strip():  # the contact line wrapped (a PDF's layout)
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


def line_pages(text: str) -> list[int] | None:
    """Page number (1-based) of every line, counting form feeds; None without any."""
    if "\f" not in text:
        return None
    pages, page = [], 1
    for chunk in text.splitlines(keepends=True):
        pages.append(page)
        page += chunk.count("\f")
    return pages


def _initiative(p: Printing, warnings: list[ParseWarning], pages: list[int] | None = None) -> Initiative:
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
    page = pages[p.line - 1] if pages and p.line - 1 < len(pages) else None
    ini.appearances.append(Appearance(page=page, line=p.line, section=" / ".join(x for x in (p.sector, p.mtype) if x)))
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


def _title(lines: list[str], cat: int, body: int) -> str:
    """"B17-katalog: <subtitle>" from the cover; the subtitle names the catalogue
    (and so keys its initiative ids), "B17-katalog" alone when there is none."""
    for ln in lines[cat:body]:
        s = squash(ln)
        if re.match(r"^Eksempler på\b", s, re.IGNORECASE):
            return f"B17-katalog: {s}"
    return "B17-katalog"


def parse(doc) -> ParsedDocument:
    view = paragraph_view(doc)  # a PDF: one paragraph per line, as this layout's text export prints it
    if view is not None:
        parsed = _parse(view[0])
        remap_lines(parsed, view[1])
        return parsed
    return _parse(doc)


def _parse(doc) -> ParsedDocument:
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
    pages = line_pages(doc.text or "")
    initiatives = merge_printings([_initiative(p, warnings, pages) for p in printings])
    for w in warnings:  # warnings raised before the key was known carry the title line
        if w.key is None and w.line is not None:
            w.key = next((ini.key for ini in initiatives if any(a.line == w.line for a in ini.appearances)), None)
    cat = _catalogue_start(lines)
    title = _title(lines, cat, start)
    m = re.search(r"(?m)^\s*B17-KATALOG\s*\n+\s*(?:APRIL\s+)?(\d{4})", "\n".join(lines))
    year = int(m.group(1)) if m else None
    return ParsedDocument(format=FORMAT, title=title, published_year=year, initiatives=initiatives,
                          warnings=warnings, context=_context(lines, cat) if cat > 0 else None)


# --------------------------------------------------------------------------- gains
#
# The gain block is free prose ("… en nettobesparelse på 0,64 mio. kr. i 2016 og
# 1,28 mio. kr. fra 2017 og frem"), sometimes with a small table. Each money
# amount is classified by the words in its own clause: a cost, investment, unit
# price, one-off sale or total over several years is not an annual gain; past
# tense or "realiseret" makes it realised, anything else is expected. Years come
# from "i 2016" / "fra 2017" right next to the amount, or from "2016: …" list
# lines. When the prose does not single out one annual figure the field stays
# None and a ParseWarning says why: a wrong number on a dashboard is worse than
# a visible gap.

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"“”])")
_COST = re.compile(r"(?:udgift|investe|koste|\bpris\b|kontraktsum|driftsbudget|anskaff|afsætte|afsættes|\bafsat\b"
                   r"|\blicens|\bløn\b|merforbrug|merudgift|ekstraudgift|færre indtægter|tilført|opnormer|udgiftsramme"
                   r"|omkostning|samlet budget|\bbudget på|tilskud|kontrakt)", re.IGNORECASE)
_SAVING = re.compile(r"(?:besparelse|\bspar|sparet|gevinst|effektivis|potentiale|provenu|reduk|reducer|mindreudgift"
                     r"|mindredgift|mindreforbrug|mindre forbrug|råderum|rationale|billigere|frigjort|frigør|\bfald"
                     r"|nedbring|nedsæt|mindske)",
                     re.IGNORECASE)
_ONE_OFF_CUE = re.compile(r"(?:\bsalg\b|sælge|indbringe|engangs|likviditet)", re.IGNORECASE)
_ADJUST = re.compile(r"(?:nedjuster|opjuster|udlignet)", re.IGNORECASE)
_REALISED = re.compile(r"(?:\brealiser(?:et|ede)\b|\bhar\s+(?:\w+\s+){0,3}?(?:sparet|givet|medført|opnået|håndteret|"
                       r"reduceret|været)\b|\bblev\s+(?:der\s+)?(?:\w+\s+)?(?:opnået|reduceret|sparet|ringet)|\bsparede\b"
                       r"|\bgav\b|\bviste\b|\blykkedes\b|\bhjemtaget\b|\bhøstet\b|\budgjorde\b|\bbeløb sig\b|\ber\b(?:\s+[\w-]+){0,6}\s+"
                       r"(?:reduceret|opnået|nået|indgået)\b|\bvar\s+(?:i\s+\d{4}\s+)?opgjort|\bforeløbig\b|\bvar\s+en\b"
                       r"|\bhar\b(?:\s+[\w-]+){0,3}\s+reduceret)", re.IGNORECASE)
_EXPECTED = re.compile(r"(?:forvent|\bvil\b|\bskal\b|anslå|\bskøn(?:net|nes|nede)?\b|estimer|vurder|potentiale|forudsat"
                       r"|budgetter|\b(?:kan|kunne)\s+(?:\w+\s+)?(?:spare|opnå|realisere|give|frigøre|hente|reducere|betyde)"
                       r"|måltal|målsætning|\bmål\b|beregne|\bville\b|fuld indfasning|fuldt indfaset"
                       r"|fuld implementering|fuld effekt|business case|realiseres)", re.IGNORECASE)
_RATE_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:pr\.|per|/)\s*(?!år\b|året\b)(?:\d|[a-zæøå])", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"(?:\bá\s*$|\bpr\.\s+(?!år\b)[a-zæøå]+\s*(?:ca\.\s*)?$|\bpr\.\s+(?:person|borger|barn|elev|"
                          r"ansat|medarbejder|plads|klasse|ung|sag|time|måned)\b)", re.IGNORECASE)
_RATE_NOUN = re.compile(r"\bpr\.\s+(?:person|borger|barn|elev|ansat|medarbejder)\b", re.IGNORECASE)
_COMPARE = re.compile(r"(?:i forhold til|ud af|sammenholde|\baf et\b|\baf det samlede\b)", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"(?:\bsamlet\b|\bsamlede\b|\bi alt\b|\btotal)", re.IGNORECASE)
_RISING = re.compile(r"(?:stige[rn]?\b|stigende|herefter|derefter|hvorefter|fuld\w*\s+(?:indfas|implementer|effekt))",
                     re.IGNORECASE)
_FULL_YEAR = re.compile(r"(?:fuld(?:t|e)?\s+(?:indfas\w*|implementer\w*|effekt)|fuldt\s+igennem|fuldt\s+indfaset)"
                        r"[^.]{0,40}?\b(?:i|fra)\s+(?:år(?:et)?\s+)?(?P<y>(?:19|20)\d\d)", re.IGNORECASE)
_YEAR_LINE = re.compile(r"^\s*[-•]?\s*(?P<label>[A-ZÆØÅ][\w ]{0,40}?(?:\s+i)?\s+)?(?P<y>(?:19|20)\d\d)"
                        r"(?P<frem>\s+og\s+frem\w*)?\s*:\s*(?P<rest>.+)$")
_YEAR_AFTER = re.compile(r"^\W{0,3}(?:(?:årligt|om året|pr\.\s*år)\s+)?(?P<prep>i|fra og med|fra|for)\s+(?:år(?:et)?\s+)?"
                         r"B?(?P<y>(?:19|20)\d\d)(?![\d-])(?P<frem>\s+og\s+(?:frem|fremefter|overslagsår))?",
                         re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?P<prep>i|fra og med|fra|for)\s+(?:år(?:et)?\s+)?(?P<y>(?:19|20)\d\d)(?![\d-])"
                          r"(?P<frem>\s+og\s+(?:frem|fremefter))?", re.IGNORECASE)
_PERIOD = re.compile(r"(?:\bover\s+(?:de\s+(?:næste|kommende)\s+|en\s+)?\d+[\s-]+år|\bi\s+perioden\b|\bover\s+\w+\s+år\b"
                     r"|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b)", re.IGNORECASE)


@dataclass
class _Fig:
    """One amount in the gain prose, with what the words around it say."""

    tkr: float
    low: float
    high: float
    sentence: str
    line: int
    kind: str  # 'expected' | 'realised'
    year: int | None = None
    year_kind: str | None = None  # 'in' | 'from'
    per_year: bool = False
    total: bool = False
    rising: bool = False  # "stigende til", "herefter": the level after a ramp-up
    saving: bool = False  # a saving word ("besparelse", "gevinst") in its own clause
    extra: bool = False  # "yderligere": an increment on top of another figure


def _sentences(gain: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = []
    for ln, text in gain:
        t = squash(text or "")
        if not t or "\t" in (text or ""):
            continue
        for sent in _SENT_SPLIT.split(t):
            if sent.strip():
                out.append((ln, sent.strip()))
    return out


def _clause_before(sent: str, start: int, prev_end: int) -> str:
    """Text before an amount, back to the previous amount or the start of its clause."""
    marks = [sent.rfind(x, prev_end, start) for x in (", ", ";", " mens ", " men ", ": ")]
    lo = max([prev_end] + [m + 1 for m in marks if m >= 0])
    return sent[lo:start]


def _year_of(before: str, after: str, first: bool) -> tuple[int | None, str | None]:
    """Year of an amount: "… 2 mio. kr. i 2016" / "fra 2017 og frem" right after it,
    else "I 2016 … 2 mio. kr." before it (not the previous amount's own year),
    else "… er sat til realisering i 2016" later in the clause."""
    m = _YEAR_AFTER.match(after)
    if m is None:
        if not first:
            lead = _YEAR_AFTER.match(before)
            before = before[lead.end():] if lead else before
        ms = list(_YEAR_BEFORE.finditer(before))
        m = ms[-1] if ms else None
    if m is None:
        m3 = re.search(r"(?P<y>(?:19|20)\d\d)\s+og\s+frem\w*\s*:\s*$", before)
        if m3:
            return int(m3.group("y")), "from"
        m2 = re.search(r"\b(?P<prep>i|fra)\s+(?P<y>(?:19|20)\d\d)\b(?P<frem>\s+og\s+frem)?", after[:45])
        if m2 and not re.search(r"\bog\b|,", after[:m2.start()]):
            m = m2
    if m is None:
        return None, None
    prep = m.group("prep").lower()
    kind = "from" if prep.startswith("fra") or m.group("frem") else "in"
    return int(m.group("y")), kind


def _figures(gain: list[tuple[int, str]]) -> list[_Fig]:
    from etl.amounts import find_amounts

    figs: list[_Fig] = []
    intro = ""  # the sentence introducing a "2016: …" list
    for ln, sent in _sentences(gain):
        ym = _YEAR_LINE.match(sent)
        if not ym and not sent.startswith("-"):
            intro = sent if sent.rstrip().endswith(":") else ""
        amounts = find_amounts(sent)
        if ym:
            # "2016: 3 mio. kr. …, derudover …": the line's own figure; "Udgift 2016: 20.000 kr. pr.
            # måned * 12 måneder: 240.000 kr.": the result at the end, judged by the label
            amounts = amounts[-1:] if ym.group("label") else amounts[:1]
        for k, a in enumerate(amounts):
            if a.one_off or a.period_years or a.negative:
                continue
            prev_end = amounts[k - 1].end if k else 0
            next_start = amounts[k + 1].start if k + 1 < len(amounts) else len(sent)
            before = _clause_before(sent, a.start, prev_end)
            after = sent[a.end:next_start]
            if _RATE_AFTER.match(after) or _RATE_BEFORE.search(before) or _RATE_NOUN.search(sent[:a.start]):
                continue  # a unit price ("120.000 kr. pr. borger"), not a gain
            if _ONE_OFF_CUE.search(before) or _ADJUST.search(before) or _COMPARE.search(before):
                continue
            cue_text = before + (" " + intro + " " + (ym.group("label") or "") if ym else "")
            saving_here = bool(_SAVING.search(cue_text))
            if _COST.search(cue_text) and not saving_here:
                continue
            if not saving_here and _COST.search(sent) and not _SAVING.search(sent):
                continue
            if ym:
                year, ykind = int(ym.group("y")), ("from" if ym.group("frem") else "in")
            else:
                year, ykind = _year_of(sent[prev_end:a.start], after, first=(k == 0))
            if _PERIOD.search(before[-60:] + after[:40]) and not (a.per_year or ym or year):
                continue  # a total over a period, not a yearly figure
            tail = re.split(r",\s|;|\s-\s", after, maxsplit=1)[0]
            full_before = sent[prev_end:a.start] + " " + tail + " " + intro
            if re.search(r"\(realiseret\)", after) or re.search(r"realiseret", ym.group("rest") if ym else ""):
                kind = "realised"
            elif _REALISED.search(full_before) and not _EXPECTED.search(full_before):
                kind = "realised"
            elif _EXPECTED.search(full_before):
                kind = "expected"
            else:
                kind = "realised" if _REALISED.search(sent) and not _EXPECTED.search(sent) else "expected"
            figs.append(_Fig(tkr=a.value_tkr, low=a.low_tkr, high=a.high_tkr, sentence=sent, line=ln, kind=kind,
                             year=year, year_kind=ykind,
                             per_year=a.per_year or bool(re.search(r"årlig|om året|pr\.\s*år|/år|hvert år", sent, re.I)),
                             total=bool(_TOTAL_WORD.search(sent[prev_end:a.start][-40:]))
                             or bool(_TOTAL_WORD.search(after[:12])),
                             saving=saving_here,
                             rising=bool(_RISING.search(sent[prev_end:a.start]))
                             or bool(re.match(r"\s*fra\s+år\s+\d", after)),
                             extra=bool(re.search(r"\byderligere\b|\bderudover\b", sent[prev_end:a.start], re.I))
                             and not _TOTAL_WORD.search(sent[prev_end:a.start][-40:])))
    return figs


def _pick(figs: list[_Fig]) -> tuple[_Fig | None, str | None]:
    """The annual figure at full effect, or (None, why not)."""
    if not figs:
        return None, "no figure"
    if any(f.extra for f in figs):
        return None, "figures are increments ('yderligere') and no total is printed"
    rising = [f for f in figs if f.rising and f.year is None]
    if len({f.tkr for f in rising}) == 1:
        return rising[0], None
    dated = [f for f in figs if f.year is not None]
    totals = [f for f in figs if f.total and f.year is None]
    if dated:
        latest = max(f.year for f in dated)
        last = [f for f in dated if f.year == latest]
        loose = {f.tkr for f in figs if f.year is None and not f.total} - {f.tkr for f in dated}
        if loose and not any(f.total for f in last):
            return None, "dated and undated figures that do not add up"
        if len({f.tkr for f in last}) == 1:
            return last[0], None
        tot = [f for f in last if f.total] or [f for f in last if f.saving]
        if len({f.tkr for f in tot}) == 1:
            return tot[0], None
        return None, f"several figures for {latest}"
    if len({f.tkr for f in figs}) == 1:
        return figs[0], None
    if len({f.tkr for f in totals}) == 1:
        return totals[0], None
    return None, "several figures, none marked as the total"


def _increments(figs: list[_Fig], total: _Fig | None) -> bool:
    """Yearly figures that add up to a printed total are increments, not levels."""
    dated = [f for f in figs if f.year is not None]
    return (total is not None and total.year is None and len(dated) >= 2
            and abs(sum(f.tkr for f in dated) - total.tkr) <= 0.01 * total.tkr + 1)


def read_gains(ini: Initiative, gain: list[tuple[int, str]], warnings: list[ParseWarning]) -> None:
    """Fill expected/realised/full_phase_in_year/gains from the gain block."""
    first_line = gain[0][0] if gain else None
    text = " ".join(squash(t or "") for _, t in gain if t and "\t" not in t)
    figs = _figures(gain)
    table = _table_series(gain)
    exp = [f for f in figs if f.kind == "expected"]
    rea = [f for f in figs if f.kind == "realised"]
    e, why = _pick(exp)
    total = next((f for f in figs if f.total and f.year is None), None)
    if _increments(figs, total):
        # "Samlet 8,175 mio. kr. … 2015: 3,0 (realiseret) 2016: 2,271 2017: 2,904": a ramp to the total
        e, why = total, None
        running = 0.0
        for f in sorted((f for f in figs if f.year is not None), key=lambda f: f.year):
            running += f.tkr
            ini.gains.append(Gain(year=f.year, kind=f.kind, amount_tkr=round(running, 3), text=f.sentence))
        ini.full_phase_in_year = max(f.year for f in figs if f.year is not None)
        ini.full_phase_in_text = total.sentence
        rea = [f for f in rea if f.year is not None]
        r_cum = [g for g in ini.gains if g.kind == "realised"]
        if r_cum:
            last = max(r_cum, key=lambda g: g.year)
            ini.realised_tkr, ini.realised_text = last.amount_tkr, last.text
        rea = []
    else:
        for f in figs:
            same = {g.tkr for g in figs if g.year == f.year and g.kind == f.kind}
            if f.year is not None and len(same) == 1 and not any(g.extra for g in figs if g.kind == f.kind) \
                    and all(g.year != f.year or g.kind != f.kind for g in ini.gains):
                ini.gains.append(Gain(year=f.year, kind=f.kind, amount_tkr=f.tkr, text=f.sentence))
        if e is not None and e.year is not None:
            ini.full_phase_in_year = e.year
            ini.full_phase_in_text = e.sentence
    if table is not None and (e is None or table.forecast):
        e, why = table, None
        ini.gains = [g for g in ini.gains if g.kind != "expected"]
        for year, value in table.series:
            if year is not None and all(g.year != year or g.kind != "expected" for g in ini.gains):
                ini.gains.append(Gain(year=year, kind="expected", amount_tkr=value, text=table.sentence))
        if table.year is not None:
            ini.full_phase_in_year = table.year
            ini.full_phase_in_text = table.sentence
    if e is not None:
        set_range(ini, e.low, e.high)
        ini.expected_text = e.sentence
    r, why_r = _pick(rea)
    if r is not None:
        ini.realised_tkr = r.tkr
        ini.realised_text = r.sentence
    m = _FULL_YEAR.search(text)
    if m and ini.full_phase_in_year is None:
        ini.full_phase_in_year = int(m.group("y"))
        ini.full_phase_in_text = next((s for _, s in _sentences(gain) if m.group(0) in s), m.group(0))
    ini.gains.sort(key=lambda g: (g.year, g.kind))
    if ini.expected_tkr is None and ini.realised_tkr is None:
        if why == "no figure":
            msg = ("gain given only as a table that was not read" if any("\t" in (t or "") for _, t in gain)
                   else "no gain figure in the 'Forventet/realiseret økonomisk gevinst' prose")
        else:
            msg = f"gain not read: {why}"
        warnings.append(ParseWarning(msg, field="expected_tkr", text=(text[:300] or None), line=first_line,
                                     key=ini.key))
    elif ini.expected_tkr is None and why != "no figure":
        warnings.append(ParseWarning(f"expected gain not read: {why}", field="expected_tkr", text=text[:300],
                                     line=first_line, key=ini.key))
    if r is None and why_r != "no figure":
        warnings.append(ParseWarning(f"realised gain not read: {why_r}", field="realised_tkr", text=text[:300],
                                     line=first_line, key=ini.key))


# --------------------------------------------------------------------------- gain tables

_TABLE_UNIT = re.compile(r"\(?\s*(?P<u>1\.000\s*kr\.?|1\.000|mio\.\s*kr\.?|t\.\s*kr\.?)\s*\)?", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^\s*=?\s*(?P<label>forventet (?:økonomisk )?gevinst|forventet besparelse\b.*|samlet\b.*|"
                        r"i alt besparelse|besparelse i alt|nettogevinst.*|nettoresultat.*|ændringsforslag i alt|"
                        r"budget|mindreudgift.*|\(?mio\. kr\.\)?|\(?1\.000 kr\.\)?)\s*$", re.IGNORECASE)


@dataclass
class _Series:
    series: list[tuple[int, float]]
    tkr: float
    low: float
    high: float
    year: int | None
    sentence: str
    forecast: bool = False  # the row is labelled "Forventet …": it beats the prose


def _table_series(gain: list[tuple[int, str]]) -> _Series | None:
    """A yearly gain row from a small table: a header with a unit and years
    (2016, 2017 …) and one row labelled as the gain or its total, every figure
    with the same sign (mixed signs mean investments are netted in: not read)."""
    from etl.amounts import parse_amount

    rows = [(ln, [c.strip() for c in t.split("\t")]) for ln, t in gain if t and "\t" in t]
    for idx, (ln, cells) in enumerate(rows):
        years = [(j, int(c[:4])) for j, c in enumerate(cells) if re.fullmatch(r"(?:19|20)\d\d\s*→?", c)]
        if len(years) < 2:
            continue
        header_unit = _TABLE_UNIT.search(" ".join(cells[: years[0][0]]))
        for ln2, row in rows[idx + 1:]:
            if len(row) < years[-1][0] + 1:
                continue
            label = row[0]
            unit = header_unit or _TABLE_UNIT.fullmatch(label.strip())
            if unit is None or not _TABLE_ROW.match(label):
                continue
            u = unit.group("u").lower()
            unit_tkr = 1000.0 if u.startswith("mio") else 1.0
            series = []
            for j, year in years:
                a = parse_amount(row[j], unit_tkr) if row[j] else None
                if a is not None:
                    series.append((year, a.signed_tkr))
            values = [v for _, v in series if v != 0]
            if len(values) < 2 or not (all(v < 0 for v in values) or all(v > 0 for v in values)):
                continue
            series = list(dict((y, abs(v)) for y, v in series if v != 0).items())  # a repeated year once
            last = series[-1][1]
            full = next(y for y, v in series if v == last)
            text = " | ".join("\t".join(c) for _, c in (rows[idx], (ln2, row)))
            return _Series(series=series, tkr=last, low=last, high=last, year=full, sentence=text,
                           forecast=label.lower().startswith("forventet"))
    return _total_row(rows)


def _total_row(rows: list[tuple[int, list[str]]]) -> _Series | None:
    """"Årlig gevinst | Mio. kr." … "Samlet årlig gevinst | 7,5": a one-column total."""
    from etl.amounts import parse_amount

    for idx, (_, cells) in enumerate(rows):
        if len(cells) != 2 or not re.search(r"årlig", cells[0], re.IGNORECASE):
            continue
        unit = _TABLE_UNIT.fullmatch(cells[1].strip())
        if unit is None:
            continue
        unit_tkr = 1000.0 if unit.group("u").lower().startswith("mio") else 1.0
        for _, row in rows[idx + 1:]:
            if len(row) == 2 and re.match(r"(?:samlet|i alt)\b", row[0], re.IGNORECASE):
                a = parse_amount(row[1], unit_tkr)
                if a is not None and not a.negative:
                    text = "\t".join(cells) + " | " + "\t".join(row)
                    return _Series(series=[], tkr=a.value_tkr, low=a.low_tkr, high=a.high_tkr, year=None,
                                   sentence=text)
    return None
