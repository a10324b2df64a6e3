"""Normalise stage: parsed documents → typed table rows, with stable ids and sanity checks.

Ids are derived from what a document *says* (its title, the municipality and
the initiative's title), not from load order or file names, so rebuilding
gives the same ``initiative_id``s and an analyst's saved query keeps working.
Absurd figures are refused here, once, for every format.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from etl.core.document import RawDocument
from etl.core.model import Code, Decided, Initiative, ParsedDocument, ParseWarning
from etl.core.rows import (
    AppearanceRow,
    GainRow,
    InitiativeRow,
    MunicipalityRow,
    Rows,
    SectorTagRow,
    SourceRow,
    TableTotalRow,
    TargetRow,
    TypeRow,
    WarningRow,
)
from etl.errors import InputError
from etl.pdf_report import reading

#: Anything above 100 bn DKK is not a municipal saving: a unit or parse error.
MAX_ABS_TKR = 1e8
YEAR_MIN, YEAR_MAX = 1990, 2100


def slug(text: str, max_len: int = 40) -> str:
    s = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                              .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"))
    s = re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode().lower()).strip("-")
    return s[:max_len].rstrip("-")


def initiative_id(fmt: str, prefix: str, doc_key: str, key: str) -> str:
    digest = hashlib.sha1(f"{fmt}\x1f{doc_key}\x1f{key}".encode()).hexdigest()[:10]
    return f"{prefix}-{digest}"


def _absurd_amount(value: float | None) -> bool:
    return value is not None and (value != value or abs(value) > MAX_ABS_TKR)


def _absurd_year(year: int | None) -> bool:
    return year is not None and not (YEAR_MIN <= year <= YEAR_MAX)


def _check_amount(file_name: str, what: str, value: float | None) -> None:
    if _absurd_amount(value):
        raise InputError(file_name, f"absurd amount for {what}: {value:,.0f} t.kr. (more than 100 bn DKK)")


def _check_year(file_name: str, what: str, year: int | None) -> None:
    if _absurd_year(year):
        raise InputError(file_name, f"absurd year for {what}: {year}")


def _plausible(ini: Initiative) -> bool:
    """No absurd amount or year in the initiative: the common case, checked without building
    messages (0.5 -> 0.3 s at 200,000 initiatives)."""
    for v in (ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr, ini.realised_tkr,
              ini.implementation_cost_tkr):
        if _absurd_amount(v):
            return False
    if _absurd_year(ini.full_phase_in_year):
        return False
    return not any(_absurd_amount(g.amount_tkr) or _absurd_year(g.year) for g in ini.gains)


def validate(file_name: str, parsed: ParsedDocument) -> None:
    for ini in parsed.initiatives:
        if _plausible(ini):
            continue
        label = f"'{ini.title[:60]}'"  # the first absurd value, in the order below, is the error
        for value in (ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr, ini.realised_tkr,
                      ini.implementation_cost_tkr):
            _check_amount(file_name, label, value)
        _check_year(file_name, label, ini.full_phase_in_year)
        for g in ini.gains:
            _check_amount(file_name, label, g.amount_tkr)
            _check_year(file_name, label, g.year)
    for t in parsed.targets:
        _check_amount(file_name, f"target '{t.text[:60]}'", t.amount_tkr)
        _check_year(file_name, f"target '{t.text[:60]}'", t.year)
    for total in parsed.totals:
        _check_amount(file_name, f"total '{total.label[:60]}'", total.printed_tkr)
        _check_year(file_name, f"total '{total.label[:60]}'", total.year)


def _inferred(parsed: ParsedDocument) -> list[ParseWarning]:
    """A warning for every document-level reading the parser inferred rather than read."""
    out = []
    readings: list[tuple[Code, str, Decided | None]] = [
        (Code.UNIT_INFERRED, "unit_text", parsed.source.unit_text),
        (Code.PRICE_LEVEL_INFERRED, "price_level", parsed.source.price_level),
        (Code.SIGN_CONVENTION_INFERRED, "sign_convention", parsed.source.sign_convention)]
    for code, name, d in readings:
        if d is not None and d.how == "inferred":
            why = f": {d.reason}" if d.reason else ""
            out.append(ParseWarning(code, f"{name.replace('_', ' ')} '{d.value}' inferred, not printed{why}",
                                    field=name, text=d.evidence, page=d.page, line=d.line,
                                    params={"value": str(d.value), **d.params}))
    return out


def to_rows(doc: RawDocument, parsed: ParsedDocument, loaded_at: dt.datetime, id_prefix: str,
            layout_score: float | None = None) -> Rows:
    """Turn one parsed document into rows for every table; ``layout_score`` is the
    detector's confidence (None when the format was forced)."""
    validate(doc.file_name, parsed)
    source_id = doc.sha256[:12]
    doc_key = parsed.title or doc.path.stem
    inis: list[InitiativeRow] = []
    munis: list[MunicipalityRow] = []
    sectors: list[SectorTagRow] = []
    types: list[TypeRow] = []
    gains: list[GainRow] = []
    apps: list[AppearanceRow] = []
    ids: dict[str, str] = {}
    taken: set[str] = set()
    seq_items = []
    warnings = list(parsed.warnings) + _inferred(parsed) + [
        ParseWarning(Code.ENCODING_UNCERTAIN, doubt, field="encoding", params={"encoding": doc.encoding})
        for doubt in doc.encoding_doubts]
    for ini in parsed.initiatives:
        iid = initiative_id(parsed.format, id_prefix, doc_key, ini.key)
        if iid in taken:
            raise InputError(doc.file_name, f"internal: two initiatives share the key {ini.key!r}")
        ids[ini.key] = iid
        taken.add(iid)
        first = min(ini.appearances, key=lambda a: ((a.page or 0), (a.line or 0)), default=None)
        inis.append(InitiativeRow(
            initiative_id=iid, source_id=source_id,
            municipality=", ".join(ini.municipalities) if ini.municipalities else None,
            title=ini.title, description=ini.description,
            expected_tkr=ini.expected_tkr, expected_low_tkr=ini.expected_low_tkr,
            expected_high_tkr=ini.expected_high_tkr, expected_text=ini.expected_text,
            realised_tkr=ini.realised_tkr, realised_text=ini.realised_text,
            full_phase_in_year=ini.full_phase_in_year, full_phase_in_text=ini.full_phase_in_text,
            implementation_cost_tkr=ini.implementation_cost_tkr,
            implementation_cost_text=ini.implementation_cost_text,
            adopted=ini.adopted, adopted_text=ini.adopted_text, status=ini.status, feasibility=ini.feasibility,
            other_effects=ini.other_effects, about=ini.about, further_info=ini.further_info,
            responsible=ini.responsible, handling=ini.handling,
            first_page=first.page if first else None, first_line=first.line if first else None,
            source_number=ini.number))
        for m in dict.fromkeys(ini.municipalities):
            munis.append(MunicipalityRow(iid, m))
        seen = set()
        for tag in ini.sectors:
            if tag.source_sector in seen:
                continue
            seen.add(tag.source_sector)
            sectors.append(SectorTagRow(iid, tag.sector, tag.source_sector))
            if tag.sector is None:
                warnings.append(ParseWarning(Code.SECTOR_UNMAPPED,
                                             f"sector '{tag.source_sector}' has no canonical mapping",
                                             field="sector", key=ini.key, params={"sector": tag.source_sector}))
        for mt in dict.fromkeys(ini.measure_types):
            types.append(TypeRow(iid, mt))
        seen_g = set()
        for g in ini.gains:
            if (g.year, g.kind) in seen_g:
                warnings.append(ParseWarning(Code.GAIN_DUPLICATE, f"second {g.kind} gain for {g.year} ignored",
                                             field="gains", text=g.text, key=ini.key,
                                             params={"kind": g.kind, "year": g.year}))
                continue
            seen_g.add((g.year, g.kind))
            gains.append(GainRow(iid, g.year, g.kind, g.amount_tkr, g.text))
        for a in ini.appearances:
            seq_items.append((a.page if a.page is not None else 0, a.line if a.line is not None else 0, iid, a))
    # seq = order of printing in the document
    seq_items.sort(key=lambda x: (x[0], x[1]))
    for n, (_, _, iid, a) in enumerate(seq_items, start=1):
        apps.append(AppearanceRow(iid, source_id, n, a.section, a.page, a.line))
    targets = [TargetRow(source_id, tg.year, tg.kind, tg.amount_tkr, tg.text, tg.area, tg.percent, tg.page, tg.line)
               for tg in parsed.targets]
    totals = [TableTotalRow(source_id, tt.label, tt.year, tt.printed_tkr, tt.computed_tkr, tt.difference_tkr,
                            tt.page, tt.line) for tt in parsed.totals]
    warns = [WarningRow(source_id, ids.get(w.key) if w.key else None, w.page, w.line, w.field, w.message, w.text,
                        str(w.code), w.params_json()) for w in warnings]
    info = parsed.source
    read = reading(doc, parsed.format, source_id)
    source = SourceRow(
        source_id=source_id, file_name=doc.file_name, sha256=doc.sha256, format=parsed.format,
        title=parsed.title, published_year=parsed.published_year, loaded_at=loaded_at,
        container=doc.container, encoding=doc.encoding, size_bytes=len(doc.data), page_count=doc.page_count,
        context=parsed.context, n_initiatives=len(inis), n_appearances=len(apps),
        n_warnings=len(warns),
        unit_text=info.unit_text.value if info.unit_text else None,
        price_level=info.price_level.value if info.price_level else None,
        sign_convention=info.sign_convention.value if info.sign_convention else None,
        layout_score=layout_score, reader=read.reader, words_read=read.words_read, words_outside=read.words_outside,
        furniture_lines=read.furniture_lines, column_blocks=read.column_blocks)
    return Rows(source=source, initiatives=inis, appearances=apps, municipalities=munis, sectors=sectors,
                types=types, gains=gains, targets=targets, totals=totals, warnings=warns, pdf_tables=read.tables)
