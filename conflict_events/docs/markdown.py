"""The few pieces of GitHub-flavoured Markdown the generated docs need: escaped table cells,
code spans, tables, and the anchors GitHub gives headings (so links can be computed)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def text(value: object) -> str:
    """Plain text safe in a paragraph or a table cell: one line, no raw HTML, no cell breaks."""
    return " ".join(str(value).split()).replace("<", "&lt;").replace("|", "\\|")


def code(value: object) -> str:
    """A code span of the value as written (a `|` escaped, as GitHub tables need even there)."""
    raw = str(value).replace("|", "\\|")
    fence = "``" if "`" in raw else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{raw}{pad}{fence}"


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table of cells already escaped."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading's text: the rendered words in lower case, punctuation
    other than '-' and '_' dropped, each space a hyphen."""
    rendered = _LINK.sub(r"\1", heading).replace("`", "").replace("*", "")
    kept = re.sub(r"[^\w\- ]", "", rendered.lower())
    return kept.replace(" ", "-")


class Anchors:
    """Anchors of one document's headings, in order: a repeated slug gets -1, -2, ... as on
    GitHub."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def add(self, heading: str) -> str:
        anchor = base = slug(heading)
        while anchor in self._seen:
            self._seen[base] += 1
            anchor = f"{base}-{self._seen[base]}"
        self._seen[anchor] = 0
        return anchor


class Heading(NamedTuple):
    line: int  # 0-based
    level: int
    title: str
    anchor: str


def _fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (fences included)."""
    inside, marks = False, []
    for line in lines:
        fence = bool(_FENCE.match(line))
        marks.append(inside or fence)
        inside = inside != fence
    return marks


def headings(document: str) -> Iterator[Heading]:
    """Each ATX heading outside fenced code blocks, with the anchor GitHub gives it."""
    lines = document.splitlines()
    anchors = Anchors()
    for number, (line, fenced) in enumerate(zip(lines, _fenced(lines), strict=True)):
        match = None if fenced else _HEADING.match(line)
        if match:
            title = match.group(2)
            yield Heading(number, len(match.group(1)), title, anchors.add(title))


def prose(lines: list[str]) -> str:
    """The lines outside fenced code blocks."""
    return "\n".join(line for line, fenced in zip(lines, _fenced(lines), strict=True) if not fenced)
