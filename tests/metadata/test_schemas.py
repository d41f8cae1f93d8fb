"""Tests on the metadata itself: the schemas are complete, consistent and standard."""

import json
import re
from pathlib import Path

import frictionless
import pytest

from conflict_events.metadata import codelists, load_package
from tests.conftest import REPO

PACKAGE = load_package(REPO / "datapackage.json")
RESOURCES = {r.name: r for r in PACKAGE.resources}
FIELDS = [(r.name, f) for r in PACKAGE.resources for f in r.schema.fields]


def field(table: str, name: str):
    return RESOURCES[table].schema.field(name)


def test_frictionless_reports_the_descriptor_valid():
    report = frictionless.validate(str(REPO / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_descriptor_metadata():
    d = PACKAGE.descriptor
    assert d["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", d["version"])
    assert f"## {d['version']} (" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert [lic["name"] for lic in d["licenses"]] == ["CC-BY-4.0"]
    for key in (
        "name",
        "id",
        "title",
        "description",
        "created",
        "contributors",
        "sources",
        "keywords",
    ):
        assert d.get(key), key


def test_every_schema_file_is_used_and_every_resource_has_one():
    files = {p.name for p in (REPO / "schemas").glob("*.json")}
    used = {Path(r.descriptor["schema"]).name for r in PACKAGE.resources}
    assert files == used
    assert all(r.schema is not None for r in PACKAGE.resources)


def test_the_issue_columns_are_all_there():
    expected = {
        "sources": "source_id publisher title url published_date language section credit source_type article_path article_sha256",
        "locations": "location_id name country_iso3 admin1 admin2 latitude longitude geonames_id location_type",
        "actors": "actor_id name actor_type country_iso3 parent_actor_id aliases wikidata_id",
        "events": "event_id event_date event_date_end date_precision event_type sub_event_type location_id geo_precision fatalities_low fatalities_best fatalities_high civilian_targeting tags summary",
        "event_actors": "event_id actor_id role",
        "event_sources": "event_id source_id quote quote_start quote_end attributed_to",
    }
    for table, names in expected.items():
        assert set(names.split()) <= set(RESOURCES[table].schema.field_names), table


@pytest.mark.parametrize(("table", "f"), FIELDS, ids=[f"{t}.{f.name}" for t, f in FIELDS])
def test_every_field_is_described(table, f):
    assert f.description and len(f.description) > 15
    assert f.descriptor.get("title")


@pytest.mark.parametrize(("table", "f"), FIELDS, ids=[f"{t}.{f.name}" for t, f in FIELDS])
def test_vocabularies_have_labels_and_match_the_enforced_enum(table, f):
    if not f.categories:
        assert f.enum is None
        return
    assert all(c.get("label") for c in f.categories)
    if f.type == "list":
        assert f.enum is None  # an enum would compare whole lists; items: crosswalks.list_codes
        return
    # frictionless-py does not enforce categories: the enum must hold exactly the same codes.
    assert f.enum == [c["value"] for c in f.categories]


@pytest.mark.parametrize(("table", "f"), FIELDS, ids=[f"{t}.{f.name}" for t, f in FIELDS])
def test_patterns_compile_and_codelists_are_known(table, f):
    if f.pattern:
        re.compile(f.pattern)
    if f.codelist:
        assert codelists.codes(f.codelist)


def test_every_foreign_key_points_at_a_primary_key():
    for name, resource in RESOURCES.items():
        for fk in resource.schema.foreign_keys(name):
            target = RESOURCES[fk.resource].schema
            assert list(fk.reference_fields) == target.primary_key, (name, fk)
            for own, ref in zip(fk.fields, fk.reference_fields, strict=True):
                assert resource.schema.field(own).pattern == target.field(ref).pattern


def test_event_vocabularies_are_acled():
    assert len(field("events", "event_type").enum) == 6
    sub = field("events", "sub_event_type")
    assert len(sub.enum) == 25
    assert sub.parent_field == "event_type"
    assert {c["parent"] for c in sub.categories} == set(field("events", "event_type").enum)
    assert (
        field("events", "sub_event_type").categories[1]["value"] == "Government regains territory"
    )


def test_precision_codes_are_ucdp():
    assert field("events", "date_precision").enum == [1, 2, 3, 4, 5]
    assert field("events", "geo_precision").enum == [1, 2, 3, 4, 5, 6, 7]


def test_actor_types_cover_acled_categories_and_roles_map_to_acled_columns():
    labels = [c["label"] for c in field("actors", "actor_type").categories]
    assert labels[:8] == [
        "State forces",
        "Rebel groups",
        "Political militias",
        "Identity militias",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other forces",
    ]
    assert field("event_actors", "role").enum == [
        "actor1",
        "assoc_actor_1",
        "actor2",
        "assoc_actor_2",
    ]


def test_schemas_are_table_schema_v2():
    for path in (REPO / "schemas").glob("*.json"):
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/tableschema.json"
        frictionless.Schema.metadata_transform(descriptor)  # as frictionless reads a schema
        assert list(frictionless.Schema.metadata_validate(descriptor)) == [], path.name


def test_self_references_omit_their_resource_as_v2_has_it():
    for path in (REPO / "schemas").glob("*.json"):
        table = path.name.removesuffix(".schema.json")
        for key in json.loads(path.read_text(encoding="utf-8")).get("foreignKeys", []):
            assert key["reference"].get("resource") != table, path.name


def test_each_default_a_contribution_tool_fills_in_is_a_code_of_its_field():
    defaulted = [(table, f) for table, f in FIELDS if f.default is not None]
    assert {(table, f.name) for table, f in defaulted} == {
        ("sources", "source_type"),
        ("sources", "text_licence"),
    }
    for _, f in defaulted:
        assert f.default in f.enum


def test_precision_codes_are_ordered():
    for table, name in [
        ("events", "date_precision"),
        ("events", "geo_precision"),
        ("crosswalk_date_precision", "acled_time_precision"),
        ("crosswalk_geo_precision", "acled_geo_precision"),
    ]:
        assert field(table, name).descriptor["categoriesOrdered"] is True
