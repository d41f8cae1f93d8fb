"""The contributor's commands: add-source, quote, new-actor, new-location, new-event."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflict_events.console import EXIT_INVALID, fail, refuse, stop_with_problems
from conflict_events.contribute import prompts
from conflict_events.contribute.add_source import add_source
from conflict_events.contribute.article import ArticleError
from conflict_events.contribute.changes import ContributionError
from conflict_events.contribute.from_draft import confirm_draft
from conflict_events.contribute.lookup import article_of, find
from conflict_events.contribute.new_event import EventDraft, Evidence, new_event
from conflict_events.contribute.new_reference import add_reference
from conflict_events.contribute.quotes import find_quote
from conflict_events.draft.reading import DraftError
from conflict_events.metadata import (
    DataPackage,
    PackageError,
    default_descriptor,
    load_package,
)
from conflict_events.metadata.frames import Context, read_tables

Package = Annotated[Path | None, typer.Option(help="Default: ./datapackage.json.")]


def _package(datapackage: Path | None) -> DataPackage:
    """The package to add to, or a one-line error when its descriptor cannot be read."""
    try:
        return load_package(datapackage or default_descriptor())
    except PackageError as exc:
        fail(str(exc))


def _article_text(context: Context, source_id: str) -> str:
    try:
        return article_of(context, source_id)
    except ContributionError as exc:
        fail(str(exc))


def add_source_command(
    article: Annotated[
        Path, typer.Argument(help="The article as plain text (see CONTRIBUTING.md).")
    ],
    publisher: Annotated[str, typer.Option(help="The outlet, e.g. 'TRT World'.")],
    url: Annotated[str, typer.Option(help="Where the article was published.")],
    title: Annotated[str, typer.Option(help="The headline as published.")],
    language: Annotated[str, typer.Option(help="ISO 639-1 code of the text.")] = "en",
    source_type: Annotated[
        str | None,
        typer.Option(help="A code of sources.source_type (default: the schema's, news_media)."),
    ] = None,
    text_licence: Annotated[
        str | None,
        typer.Option(
            help="A code of sources.text_licence: an SPDX id such as CC-BY-4.0, or "
            "public-domain (default: the schema's, all-rights-reserved, which keeps the "
            "text out of releases)."
        ),
    ] = None,
    archive_url: Annotated[
        str, typer.Option(help="An archived copy of the article (http or https).")
    ] = "",
    datapackage: Package = None,
) -> None:
    """Store an article under datasets/ and register it as the next source.

    The text is cleaned before it is hashed: line endings become LF; zero-width
    characters, bidirectional controls and control characters other than tab and LF are
    removed; nothing else changes (no Unicode normalisation). Refuses a duplicate (same text or same URL), naming the source already stored; writes
    nothing unless the result validates.
    """
    descriptor = datapackage or default_descriptor()
    try:
        source_id = add_source(
            descriptor,
            article,
            publisher=publisher,
            url=url,
            title=title,
            language=language,
            source_type=source_type,
            text_licence=text_licence,
            archive_url=archive_url,
        )
    except (ArticleError, OSError, PackageError) as exc:
        refuse(str(exc))
    except ContributionError as exc:
        stop_with_problems(exc.problems, f"refused: {exc}")
    typer.echo(f"added {source_id}")


def quote_command(
    source_id: Annotated[str, typer.Argument(help="The source to search, e.g. src_000001.")],
    words: Annotated[
        str, typer.Argument(help="The words to find; quotes, dashes and spaces may differ.")
    ],
    datapackage: Package = None,
) -> None:
    """Print quote_start, quote_end and the article's exact words for every occurrence."""
    package = _package(datapackage)
    text = _article_text(read_tables(package), source_id)
    matches = find_quote(text, words)
    if not matches:
        typer.echo(f"not found in {source_id}: copy the words from the article", err=True)
        raise typer.Exit(EXIT_INVALID)
    for match in matches:
        typer.echo(f"{match.start}\t{match.end}\t{match.text}")


def _add_reference(datapackage: Path | None, kind: str, values: dict[str, str]) -> None:
    try:
        new_id = add_reference(datapackage or default_descriptor(), kind, values)
    except PackageError as exc:
        fail(str(exc))
    except ContributionError as exc:
        stop_with_problems(exc.problems, f"refused: {exc}")
    typer.echo(f"added {new_id}")


def new_actor_command(
    name: Annotated[
        str, typer.Option(help="The normalised name, e.g. 'Military Forces of Syria'.")
    ],
    actor_type: Annotated[str, typer.Option(help="A code of actors.actor_type.")],
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-3 code, if national.")] = "",
    parent: Annotated[str, typer.Option(help="The actor it belongs to: ID, name or alias.")] = "",
    alias: Annotated[list[str], typer.Option(help="Another name the sources use.")] = [],  # noqa: B006
    wikidata_id: Annotated[str, typer.Option(help="e.g. Q12345, only if verified.")] = "",
    notes: Annotated[str, typer.Option(help="Who the actor is, and why coded so.")] = "",
    datapackage: Package = None,
) -> None:
    """Register an actor under the next actor_id (refused when the name is stored)."""
    package = _package(datapackage)
    delimiter = package.resource("actors").schema.field("aliases").delimiter
    if any(delimiter in a for a in alias):
        refuse(f"an alias cannot contain {delimiter!r}: give each alias its own --alias")
    aliases = delimiter.join(alias)
    if parent:
        try:
            parent = find(read_tables(package), "actor", parent)
        except ContributionError as exc:
            refuse(f"parent: {exc}")
    values = {
        "name": name,
        "actor_type": actor_type,
        "country_iso3": country,
        "parent_actor_id": parent,
        "aliases": aliases,
        "wikidata_id": wikidata_id,
        "notes": notes,
    }
    _add_reference(datapackage, "actor", values)


def new_location_command(
    name: Annotated[str, typer.Option(help="The place's name, as in the gazetteer.")],
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-3 code.")],
    location_type: Annotated[str, typer.Option(help="A code of locations.location_type.")],
    admin1: Annotated[str, typer.Option(help="First-level administrative unit.")] = "",
    admin2: Annotated[str, typer.Option(help="Second-level administrative unit.")] = "",
    admin3: Annotated[str, typer.Option(help="Third-level administrative unit.")] = "",
    latitude: Annotated[str, typer.Option(help="WGS84, only if verified.")] = "",
    longitude: Annotated[str, typer.Option(help="WGS84, only if verified.")] = "",
    geonames_id: Annotated[str, typer.Option(help="GeoNames ID, only if verified.")] = "",
    notes: Annotated[str, typer.Option(help="Where the place and codes come from.")] = "",
    datapackage: Package = None,
) -> None:
    """Register a place under the next location_id (refused when the same name is stored
    for the same country). Unknown coordinates stay empty."""
    values = {
        "name": name,
        "country_iso3": country,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": admin3,
        "latitude": latitude,
        "longitude": longitude,
        "geonames_id": geonames_id,
        "location_type": location_type,
        "notes": notes,
    }
    _add_reference(datapackage, "location", values)


def _pick(context: Context, kind: str, role: str, optional: bool = False) -> str:
    """An actor or location by ID, name or alias, asked until one stored row matches."""

    def accept(answer: str) -> str | None:
        if optional and not answer:
            return ""
        try:
            return find(context, kind, answer)
        except ContributionError as exc:
            prompts.console.print(f"[red]{exc}[/red]")
            return None

    question = f"{role} (ID, name or alias{', blank for none' if optional else ''})"
    return prompts.ask_until(question, accept, "" if optional else None)


def _ask_evidence(text: str, source_id: str) -> list[Evidence]:
    evidence: list[Evidence] = []
    while True:
        number = len(evidence) + 1
        blank = ", blank to finish" if evidence else ""
        words = prompts.ask(
            f"quote {number}: words from {source_id}{blank}", "" if evidence else None
        )
        if not words:
            return evidence
        matches = find_quote(text, words)
        if len(matches) != 1:
            found = "not found" if not matches else f"found {len(matches)} times"
            prompts.console.print(f"[red]{found}: copy the words so they are found once[/red]")
            continue
        prompts.console.print(f"  {matches[0].start}-{matches[0].end}: {matches[0].text}")
        evidence.append(Evidence(words, prompts.ask("who made this claim (attributed_to)")))


def _complete(context: Context, text: str, draft: dict) -> None:
    """Ask for what the options left out (in order), showing the stored choices. Allies
    (assoc actors), tags and fatality ranges are given as options."""
    if draft["event_date"] is None:
        draft["event_date"] = prompts.ask("event date (YYYY-MM-DD, the first day)")
    if draft["date_precision"] is None:
        draft["date_precision"] = int(prompts.pick_code(context, "events", "date_precision", "1"))
        if draft["date_precision"] > 1 and not draft["event_date_end"]:
            draft["event_date_end"] = prompts.ask("last day it may have happened (YYYY-MM-DD)")
    if draft["sub_event_type"] is None:
        draft["sub_event_type"] = prompts.pick_code(context, "events", "sub_event_type")
    if draft["location"] is None:
        prompts.show_stored(context, "location")
        draft["location"] = _pick(context, "location", "location")
    if draft["geo_precision"] is None:
        draft["geo_precision"] = int(prompts.pick_code(context, "events", "geo_precision", "1"))
    if draft["actor1"] is None:
        prompts.show_stored(context, "actor")
        draft["actor1"] = _pick(context, "actor", "actor1")
        draft["actor2"] = draft["actor2"] or _pick(context, "actor", "actor2", optional=True)
    if draft["civilian_targeting"] is None:
        answer = prompts.ask_until(
            "civilians the main target? (y/n)",
            lambda a: {"y": "y", "yes": "y", "n": "n", "no": "n"}.get(a.strip().lower()),
            "n",
        )
        draft["civilian_targeting"] = answer == "y"
    if draft["fatalities_best"] is None:
        answer = prompts.ask_until(
            "fatalities, best estimate (blank = unknown, never guessed)",
            lambda a: a.strip() if a.strip() == "" or a.strip().isdigit() else None,
            "",
        )
        draft["fatalities_best"] = int(answer) if answer else None
    if draft["summary"] is None:
        draft["summary"] = prompts.ask("summary (one or two sentences, as the source says)")
    if not draft["evidence"]:
        draft["evidence"] = _ask_evidence(text, draft["source_id"])
    if not draft["notes"]:
        draft["notes"] = prompts.ask("notes: why coded so, where it was a choice (blank: none)", "")


def _confirm_draft(descriptor: Path, source_id: str, draft: Path) -> None:
    try:
        event_ids = confirm_draft(descriptor, source_id, draft)
    except PackageError as exc:
        fail(str(exc))
    except DraftError as exc:
        stop_with_problems(exc.problems, f"refused: {exc}")
    except ContributionError as exc:
        stop_with_problems(exc.problems, f"refused: {exc}")
    if not event_ids:
        typer.echo("every drafted event was dropped: nothing was written")
    for event_id in event_ids:
        typer.echo(f"added {event_id}")


def new_event_command(
    source_id: Annotated[str, typer.Argument(help="The source reporting it, e.g. src_000002.")],
    date: Annotated[str | None, typer.Option(help="event_date, YYYY-MM-DD.")] = None,
    date_end: Annotated[str, typer.Option(help="Last day, for a span of days.")] = "",
    date_precision: Annotated[int | None, typer.Option(help="A code of date_precision.")] = None,
    event_type: Annotated[str, typer.Option(help="Default: the sub-event type's.")] = "",
    sub_event_type: Annotated[str | None, typer.Option(help="e.g. 'Armed clash'.")] = None,
    location: Annotated[str | None, typer.Option(help="location_id or name.")] = None,
    geo_precision: Annotated[int | None, typer.Option(help="A code of geo_precision.")] = None,
    actor1: Annotated[str | None, typer.Option(help="actor_id, name or alias.")] = None,
    assoc_actor1: Annotated[list[str], typer.Option(help="Allied with actor1.")] = [],  # noqa: B006
    actor2: Annotated[str, typer.Option(help="The other side, if any.")] = "",
    assoc_actor2: Annotated[list[str], typer.Option(help="Allied with actor2.")] = [],  # noqa: B006
    civilian_targeting: Annotated[
        bool | None, typer.Option("--civilian-targeting/--no-civilian-targeting")
    ] = None,
    fatalities_low: Annotated[int | None, typer.Option(help="Only if the source says.")] = None,
    fatalities_best: Annotated[int | None, typer.Option(help="Only if the source says.")] = None,
    fatalities_high: Annotated[int | None, typer.Option(help="Only if the source says.")] = None,
    tag: Annotated[list[str], typer.Option(help="A keyword, e.g. 'air support'.")] = [],  # noqa: B006
    summary: Annotated[str | None, typer.Option(help="What happened, as the source says.")] = None,
    notes: Annotated[str, typer.Option(help="Why it is coded so.")] = "",
    quote: Annotated[list[str], typer.Option(help="Words from the article (repeatable).")] = [],  # noqa: B006
    attributed_to: Annotated[
        list[str], typer.Option(help="Who made each claim, one per --quote.")
    ] = [],  # noqa: B006
    from_draft: Annotated[
        Path | None,
        typer.Option(
            help="A draft (JSON) of the source's events to confirm; other options unused."
        ),
    ] = None,
    datapackage: Package = None,
) -> None:
    """Append an event, its actors and its evidence under the next event_id.

    Anything required and not given as an option is asked for, with the stored actors,
    locations and codes shown. With --from-draft, each drafted event is accepted, edited
    or dropped instead, and the new places and actors it names are added. Nothing is
    written unless the package stays valid.
    """
    descriptor = datapackage or default_descriptor()
    if from_draft is not None:
        _confirm_draft(descriptor, source_id, from_draft)
        return
    if len(quote) != len(attributed_to):
        fail("give one --attributed-to for each --quote, in the same order")
    package = _package(descriptor)
    context = read_tables(package)
    text = _article_text(context, source_id)
    draft = {
        "source_id": source_id,
        "event_date": date,
        "event_date_end": date_end,
        "date_precision": date_precision,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "location": location,
        "geo_precision": geo_precision,
        "actor1": actor1,
        "assoc_actor_1": assoc_actor1,
        "actor2": actor2,
        "assoc_actor_2": assoc_actor2,
        "civilian_targeting": civilian_targeting,
        "fatalities_low": fatalities_low,
        "fatalities_best": fatalities_best,
        "fatalities_high": fatalities_high,
        "tags": tag,
        "summary": summary,
        "notes": notes,
        "evidence": [Evidence(w, a) for w, a in zip(quote, attributed_to, strict=True)],
    }
    required = ("event_date", "sub_event_type", "location", "actor1", "summary", "evidence")
    try:
        if any(not draft[name] for name in required):
            _complete(context, text, draft)
        for name in ("date_precision", "geo_precision"):  # given: kept, for validation
            draft[name] = 1 if draft[name] is None else draft[name]
        draft["civilian_targeting"] = bool(draft["civilian_targeting"])
        event_id = new_event(descriptor, EventDraft(**draft))
    except PackageError as exc:
        fail(str(exc))
    except ContributionError as exc:
        stop_with_problems(exc.problems, f"refused: {exc}")
    typer.echo(f"added {event_id}")


COMMANDS = {
    "add-source": add_source_command,
    "quote": quote_command,
    "new-actor": new_actor_command,
    "new-location": new_location_command,
    "new-event": new_event_command,
}
