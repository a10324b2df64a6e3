"""The one table of check-box glyphs: which printed character means ticked, which not.

A check box reaches the text layer in one of three ways:

* as a Unicode character of an ordinary font (■/□, ☐/☑/☒, ✓/✗);
* as a glyph of a symbol font (ZapfDingbats, Wingdings, Wingdings 2) that has no
  Unicode mapping, so the text layer carries the font's own code: an unrelated
  letter ("n" in ZapfDingbats is ■, "S" in Wingdings 2 is ☒) or that code moved to
  the private-use area (U+F053), which is what KL's Idébank text extraction shows;
* named by the glyph in the font's encoding (``a73`` is ZapfDingbats' ■).

:data:`GLYPHS` lists them all once; :func:`state` looks a character up by
character, font or glyph name. The PDF reader replaces every recognised box by
:data:`TICKED_MARK` or :data:`UNTICKED_MARK`, and text parsers test characters
against :data:`TICKED` / :data:`UNTICKED` (the marks, the font-independent
characters, and the Idébank's private-use codes whose font a text extraction lost).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TICKED_MARK = "\u2612"  # ☒
UNTICKED_MARK = "\u2610"  # ☐


@dataclass(frozen=True)
class Glyph:
    """One way a check box is printed. ``font`` None: the character means this in any font."""

    char: str  # as the text layer gives it
    ticked: bool
    looks: str  # what is drawn
    font: str | None = None  # font family, lower-case, no spaces ("zapfdingbats", "wingdings2")
    name: str | None = None  # glyph name in the font's encoding


GLYPHS: tuple[Glyph, ...] = (
    # Unicode characters, in any font
    Glyph("\u25a0", True, "■ black square"),
    Glyph("\u25a3", True, "▣ square with a filled square"),
    Glyph("\u2611", True, "☑ ballot box with check"),
    Glyph("\u2612", True, "☒ ballot box with X"),
    Glyph("\u2713", True, "✓ check mark"),
    Glyph("\u2714", True, "✔ heavy check mark"),
    Glyph("\u2705", True, "✅ white heavy check mark"),
    Glyph("\u25a1", False, "□ white square"),
    Glyph("\u25fb", False, "◻ white medium square"),
    Glyph("\u2610", False, "☐ ballot box"),
    Glyph("\u274f", False, "❏ shadowed white square"),
    Glyph("\u2750", False, "❐ shadowed white square"),
    Glyph("\u2751", False, "❑ shadowed white square"),
    Glyph("\u2752", False, "❒ shadowed white square"),
    Glyph("\u2717", False, "✗ ballot X"),
    Glyph("\u2718", False, "✘ heavy ballot X"),
    # Wingdings 2 codes moved to the private-use area: KL's Idébank as extracted to text,
    # where the font is lost (U+F053 ticked, U+F0A3 not ticked)
    Glyph("\uf053", True, "☒ Wingdings 2 S"),
    Glyph("\uf0a3", False, "☐ Wingdings 2 £"),
    # ZapfDingbats (PDF standard font, no Unicode mapping: the text layer gives the code)
    Glyph("n", True, "■", "zapfdingbats", "a73"),
    Glyph("3", True, "✓", "zapfdingbats", "a19"),
    Glyph("4", True, "✔", "zapfdingbats", "a20"),
    Glyph("o", False, "❏", "zapfdingbats", "a74"),
    Glyph("p", False, "❐", "zapfdingbats", "a203"),
    Glyph("q", False, "❑", "zapfdingbats", "a75"),
    Glyph("r", False, "❒", "zapfdingbats", "a204"),
    Glyph("7", False, "✗", "zapfdingbats", "a23"),
    Glyph("8", False, "✘", "zapfdingbats", "a24"),
    # Wingdings 2 (symbol TrueType: the code as a letter, or in the private-use area)
    Glyph("S", True, "☒", "wingdings2"),
    Glyph("T", True, "☒", "wingdings2"),
    Glyph("R", True, "☑", "wingdings2"),
    Glyph("P", True, "✓", "wingdings2"),
    Glyph("O", False, "✗", "wingdings2"),
    Glyph("\u00a3", False, "☐", "wingdings2"),
    # Wingdings
    Glyph("n", True, "■", "wingdings"),
    Glyph("x", True, "⌧", "wingdings"),
    Glyph("\u00fe", True, "☑", "wingdings"),
    Glyph("\u00fd", True, "☒", "wingdings"),
    Glyph("\u00fc", True, "✓", "wingdings"),
    Glyph("o", False, "□", "wingdings"),
    Glyph("q", False, "❑", "wingdings"),
    Glyph("\u00a8", False, "◻", "wingdings"),
    Glyph("\u00fb", False, "✗", "wingdings"),
)

#: Fonts whose every character is a symbol (their letters are never text).
SYMBOL_FONTS = ("zapfdingbats", "wingdings", "webdings", "symbol")

_ANY = {g.char: g.ticked for g in GLYPHS if g.font is None}
_BY_FONT = {(g.font, g.char): g.ticked for g in GLYPHS if g.font is not None}
_BY_NAME = {(g.font, g.name): g.ticked for g in GLYPHS if g.name}

#: Characters that mean a check box in a plain text file (no font to ask).
TICKED = frozenset({c for c, t in _ANY.items() if t})
UNTICKED = frozenset({c for c, t in _ANY.items() if not t})
#: The Idébank's private-use spacer printed after each box (U+F020, Wingdings' space).
SPACE_GLYPHS = frozenset({"\uf020"})


def font_family(fontname: str | None) -> str:
    """'ABCDEF+Wingdings2-Regular' → 'wingdings2'; 'ZapfDingbats' → 'zapfdingbats'."""
    if not fontname:
        return ""
    name = fontname.split("+", 1)[-1]
    name = re.split(r"[-,]", name, maxsplit=1)[0]
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _family_key(family: str) -> str | None:
    """The table's font key for a family: 'wingdings2', 'wingdings', 'zapfdingbats' or None."""
    for key in ("wingdings2", "wingdings", "zapfdingbats"):
        if family.startswith(key):
            return key
    if family.startswith(("dingbats", "itcdingbats")):
        return "zapfdingbats"
    return None


def state(char: str, fontname: str | None = None, glyph_name: str | None = None) -> bool | None:
    """True (ticked), False (not ticked) or None (not a check box) for one printed character."""
    key = _family_key(font_family(fontname))
    if key is not None:
        if glyph_name and (key, glyph_name) in _BY_NAME:
            return _BY_NAME[(key, glyph_name)]
        code = chr(ord(char) - 0xF000) if 0xF020 <= ord(char) <= 0xF0FF else char
        if (key, code) in _BY_FONT:
            return _BY_FONT[(key, code)]
        if code != char or char.isascii():
            return None  # another symbol of that font (a bullet, an arrow)
    return _ANY.get(char)


def is_symbol_font(fontname: str | None) -> bool:
    return font_family(fontname).startswith(SYMBOL_FONTS)


def mark(ticked: bool) -> str:
    return TICKED_MARK if ticked else UNTICKED_MARK
