"""events_flat: one row per event, actors by role, place and sources joined in."""

import copy

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.build.flat import flat_schema, flat_text
from conflict_events.engine import running
from conflict_events.metadata import TableSchema, load_package
from conflict_events.metadata.reading import read_package, typed_table
from tests.conftest import REPO

PACKAGE = load_package(REPO / "datapackage.json")
SCHEMAS = {r.name: r.schema for r in PACKAGE.resources}
# The integer vocabularies of the events the view carries, by name: each gets a label column.
CODED = [
    f
    for f in SCHEMAS["events"].fields
    if f.type == "integer" and f.categories and f.name in flat_schema(SCHEMAS).field_names
]


def _labels(field):
    return {c["value"]: c["label"] for c in field.categories}


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
    assert len(flat) == 3
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
    assert pd.isna(flat.loc["evt_00000002", "assoc_actor_1"])  # no ally: missing, not ""


def test_each_integer_code_is_followed_by_its_label_column():
    assert CODED, "the events table has integer vocabularies (date and geo precision)"
    schema = flat_schema(SCHEMAS)
    names = schema.field_names
    for code in CODED:
        label = schema.field(f"{code.name}_label")
        assert names.index(label.name) == names.index(code.name) + 1
        assert label.type == "string"
        assert label.enum == list(_labels(code).values())  # in the vocabulary's order
        assert label.required == code.required
        assert code.name in label.description and label.descriptor["title"].startswith(
            code.descriptor["title"]
        )
    labelled = {f.name for f in schema.fields if f.name.endswith("_label")}
    assert labelled == {f"{c.name}_label" for c in CODED}  # text vocabularies get none


def test_every_row_carries_the_label_of_its_code(seed_release):
    flat = pq.read_table(seed_release / "data" / "events_flat.parquet")
    for code in CODED:
        column = flat[f"{code.name}_label"]
        assert pa.types.is_dictionary(column.type)  # encoded over every label, used or not
        assert column.combine_chunks().dictionary.to_pylist() == list(_labels(code).values())
        codes = flat[code.name].to_pylist()
        assert None not in codes  # required: every row has a code, so a label
        assert column.to_pylist() == [_labels(code)[c] for c in codes]


def test_a_missing_code_leaves_its_label_empty():
    """Both codes are required today, so the view is built from a schema where one is not
    and an event whose code is blank: its label stays missing, never another code's."""
    [code, *_] = CODED
    events = copy.deepcopy(SCHEMAS["events"].descriptor)
    [field] = [f for f in events["fields"] if f["name"] == code.name]
    field["constraints"].pop("required", None)
    schemas = SCHEMAS | {"events": TableSchema(events)}
    schema = flat_schema(schemas)
    assert not schema.field(f"{code.name}_label").required
    roles = [c["value"] for c in SCHEMAS["event_actors"].field("role").categories]
    with running() as engine:
        raw = {n: t.raw for n, t in read_package(PACKAGE, engine).tables.items()}
        events = raw["events"]
        blank = (events.event_id == "evt_00000002").ifelse(ibis.null("string"), events[code.name])
        raw["events"] = events.mutate(**{code.name: blank})
        text = flat_text(raw, schema, roles)
        rows = text.to_pandas().set_index("event_id")
        typed = typed_table(text, schema).to_pandas().set_index("event_id")
    assert pd.isna(rows.loc["evt_00000002", f"{code.name}_label"])
    assert pd.isna(typed.loc["evt_00000002", f"{code.name}_label"])
    others = rows.drop(index="evt_00000002")
    assert others[f"{code.name}_label"].tolist() == [
        _labels(code)[int(c)] for c in others[code.name]
    ]
