"""B17 catalogue: printings of one example under several headings are one initiative.

The catalogue prints an example under every sector and type heading it belongs to,
and a reprint may carry a different title ("Fokus på mål og forhandling af takster"
under one heading, "Voksenudredningsmetode som styringsredskab: Fokus på mål og
forhandling af takster" under another). The contract counts initiatives, not
printings, so two printings are one example when they name the same municipalities
and either their titles are the same (compared by :func:`heading_key`) or their
bodies are (the description and the gain prose, compared word by word, small
differences of extraction allowed).

The merged example keeps the longest of its titles, and its key — and so its
``initiative_id`` — is that title's key, the earliest printing breaking a tie: the
id does not depend on which printing comes first. A merge of different titles
leaves a ``reprint_differs`` warning naming them.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from etl.core.model import Code, Initiative, ParseWarning
from etl.parse.b17.segment import Printing, heading_key

#: Word-level similarity above which two bodies are one text (hyphenation, a word changed).
SAME_BODY = 0.9
#: Bodies shorter than this (in words) are too little to identify an example by.
MIN_WORDS = 40


def _words(p: Printing) -> list[str]:
    text = " ".join(p.description + [t for _, t in p.gain]).lower()
    return re.findall(r"[a-zæøåéü0-9]+", text)


def _same_body(a: list[str], b: list[str]) -> bool:
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    if a == b:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.quick_ratio() >= SAME_BODY and m.ratio() >= SAME_BODY


def unify(printed: list[tuple[Printing, Initiative]], warnings: list[ParseWarning]) -> None:
    """Give every printing of one example the same key and title (before :func:`merge_printings`)."""
    by_muni: dict[tuple[str, ...], list[int]] = {}
    for n, (_, ini) in enumerate(printed):
        by_muni.setdefault(tuple(ini.municipalities), []).append(n)
    parent = list(range(len(printed)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for members in by_muni.values():
        words = {n: _words(printed[n][0]) for n in members}
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                same_title = heading_key(printed[a][1].title) == heading_key(printed[b][1].title)
                if same_title or _same_body(words[a], words[b]):
                    parent[root(b)] = root(a)
    groups: dict[int, list[int]] = {}
    for n in range(len(printed)):
        groups.setdefault(root(n), []).append(n)
    for members in groups.values():
        titles = list(dict.fromkeys(printed[n][1].title for n in members))
        if len(titles) < 2:
            continue
        keep = max(members, key=lambda n: (len(printed[n][1].title), -printed[n][0].line))
        title, key = printed[keep][1].title, printed[keep][1].key
        for n in members:
            printed[n][1].title, printed[n][1].key = title, key
        warnings.append(ParseWarning(Code.REPRINT_DIFFERS, "one example printed under several titles; the longest "
                                     f"is kept: {' / '.join(titles)}", field="title", text=" / ".join(titles),
                                     line=printed[keep][0].line, key=key, params={"titles": len(titles)}))
