"""Malformed descriptors and schemas: reported as problems, never a crash or a false 'valid'."""

import json
import os
from pathlib import Path

import pytest

from conflict_events.metadata import PackageError, canonical_tables, load_package


def edit_schema(package, table, change):
    path = package.root / "schemas" / f"{table}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")


def test_canonical_tables_are_the_schema_files():
    assert canonical_tables() == [
        "actors",
        "crosswalk_actor_types",
        "crosswalk_countries",
        "crosswalk_date_precision",
        "crosswalk_geo_precision",
        "crosswalk_sub_event_types",
        "event_actors",
        "event_sources",
        "events",
        "locations",
        "retired_ids",
        "sources",
    ]


def test_descriptor_that_is_not_an_object_is_a_usage_error(tmp_path):
    path = tmp_path / "datapackage.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(PackageError, match="must be a JSON object"):
        load_package(path)


def test_resources_not_a_list(package):
    package.edit_descriptor(lambda d: d.update(resources=5))
    report = package.report()
    assert ("datapackage.json", None, None, "package-error") in report
    assert ("datapackage.json", None, None, "resource-missing") in report


@pytest.mark.parametrize("change", ["remove", "rename", "empty"])
def test_missing_table_is_reported(package, change):
    def edit(descriptor):
        resources = descriptor["resources"]
        if change == "remove":
            resources.pop(3)
        elif change == "rename":
            resources[3]["name"] = "evts"
        else:
            resources.clear()

    package.edit_descriptor(edit)
    problems = package.validate()
    assert any(p.rule == "resource-missing" and p.value == "events" for p in problems)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda s: s["fields"][0].pop("name"), "'name' is a required property"),
        (lambda s: s.update(fields=5), "is not of type 'array'"),
        (lambda s: s["fields"].__setitem__(0, "event_id"), "does not match the fields"),
        (lambda s: s["fields"][0]["constraints"].update(pattern="(["), "is not a regex"),
        (lambda s: s.update(primaryKey=["nope"]), "does not match the fields"),
        (lambda s: s.update(missingValues="NA"), "at property 'missingValues'"),
        (lambda s: s["foreignKeys"][0].pop("reference"), "needs 'fields' and a 'reference' object"),
        (lambda s: s["fields"][4]["constraints"].update(enum="Battles"), "constraints/enum"),
    ],
)
def test_broken_schema_is_one_schema_error(package, change, reason):
    edit_schema(package, "events", change)
    problems = package.validate()
    schema_errors = [p for p in problems if p.rule == "schema-error"]
    assert [(p.file, p.value) for p in schema_errors] == [("datapackage.json", "events")]
    assert reason in schema_errors[0].hint
    assert not any(p.rule == "validator-error" for p in problems)


def test_schema_that_is_a_json_array(package):
    (package.root / "schemas" / "events.schema.json").write_text("[]", encoding="utf-8")
    [problem] = [p for p in package.validate() if p.rule == "schema-error"]
    assert "must be a JSON object" in problem.hint


def test_table_linked_outside_the_package_is_never_read(package, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.csv"
    secret.write_text("root:x:0:0:root\n", encoding="utf-8")
    package.csv_path("actors").unlink()
    os.symlink(secret, package.csv_path("actors"))
    problems = package.validate()
    assert [(p.file, p.rule, p.value) for p in problems if p.layer == "structure"] == [
        ("datapackage.json", "resource-path", "datasets/actors.csv")
    ]
    assert "root" not in " ".join(p.value + p.hint for p in problems)


def test_blank_line_before_the_header_is_passed_over(package):
    path = package.csv_path("events")
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert package.report() == []
    path.write_text(path.read_text(encoding="utf-8").lstrip("\n"), encoding="utf-8")
    package.set("events", 2, "event_date", "2099-01-01")  # evt_00000001, on line 3 once shifted
    path.write_text("\n" + path.read_text(encoding="utf-8").lstrip("\n"), encoding="utf-8")
    assert package.report() == [("datasets/events.csv", 3, "event_date", "date-after-publication")]


def test_extra_cell_on_every_row_does_not_shift_columns(package):
    path = package.csv_path("event_actors")
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([lines[0], *(line + ",x" for line in lines[1:])]) + "\n", encoding="utf-8"
    )
    package.set("event_actors", 2, "event_id", "evt_BAD")
    report = package.report()
    assert report.count(("datasets/event_actors.csv", 2, None, "extra-cell")) == 1
    assert ("datasets/event_actors.csv", 2, "event_id", "pattern") in report
    assert not any(rule == "validator-error" for *_, rule in report)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("quote_start", "99999999999999999999999"),
        ("quote_start", " 28"),
    ],
)
def test_unparseable_integers_are_type_problems(package, column, value):
    package.set("event_sources", 2, column, value)
    assert package.report() == [("datasets/event_sources.csv", 2, column, "type")]


@pytest.mark.parametrize("value", ["inf", "1e400", " 35.6483", "nan"])
def test_unparseable_numbers_are_type_problems(package, value):
    package.set("locations", 2, "latitude", value)
    assert package.report() == [("datasets/locations.csv", 2, "latitude", "type")]


def test_year_zero_is_not_a_date(package):
    package.set("events", 4, "event_date", "0000-01-01")
    assert package.report() == [("datasets/events.csv", 4, "event_date", "type")]


def test_paths_inside_agrees_with_path_inside_on_every_way_out(tmp_path):
    from conflict_events.metadata import path_inside, paths_inside

    root, outside = tmp_path / "package", tmp_path / "outside"
    (root / "articles").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "articles" / "ok.txt").write_text("x")
    os.symlink(outside / "secret.txt", root / "articles" / "link.txt")
    os.symlink(outside, root / "linked")
    inside = paths_inside(root)
    cases = {
        "articles/ok.txt": root.resolve() / "articles" / "ok.txt",
        "articles/link.txt": None,  # a file linked out
        "linked/secret.txt": None,  # a folder linked out
        "../outside/secret.txt": None,
        str(outside / "secret.txt"): None,  # absolute
        "articles/../articles/ok.txt": root.resolve() / "articles" / "ok.txt",
        "articles/missing.txt": root.resolve() / "articles" / "missing.txt",  # read fails later
    }
    for relative, expected in cases.items():
        found = inside(relative)
        assert path_inside(root, relative) == expected, relative
        assert (found if found is None else Path(found)) == expected, relative
