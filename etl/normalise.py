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
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.core.document import RawDocument
from etl.core.initiative_columns import InitiativeColumns
from etl.core.initiative_columns import Items as ColumnItems
from etl.core.model import Code, Decided, Initiative, ParsedDocument, ParseWarning
from etl.core.rows import (
    AppearanceRow,
    Columns,
    GainRow,
    InitiativeRow,
    MunicipalityRow,
    PdfTableRow,
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
T = TypeVar("T")


def slug(text: str, max_len: int = 40) -> str:
    s = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                              .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"))
    s = re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode().lower()).strip("-")
    return s[:max_len].rstrip("-")


def initiative_ids(fmt: str, prefix: str, doc_key: str, keys: Sequence[str]) -> list[str]:
    """Each key's stable id: ``prefix-`` and the first 10 hex digits of the SHA-1 of
    ``fmt␟doc_key␟key`` (␟ = U+001F) in UTF-8, built as the shared head's bytes plus the key's."""
    head, sha1 = f"{fmt}\x1f{doc_key}\x1f".encode(), hashlib.sha1
    return [f"{prefix}-{sha1(head + key.encode()).hexdigest()[:10]}" for key in keys]


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
    """No absurd amount or year in the initiative, checked without building messages."""
    for v in (ini.expected_tkr, ini.expected_low_tkr, ini.expected_high_tkr, ini.realised_tkr,
              ini.implementation_cost_tkr):
        if _absurd_amount(v):
            return False
    if _absurd_year(ini.full_phase_in_year):
        return False
    return not any(_absurd_amount(g.amount_tkr) or _absurd_year(g.year) for g in ini.gains)


def _validate_initiatives(file_name: str, initiatives: Iterable[Initiative]) -> None:
    for ini in initiatives:
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


def _validate_figures(file_name: str, parsed: ParsedDocument) -> None:
    for t in parsed.targets:
        _check_amount(file_name, f"target '{t.text[:60]}'", t.amount_tkr)
        _check_year(file_name, f"target '{t.text[:60]}'", t.year)
    for total in parsed.totals:
        _check_amount(file_name, f"total '{total.label[:60]}'", total.printed_tkr)
        _check_year(file_name, f"total '{total.label[:60]}'", total.year)


def validate(file_name: str, parsed: ParsedDocument) -> None:
    """Refuse a document with an absurd amount or year: the first one (initiatives in order, each
    one's amounts, phase-in year and gains; then targets; then totals) is the error."""
    _validate_initiatives(file_name, parsed.initiatives)
    _validate_figures(file_name, parsed)


def _within(values: pa.Array, low: float, high: float) -> bool:
    """Every figure of a whole column lies within [low, high] and none is NaN (nulls: unknown)."""
    if pa.types.is_floating(values.type) and pc.any(pc.is_nan(values)).as_py():
        return False
    bounds = pc.min_max(values).as_py()
    return bounds["min"] is None or (low <= bounds["min"] and bounds["max"] <= high)


def _arrow_columns(file_name: str, initiatives: Sequence[Initiative], amounts: list[Sequence],
                   years: list[Sequence]) -> tuple[list[pa.Array], list[pa.Array]]:
    """The amount and year columns as Arrow arrays (as they are inserted), refused (InputError,
    :func:`validate`'s message) if any holds an absurd value: whole columns checked at once."""
    try:
        checked = ([pa.array(c, type=pa.float64()) for c in amounts], [pa.array(c, type=pa.int64()) for c in years])
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        _validate_initiatives(file_name, initiatives)  # an absurd value is the error
        raise
    if not (all(_within(c, -MAX_ABS_TKR, MAX_ABS_TKR) for c in checked[0])
            and all(_within(c, YEAR_MIN, YEAR_MAX) for c in checked[1])):
        _validate_initiatives(file_name, initiatives)  # names the first absurd value
    return checked


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


@dataclass(frozen=True)
class _Items:
    """The items of one list-valued field of every initiative, in order (the columns'
    :class:`etl.core.initiative_columns.Items`), with each item's initiative: its index
    (``owners``) and its id (``ids``, taken from the initiatives' ids in Arrow, as inserted)."""

    owners: np.ndarray
    ids: pa.Array
    single: bool  # at most one item per initiative: none repeats within one
    one_each: bool  # exactly one item per initiative (owners are 0, 1, 2, …)

    @classmethod
    def of(cls, owners: np.ndarray, ids: pa.Array) -> _Items:
        single = len(owners) < 2 or bool((owners[1:] != owners[:-1]).all())  # (owners are sorted)
        if single and len(owners) == len(ids):  # one each, the common case
            return cls(owners, ids, True, True)
        return cls(owners, ids.take(owners), single, False)

    def first_of_each(self, *keys: pa.Array) -> list[bool] | None:
        """Which items are the first of their initiative with their ``keys`` (None: all are, the
        common case: the initiative's number and the keys' codes in one integer, sorted, repeat
        nowhere)."""
        if self.single:
            return None
        combined = self.owners.astype(np.int64)
        for key in keys:
            encoded = pc.dictionary_encode(key, null_encoding="encode")
            if len(combined) and (int(combined.max()) + 1) * len(encoded.dictionary) >= 2 ** 62:
                break  # too many to number in one integer: look item by item
            combined = combined * len(encoded.dictionary) + encoded.indices.to_numpy(zero_copy_only=False)
        else:
            in_order = np.sort(combined)
            if not (in_order[1:] == in_order[:-1]).any():
                return None
        return _first_of_each(zip(self.owners.tolist(), *(k.to_pylist() for k in keys)))


def _first_of_each(keys: Iterable[Hashable]) -> list[bool]:
    seen: set = set()
    first = []
    for key in keys:
        first.append(key not in seen)
        seen.add(key)
    return first


def _kept(values: Sequence[T], keep: list[bool] | None) -> Sequence[T]:
    if keep is None:
        return values
    if isinstance(values, pa.Array):
        return values.filter(pa.array(keep, type=pa.bool_()))
    return list(compress(values, keep))


def _joined(munis: ColumnItems[str], one_each: bool, n: int) -> Sequence[str | None]:
    """Each initiative's municipalities as one text ("A, B"; None: none), as printed (a repeat too)."""
    if one_each:
        return munis.value
    bounds = np.searchsorted(munis.owner, np.arange(n + 1)).tolist()
    return [", ".join(munis.value[a:b]) if b > a else None for a, b in zip(bounds[:-1], bounds[1:])]


def to_rows(doc: RawDocument, parsed: ParsedDocument, loaded_at: dt.datetime, id_prefix: str,
            layout_score: float | None = None) -> Rows:
    """Turn one parsed document into rows for every table, column by column; ``layout_score`` is
    the detector's confidence (None when the format was forced)."""
    source_id = doc.sha256[:12]
    doc_key = parsed.title or doc.path.stem
    cols = InitiativeColumns.of(parsed.initiatives)
    n, keys = len(cols), cols.key
    ids = initiative_ids(parsed.format, id_prefix, doc_key, keys)
    ids_arrow = pa.array(ids, type=pa.string())
    g = cols.gains
    gains = _Items.of(g.owner, ids_arrow)
    (expected, low, high, realised, cost, g_amount), (phase_in_year, g_year) = _arrow_columns(
        doc.file_name, cols, [cols.expected_tkr, cols.expected_low_tkr, cols.expected_high_tkr, cols.realised_tkr,
                              cols.implementation_cost_tkr, g.amount_tkr], [cols.full_phase_in_year, g.year])
    _validate_figures(doc.file_name, parsed)
    if len(set(ids)) != n:
        taken: set[str] = set()
        for iid, key in zip(ids, keys):
            if iid in taken:
                raise InputError(doc.file_name, f"internal: two initiatives share the key {key!r}")
            taken.add(iid)
    # warnings about one initiative: (its index, 0 sectors / 1 gains, warning), sorted so
    about_one: list[tuple[int, int, ParseWarning]] = []

    munis = _Items.of(cols.municipalities.owner, ids_arrow)
    m_name = pa.array(cols.municipalities.value, type=pa.string())
    keep = munis.first_of_each(m_name)
    municipality_rows = Columns.of(MunicipalityRow, initiative_id=_kept(munis.ids, keep),
                                   municipality=_kept(m_name, keep))

    tags = _Items.of(cols.sectors.owner, ids_arrow)
    s_sector, s_source = cols.sectors.sector, cols.sectors.source_sector
    source_sector = pa.array(s_source, type=pa.string())
    keep = tags.first_of_each(source_sector)  # a sector printed twice is tagged once
    sector_rows = Columns.of(SectorTagRow, initiative_id=_kept(tags.ids, keep), sector=_kept(s_sector, keep),
                             source_sector=_kept(source_sector, keep))
    if None in s_sector:
        about_one += [(k, 0, ParseWarning(Code.SECTOR_UNMAPPED, f"sector '{src}' has no canonical mapping",
                                          field="sector", key=keys[k], params={"sector": src}))
                      for k, sector, src in zip(_kept(tags.owners.tolist(), keep), _kept(s_sector, keep),
                                                _kept(s_source, keep)) if sector is None]

    types = _Items.of(cols.measure_types.owner, ids_arrow)
    measure_type = pa.array(cols.measure_types.value, type=pa.string())
    keep = types.first_of_each(measure_type)
    type_rows = Columns.of(TypeRow, initiative_id=_kept(types.ids, keep), measure_type=_kept(measure_type, keep))

    kind = pa.array(g.kind, type=pa.string())
    keep = gains.first_of_each(g_year, kind)
    if keep is not None:
        about_one += [(k, 1, ParseWarning(Code.GAIN_DUPLICATE, f"second {kd} gain for {year} ignored",
                                          field="gains", text=text, key=keys[k], params={"kind": kd, "year": year}))
                      for k, year, kd, text, first in zip(gains.owners.tolist(), g_year.to_pylist(), g.kind, g.text,
                                                          keep) if not first]
    gain_rows = Columns.of(GainRow, initiative_id=_kept(gains.ids, keep), year=_kept(g_year, keep),
                           kind=_kept(kind, keep), amount_tkr=_kept(g_amount, keep), text=_kept(g.text, keep))

    # seq = order of printing in the document (unknown page or line first); on a tie, the order
    # of the initiatives and of their printings
    printings = _Items.of(cols.appearances.owner, ids_arrow)
    a_page, a_line, a_section = cols.appearances.page, cols.appearances.line, cols.appearances.section
    printed_at = list(zip([p or 0 for p in a_page], [x or 0 for x in a_line]))
    order = sorted(range(len(printed_at)), key=printed_at.__getitem__)
    in_order: list[Sequence] = [printings.ids, a_section, a_page, a_line]
    if order != list(range(len(order))):  # other than printed in the order read
        in_order = [printings.ids.take(pa.array(order, type=pa.int64()))] + [
            [c[j] for j in order] for c in (a_section, a_page, a_line)]
    appearance_rows = Columns.of(AppearanceRow, initiative_id=in_order[0], source_id=[source_id] * len(order),
                                 seq=range(1, len(order) + 1), section=in_order[1], page=in_order[2],
                                 line=in_order[3])
    # an initiative's first printing: the first of its printings in that order
    first_page: Sequence[int | None] = a_page
    first_line: Sequence[int | None] = a_line
    if not printings.one_each:
        first: list[int | None] = [None] * n
        owners = printings.owners.tolist()
        for j in reversed(order):
            first[owners[j]] = j
        first_page = [None if j is None else a_page[j] for j in first]
        first_line = [None if j is None else a_line[j] for j in first]

    initiative_rows = Columns.of(
        InitiativeRow, initiative_id=ids_arrow, source_id=[source_id] * n,
        municipality=_joined(cols.municipalities, munis.one_each, n),
        title=cols.title, description=cols.description, expected_tkr=expected, expected_low_tkr=low,
        expected_high_tkr=high, expected_text=cols.expected_text, realised_tkr=realised,
        realised_text=cols.realised_text, full_phase_in_year=phase_in_year,
        full_phase_in_text=cols.full_phase_in_text, implementation_cost_tkr=cost,
        implementation_cost_text=cols.implementation_cost_text, adopted=cols.adopted, adopted_text=cols.adopted_text,
        status=cols.status, feasibility=cols.feasibility, other_effects=cols.other_effects, about=cols.about,
        further_info=cols.further_info, responsible=cols.responsible, handling=cols.handling,
        first_page=first_page, first_line=first_line, source_number=cols.number)

    about_one.sort(key=lambda w: w[:2])
    warnings = list(parsed.warnings) + _inferred(parsed) + [
        ParseWarning(Code.ENCODING_UNCERTAIN, doubt, field="encoding", params={"encoding": doc.encoding})
        for doubt in doc.encoding_doubts] + [w for _, _, w in about_one]
    id_of = dict(zip(keys, ids)) if any(w.key for w in warnings) else {}
    warning_rows = Columns.from_rows(WarningRow, [
        WarningRow(source_id, id_of.get(w.key) if w.key else None, w.page, w.line, w.field, w.message, w.text,
                   str(w.code), w.params_json()) for w in warnings])
    targets = Columns.from_rows(TargetRow, [
        TargetRow(source_id, tg.year, tg.kind, tg.amount_tkr, tg.text, tg.area, tg.percent, tg.page, tg.line)
        for tg in parsed.targets])
    totals = Columns.from_rows(TableTotalRow, [
        TableTotalRow(source_id, tt.label, tt.year, tt.printed_tkr, tt.computed_tkr, tt.difference_tkr,
                      tt.page, tt.line) for tt in parsed.totals])
    info = parsed.source
    read = reading(doc, parsed.format, source_id)
    source = SourceRow(
        source_id=source_id, file_name=doc.file_name, sha256=doc.sha256, format=parsed.format,
        title=parsed.title, published_year=parsed.published_year, loaded_at=loaded_at,
        container=doc.container, encoding=doc.encoding, size_bytes=len(doc.data), page_count=doc.page_count,
        context=parsed.context, n_initiatives=n, n_appearances=len(appearance_rows),
        n_warnings=len(warning_rows),
        unit_text=info.unit_text.value if info.unit_text else None,
        price_level=info.price_level.value if info.price_level else None,
        sign_convention=info.sign_convention.value if info.sign_convention else None,
        layout_score=layout_score, reader=read.reader, words_read=read.words_read, words_outside=read.words_outside,
        furniture_lines=read.furniture_lines, column_blocks=read.column_blocks)
    return Rows(source=source, initiatives=initiative_rows, appearances=appearance_rows,
                municipalities=municipality_rows, sectors=sector_rows, types=type_rows, gains=gain_rows,
                targets=targets, totals=totals, warnings=warning_rows,
                pdf_tables=Columns.from_rows(PdfTableRow, read.tables))
