"""Fatalities a sentence states, under the coding rules: only numbers tied to a word for
death; "at least N" gives low = best = N; a range gives low = best = the lowest and high =
the largest; the wounded and the abducted are never counted; 0 only when the text says no
one was killed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_events.draft.numbers import TENS, UNIT_VALUES, UNITS

_WORDS = UNIT_VALUES | TENS | {"a dozen": 12, "hundred": 100, "a hundred": 100}
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?![\d,])|(?:"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r")(?:[- ](?:"
    + "|".join(UNITS[1:10])
    + r"))?)"
)
_DEATH = r"(?:killed|dead|died|deaths?|bodies|lives|slain|shot dead|lost their lives|fatalities)"
# Who the figure counts: a few words, none of them a word for the wounded or the abducted.
_WHO = r"(?:(?!wounded|injured|hurt|abducted|kidnapped|missing|arrested)[A-Za-z'-]+ ){0,4}"
_PASSIVE = r"(?:(?:were|was|have been|had been) )?"  # "12 were killed", "12 killed"
_BOUND = r"(?P<bound>at least|more than|over|some|around|about|nearly|almost|up to)?\s*"

_FIGURE = [
    # "nine people, including two soldiers, were killed": the whole, not the part included
    re.compile(
        r"\b"
        + _BOUND
        + r"(?P<n>"
        + _NUMBER
        + r") "
        + _WHO.replace(" ){0,4}", " ?){0,4}")
        + r", including [^,]+, (?:(?:were|was|have been|had been) )?"
        + _DEATH
        + r"\b",
        re.I,
    ),
    # "two soldiers and three militants died": one figure, the total of both groups
    re.compile(
        r"\b"
        + _BOUND
        + r"(?P<n>"
        + _NUMBER
        + r") "
        + _WHO
        + r"and "
        + _BOUND.replace("bound", "bound2")
        + r"(?P<m>"
        + _NUMBER
        + r") "
        + _WHO
        + _PASSIVE
        + _DEATH
        + r"\b",
        re.I,
    ),
    re.compile(
        r"\b(?:killed|killing) (?:between )?(?P<low>"
        + _NUMBER
        + r") (?:and|to) (?P<high>"
        + _NUMBER
        + r")\b",
        re.I,
    ),
    # "between 5 and 9 people were killed", "5 to 9 killed"
    re.compile(
        r"\bbetween (?P<low>"
        + _NUMBER
        + r") and (?P<high>"
        + _NUMBER
        + r") "
        + _WHO
        + _PASSIVE
        + _DEATH
        + r"\b",
        re.I,
    ),
    re.compile(
        r"\b(?P<low>"
        + _NUMBER
        + r") (?:to|and) (?P<high>"
        + _NUMBER
        + r") "
        + _WHO
        + _PASSIVE
        + _DEATH
        + r"\b",
        re.I,
    ),
    # "at least 12 soldiers were killed", "12 dead"
    re.compile(
        r"\b"
        + _BOUND
        + r"(?P<n>"
        + _NUMBER
        + r") "
        + _WHO
        + r"(?:(?:were|was|have been|had been|are|were reported|had|have) )?"
        + _DEATH
        + r"\b",
        re.I,
    ),
    # "killed at least 12 people", "killing 3"
    re.compile(
        r"\b(?:killed|killing|kill|shot dead|shooting dead|gunned down|lynched|lynching|beheaded|beheading|executed|executing|massacred|massacring) "
        + _BOUND
        + r"(?P<n>"
        + _NUMBER
        + r")\b(?! (?:wounded|injured))",
        re.I,
    ),
    # "the death toll rose to 14", "a death toll of 14"
    re.compile(
        r"\b(?:death )?toll (?:(?:[\w-]+ ){0,10}?(?P<rose>rose|has risen|had risen|climbed|has climbed|increased|jumped) |(?:\w+ ){0,3})(?:to|of|at|reached) "
        + _BOUND
        + r"(?P<n>"
        + _NUMBER
        + r")\b",
        re.I,
    ),
]
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_BEFORE = re.compile(r"\b" + _MONTHS + r" $", re.I)
_MONTH_AFTER = re.compile(r" " + _MONTHS + r"\b", re.I)
_NO_ONE = re.compile(
    r"\b(?:no one|nobody|none) (?:was|were|had been)? ?(?:killed|hurt or killed|died)\b|\bno (?:deaths|casualties|fatalities|one died)\b|\bwithout (?:any )?casualties\b",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """An exact N is Figure(N, N); a lower bound ("at least N") has no high."""

    low: int
    high: int | None  # None: no upper figure ("at least N", "more than N")
    final: bool = False  # a toll that rose to N: it replaces the earlier figures


def number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in _WORDS:
        return _WORDS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNIT_VALUES:
        return TENS[parts[0]] + UNIT_VALUES[parts[1]]
    return None


def figures_in(sentence: str) -> list[Figure]:
    """The death counts a sentence states, each once (overlapping matches dropped)."""
    found: list[tuple[int, int, Figure]] = []
    if _NO_ONE.search(sentence):
        return [Figure(0, 0)]
    for pattern in _FIGURE:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            if re.search(r"\bamong (?:the|those)\b", match.group(0), re.I):
                continue  # "seven attackers were among the dead": a part of a toll, not one
            first = match.start("low") if match.groupdict().get("low") else match.start("n")
            if _MONTH_BEFORE.search(sentence[:first]) or _MONTH_AFTER.match(
                sentence[match.end() :]
            ):
                continue  # a day of the month, not a count
            groups = match.groupdict()
            if groups.get("low"):
                low, high = number(groups["low"]), number(groups["high"])
                if low is None or high is None:
                    continue
                found.append((match.start(), match.end(), Figure(min(low, high), max(low, high))))
            elif groups.get("m"):
                parts = [number(groups["n"]), number(groups["m"])]
                if None in parts:
                    continue
                open_ended = groups.get("bound") or groups.get("bound2")
                total = sum(parts)
                found.append(
                    (match.start(), match.end(), Figure(total, None if open_ended else total))
                )
            else:
                value = number(groups["n"])
                if value is None or (groups.get("bound") or "").lower() == "up to":
                    continue
                high = None if groups.get("bound") else value
                final = bool(groups.get("rose"))
                found.append((match.start(), match.end(), Figure(value, high, final)))
    return [f for _, _, f in sorted(found, key=lambda item: item[0])]


def combined(figures: list[Figure]) -> dict[str, int | None]:
    """Counts from several sentences or claimants: low = best = the lowest figure, high =
        the largest when they disagree; all null when none is given. A toll that rose replaces
    the figures it updates."""
    if not figures:
        return {"low": None, "best": None, "high": None}
    figures = [f for f in figures if f.final] or figures
    low = min(f.low for f in figures)
    top = max(f.high if f.high is not None else f.low for f in figures)
    # The largest figure is only a lower bound: no upper figure is known.
    open_top = any(f.high is None and f.low >= top for f in figures)
    return {"low": low, "best": low, "high": None if open_top else top}
