"""What `conflict-events draft` reads and prints: the article of a file or a stored source,
and a draft as JSON or as a readable summary with its evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conflict_events.contribute.article import Article, ArticleError, read_article
from conflict_events.contribute.changes import ContributionError
from conflict_events.contribute.lookup import article_of
from conflict_events.metadata import DataPackage
from conflict_events.metadata.frames import read_tables

_SOURCE_ID = re.compile(r"^src_\d{6}$")


def article_to_draft(given: str, package: DataPackage) -> Article:
    """The article of a file, or of a stored source when given its id; ArticleError says
    in one line what is wrong."""
    try:
        if _SOURCE_ID.match(given) and not Path(given).is_file():
            return read_article(article_of(read_tables(package), given).encode("utf-8"), given)
        return read_article(Path(given).read_bytes(), given)
    except ContributionError as exc:
        raise ArticleError(str(exc)) from None
    except OSError as exc:
        raise ArticleError(f"{given}: cannot be read ({exc.strerror or exc})") from None


def as_json(drafted: dict) -> str:
    return json.dumps(drafted, indent=2, ensure_ascii=False)


def _summary(event: dict) -> list[str]:
    place = event["location"]
    days = event["event_date"] + (
        f" to {event['event_date_end']}" if event["event_date_end"] else ""
    )
    actors = ", ".join(f"{a['name']} ({a['role']})" for a in event["actors"]) or "none"
    deaths = event["fatalities"]
    count = "unknown" if deaths["best"] is None else str(deaths["best"])
    if deaths["high"] not in (None, deaths["best"]):
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


def as_text(drafted: dict) -> str:
    """One block per event: type, days, place, actors, count, then each quote."""
    lines = []
    for number, event in enumerate(drafted["events"], start=1):
        summary = _summary(event)
        lines += [f"event {number}: {summary[0]}", *summary[1:]]
    return "\n".join(lines)
