"""The plain-text article format contributors submit, read and checked line by line.

First line ` date YYYY-MM-DD <section>`, then paragraphs separated by blank lines, last line
`Source: <credit>`. The text is stored as UTF-8, cleaned by `characters.clean_incoming`
before anything is hashed: CR LF and lone CR become LF, and zero-width characters,
bidirectional controls and control characters other than tab and LF are removed. Nothing
else changes (no Unicode normalisation): the characters stay the publisher's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from conflict_events.characters import clean_incoming
from conflict_events.text import VALUE_LIMIT, cut

_FIRST_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})(?: (.*\S))?\s*$")
_LAST_LINE = re.compile(r"^Source: (.*\S)\s*$")


class ArticleError(Exception):
    """The file does not follow the article format; the message says where and how."""


@dataclass(frozen=True)
class Article:
    text: str  # as stored: decoded, cleaned (clean_incoming)
    published: date
    section: str
    credit: str

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name}: byte {exc.start} is not UTF-8 text; save the file as UTF-8"
        ) from exc


def read_article(raw: bytes, name: str = "article") -> Article:
    """Check and normalise an article file's bytes."""
    text = clean_incoming(_decode(raw, name))
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise ArticleError(f"{name}: the file is empty")
    first = _FIRST_LINE.match(lines[0])
    if first is None:
        raise ArticleError(
            f"{name}:1: the first line must be ' date YYYY-MM-DD <section>', not {cut(lines[0], VALUE_LIMIT)!r}"
        )
    try:
        published = date.fromisoformat(first.group(1))
    except ValueError as exc:
        raise ArticleError(f"{name}:1: {first.group(1)!r} is not a real date") from exc
    last = _LAST_LINE.match(lines[-1])
    if last is None or len(lines) < 3:
        raise ArticleError(
            f"{name}:{len(lines)}: the last line must be 'Source: <credit>', not {cut(lines[-1], VALUE_LIMIT)!r}"
        )
    if not any(line.strip() for line in lines[1:-1]):
        raise ArticleError(
            f"{name}: there is no paragraph between the date line and the Source line"
        )
    return Article(
        text=text,
        published=published,
        section=first.group(2) or "",
        credit=last.group(1),
    )
