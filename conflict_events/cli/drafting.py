"""`conflict-events draft`: propose the events an article reports, for a contributor to confirm."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from conflict_events.console import fail, note, say
from conflict_events.contribute.article import Article, ArticleError, read_article
from conflict_events.contribute.changes import ContributionError
from conflict_events.contribute.lookup import article_of
from conflict_events.draft import draft_article
from conflict_events.metadata import DataPackage, PackageError, default_descriptor, load_package
from conflict_events.metadata.frames import read_tables

_SOURCE_ID = re.compile(r"^src_\d{6}$")


class DraftFormat(StrEnum):
    text = "text"
    json = "json"


def _article(given: str, package: DataPackage) -> Article:
    """The article of a file, or of a stored source when given its id."""
    try:
        if _SOURCE_ID.match(given) and not Path(given).is_file():
            return read_article(article_of(read_tables(package), given).encode("utf-8"), given)
        return read_article(Path(given).read_bytes(), given)
    except (ArticleError, ContributionError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{given}: cannot be read ({exc.strerror or exc})")


def _summary(event: dict) -> list[str]:
    place = event["location"]
    days = event["event_date"] + (
        f" to {event['event_date_end']}" if event["event_date_end"] else ""
    )
    actors = ", ".join(f"{a['name']} ({a['role']})" for a in event["actors"]) or "none"
    deaths = event["fatalities"]
    count = "unknown" if deaths["best"] is None else str(deaths["best"])
    if deaths["high"] is not None:
        count += f" (up to {deaths['high']})"
    lines = [
        f"{event['sub_event_type']} ({event['event_type']}), {days}, date precision {event['date_precision']}",
        f"  place: {place['name']}, {place['country_iso3'] or '?'}, geo precision {place['geo_precision']}",
        f"  actors: {actors}",
        f"  fatalities: {count}; civilian targeting: {str(event['civilian_targeting']).lower()}",
    ]
    for evidence in event["evidence"]:
        lines.append(
            f"  [{evidence['quote_start']}:{evidence['quote_end']}] {evidence['claimant']}: {evidence['quote']}"
        )
    return lines


def draft(
    article: Annotated[
        str, typer.Argument(help="An article file (see CONTRIBUTING.md) or a stored source id.")
    ],
    format: Annotated[
        DraftFormat, typer.Option("--format", help="text (a summary) or json (the draft).")
    ] = DraftFormat.text,
    datapackage: Annotated[Path | None, typer.Option(help="Default: ./datapackage.json.")] = None,
) -> None:
    """Propose every event the article reports, each with verbatim evidence; stored actors
    and places are preferred. An actor or place is new when no stored name or alias is its
    name."""
    try:
        package = load_package(datapackage or default_descriptor())
    except PackageError as exc:
        fail(str(exc))
    drafted = draft_article(_article(article, package), package)
    if format is DraftFormat.json:
        typer.echo(json.dumps(drafted, indent=2, ensure_ascii=False))
    else:
        for number, event in enumerate(drafted["events"], start=1):
            say(f"event {number}: " + _summary(event)[0])
            for line in _summary(event)[1:]:
                typer.echo(line)
    if not drafted["events"]:
        note(f"no event found in {article}: the draft is empty")
