"""How values and names appear in a report of one line: cut to a readable length, with
every character that could break the line, or disguise it, escaped.

A value may be a whole article, and a file name may hold a newline or an escape sequence;
echoed raw, either could fill a terminal or print a second line that reads like a verdict.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

VALUE_LIMIT = 80  # characters of a value shown in a report line
NAME_LIMIT = 200  # characters of a file name, or of any other text echoed in a message
LINE_LIMIT = 500  # characters of a whole message (its parts are cut first)

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Control, format (zero-width, bidirectional), surrogate and line/paragraph separators.
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if unicodedata.category(char) not in _HIDDEN:
        return char
    code = ord(char)
    if code > 0xFFFF:  # as JSON writes it: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _escape(text: str) -> str:
    return text if text.isprintable() else "".join(map(_escaped, text))


def cut(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters marked '...' when it is longer."""
    return text if len(text) <= limit else text[:limit] + "..."


def shown(value: object, limit: int = NAME_LIMIT) -> str:
    """`value` as text on one line: every control or invisible character escaped (\\n, \\t,
    \\u001b, \\u202e, ...), and cut (marked '...') where it would pass `limit` characters
    as shown, so a run of escapes cannot make it six times longer."""
    text = str(value)
    head = text[:limit]
    if head.isprintable():
        return cut(text, limit)
    pieces, length = [], 0
    for char in head:
        piece = _escaped(char)
        length += len(piece)
        if length > limit:
            return "".join(pieces) + "..."
        pieces.append(piece)
    return "".join(pieces) + ("..." if len(text) > limit else "")


def quoted(value: str, limit: int = VALUE_LIMIT) -> str:
    """`value` cut after `limit` characters, as a JSON string whose control and invisible
    characters are all escaped (JSON itself leaves bidirectional and zero-width ones)."""
    return _escape(json.dumps(cut(value, limit), ensure_ascii=False))


def json_text(document: Any, indent: int | None = None) -> str:
    """`document` as JSON with no invisible character raw in it (JSON escapes only the
    C0 controls); its own line breaks stay."""
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    return "\n".join(map(_escape, text.split("\n")))


def one_line(message: str) -> str:
    """A whole message on one line, cut to LINE_LIMIT: the last guard for messages whose
    parts were not shown with `shown` (an exception's text, say)."""
    return shown(message, LINE_LIMIT)


def relative(path: str | Path) -> str:
    """A path as reports name it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
