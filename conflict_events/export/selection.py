"""The events an export writes, with everything linked to them, read from a release
through the loader so its filters (country, dates, event types) mean the same here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from conflict_events.loader import load
from conflict_events.loader.read import Release
from conflict_events.loader.sources import resolve
from conflict_events.metadata import TableSchema
from conflict_events.metadata.countries import TABLE as COUNTRIES
from conflict_events.metadata.countries import Countries, own_countries
from conflict_events.metadata.crosswalks import TABLES, Crosswalks, own_crosswalks


@dataclass(frozen=True)
class Selection:
    """The chosen events (events_flat rows, in event_id order, with the view's schema from
    the release) and the rows of the other tables that belong to them; `created` is the
    release's build time (ISO 8601)."""

    version: str
    created: str
    flat: pd.DataFrame
    flat_schema: TableSchema
    events: pd.DataFrame
    locations: pd.DataFrame
    actors: pd.DataFrame
    event_actors: pd.DataFrame
    sources: pd.DataFrame
    event_sources: pd.DataFrame
    crosswalks: Crosswalks
    # "release", or "this install" for a release made before its crosswalks took their
    # present shape: exports then convert codes with this install's own crosswalks.
    crosswalks_from: str
    # Gleditsch-Ward numbers and regions: the release's table, else this install's.
    countries: Countries


def select(
    *, source: str | Path | None = None, version: str | None = None, **filters: Any
) -> Selection:
    """Read the release once (verified by the loader) and keep the filtered events."""
    release = resolve(source, version)
    where: dict[str, Any] = {"source": release.folder}
    flat = load("events_flat", **where, **filters)
    ids = flat["event_id"].tolist()
    chosen = {"event_id": ids} if ids else {}

    def linked(table: str) -> pd.DataFrame:
        frame = load(table, **where, **chosen)
        return frame if ids else frame.iloc[0:0]

    events = linked("events")
    event_actors = linked("event_actors")
    event_sources = linked("event_sources")
    locations = load("locations", **where)
    actors = load("actors", **where)
    sources = load("sources", **where)
    descriptor = _descriptor(release.folder)
    crosswalks, crosswalks_from = _crosswalks(release)
    return Selection(
        version=release.version,
        created=str(descriptor.get("created", "")),
        flat=flat.reset_index(drop=True),
        flat_schema=release.schema("events_flat"),
        events=events.reset_index(drop=True),
        locations=locations[locations["location_id"].isin(events["location_id"])],
        actors=actors[actors["actor_id"].isin(event_actors["actor_id"])],
        event_actors=event_actors.reset_index(drop=True),
        sources=sources[sources["source_id"].isin(event_sources["source_id"])],
        event_sources=event_sources.reset_index(drop=True),
        crosswalks=crosswalks,
        crosswalks_from=crosswalks_from,
        countries=_countries(release),
    )


def _crosswalks(release: Release) -> tuple[Crosswalks, str]:
    """The release's own crosswalks when it has them in the shape this version reads."""
    if all(table in release.tables for table in TABLES):
        try:
            tables = {table: load(table, source=release.folder) for table in TABLES}
            return Crosswalks.from_tables(tables), "release"
        except KeyError:  # a column this version needs is missing
            pass
    return own_crosswalks(), "this install"


def _countries(release: Release) -> Countries:
    """The release's countries table, or this install's for a release made before it."""
    if COUNTRIES in release.tables:
        return Countries.from_table(load(COUNTRIES, source=release.folder))
    return own_countries()


def _descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
