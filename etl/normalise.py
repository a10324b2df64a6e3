"""Normalise stage: parsed documents → table rows, with stable ids and sanity checks.

Ids are derived from what a document *says* (its title, the municipality and
the initiative's title), not from load order or file names, so rebuilding
gives the same ``initiative_id``s and an analyst's saved query keeps working.
Absurd figures are refused here, once, for every format."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from etl.errors import InputError
from etl.model import ParsedDocument, ParseWarning

#: Anything above 100 bn DKK is not a municipal saving: a unit or parse error.
MAX_ABS_TKR = 1e8
YEAR_MIN, YEAR_MAX = 1990, 2100

PREFIX = {"idebank": "idb", "b17": "b17", "project_list": "prj", "recovery_plan": "rec",
          "minutes": "min", "table": "tab"}


def slug(text: str, max_len: int = 40) -> str:
    s = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                              .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"))
    s = re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode().lower()).strip("-")
    return s[:max_len].rstrip("-")


def initiative_id(fmt: str, doc_key: str, key: str) -> str:
    digest = hashlib.sha1(f"{fmt}\x1f{doc_key}\x1f{key}".encode()).hexdigest()[:10]
    return f"{PREFIX.get(fmt, fmt[:3])}-{digest}"


@dataclass
class Rows:
    """All rows one source contributes, keyed by table name."""

    source: dict
    tables: dict[str, list[tuple]] = field(default_factory=dict)


def _check_amount(file_name: str, what: str, value: float | None) -> None:
    if value is not None and (value != value or abs(value) > MAX_ABS_TKR):
        raise InputError(file_name, f"absurd amount for {what}: {value:,.0f} t.kr. (more than 100 bn DKK)")


def _check_year(file_name: str, what: str, year: int | None) -> None:
    if year is not None and not (YEAR_MIN <= year <= YEAR_MAX):
        raise InputError(file_name, f"absurd year for {what}: {year}")


def validate(file_name: str, parsed: ParsedDocument) -> None:
    for ini in parsed.initiatives:
        label = f"'{ini.title[:60]}'"
        for attr in ("expected_tkr", "expected_low_tkr", "expected_high_tkr", "realised_tkr",
                     "implementation_cost_tkr"):
            _check_amount(file_name, label, getattr(ini, attr))
        _check_year(file_name, label, ini.full_phase_in_year)
        for g in ini.gains:
            _check_amount(file_name, label, g.amount_tkr)
            _check_year(file_name, label, g.year)
    for t in parsed.targets:
        _check_amount(file_name, f"target '{t.text[:60]}'", t.amount_tkr)
        _check_year(file_name, f"target '{t.text[:60]}'", t.year)


def to_rows(doc, parsed: ParsedDocument, loaded_at) -> Rows:
    """Turn one parsed document into rows for every table."""
    validate(doc.file_name, parsed)
    source_id = doc.sha256[:12]
    doc_key = parsed.title or doc.path.stem
    t: dict[str, list[tuple]] = {k: [] for k in (
        "initiatives", "appearances", "initiative_municipalities", "initiative_sectors",
        "initiative_types", "gains", "targets", "parse_warnings")}
    ids: dict[str, str] = {}
    taken: set[str] = set()
    seq_items = []
    warnings = list(parsed.warnings)
    for ini in parsed.initiatives:
        iid = initiative_id(parsed.format, doc_key, ini.key)
        if iid in taken:
            raise InputError(doc.file_name, f"internal: two initiatives share the key {ini.key!r}")
        ids[ini.key] = iid
        taken.add(iid)
        first = min(ini.appearances, key=lambda a: ((a.page or 0), (a.line or 0)), default=None)
        muni = ", ".join(ini.municipalities) if ini.municipalities else None
        t["initiatives"].append((
            iid, source_id, muni, ini.title, ini.description,
            ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr, ini.expected_text,
            ini.realised_tkr, ini.realised_text, ini.full_phase_in_year, ini.full_phase_in_text,
            ini.implementation_cost_tkr, ini.implementation_cost_text, ini.adopted, ini.adopted_text,
            ini.status, ini.feasibility, ini.other_effects, ini.about, ini.further_info,
            ini.responsible, ini.handling,
            first.page if first else None, first.line if first else None,
        ))
        for m in dict.fromkeys(ini.municipalities):
            t["initiative_municipalities"].append((iid, m))
        seen = set()
        for tag in ini.sectors:
            if tag.source_sector in seen:
                continue
            seen.add(tag.source_sector)
            t["initiative_sectors"].append((iid, tag.sector, tag.source_sector))
            if tag.sector is None:
                warnings.append(ParseWarning(f"sector '{tag.source_sector}' has no canonical mapping",
                                             field="sector", key=ini.key))
        for mt in dict.fromkeys(ini.measure_types):
            t["initiative_types"].append((iid, mt))
        seen_g = set()
        for g in ini.gains:
            if (g.year, g.kind) in seen_g:
                warnings.append(ParseWarning(f"second {g.kind} gain for {g.year} ignored", field="gains",
                                             text=g.text, key=ini.key))
                continue
            seen_g.add((g.year, g.kind))
            t["gains"].append((iid, g.year, g.kind, g.amount_tkr, g.text))
        for a in ini.appearances:
            seq_items.append((a.page if a.page is not None else 0, a.line if a.line is not None else 0,
                              iid, a))
    # seq = order of printing in the document
    seq_items.sort(key=lambda x: (x[0], x[1]))
    for n, (_, _, iid, a) in enumerate(seq_items, start=1):
        t["appearances"].append((iid, source_id, n, a.section, a.page, a.line))
    for tg in parsed.targets:
        t["targets"].append((source_id, tg.year, tg.kind, tg.amount_tkr, tg.text, tg.area, tg.percent,
                             tg.page, tg.line))
    for w in warnings:
        t["parse_warnings"].append((source_id, ids.get(w.key) if w.key else None, w.page, w.line,
                                    w.field, w.message, w.text))
    source = {
        "source_id": source_id, "file_name": doc.file_name, "sha256": doc.sha256,
        "format": parsed.format, "title": parsed.title, "published_year": parsed.published_year,
        "loaded_at": loaded_at, "container": doc.container, "encoding": doc.encoding,
        "size_bytes": len(doc.data), "page_count": doc.meta.get("page_count"), "context": parsed.context,
        "n_initiatives": len(t["initiatives"]), "n_appearances": len(t["appearances"]),
        "n_warnings": len(t["parse_warnings"]),
    }
    return Rows(source=source, tables=t)
