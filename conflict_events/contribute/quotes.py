"""Find where typed words stand in an article, forgiving typography but never changing it.

Curly and straight quotes, the various dashes, and runs of white space count as the same
when searching; every match is reported with the article's own characters and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAME = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str  # the article's own characters, text[start:end]


def _folded(text: str) -> tuple[str, list[int]]:
    """The text with typography folded and white-space runs collapsed, and for each of its
    characters the offset of the character in the original it came from."""
    folded, origin = [], []
    for index, char in enumerate(text.translate(_SAME)):
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            char = " "
        folded.append(char)
        origin.append(index)
    return "".join(folded), origin


def find_quote(article: str, typed: str) -> list[Match]:
    """Every place the typed words stand in the article."""
    needle = _SPACE.sub(" ", typed.translate(_SAME)).strip()
    if not needle:
        return []
    folded, origin = _folded(article)
    matches, at = [], folded.find(needle)
    while at >= 0:
        start, last = origin[at], origin[at + len(needle) - 1]
        matches.append(Match(start, last + 1, article[start : last + 1]))
        at = folded.find(needle, at + 1)
    return matches
