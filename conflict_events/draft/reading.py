"""Read a draft file (the JSON form `draft --format json` writes) strictly, before anyone
confirms it: a draft edited into something invalid is refused field by field, every
problem at once, in the one-line form of the validator.

A problem's row is the event's number as `new-event --from-draft` shows it (counted from
1); its column is the JSON path of the field, whose index counts from 0 as JSON's does.
Codes are checked against the package's schemas, never against a list of our own.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from conflict_events.metadata import DataPackage
from conflict_events.metadata.schema import Field
from conflict_events.validation.problems import Problem

# The rules a draft is read by, as its report lines name them.
JSON = "draft-json"  # the file is not JSON (or not UTF-8)
KEYS = "draft-keys"  # a key missing, or one the form does not have
FIELD = "draft-field"  # a value of the wrong type, an impossible date, a code not in a vocabulary
DATES = "draft-dates"  # event_date_end before event_date
EVENT_TYPE = "draft-event-type"  # event_type not the parent of sub_event_type
FATALITIES = "draft-fatalities"  # not low <= best <= high
ACTOR1 = "draft-actor1"  # not exactly one actor1
EVIDENCE = "draft-evidence"  # no evidence
QUOTE = "draft-quote"  # the quote is not the article's text at its offsets

EVENT_KEYS = (
    "event_date",
    "event_date_end",
    "date_precision",
    "event_type",
    "sub_event_type",
    "location",
    "actors",
    "fatalities",
    "civilian_targeting",
    "evidence",
)
LOCATION_KEYS = (
    "name",
    "country_iso3",
    "admin1",
    "latitude",
    "longitude",
    "geonames_id",
    "geo_precision",
)
ACTOR_KEYS = ("name", "role")
FATALITY_KEYS = ("low", "best", "high")
EVIDENCE_KEYS = ("quote", "quote_start", "quote_end", "claimant")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DraftedPlace:
    name: str
    country_iso3: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    geo_precision: int


@dataclass(frozen=True)
class DraftedActor:
    name: str
    role: str


@dataclass(frozen=True)
class DraftedQuote:
    quote: str
    quote_start: int
    quote_end: int
    claimant: str


@dataclass(frozen=True)
class DraftedEvent:
    """One event as drafted; None where the draft does not know."""

    event_date: str
    event_date_end: str | None
    date_precision: int
    event_type: str
    sub_event_type: str
    location: DraftedPlace
    actors: list[DraftedActor]
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    civilian_targeting: bool | None
    evidence: list[DraftedQuote]


class DraftError(Exception):
    """The draft file was refused; `problems` says where, one per field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"the draft has {len(problems)} problem(s): fix them and try again")
        self.problems = problems


def _shown(value: Any) -> str:
    """A value as the report shows it: text as written, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    """Collects the problems of one draft file."""

    def __init__(self, file: str, package: DataPackage, article: str) -> None:
        self.file = file
        self.article = article
        self.events = package.resource("events").schema
        self.locations = package.resource("locations").schema
        self.roles = package.resource("event_actors").schema.field("role")
        self.problems: list[Problem] = []
        self.row: int | None = None

    def problem(self, path: str, rule: str, value: Any, hint: str) -> None:
        self.problems.append(Problem(self.file, self.row, path, rule, _shown(value), hint))

    def keys(self, value: Any, path: str, keys: tuple[str, ...]) -> dict | None:
        """The known keys of the object at `path`, if it has them all (each wrong key reported)."""
        if not isinstance(value, dict):
            self.problem(path, FIELD, value, f"must be an object with the keys {', '.join(keys)}")
            return None
        for key in keys:
            if key not in value:
                self.problem(f"{path}.{key}", KEYS, "", f"missing: give {key} (null if unknown)")
        for key in value:
            if key not in keys:
                self.problem(
                    f"{path}.{key}",
                    KEYS,
                    value[key],
                    f"unknown key; the keys are {', '.join(keys)}",
                )
        if not all(key in value for key in keys):
            return None
        return {key: value[key] for key in keys}

    def text(self, value: Any, path: str, *, optional: bool = False) -> bool:
        if (optional and value is None) or (isinstance(value, str) and value.strip()):
            return True
        self.problem(path, FIELD, value, "must be text" + (" or null" if optional else ""))
        return False

    def date(self, value: Any, path: str, *, optional: bool = False) -> dt.date | None:
        if optional and value is None:
            return None
        try:
            if isinstance(value, str) and _DATE.fullmatch(value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        self.problem(
            path, FIELD, value, "must be a real date, YYYY-MM-DD" + (" or null" if optional else "")
        )
        return None

    def code(self, value: Any, path: str, field: Field) -> bool:
        codes = [c["value"] for c in field.categories]
        if value in codes and type(value) is type(codes[0]):
            return True
        shown = ", ".join(map(str, codes))
        self.problem(path, FIELD, value, f"not a code of {field.name}: {shown}")
        return False

    def count(self, value: Any, path: str) -> bool:
        if value is None or (_is_int(value) and value >= 0):
            return True
        self.problem(path, FIELD, value, "must be a whole number >= 0, or null if not given")
        return False

    def number(self, value: Any, path: str, field: Field) -> None:
        """A number within the column's range, or null."""
        low, high = field.minimum, field.maximum
        if value is None:
            return
        if _is_number(value) and (low is None or value >= low) and (high is None or value <= high):
            return
        span = f" from {low}" if low is not None else ""
        span += f" to {high}" if high is not None else ""
        self.problem(path, FIELD, value, f"must be a number{span}, or null")

    def pattern(self, value: Any, path: str, field: Field) -> None:
        if isinstance(value, str) and re.fullmatch(field.pattern or ".*", value):
            return
        self.problem(path, FIELD, value, f"must match {field.pattern}")

    def event(self, value: Any, path: str) -> DraftedEvent | None:
        event = self.keys(value, path, EVENT_KEYS)
        if event is None:
            return None
        before = len(self.problems)
        start = self.date(event["event_date"], f"{path}.event_date")
        end = self.date(event["event_date_end"], f"{path}.event_date_end", optional=True)
        if start and end and end < start:
            self.problem(
                f"{path}.event_date_end", DATES, end.isoformat(), f"before event_date {start}"
            )
        self.code(
            event["date_precision"], f"{path}.date_precision", self.events.field("date_precision")
        )
        self._types(event, path)
        place = self._place(event["location"], f"{path}.location")
        actors = self._actors(event["actors"], f"{path}.actors")
        counts = self._fatalities(event["fatalities"], f"{path}.fatalities")
        if event["civilian_targeting"] not in (True, False, None):
            self.problem(
                f"{path}.civilian_targeting",
                FIELD,
                event["civilian_targeting"],
                "must be true, false or null",
            )
        evidence = self._evidence(event["evidence"], f"{path}.evidence")
        if len(self.problems) > before or None in (place, actors, counts, evidence):
            return None
        return DraftedEvent(
            event_date=event["event_date"],
            event_date_end=event["event_date_end"],
            date_precision=event["date_precision"],
            event_type=event["event_type"],
            sub_event_type=event["sub_event_type"],
            location=place,
            actors=actors,
            fatalities_low=counts["low"],
            fatalities_best=counts["best"],
            fatalities_high=counts["high"],
            civilian_targeting=event["civilian_targeting"],
            evidence=evidence,
        )

    def _types(self, event: dict, path: str) -> None:
        sub_type = self.events.field("sub_event_type")
        if not self.code(event["sub_event_type"], f"{path}.sub_event_type", sub_type):
            self.code(event["event_type"], f"{path}.event_type", self.events.field("event_type"))
            return
        [parent] = [
            c["parent"] for c in sub_type.categories if c["value"] == event["sub_event_type"]
        ]
        if event["event_type"] != parent:
            self.problem(
                f"{path}.event_type",
                EVENT_TYPE,
                event["event_type"],
                f"{event['sub_event_type']!r} is a sub-event type of {parent!r}",
            )

    def _place(self, value: Any, path: str) -> DraftedPlace | None:
        place = self.keys(value, path, LOCATION_KEYS)
        if place is None:
            return None
        self.text(place["name"], f"{path}.name")
        self.pattern(
            place["country_iso3"], f"{path}.country_iso3", self.locations.field("country_iso3")
        )
        self.text(place["admin1"], f"{path}.admin1", optional=True)
        for key in ("latitude", "longitude"):
            self.number(place[key], f"{path}.{key}", self.locations.field(key))
        geonames = self.locations.field("geonames_id")
        if place["geonames_id"] is not None and not _is_int(place["geonames_id"]):
            self.problem(
                f"{path}.geonames_id",
                FIELD,
                place["geonames_id"],
                "must be a whole number, or null",
            )
        else:
            self.number(place["geonames_id"], f"{path}.geonames_id", geonames)
        self.code(
            place["geo_precision"], f"{path}.geo_precision", self.events.field("geo_precision")
        )
        return DraftedPlace(**place)

    def _actors(self, value: Any, path: str) -> list[DraftedActor] | None:
        if not isinstance(value, list):
            self.problem(path, FIELD, value, "must be a list of {name, role}")
            return None
        actors = []
        for index, item in enumerate(value):
            actor = self.keys(item, f"{path}[{index}]", ACTOR_KEYS)
            if actor is not None:
                self.text(actor["name"], f"{path}[{index}].name")
                self.code(actor["role"], f"{path}[{index}].role", self.roles)
                actors.append(DraftedActor(**actor))
        first = sum(1 for item in value if isinstance(item, dict) and item.get("role") == "actor1")
        if first != 1:
            self.problem(path, ACTOR1, str(first), "an event has exactly one actor1")
        return actors

    def _fatalities(self, value: Any, path: str) -> dict | None:
        counts = self.keys(value, path, FATALITY_KEYS)
        if counts is None:
            return None
        if all([self.count(counts[key], f"{path}.{key}") for key in FATALITY_KEYS]):
            given = [(key, counts[key]) for key in FATALITY_KEYS if counts[key] is not None]
            for (lower, small), (upper, large) in pairwise(given):
                if small > large:
                    self.problem(
                        f"{path}.{upper}",
                        FATALITIES,
                        large,
                        f"less than {lower} ({small}): low <= best <= high",
                    )
        return counts

    def _evidence(self, value: Any, path: str) -> list[DraftedQuote] | None:
        if not isinstance(value, list) or not value:
            self.problem(
                path,
                EVIDENCE,
                value,
                "give at least one quote: {quote, quote_start, quote_end, claimant}",
            )
            return None
        evidence = []
        for index, item in enumerate(value):
            at = f"{path}[{index}]"
            quote = self.keys(item, at, EVIDENCE_KEYS)
            if quote is None:
                continue
            self.text(quote["claimant"], f"{at}.claimant")
            start, end = quote["quote_start"], quote["quote_end"]
            offsets = [self.count(start, f"{at}.quote_start"), self.count(end, f"{at}.quote_end")]
            if (
                not self.text(quote["quote"], f"{at}.quote")
                or not all(offsets)
                or None in (start, end)
            ):
                continue
            if self.article[start:end] != quote["quote"]:
                found = self.article[start:end]
                self.problem(
                    f"{at}.quote",
                    QUOTE,
                    quote["quote"],
                    f"the article has {found!r} at {start}-{end}: copy its words and offsets",
                )
            evidence.append(DraftedQuote(**quote))
        return evidence


def check_draft(
    data: Any, file: str, package: DataPackage, article: str
) -> tuple[list[DraftedEvent], list[Problem]]:
    """The events of parsed draft `data` and the problems found in it (events only when
    there are none)."""
    checker = _Checker(file, package, article)
    if (
        not isinstance(data, dict)
        or list(data) != ["events"]
        or not isinstance(data["events"], list)
    ):
        checker.problem(
            "",
            KEYS,
            data if not isinstance(data, dict) else sorted(data),
            'the draft must be {"events": [...]} and nothing else',
        )
        return [], checker.problems
    events = []
    for index, value in enumerate(data["events"]):
        checker.row = index + 1
        events.append(checker.event(value, f"events[{index}]"))
    if checker.problems:
        return [], checker.problems
    return events, []


def read_draft(path: Path, package: DataPackage, article: str) -> list[DraftedEvent]:
    """The drafted events of `path`, whose quotes are offsets into `article`; DraftError
    with every problem of the file otherwise."""
    file = str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise DraftError(
            [Problem(file, None, None, JSON, "", f"cannot be read: {exc.strerror or exc}")]
        ) from None
    except UnicodeDecodeError as exc:
        raise DraftError(
            [Problem(file, None, None, JSON, "", f"not UTF-8 (byte {exc.start}): save it as UTF-8")]
        ) from None
    except json.JSONDecodeError as exc:
        lines = exc.doc.splitlines()
        line = lines[exc.lineno - 1] if exc.lineno <= len(lines) else ""
        raise DraftError(
            [Problem(file, exc.lineno, str(exc.colno), JSON, line, f"not JSON: {exc.msg}")]
        ) from None
    events, problems = check_draft(data, file, package, article)
    if problems:
        raise DraftError(problems)
    return events
