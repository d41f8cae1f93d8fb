"""GeoJSON (RFC 7946): a FeatureCollection with one Feature per events_flat row.

Each Feature's "id" is the event_id and its geometry the location's point, [longitude,
latitude] in WGS84 as RFC 7946 orders them, or null when the location has no coordinates
(a country-level event). Its properties are every events_flat column: dates as YYYY-MM-DD,
counts and coordinates as numbers, flags as booleans, list columns as arrays, and a missing
value as null. RFC 7946 has no "crs" member: WGS84 is the only one.

The list columns are split on the delimiters the release's events_flat schema gives.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from conflict_events.export.selection import Selection
from conflict_events.export.values import list_items


def render(selection: Selection) -> str:
    """The FeatureCollection as JSON text (UTF-8 characters unescaped), ending in a newline."""
    delimiters = _list_delimiters(selection)
    features = [_feature(row, delimiters) for row in selection.flat.to_dict(orient="records")]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, allow_nan=False) + "\n"


def _list_delimiters(selection: Selection) -> dict[str, str]:
    """events_flat's list columns, each with the delimiter its items are joined by."""
    return {f.name: f.delimiter for f in selection.flat_schema.fields if f.type == "list"}


def _feature(row: dict[str, Any], delimiters: dict[str, str]) -> dict[str, Any]:
    properties = {
        name: _items(value, delimiters[name]) if name in delimiters else _plain(value)
        for name, value in row.items()
    }
    longitude, latitude = properties.get("longitude"), properties.get("latitude")
    geometry = None
    if longitude is not None and latitude is not None:
        geometry = {"type": "Point", "coordinates": [longitude, latitude]}
    return {
        "type": "Feature",
        "id": properties["event_id"],
        "geometry": geometry,
        "properties": properties,
    }


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _plain(value: object) -> object:
    """A cell as a JSON value: a date as YYYY-MM-DD, numpy numbers as Python's, missing as None."""
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars (and the integer codes of categoricals)
        value = value.item()
    return value


def _items(value: object, delimiter: str) -> list[str] | None:
    """A delimited list cell as an array of its items (None when the cell is empty)."""
    return list_items(value, delimiter) or None
