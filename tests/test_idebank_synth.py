"""The Idébank parser on synthetic catalogues (tests/synth_idebank.py).

New municipalities, titles, amounts and page breaks in new places: the parser
must find every card by the layout alone and report every field the generator
printed."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from etl.parse import idebank
from tests.synth_idebank import make_catalogue

SEEDS = range(40)


def _doc(text: str) -> SimpleNamespace:
    return SimpleNamespace(text=text, file_name="synth.txt", container="text", lines=text.splitlines())


def _check(cat, parsed) -> None:
    found = {(tuple(i.municipalities), i.title): i for i in parsed.initiatives}
    assert len(parsed.initiatives) == len(cat.answers)
    assert sum(len(i.appearances) for i in parsed.initiatives) == sum(len(a.printings) for a in cat.answers)
    for a in cat.answers:
        ini = found.get((tuple(a.municipalities), a.title))
        assert ini is not None, f"card not found: {a.municipalities} {a.title!r}"
        assert ini.description == a.description
        assert ini.expected_text == a.expected_text
        if a.expected_low is None:
            assert ini.expected_tkr is None and ini.expected_low_tkr is None and ini.expected_high_tkr is None
        else:
            assert ini.expected_low_tkr == pytest.approx(a.expected_low)
            assert ini.expected_high_tkr == pytest.approx(a.expected_high)
            assert ini.expected_tkr == pytest.approx(a.expected_mid)
        assert ini.full_phase_in_text == a.phase_in_text
        assert ini.full_phase_in_year == a.phase_in_year
        assert ini.implementation_cost_text == a.cost_text
        assert ini.implementation_cost_tkr == (None if a.cost_tkr is None else pytest.approx(a.cost_tkr))
        assert ini.adopted_text == a.adopted_text
        assert ini.adopted is a.adopted
        assert [t.source_sector for t in ini.sectors] == a.sectors
        assert all(t.sector is not None for t in ini.sectors)
        assert ini.measure_types == a.types
        assert ini.further_info == a.further_info
        got = sorted((p.line, p.page, p.section) for p in ini.appearances)
        assert got == sorted(a.printings)
    # every unknown value comes with a located warning naming its card
    keys = {i.key for i in parsed.initiatives}
    for ini in parsed.initiatives:
        for fld, value in (("expected_tkr", ini.expected_tkr), ("full_phase_in_year", ini.full_phase_in_year),
                           ("implementation_cost_tkr", ini.implementation_cost_tkr), ("adopted", ini.adopted)):
            if value is None:
                ws = [w for w in parsed.warnings if w.key == ini.key and w.field == fld]
                assert ws, (ini.title, fld)
                assert all(w.line and w.page and w.text for w in ws)
    assert all(w.key in keys for w in parsed.warnings if w.key is not None)


@pytest.mark.parametrize("seed", SEEDS)
def test_synthetic_catalogue_with_footers(seed):
    cat = make_catalogue(seed)
    doc = _doc(cat.text)
    assert idebank.detect(doc) >= 0.9
    parsed = idebank.parse(doc)
    assert parsed.title == cat.title
    assert parsed.published_year == cat.year
    _check(cat, parsed)
    late = [w for w in parsed.warnings if w.field == "further_info"]
    assert len(late) == 1 and "after the next card" in late[0].message


@pytest.mark.parametrize("seed", SEEDS[:15])
def test_synthetic_pdf_text_layer_with_form_feeds(seed):
    """Pages joined by '\\f' and no footers: the page is the form-feed page."""
    cat = make_catalogue(seed, form_feeds=True)
    assert "\f" in cat.text and "Idébank" not in cat.text
    parsed = idebank.parse(_doc(cat.text))
    _check(cat, parsed)
    assert parsed.title is None
    assert any(w.field == "title" for w in parsed.warnings)


def test_the_generator_covers_every_trap():
    """The traps the parser must handle are present in the generated catalogues
    (so the tests above are not passing on easy input)."""
    cats = [make_catalogue(s) for s in SEEDS]
    answers = [a for c in cats for a in c.answers]
    assert any(len(a.municipalities) > 1 for a in answers)
    assert any(len(a.printings) > 1 for a in answers)
    assert any(a.expected_low is not None and a.expected_low != a.expected_high for a in answers)
    assert any("," in a.expected_text and a.expected_low for a in answers)
    assert any("." in a.expected_text for a in answers)
    assert any(a.expected_text == "Ikke oplyst" for a in answers)
    assert any(a.phase_in_text.startswith("fra år") for a in answers)
    assert any("/" in a.phase_in_text for a in answers)
    assert any("herefter" in a.cost_text for a in answers)
    assert any(a.adopted is None for a in answers)
    assert any("/automatisering" in t for a in answers for t in a.types)
    assert any("Udsatte voksne & borgere med handicap" in a.sectors for a in answers)
    assert any(len(a.sectors) == 9 for a in answers)
    assert any(len(a.title) > 55 for a in answers)
    # footers inside cards: some page number sits between a card start and the next one
    text = cats[0].text.splitlines()
    starts = sorted(p[0] for a in cats[0].answers for p in a.printings)
    footer_lines = [n for n, ln in enumerate(text, start=1) if ln.startswith("Idébank ")]
    assert any(any(s < f < e for f in footer_lines) for s, e in zip(starts, starts[1:]))
