"""new-event: append an event with its actors and evidence, or change nothing.

The contributor names actors and locations as they are stored (ID, name or alias) and types
the supporting words; the quotes are located in the stored article so the offsets and the
exact characters come from the text, never from the contributor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from conflict_events.contribute.changes import (
    ContributionError,
    append_or_nothing,
    next_free_id,
    require_valid,
)
from conflict_events.contribute.lookup import KINDS, article_of, find
from conflict_events.contribute.new_reference import reference_row
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


def _actor_rows(
    resolve: Callable[[str, str], str], event_id: str, draft: EventDraft
) -> list[dict[str, str]]:
    named = [("actor1", draft.actor1)]
    named += [("assoc_actor_1", a) for a in draft.assoc_actor_1]
    named += [("actor2", draft.actor2)] if draft.actor2 else []
    named += [("assoc_actor_2", a) for a in draft.assoc_actor_2]
    return [
        {"event_id": event_id, "actor_id": resolve("actor", typed), "role": role}
        for role, typed in named
    ]


def _boolean(column: Field, value: bool) -> str:
    """A boolean cell written the way the schema reads it."""
    return column.true_values[0] if value else column.false_values[0]


def _number(value: int | None) -> str:
    return "" if value is None else str(value)  # unknown stays empty, never 0


def event_rows(
    context: Context, event_id: str, draft: EventDraft, new_ids: Collection[str] = ()
) -> dict[str, list[dict[str, str]]]:
    """The rows of one event, its actors and its evidence, per table; actors and places are
    named as stored, or by the IDs `new_ids` of rows added in the same change."""

    def resolve(kind: str, typed: str) -> str:
        return typed if typed in new_ids else find(context, kind, typed)

    schema = context.tables["events"].resource.schema
    delimiter = schema.field("tags").delimiter
    event = {
        "event_id": event_id,
        "event_date": draft.event_date,
        "event_date_end": draft.event_date_end,
        "date_precision": str(draft.date_precision),
        "event_type": draft.event_type or parent_type(context, draft.sub_event_type),
        "sub_event_type": draft.sub_event_type,
        "location_id": resolve("location", draft.location),
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
    return {
        "events": [event],
        "event_actors": _actor_rows(resolve, event_id, draft),
        "event_sources": _evidence_rows(context, event_id, draft.source_id, draft.evidence),
    }


def new_event(descriptor: Path, draft: EventDraft) -> str:
    """Append the event, its actors and its evidence; return the new event_id."""
    [event_id] = new_events(descriptor, [draft])
    return event_id


def new_events(
    descriptor: Path,
    drafts: list[EventDraft],
    references: Mapping[tuple[str, str], dict[str, str]] | None = None,
) -> list[str]:
    """Append the events, and the actors and places they need (`references`: (kind, name)
    -> values, which the drafts name by that name), validating once: all of them or
    nothing. Returns the new event_ids."""
    require_valid(descriptor)
    context = read_tables(load_package(descriptor))
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    new_ids: dict[tuple[str, str], str] = {}
    for (kind, name), values in (references or {}).items():
        table, row = reference_row(context, kind, values, new_ids.values())
        rows[table].append(row)
        new_ids[kind, name] = row[KINDS[kind][1]]

    def actor(typed: str) -> str:
        return new_ids.get(("actor", typed), typed)

    event_ids: list[str] = []
    for draft in drafts:
        event_id = next_free_id(context, "events", "event_id", event_ids)
        named = replace(
            draft,
            location=new_ids.get(("location", draft.location), draft.location),
            actor1=actor(draft.actor1),
            actor2=actor(draft.actor2),
            assoc_actor_1=[actor(a) for a in draft.assoc_actor_1],
            assoc_actor_2=[actor(a) for a in draft.assoc_actor_2],
        )
        for table, table_rows in event_rows(
            context, event_id, named, set(new_ids.values())
        ).items():
            rows[table] += table_rows
        event_ids.append(event_id)
    what = "event" if len(event_ids) == 1 else "events"
    append_or_nothing(descriptor, dict(rows), what=what)
    return event_ids
