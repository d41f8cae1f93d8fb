"""Rules on coordinates: given as a pair, and inside the country the location names
(outlines from conflict_events.country_outlines, so the check runs offline)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import shapely

from conflict_events.country_outlines import countries, outline
from conflict_events.tables import row_number
from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem

LAYER = "cross-table"
# 1:10m outlines are generalised; a coastal or border town may sit just outside its polygon.
TOLERANCE_DEGREES = 0.05  # about 5 km


def _outlines(code: str) -> np.ndarray | None:
    """The shapes of the country with this code, or None without an outline."""
    parts = countries().by_code.get(code)
    return np.array([outline(i) for i in parts]) if parts else None


def point_inside(code: str) -> tuple[float, float] | None:
    """A (latitude, longitude) inside the country's largest outline, or None without one;
    synthetic places are put there so the coordinates rule holds for them."""
    polygons = _outlines(code)
    if polygons is None:
        return None
    point = shapely.point_on_surface(polygons[np.argmax(shapely.area(polygons))])
    return float(point.y), float(point.x)


def _country_at(point: shapely.Point) -> str:
    """The name of the country the point lies in; only outlines whose box holds it are read."""
    known = countries()
    for i, shape in enumerate(known.shapes):
        west, south, east, north = shape.bbox
        if west <= point.x <= east and south <= point.y <= north and outline(i).intersects(point):
            return known.names[i]
    return "no country"


def coordinates(context: Context) -> Iterator[Problem]:
    """Latitude and longitude come together, and the point lies in the stated country."""
    locations = context.table("locations")
    columns = {"latitude", "longitude", "country_iso3"}
    if locations is None or not columns <= set(locations.typed):
        return
    frame, written = locations.typed, locations.raw
    # Judged on the cells as written: an unparseable number is a type problem, not a lone half.
    half = written["latitude"].isna() != written["longitude"].isna()
    for index in frame.index[half]:
        missing = "latitude" if written["latitude"].isna()[index] else "longitude"
        yield locations.problem(
            index,
            missing,
            "coordinates-pair",
            "give both latitude and longitude, or leave both empty when the place is not verified",
            LAYER,
        )
    placed = frame[list(columns)].dropna()
    if placed.empty:
        return
    points = shapely.points(
        placed["longitude"].to_numpy(dtype=float), placed["latitude"].to_numpy(dtype=float)
    )
    for point, (index, code) in zip(points, placed["country_iso3"].items(), strict=True):
        polygons = _outlines(code)
        if polygons is None:
            continue  # no outline for this code (unknown codes are a table-rules problem)
        distance = np.min(shapely.distance(polygons, point))
        if distance <= TOLERANCE_DEGREES:
            continue
        yield Problem(
            locations.file,
            row_number(index),
            "latitude,longitude",
            "coordinates-in-country",
            f"{placed.at[index, 'latitude']},{placed.at[index, 'longitude']}",
            f"the point lies in {_country_at(point)}, not in {code}: "
            "check the coordinates (latitude first, WGS84 decimal degrees) or the country",
            LAYER,
        )
