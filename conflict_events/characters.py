"""The characters no text of the package may hold, defined once.

Control characters (Unicode category Cc), bidirectional overrides and isolates, and
zero-width characters either do not show or change how the text around them shows: a name
with a zero-width space looks like another name, a right-to-left override makes a cell read
differently from what it holds. They are refused in every text cell and stored article
(tab and line feed aside, where the text allows line breaks), removed from an incoming
article by `clean_incoming`, and ignored when names are compared (`comparable`).
"""

from __future__ import annotations

import re
import unicodedata

# Inclusive ranges of code points.
CONTROL = ((0x00, 0x1F), (0x7F, 0x9F))  # exactly Unicode's category Cc
BIDI = ((0x202A, 0x202E), (0x2066, 0x2069))  # embeddings, overrides, isolates
ZERO_WIDTH = ((0x200B, 0x200D), (0x2060, 0x2060), (0xFEFF, 0xFEFF))
REFUSED = (*CONTROL, *BIDI, *ZERO_WIDTH)

# What a text that allows line breaks (a field marked x-multiline, a stored article) may
# hold of the control characters. A carriage return is refused everywhere: line breaks
# are stored as line feeds.
LINE_BREAKS = "\n\t"

# The C0 controls and DELETE by their Unicode name aliases (unicodedata.name has no name
# for a control character); the C1 controls are named by their code point alone.
_C0 = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "ALERT",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
]


def _points(allowed: str = "") -> list[int]:
    keep = {ord(c) for c in allowed}
    return [p for low, high in REFUSED for p in range(low, high + 1) if p not in keep]


def _ranges(points: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1] = (runs[-1][0], point)
        else:
            runs.append((point, point))
    return runs


def engine_class(allowed: str = "") -> str:
    """A regex character class of the refused characters (less `allowed`), written with
    \\x{...} escapes, which both DuckDB (RE2) and Spark (Java) read."""
    parts = [
        f"\\x{{{low:X}}}" + ("" if low == high else f"-\\x{{{high:X}}}")
        for low, high in _ranges(_points(allowed))
    ]
    return "[" + "".join(parts) + "]"


def _python_class(allowed: str = "") -> re.Pattern[str]:
    parts = [
        re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high)))
        for low, high in _ranges(_points(allowed))
    ]
    return re.compile("[" + "".join(parts) + "]")


_STRICT, _LOOSE = _python_class(), _python_class(LINE_BREAKS)


def first_refused(text: str, line_breaks: bool = False) -> int | None:
    """The offset of the first refused character in `text`, or None; with `line_breaks`,
    tab and line feed are allowed."""
    found = (_LOOSE if line_breaks else _STRICT).search(text)
    return None if found is None else found.start()


def describe(char: str) -> str:
    """The character as a report names it, e.g. 'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    point = ord(char)
    if point < len(_C0):
        name = _C0[point]
    elif point == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{point:04X} {name}"


def kind(char: str) -> str:
    """What the character does, in a few words, for a report's hint."""
    point = ord(char)
    if any(low <= point <= high for low, high in BIDI):
        return "a bidirectional control, which reorders the text as it is displayed"
    if any(low <= point <= high for low, high in ZERO_WIDTH):
        return "a zero-width character, which does not show"
    return "a control character"


def clean_incoming(text: str) -> str:
    """An incoming text (an article from add-source, a cell of an imported file) as it is
    stored: CR LF and lone CR become LF; every other refused character (zero-width
    characters, bidirectional controls, control characters but tab and LF) is removed. Nothing else changes: no Unicode normalisation (NFC or
    other), so the stored characters stay the publisher's."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LOOSE.sub("", text)


def comparable(name: str) -> str:
    """A name as names are compared: refused (invisible) characters removed, NFKC,
    case-folded, each run of white space one space, outer white space stripped:
    'military  forces' in fullwidth letters, or with U+200B appended, is the same name as
    'Military Forces'."""
    visible = _STRICT.sub("", name)
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return " ".join(folded.split())
