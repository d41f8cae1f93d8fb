"""Dates a sentence gives, resolved against the publication date (the coding rules in
CONTRIBUTING): weekdays are the latest such day on or before publication, a window is its
first and last day with UCDP's date_prec for its length.

Written as a few patterns rather than with dateparser: the drafter needs the span of each
expression in the sentence, windows ("last week") and the "previous day" chain, which
dateparser's search does not give."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_WEEKDAYS = [d.lower() for d in calendar.day_name]
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"


@dataclass(frozen=True)
class When:
    first: date
    last: date
    start: int  # offsets of the expression in the sentence
    end: int
    relative_to_event: int = 0  # -1 "the previous day", +1 "the following day"
    vague: bool = False  # "last week", a month long past: background, no event of its own

    @property
    def precision(self) -> int:
        return precision(self.first, self.last)


def precision(first: date, last: date) -> int:
    """UCDP date_prec for a window: 1 a day, 2 up to 6 days, 3 a week, 4 a month, 5 a year."""
    days = (last - first).days + 1
    if days == 1:
        return 1
    if days <= 6:
        return 2
    if days <= 7:
        return 3
    if days <= 31:
        return 4
    return 5


def weekday_on_or_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _day_in_year(published: date, month: int, day: int, year: int | None) -> date | None:
    try:
        found = date(year or published.year, month, day)
    except ValueError:
        return None
    if year is None and found > published:
        found = date(published.year - 1, month, day)
    return found


_PATTERNS = [
    ("dm", re.compile(r"\b(\d{1,2}) " + _MONTH + r"(?:,? (\d{4}))?", re.I)),
    ("md", re.compile(r"\b" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4}))?", re.I)),
    (
        "weekdays",
        re.compile(
            r"\b(?:between |on |from )?("
            + "|".join(_WEEKDAYS)
            + r")(?: night| morning| evening)? (?:and|to) ("
            + "|".join(_WEEKDAYS)
            + r")\b",
            re.I,
        ),
    ),
    ("month", re.compile(r"\b(?:in|during|throughout) " + _MONTH + r"(?![\w.]| \d)", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?:late |early )?on |last |this )?(" + "|".join(_WEEKDAYS) + r")\b", re.I
        ),
    ),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", re.I)),
    (
        "previous",
        re.compile(r"\b(?:the (?:previous|preceding) day|the day before|a day earlier)\b", re.I),
    ),
    ("following", re.compile(r"\b(?:the (?:following|next) day|a day later)\b", re.I)),
    ("last week", re.compile(r"\blast week\b", re.I)),
    ("this week", re.compile(r"\b(?:earlier )?this week\b", re.I)),
    ("last month", re.compile(r"\blast month\b", re.I)),
]


def _resolve(kind: str, match: re.Match, published: date) -> tuple[date, date, int] | None:
    if kind in ("dm", "md"):
        day, month = (
            (match.group(1), match.group(2)) if kind == "dm" else (match.group(2), match.group(1))
        )
        year = int(match.group(3)) if match.group(3) else None
        found = _day_in_year(published, _MONTHS[month.lower().rstrip(".")], int(day), year)
        return (found, found, 0) if found else None
    if kind == "weekdays":
        last = weekday_on_or_before(published, _WEEKDAYS.index(match.group(2).lower()))
        back = (
            _WEEKDAYS.index(match.group(2).lower()) - _WEEKDAYS.index(match.group(1).lower())
        ) % 7
        return last - timedelta(days=back), last, 0
    if kind == "month":
        month = _MONTHS[match.group(1).lower().rstrip(".")]
        year = published.year if month <= published.month else published.year - 1
        first = date(year, month, 1)
        return first, date(year, month, calendar.monthrange(year, month)[1]), 0
    if kind == "weekday":
        found = weekday_on_or_before(published, _WEEKDAYS.index(match.group(1).lower()))
        return found, found, 0
    if kind == "yesterday":
        found = published - timedelta(days=1)
        return found, found, 0
    if kind == "today":
        return published, published, 0
    if kind == "previous":
        return published, published, -1
    if kind == "following":
        return published, published, 1
    if kind == "last week":
        monday = published - timedelta(days=published.weekday() + 7)
        return monday, monday + timedelta(days=6), 0
    if kind == "this week":
        return published - timedelta(days=published.weekday()), published, 0
    if kind == "last month":
        last = published.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last, 0
    return None


# Windows too loose to date an event: what happened "last week" is background. A month is
# coded only when it is the current or the previous one (a campaign just reported).
_VAGUE = ("last week", "this week", "last month")


def dates_in(sentence: str, published: date) -> list[When]:
    """Every date expression of the sentence, in order, overlapping ones dropped."""
    found: list[When] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(w.start < match.end() and match.start() < w.end for w in found):
                continue
            resolved = _resolve(kind, match, published)
            if resolved:
                first, last, shift = resolved
                vague = kind in _VAGUE or (
                    kind == "month"
                    and (published.year - first.year) * 12 + published.month - first.month > 1
                )
                found.append(When(first, last, match.start(), match.end(), shift, vague))
    return sorted(found, key=lambda w: w.start)


# A year or a vague period: what happened then is background, not an event to code.
VAGUE_PERIOD = re.compile(
    r"\b(?:since|in|during|by|until) (?:early |late |mid-)?(?:(?:"
    + "|".join(m for m in _MONTHS if len(m) > 3)
    + r") )?(?:\d{4}|the \d{4}s)\b|\blast (?:year|"
    + "|".join(m for m in _MONTHS if len(m) > 3)
    + r")\b|\byears? ago\b|\bin recent (?:years|months)\b",
    re.I,
)
