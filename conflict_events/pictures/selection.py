"""The events a picture draws: the export's selection, with the export command's filters."""

from __future__ import annotations

from conflict_events.console import ReportFormat, fail
from conflict_events.export import Selection, select
from conflict_events.loader import LoadError


def pictured(
    source: str | None,
    version: str | None,
    country: list[str] | None,
    start: str | None,
    end: str | None,
    event_type: list[str] | None,
) -> Selection:
    """The filtered selection; a missing release or a bad filter stops with one line."""
    filters = {"country": country or None, "start": start, "end": end}
    if event_type:
        filters["event_type"] = event_type
    try:
        return select(source=source, version=version, **filters)
    except LoadError as exc:
        fail(f"{exc} (see --help)", ReportFormat.text)
