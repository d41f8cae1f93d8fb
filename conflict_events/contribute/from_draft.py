"""new-event --from-draft: the contributor confirms drafted events instead of retyping them.

Each drafted event is shown and accepted, edited field by field (Enter keeps the drafted
value) or dropped. Places and actors the package stores are used; new ones are added with
what the contributor says about them. All accepted events are written at once, or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from conflict_events.contribute import prompts
from conflict_events.contribute.changes import ContributionError, require_valid
from conflict_events.contribute.lookup import article_of, find, matching
from conflict_events.contribute.new_event import EventDraft, Evidence, new_events
from conflict_events.contribute.quotes import find_quote
from conflict_events.draft.reading import DraftedEvent, DraftedQuote, read_draft
from conflict_events.metadata import load_package
from conflict_events.metadata.frames import Context, read_tables

CLEAR = "-"  # typed to empty an optional drafted value


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _show(number: int, total: int, event: DraftedEvent) -> None:
    end = f" to {event.event_date_end}" if event.event_date_end else ""
    place = event.location
    counts = (event.fatalities_low, event.fatalities_best, event.fatalities_high)
    lines = [
        f"event {number} of {total}: {event.event_date}{end} (precision {event.date_precision})",
        f"  {event.event_type} / {event.sub_event_type}",
        f"  place: {place.name}, {place.country_iso3} (precision {place.geo_precision})",
        *(f"  {a.role}: {a.name}" for a in event.actors),
        "  fatalities low/best/high: " + "/".join(_text(c) or "?" for c in counts),
        f"  civilians targeted: {_text(event.civilian_targeting) or '?'}",
        *(f"  quote ({q.claimant}): {q.quote}" for q in event.evidence),
    ]
    for line in lines:
        prompts.console.print(line, markup=False, highlight=False)


def _date(question: str, default: str | None, optional: bool = False) -> str | None:
    def accept(answer: str) -> str | None:
        if optional and answer in ("", CLEAR):
            return ""
        try:
            return dt.date.fromisoformat(answer).isoformat()
        except ValueError:
            prompts.console.print(f"[red]{answer!r} is not a date YYYY-MM-DD[/red]")
            return None

    return prompts.ask_until(question, accept, default or ("" if optional else None)) or None


def _count(question: str, default: int | None) -> int | None:
    answer = prompts.ask_until(
        f"{question} (blank or {CLEAR}: unknown)",
        lambda a: a.strip() if a.strip() in ("", CLEAR) or a.strip().isdigit() else None,
        _text(default),
    )
    return int(answer) if answer.isdigit() else None


def _edit(context: Context, event: DraftedEvent) -> DraftedEvent:
    """The event with every field asked again, the drafted value as the default."""
    date = _date("event date", event.event_date)
    end = _date(f"last day ({CLEAR}: none)", event.event_date_end, optional=True)
    precision = prompts.pick_code(context, "events", "date_precision", str(event.date_precision))
    sub_type = prompts.pick_code(context, "events", "sub_event_type", event.sub_event_type)
    place = event.location
    place = replace(
        place,
        name=prompts.ask("place", place.name),
        country_iso3=prompts.ask("its country (ISO 3166-1 alpha-3)", place.country_iso3),
        geo_precision=int(
            prompts.pick_code(context, "events", "geo_precision", str(place.geo_precision))
        ),
    )
    actors = [
        replace(a, name=name)
        for a in event.actors
        if (name := prompts.ask(f"{a.role} ({CLEAR}: drop)", a.name)) != CLEAR
    ]
    low = _count("fatalities, low", event.fatalities_low)
    best = _count("fatalities, best", event.fatalities_best)
    high = _count("fatalities, high", event.fatalities_high)
    targeting = _yes_no("civilians the main target? (y/n)", event.civilian_targeting)
    evidence = [
        replace(
            q, quote=prompts.ask("quote", q.quote), claimant=prompts.ask("claimed by", q.claimant)
        )
        for q in event.evidence
    ]
    return replace(
        event,
        event_date=date,
        event_date_end=end,
        date_precision=int(precision),
        sub_event_type=sub_type,
        event_type="",  # the sub-event type's parent
        location=place,
        actors=actors,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        civilian_targeting=targeting,
        evidence=evidence,
    )


def _yes_no(question: str, default: bool | None) -> bool:
    answers = {"y": "y", "yes": "y", "n": "n", "no": "n"}
    answer = prompts.ask_until(
        question, lambda a: answers.get(a.strip().lower()), "y" if default else "n"
    )
    return answer == "y"


class _Plan:
    """The places and actors the accepted events need that the package does not store,
    by the name the events give them."""

    def __init__(self, context: Context, source_id: str) -> None:
        self.context = context
        self.source_id = source_id
        self.references: dict[tuple[str, str], dict[str, str]] = {}

    def _stored(self, kind: str, name: str, country: str) -> str | None:
        found = matching(self.context, kind, name)
        if len(found) > 1 and kind == "location":
            rows = self.context.tables["locations"].raw.set_index("location_id")
            found = [i for i in found if rows.at[i, "country_iso3"] == country] or found
        if len(found) == 1:
            return found[0]
        if not found:
            return None

        def accept(answer: str) -> str | None:
            try:
                return find(self.context, kind, answer)
            except ContributionError as exc:
                prompts.console.print(f"[red]{exc}[/red]")
                return None

        return prompts.ask_until(f"{', '.join(found)} are all {name!r}: which ID?", accept)

    def place(self, event: DraftedEvent) -> str:
        place = event.location
        stored = self._stored("location", place.name, place.country_iso3)
        if stored or ("location", place.name) in self.references:
            return stored or place.name
        prompts.console.print(f"new place: {place.name}", markup=False, highlight=False)
        location_type = prompts.pick_code(
            self.context, "locations", "location_type", "populated_place"
        )
        self.references["location", place.name] = {
            "name": place.name,
            "country_iso3": place.country_iso3,
            "admin1": _text(place.admin1),
            "latitude": _text(place.latitude),
            "longitude": _text(place.longitude),
            "geonames_id": _text(place.geonames_id),
            "location_type": location_type,
            "notes": prompts.ask("notes on the place", f"Added from a draft of {self.source_id}."),
        }
        return place.name

    def actor(self, name: str) -> str:
        stored = self._stored("actor", name, "")
        if stored or ("actor", name) in self.references:
            return stored or name
        prompts.console.print(f"new actor: {name}", markup=False, highlight=False)
        self.references["actor", name] = {
            "name": name,
            "actor_type": prompts.pick_code(self.context, "actors", "actor_type"),
            "country_iso3": prompts.ask("its country (ISO 3166-1 alpha-3, blank: none)", ""),
            "notes": prompts.ask("notes on the actor", f"Added from a draft of {self.source_id}."),
        }
        return name


def _evidence(text: str, quote: DraftedQuote) -> Evidence:
    """The quote as evidence, once its words stand only once in the article."""
    words = quote.quote
    while len(find_quote(text, words)) != 1:
        prompts.console.print(f"{words!r} is not found once in the article", markup=False)
        words = prompts.ask("words of the quote, found once")
    return Evidence(words, quote.claimant)


def _summary(event: DraftedEvent) -> str:
    sides = {a.role: a.name for a in event.actors}
    against = f" against {sides['actor2']}" if "actor2" in sides else ""
    return (
        f"{event.sub_event_type}: {sides.get('actor1', '')}{against} "
        f"at {event.location.name} ({event.event_date})."
    )


def _confirmed(plan: _Plan, text: str, event: DraftedEvent) -> EventDraft:
    location = plan.place(event)
    roles: dict[str, list[str]] = {}
    for actor in event.actors:
        roles.setdefault(actor.role, []).append(plan.actor(actor.name))
    return EventDraft(
        source_id=plan.source_id,
        event_date=event.event_date,
        event_date_end=_text(event.event_date_end),
        date_precision=event.date_precision,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        location=location,
        geo_precision=event.location.geo_precision,
        actor1=roles.get("actor1", [""])[0],
        assoc_actor_1=roles.get("assoc_actor_1", []),
        actor2=(roles.get("actor2") or [""])[0],
        assoc_actor_2=roles.get("assoc_actor_2", []),
        civilian_targeting=bool(event.civilian_targeting),
        fatalities_low=event.fatalities_low,
        fatalities_best=event.fatalities_best,
        fatalities_high=event.fatalities_high,
        summary=prompts.ask("summary (as the source says)", _summary(event)),
        notes=prompts.ask("notes: why coded so (blank: none)", ""),
        evidence=[_evidence(text, q) for q in event.evidence],
    )


def confirm_draft(descriptor: Path, source_id: str, draft: Path) -> list[str]:
    """Walk the contributor through the drafted events of `source_id`; append the accepted
    ones, with the places and actors they need, all or nothing. Returns the new event_ids
    (none when every event was dropped)."""
    require_valid(descriptor)
    package = load_package(descriptor)
    context = read_tables(package)
    text = article_of(context, source_id)
    drafted = read_draft(draft, package, text)
    plan = _Plan(context, source_id)
    accepted = []
    choices = {"a": "a", "accept": "a", "e": "e", "edit": "e", "d": "d", "drop": "d"}
    for number, event in enumerate(drafted, 1):
        _show(number, len(drafted), event)
        choice = prompts.ask_until(
            "accept, edit or drop? (a/e/d)", lambda a: choices.get(a.strip().lower()), "a"
        )
        if choice == "d":
            continue
        if choice == "e":
            event = _edit(context, event)
        accepted.append(_confirmed(plan, text, event))
    if not accepted:
        return []
    return new_events(descriptor, accepted, plan.references)
