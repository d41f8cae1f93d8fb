"""Sentences of an article with their character offsets into the stored text, so that every
quote the drafter proposes is `text[start:end]` exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! or ? (and any closing quote) followed by space and a capital, a
# digit or an opening quote; a paragraph break always ends one.
_END = re.compile(r"""[.!?]["'\u201d\u2019)]*(?=\s+["'\u201c\u2018(]?[A-Z0-9])""")
# Words whose full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Gov|Sen|Rep|Prof|vs|etc)|\b[A-Z])\.$"
)


# A wire dateline ("KIDAL, Mali, March 12 (Reuters) - ", "GOMA, May 3 - "): where the
# reporter files from and when, never part of what the first sentence reports.
DATELINE = re.compile(
    r"[A-Z][A-Z .'\u2019-]+(?:, [^\n(),]{1,40}){0,3}(?: \([A-Za-z .&-]{2,40}\)\s*| )[-\u2013\u2014]+\s+"
)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph between the date line and the Source line."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        spans.append((match.start(), match.end()))
    # The first line is the date line, the last the Source line: neither reports anything.
    return spans[1:-1]


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the article's paragraphs, spaces trimmed from both ends."""
    found = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        cut = p_start
        if number == 0:
            dateline = DATELINE.match(text, p_start, p_end)
            cut = dateline.end() if dateline else p_start
        for match in _END.finditer(text, p_start, p_end):
            if _ABBREVIATIONS.search(text[cut : match.start() + 1]):
                continue
            found.append(_trimmed(text, cut, match.end(), number))
            cut = match.end()
        found.append(_trimmed(text, cut, p_end, number))
    return [s for s in found if s.text]


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end, paragraph)
