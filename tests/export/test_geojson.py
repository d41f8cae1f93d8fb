"""The GeoJSON export of the seed release: an RFC 7946 FeatureCollection, one Feature per
event, its point the location's coordinates."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest
from geojson_pydantic import FeatureCollection

from conflict_events.export import render, select
from tests.conftest import REPO


@pytest.fixture(scope="module")
def selection(seed_release):
    return select(source=seed_release)


@pytest.fixture(scope="module")
def text(selection):
    return render(selection, "geojson")


@pytest.fixture(scope="module")
def collection(text):
    return json.loads(text)


def _csv(table: str) -> dict[str, dict[str, str]]:
    with (REPO / "datasets" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {row[next(iter(row))]: row for row in rows}


def test_rfc7946_structure(text, collection):
    FeatureCollection.model_validate_json(text)  # raises on a malformed collection
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    assert len(collection["features"]) == 3
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert {"geometry", "properties", "id"} <= set(feature)  # geometry present, maybe null
        assert isinstance(feature["id"], str)
        assert isinstance(feature["properties"], dict)
        assert "crs" not in feature


def test_points_are_the_locations_lon_lat(collection):
    events, locations = _csv("events"), _csv("locations")
    assert [f["id"] for f in collection["features"]] == sorted(events)
    for feature in collection["features"]:
        place = locations[events[feature["id"]]["location_id"]]
        geometry = feature["geometry"]
        if place["latitude"] == "":
            assert geometry is None
            continue
        assert geometry["type"] == "Point"
        longitude, latitude = geometry["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert (longitude, latitude) == (float(place["longitude"]), float(place["latitude"]))
    by_id = {f["id"]: f for f in collection["features"]}
    assert by_id["evt_00000003"]["geometry"] is None  # coded at country level
    assert by_id["evt_00000001"]["geometry"]["coordinates"] == [36.67693, 35.6483]


def test_properties_are_every_events_flat_column_typed(selection, collection):
    by_id = {f["id"]: f["properties"] for f in collection["features"]}
    for properties in by_id.values():
        assert list(properties) == list(selection.flat.columns)
    first = by_id["evt_00000001"]
    assert first["event_id"] == "evt_00000001"
    assert first["event_date"] == "2020-01-28"
    assert first["event_date_end"] is None
    assert first["date_precision"] == 1 and first["geo_precision"] == 1
    assert first["latitude"] == 35.6483 and first["longitude"] == 36.67693
    assert first["civilian_targeting"] is False
    assert first["fatalities_best"] is None  # unknown stays unknown, not 0
    assert first["assoc_actor_1"] == ["Military Forces of Russia"]
    assert first["assoc_actor_2"] is None
    assert first["tags"] == ["air support"]
    assert first["source_ids"] == ["src_000001"]
    assert first["published_dates"] == ["2020-01-28"]
    assert first["urls"] == [_csv("sources")["src_000001"]["url"]]
    assert by_id["evt_00000002"]["event_date_end"] == "2020-01-28"
    assert by_id["evt_00000002"]["admin2"] is None  # a text unknown is null


def test_lists_split_on_their_delimiters_text_and_counts_as_they_are(selection):
    changed = selection.flat.copy()
    changed["fatalities_best"] = changed["fatalities_best"].astype("Int64")
    changed.loc[0, "fatalities_best"] = 3
    changed.loc[0, "tags"] = "air support;ceasefire"
    changed.loc[0, "urls"] = "https://a.example/1 https://b.example/2"
    changed.loc[0, "location_name"] = "Maʿarrat an-Nuʿmān"
    text = render(replace(selection, flat=changed), "geojson")
    assert "Maʿarrat an-Nuʿmān" in text  # UTF-8 as it is, not \u escapes
    features = json.loads(text)["features"]
    properties = features[0]["properties"]
    assert properties["fatalities_best"] == 3
    assert properties["tags"] == ["air support", "ceasefire"]
    assert properties["urls"] == ["https://a.example/1", "https://b.example/2"]


def test_an_empty_selection_is_an_empty_collection(selection):
    empty = replace(selection, flat=selection.flat.iloc[0:0])
    assert json.loads(render(empty, "geojson")) == {"type": "FeatureCollection", "features": []}
