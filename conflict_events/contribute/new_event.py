"""new-event: append an event with its actors and evidence, or change nothing.

The contributor names actors and locations as they are stored (ID, name or alias) and types
the supporting words; the quotes are located in the stored article so the offsets and the
exact characters come from the text, never from the contributor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conflict_events.contribute.changes import (
    ContributionError,
    append_or_nothing,
    next_free_id,
    require_valid,
)
from conflict_events.contribute.lookup import article_of, find
from conflict_events.contribute.quotes import find_quote
from conflict_events.metadata import Field, load_package
from conflict_events.metadata.frames import Context, read_tables


@dataclass
class Evidence:
    words: str  # as typed; stored as the article's own characters
    attributed_to: str


@dataclass
class EventDraft:
    """What a contributor says about one event, before IDs and offsets are filled in."""

    source_id: str
    event_date: str
    sub_event_type: str
    location: str
    actor1: str
    summary: str
    evidence: list[Evidence]
    event_type: str = ""  # the sub-event type's parent when left empty
    event_date_end: str = ""
    date_precision: int = 1
    geo_precision: int = 1
    assoc_actor_1: list[str] = field(default_factory=list)
    actor2: str = ""
    assoc_actor_2: list[str] = field(default_factory=list)
    civilian_targeting: bool = False
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""


def parent_type(context: Context, sub_event_type: str) -> str:
    """The event type a sub-event type belongs to, as the events schema's vocabulary says."""
    categories = context.tables["events"].resource.schema.field("sub_event_type").categories
    for category in categories:
        if category["value"] == sub_event_type:
            return category["parent"]
    codes = "; ".join(c["value"] for c in categories)
    raise ContributionError(f"sub-event type {sub_event_type!r} is not one of: {codes}")


def _evidence_rows(
    context: Context, event_id: str, source_id: str, evidence: list[Evidence]
) -> list[dict[str, str]]:
    text = article_of(context, source_id)
    if not evidence:
        raise ContributionError("an event needs at least one quote from its source")
    rows = []
    for number, item in enumerate(evidence, 1):
        matches = find_quote(text, item.words)
        if not matches:
            raise ContributionError(
                f"quote {number} is not in {source_id}: copy the words from the article "
                f"({item.words!r})"
            )
        if len(matches) > 1:
            at = ", ".join(str(m.start) for m in matches)
            raise ContributionError(
                f"quote {number} stands {len(matches)} times in {source_id} (at {at}): "
                "add words until it is found once"
            )
        match = matches[0]
        rows.append(
            {
                "event_id": event_id,
                "source_id": source_id,
                "quote": match.text,
                "quote_start": str(match.start),
                "quote_end": str(match.end),
                "attributed_to": item.attributed_to,
            }
        )
    return rows


def _actor_rows(context: Context, event_id: str, draft: EventDraft) -> list[dict[str, str]]:
    named = [("actor1", draft.actor1)]
    named += [("assoc_actor_1", a) for a in draft.assoc_actor_1]
    named += [("actor2", draft.actor2)] if draft.actor2 else []
    named += [("assoc_actor_2", a) for a in draft.assoc_actor_2]
    return [
        {"event_id": event_id, "actor_id": find(context, "actor", typed), "role": role}
        for role, typed in named
    ]


def _boolean(column: Field, value: bool) -> str:
    """A boolean cell written the way the schema reads it."""
    return column.true_values[0] if value else column.false_values[0]


def _number(value: int | None) -> str:
    return "" if value is None else str(value)  # unknown stays empty, never 0


def new_event(descriptor: Path, draft: EventDraft) -> str:
    """Append the event, its actors and its evidence; return the new event_id."""
    require_valid(descriptor)
    context = read_tables(load_package(descriptor))
    events = context.tables["events"]
    schema = events.resource.schema
    event_id = next_free_id(context, "events", "event_id")
    delimiter = schema.field("tags").delimiter
    event = {
        "event_id": event_id,
        "event_date": draft.event_date,
        "event_date_end": draft.event_date_end,
        "date_precision": str(draft.date_precision),
        "event_type": draft.event_type or parent_type(context, draft.sub_event_type),
        "sub_event_type": draft.sub_event_type,
        "location_id": find(context, "location", draft.location),
        "geo_precision": str(draft.geo_precision),
        "fatalities_low": _number(draft.fatalities_low),
        "fatalities_best": _number(draft.fatalities_best),
        "fatalities_high": _number(draft.fatalities_high),
        "civilian_targeting": _boolean(
            schema.field("civilian_targeting"), draft.civilian_targeting
        ),
        "tags": delimiter.join(draft.tags),
        "summary": draft.summary,
        "notes": draft.notes,
    }
    append_or_nothing(
        descriptor,
        {
            "events": [event],
            "event_actors": _actor_rows(context, event_id, draft),
            "event_sources": _evidence_rows(context, event_id, draft.source_id, draft.evidence),
        },
        what="event",
    )
    return event_id
