"""What a parser is: a name, a confidence for a document, and a parse.

A parser is an object, listed once in :mod:`etl.formats` (the registry). Detection
reads content, never file names: ``detect`` returns 0 (not this layout) … 1
(certain); the highest score wins. ``parse`` returns a :class:`ParsedDocument` or
raises :class:`etl.errors.InputError` with a cause a user can act on.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from etl.core.document import RawDocument
from etl.core.model import ParsedDocument


class Parser(Protocol):
    @property
    def name(self) -> str:
        """The format's name: ``--format NAME``, ``sources.format``."""

    @property
    def id_prefix(self) -> str:
        """Prefix of the format's ``initiative_id``s ("b17-3f2a…"); never change it for a format."""

    @property
    def max_score(self) -> float:
        """The highest confidence ``detect`` can return. Detection skips a parser whose
        ``max_score`` cannot beat a score already found (:func:`etl.formats.detect_scored`):
        declare it only as what ``detect`` provably never exceeds."""

    def detect(self, doc: RawDocument) -> float: ...

    def parse(self, doc: RawDocument) -> ParsedDocument: ...


@dataclass(frozen=True)
class LayoutParser:
    """A :class:`Parser` made of a module's ``detect`` and ``parse`` functions."""

    name: str
    id_prefix: str
    detect: Callable[[RawDocument], float]
    parse: Callable[[RawDocument], ParsedDocument]
    max_score: float = 1.0
