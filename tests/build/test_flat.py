"""events_flat: one row per event, actors by role, place and sources joined in."""

import pandas as pd

from conflict_events.build.flat import flat_schema
from conflict_events.metadata import load_package
from tests.conftest import REPO

SCHEMAS = {r.name: r.schema for r in load_package(REPO / "datapackage.json").resources}


def test_view_schema_is_derived_from_the_tables():
    schema = flat_schema(SCHEMAS)
    assert (
        schema.field("event_type").descriptor["constraints"]
        == SCHEMAS["events"].field("event_type").descriptor["constraints"]
    )
    assert schema.field("location_name").type == "string"
    assert (
        schema.field("location_name").description == SCHEMAS["locations"].field("name").description
    )
    assert schema.field("actor1").type == "string"  # at most one per event, as the role says
    assert schema.field("assoc_actor_1").type == "list"
    assert schema.field("published_dates").descriptor["itemType"] == "date"
    assert all(f.description for f in schema.fields)


def test_one_row_per_event_with_its_actors_place_and_sources(seed_release):
    flat = pd.read_parquet(seed_release / "data" / "events_flat.parquet").set_index("event_id")
    assert len(flat) == 4
    takeover = flat.loc["evt_00000001"]
    assert (takeover["actor1"], takeover["assoc_actor_1"], takeover["actor2"]) == (
        "Military Forces of Syria",
        "Military Forces of Russia",
        "Syrian insurgents",
    )
    assert (takeover["location_name"], takeover["admin1"], takeover["country_iso3"]) == (
        "Maarat al-Numan",
        "Idlib",
        "SYR",
    )
    assert takeover["latitude"] == 35.6483
    assert (takeover["publishers"], takeover["published_dates"]) == ("TRT World", "2020-01-28")
    deal = flat.loc["evt_00000003"]
    assert pd.isna(deal["latitude"]) and deal["geo_precision"] == 6
    assert pd.isna(flat.loc["evt_00000004", "actor2"])
