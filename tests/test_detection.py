"""Detection asks only the parsers that can still win (etl.formats): the same winner and score as
asking every parser, and each parser's declared ``max_score`` really bounds its ``detect``."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import tables
from etl import formats
from etl.core.parser import LayoutParser
from etl.errors import InputError
from etl.read import read
from tests import synth_proposal_list as spl

ROOT = Path(__file__).resolve().parent.parent
BUILT_IN = sorted((ROOT / "data" / "raw").glob("*.txt"))


def _documents(folder: Path) -> list[Path]:
    """Built-in documents, a generated table (CSV and XLSX) and a proposal list in CSV."""
    out = list(BUILT_IN)
    for suffix in (".csv", ".xlsx"):
        out.append(tables.write(folder / f"table{suffix}", 40))
    plist = folder / "forslag.csv"
    plist.write_text(spl.pairs_csv(spl.PROPOSALS, spl.LABELS_A), encoding="utf-8")
    out.append(plist)
    notes = folder / "noter.txt"
    notes.write_text("Bare nogle løse noter uden tabel.\n", encoding="utf-8")
    out.append(notes)
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    return _documents(tmp_path_factory.mktemp("detect"))


def _winner(found: dict[str, float]) -> tuple[str, float] | None:
    """What asking every parser decides: the highest score, the earliest entry on a tie."""
    best = max(found, key=lambda n: found[n], default=None)
    return None if best is None or found[best] < formats.DETECT_THRESHOLD else (best, found[best])


@pytest.mark.parametrize("index", range(len(BUILT_IN) + 4))
def test_same_winner_as_asking_every_parser(documents, index):
    doc = read(documents[index])
    want = _winner(formats.scores(doc))
    try:
        parser, score = formats.detect_scored(read(documents[index]))
        got: tuple[str, float] | None = (parser.name, score)
    except InputError:  # "unknown layout" is an answer too
        got = None
    assert got == want


@pytest.mark.parametrize("index", range(len(BUILT_IN) + 4))
def test_no_parser_scores_above_its_declared_maximum(documents, index):
    doc = read(documents[index])
    for p in formats.PARSERS:
        assert 0.0 <= p.detect(doc) <= p.max_score <= 1.0, p.name


def test_the_maxima_are_declared_in_the_registry():
    declared = {p.name: p.max_score for p in formats.PARSERS}
    assert declared["proposal_list"] == 0.8 and declared["table"] == 0.9
    assert all(v == 1.0 for k, v in declared.items() if k not in ("proposal_list", "table"))


def _fake(name: str, score: float, max_score: float, asked: list[str]) -> LayoutParser:
    def detect(doc) -> float:
        asked.append(name)
        return score
    return LayoutParser(name=name, id_prefix=name, detect=detect, parse=lambda doc: None,  # type: ignore[arg-type,return-value]
                        max_score=max_score)


@pytest.mark.parametrize("registry, winner, asked", [
    # (name, score, max_score) in registry order
    ([("a", 0.0, 1.0), ("list", 0.8, 0.8), ("table", 0.9, 0.9)], "table", ["a", "table"]),
    ([("a", 0.0, 1.0), ("list", 0.8, 0.8), ("table", 0.55, 0.9)], "list", ["a", "table", "list"]),
    ([("a", 1.0, 1.0), ("b", 1.0, 1.0), ("table", 0.9, 0.9)], "a", ["a"]),  # a tie: the earlier entry
    ([("a", 0.9, 1.0), ("table", 0.9, 0.9)], "a", ["a"]),  # table can only tie, and ties lose to a
    ([("table", 0.9, 0.9), ("a", 0.9, 1.0)], "table", ["a", "table"]),  # a later entry could score 1.0; a tie: table
    ([("table", 0.9, 0.9), ("a", 0.3, 1.0)], "table", ["a", "table"]),
])
def test_which_parsers_are_asked(monkeypatch, registry, winner, asked):
    calls: list[str] = []
    parsers = [_fake(n, s, m, calls) for n, s, m in registry]
    monkeypatch.setattr(formats, "_BY_MAX", sorted(enumerate(parsers), key=lambda ip: (-ip[1].max_score, ip[0])))
    best = formats._best(None)  # type: ignore[arg-type]
    assert best is not None and best[0].name == winner
    assert calls == asked
