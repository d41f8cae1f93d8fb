"""Rules on coordinates: given as a pair, and inside the country the location names
(outlines from conflict_events.country_outlines, so the check runs offline).

The point-in-country test needs shapely, so it runs in Python over the distinct
(country, latitude, longitude) triples the engine hands it; the engine then finds the rows.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from conflict_events.country_outlines import countries, outline
from conflict_events.metadata.reading import Context
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem
from conflict_events.validation.registry import rule

LAYER = "cross-table"
# 1:10m outlines are generalised; a coastal or border town may sit just outside its polygon.
TOLERANCE_DEGREES = 0.05  # about 5 km
_PLACE = ["country_iso3", "latitude", "longitude"]


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


def _record_at(point: shapely.Point) -> int | None:
    """The outline the point lies in; only outlines whose box holds it are read."""
    for i, shape in enumerate(countries().shapes):
        west, south, east, north = shape.bbox
        if west <= point.x <= east and south <= point.y <= north and outline(i).intersects(point):
            return i
    return None


def _country_at(point: shapely.Point) -> str:
    """The name of the country the point lies in."""
    record = _record_at(point)
    return "no country" if record is None else countries().names[record]


def country_at(latitude: float, longitude: float) -> tuple[str, str] | None:
    """(code, name) of the country a point lies in, as the outlines give them (Kosovo's code
    is KOS), or None at sea."""
    record = _record_at(shapely.Point(longitude, latitude))
    if record is None:
        return None
    known = countries()
    code = next(c for c, records in known.by_code.items() if record in records)
    return code, known.names[record]


def _outside(places: pa.Table) -> dict[tuple, str]:
    """Of distinct (country, latitude, longitude), those farther than the tolerance from
    the country's outline, each with the country the point does lie in."""
    found = {}
    for code in places["country_iso3"].unique().to_pylist():
        polygons = _outlines(code)
        if polygons is None:
            continue  # no outline for this code (unknown codes are a table-rules problem)
        these = places.filter(pc.equal(places["country_iso3"], code))
        latitudes = these["latitude"].to_numpy()
        longitudes = these["longitude"].to_numpy()
        points = shapely.points(longitudes, latitudes)
        distance = shapely.distance(polygons[:, None], points[None, :]).min(axis=0)
        for i in np.flatnonzero(distance > TOLERANCE_DEGREES):
            found[(code, float(latitudes[i]), float(longitudes[i]))] = _country_at(points[i])
    return found


@rule(
    "coordinates-in-country",
    LAYER,
    "Latitude and longitude come together, and the point lies in the stated country",
    also=["coordinates-pair"],
)
def coordinates(context: Context) -> Iterator[Problem]:
    locations = context.table("locations")
    if locations is None or not set(_PLACE) <= set(locations.typed.columns):
        return
    written = locations.raw
    # Judged on the cells as written: an unparseable number is a type problem, not a lone half.
    half = written.filter(written.latitude.isnull() != written.longitude.isnull())
    for row in locations.failing(half, None, "latitude"):
        yield Problem(
            locations.file,
            row[ROW],
            "latitude" if row["latitude"] is None else "longitude",
            "coordinates-pair",
            "",
            "give both latitude and longitude, or leave both empty when the place is not verified",
            LAYER,
        )
    typed = locations.typed
    placed = typed.filter([typed[c].notnull() for c in _PLACE])
    outside = _outside(placed.select(*_PLACE).distinct().to_pyarrow())
    if not outside:
        return
    wrong = [{"country_iso3": c, "latitude": lat, "longitude": lon} for c, lat, lon in outside]
    known = pa.Table.from_pylist(
        wrong, schema=pa.schema([(c, placed.schema()[c].to_pyarrow()) for c in _PLACE])
    )
    bad = context.engine.ingest("outside", known.to_reader())
    rows = placed.join(bad, _PLACE).select(ROW, *_PLACE).order_by(ROW).to_pyarrow().to_pylist()
    for row in rows:
        code, lat, lon = row["country_iso3"], row["latitude"], row["longitude"]
        yield Problem(
            locations.file,
            row[ROW],
            "latitude,longitude",
            "coordinates-in-country",
            f"{lat},{lon}",
            f"the point lies in {outside[(code, lat, lon)]}, not in {code}: "
            "check the coordinates (latitude first, WGS84 decimal degrees) or the country",
            LAYER,
        )
