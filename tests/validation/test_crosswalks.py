"""Crosswalk rules: every vocabulary code has its row, and every code of the other dataset
converts back through exactly one row. Each test breaks a copy of the package."""

import json

from conflict_events.metadata import load_package
from conflict_events.metadata.crosswalks import TABLES
from tests.conftest import REPO

ACTOR_TYPES = "datasets/crosswalks/actor_types.csv"
DATES = "datasets/crosswalks/date_precision.csv"
KINDS = "datasets/crosswalks/sub_event_types.csv"


def test_every_code_of_every_vocabulary_is_in_its_crosswalk():
    """The repository's crosswalks miss no code (the codes are read from the schemas)."""
    package = load_package(REPO / "datapackage.json")
    checked = 0
    for name in TABLES:
        schema = package.resource(name).schema
        for field in schema.fields:
            reference = field.descriptor.get("x-vocabulary")
            if reference is None:
                continue
            table, _, column = reference.partition(".")
            codes = package.resource(table).schema.field(column).enum
            rows = (REPO / package.resource(name).path).read_text(encoding="utf-8").splitlines()
            index = rows[0].split(",").index(field.name)
            present = [row.split(",")[index] for row in rows[1:]]
            assert sorted(present) == sorted(str(code) for code in codes), name
            checked += 1
    assert checked == len(TABLES)


def test_a_code_without_its_row(package):
    rows = [r for r in package.rows("crosswalk_actor_types") if r[0] != "media"]
    package.write_rows("crosswalk_actor_types", rows)
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule, problem.value) == (
        ACTOR_TYPES,
        None,
        "actor_type",
        "crosswalk-missing",
        "media",
    )


def test_a_row_for_a_code_the_vocabulary_lacks(package):
    row = package.append("crosswalk_actor_types", actor_type="warlords", acled_inter="3")
    package.set("crosswalk_actor_types", row, "from_acled", "false")
    assert package.report() == [(ACTOR_TYPES, row, "actor_type", "crosswalk-unknown")]


def test_a_new_vocabulary_code_needs_a_crosswalk_row(package):
    """Adding a code to a schema without its crosswalk row is caught."""

    schema_path = package.root / "schemas" / "actors.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    [actor_type] = [f for f in schema["fields"] if f["name"] == "actor_type"]
    actor_type["constraints"]["enum"].append("mercenaries")
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    assert [(p.rule, p.value) for p in package.validate()] == [("crosswalk-missing", "mercenaries")]


def test_an_other_dataset_code_with_no_way_back(package):
    package.set("crosswalk_actor_types", 6, "from_acled", "false")  # rioters, inter 5
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule, problem.value) == (
        ACTOR_TYPES,
        None,
        "from_acled",
        "crosswalk-reverse",
        "acled_inter 5",
    )


def test_an_other_dataset_code_with_two_ways_back(package):
    package.set("crosswalk_date_precision", 6, "from_acled", "true")  # 5 -> ACLED 3, as 4 does
    assert package.report() == [(DATES, 6, "from_acled", "crosswalk-reverse")]


def test_a_list_item_outside_its_codes(package):
    package.set("crosswalk_sub_event_types", 3, "ucdp_type_of_violence", "1;4")
    assert package.report() == [(KINDS, 3, "ucdp_type_of_violence", "crosswalk-list-code")]


def test_a_value_outside_the_vocabulary_a_column_takes_its_codes_from(package):
    """location_type takes codes of locations.location_type without needing every one."""
    package.set("crosswalk_geo_precision", 2, "location_type", "village")
    assert package.report() == [
        ("datasets/crosswalks/geo_precision.csv", 2, "location_type", "crosswalk-unknown")
    ]
