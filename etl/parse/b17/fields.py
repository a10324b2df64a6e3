"""B17 catalogue, stage 2: one printed example's blocks → an :class:`Initiative`.

Contact persons are personal data: :func:`redact` strips e-mail addresses and
phone numbers from everything kept, and the cover memo is kept (as the source's
context) without signatures and names of case officers.
"""
from __future__ import annotations

import re

from etl.core.model import Appearance, Code, Initiative, ParseWarning, SectorTag
from etl.core.when import Anchor, anchor_for
from etl.parse.b17.gains import read_gains
from etl.parse.b17.segment import _EMAIL, _FEAS_VALUE, Printing, heading_key
from etl.parse.common import join_wrapped, squash
from etl.sectors import canonical


def redact(text: str | None) -> str | None:
    """Remove e-mail addresses and phone numbers (with their '(...)')."""
    if text is None:
        return None
    out = re.sub(r"\(\s*" + _EMAIL.pattern + r"\s*\)", "", text)
    out = _EMAIL.sub("", out)
    out = re.sub(r"\b(?:tlf|telefon|mobil|direkte)\.?:?\s*(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}\b", "", out,
                 flags=re.IGNORECASE)
    out = re.sub(r" +([.,;)])", r"\1", out)
    return re.sub(r" {2,}", " ", out).strip()  # tabs are kept: they separate the cells of a table



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


def initiative(p: Printing, warnings: list[ParseWarning], pages: list[int] | None = None,
               budget_year: Anchor | None = None) -> Initiative:
    """One printing → an initiative. ``budget_year``: the catalogue's budget year, the anchor of
    relative years ("År 1") when the example prints no start year of its own."""
    munis = municipalities(p.municipality)
    if p.municipality is not None and not munis:
        warnings.append(ParseWarning(Code.MUNICIPALITY_UNREADABLE, "'Kommune:' names no municipality",
                                     field="municipality", text=p.municipality, line=p.muni_line, key=None))
    key = heading_key(p.title) + "|" + ",".join(munis)
    ini = Initiative(key=key, title=p.title, municipalities=munis)
    ini.description = _paragraphs(p.description)
    ini.other_effects = _paragraphs(p.other)
    ini.status = _paragraphs(p.status)
    ini.about = _paragraphs(p.about)
    ini.feasibility = _feasibility(p)
    if ini.feasibility is None:
        warnings.append(ParseWarning(Code.VALUE_MISSING, "no Realiserbarhed value (1-3)", field="feasibility",
                                     text=_paragraphs(p.feasibility), line=p.line, key=key))
    if ini.status is None:
        warnings.append(ParseWarning(Code.VALUE_MISSING, "no Status text", field="status", line=p.line, key=key))
    page = pages[p.line - 1] if pages and p.line - 1 < len(pages) else None
    ini.appearances.append(Appearance(page=page, line=p.line, section=" / ".join(x for x in (p.sector, p.mtype) if x)))
    if p.sector:
        ini.sectors.append(SectorTag(canonical(p.sector), p.sector))
    if p.mtype:
        ini.measure_types.append(p.mtype)
    own = " ".join(p.description + [t for _, t in p.gain] + p.status + p.about)
    read_gains(ini, [(ln, redact(t) or "") for ln, t in p.gain], warnings, anchor_for(own, budget_year))
    return ini


# --------------------------------------------------------------------------- context

_SIGNOFF = re.compile(r"^(?:Med venlig hilsen|Sagsbehandler|Kontaktperson)\b", re.IGNORECASE)


def context(lines: list[str], end: int) -> str | None:
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


