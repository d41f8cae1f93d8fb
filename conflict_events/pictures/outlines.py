"""Outlines a map draws, all read offline: countries from Natural Earth's 1:10m admin-0
polygons (the validator's copy, see validation.geography) and first-level divisions from
the extract of Natural Earth's 1:10m admin-1 lines shipped in data/ (see its README)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import shapely

from conflict_events.country_outlines import countries, outline

ADMIN1_LINES = Path(__file__).parent / "data" / "admin1_lines.geojson"
# The countries whose admin-1 lines the extract holds: Syria and its neighbours.
ADMIN1_COUNTRIES = ("SYR", "TUR", "IRQ", "JOR", "LBN", "ISR", "PSE", "CYP")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    shape: shapely.Geometry


def country_outline(code: str) -> shapely.Geometry | None:
    """The whole outline of the country with this ISO alpha-3 code, or None without one."""
    parts = countries().by_code.get(code)
    return shapely.union_all([outline(i) for i in parts]) if parts else None


def countries_in(box: shapely.Geometry) -> list[Country]:
    """Every country outline that reaches into the box, cut to it."""
    known = countries()
    codes = {i: code for code, parts in known.by_code.items() for i in parts}
    west, south, east, north = box.bounds
    found = []
    for i, shape in enumerate(known.shapes):
        left, bottom, right, top = shape.bbox
        if right < west or left > east or top < south or bottom > north:
            continue
        inside = shapely.intersection(outline(i), box)
        if not inside.is_empty:
            found.append(Country(codes[i], known.names[i], inside))
    return found


@cache
def _admin1_lines() -> tuple[shapely.Geometry, ...]:
    collection = json.loads(ADMIN1_LINES.read_text(encoding="utf-8"))
    return tuple(shapely.geometry.shape(f["geometry"]) for f in collection["features"])


def admin1_lines_in(box: shapely.Geometry) -> list[shapely.Geometry]:
    """The admin-1 boundary lines of the extract that cross the box, cut to it."""
    cut = (shapely.intersection(line, box) for line in _admin1_lines() if line.intersects(box))
    return [line for line in cut if not line.is_empty]
