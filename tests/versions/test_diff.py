"""diff: rows by primary key, retirements, schema changes, and the bump they require."""

import json
import shutil
import subprocess
import sys

import pytest

from conflict_events.metadata import PackageError
from conflict_events.versions.diff import diff_packages
from conflict_events.versions.semver import Bump
from tests.conftest import MAIN_ZIP
from tests.versions.scenario import NEW_SUMMARY, edit_add_retire


def changed_tables(diff):
    return {
        t.name: (t.added, t.removed, [(c.key, sorted(c.fields)) for c in t.changed])
        for t in diff.tables
        if not t.empty
    }


def test_release_and_its_own_source_are_identical(seed_release):
    from tests.conftest import REPO

    diff = diff_packages(seed_release, REPO / "datapackage.json")
    assert diff.identical and diff.required_bump is Bump.NONE


def test_one_edited_one_added_one_retired(seed_release, package):
    edit_add_retire(package)
    diff = diff_packages(seed_release, package.descriptor)
    assert changed_tables(diff) == {
        "events": ([("evt_00000005",)], [("evt_00000003",)], [(("evt_00000002",), ["summary"])]),
        "event_actors": (
            [("evt_00000005", "act_000004")],
            [("evt_00000003", "act_000004"), ("evt_00000003", "act_000005")],
            [],
        ),
        "event_sources": (
            [("evt_00000005", "src_000001", "2352")],
            [("evt_00000003", "src_000001", "2104")],
            [],
        ),
        "retired_ids": ([("evt_00000003",)], [], []),
    }
    [edit] = next(t for t in diff.tables if t.name == "events").changed
    assert edit.fields["summary"][1] == NEW_SUMMARY
    assert [(r.retired_id, r.table, r.reason) for r in diff.retired] == [
        ("evt_00000003", "events", "erroneous")
    ]
    assert diff.changes == [] and diff.violations == []
    assert diff.required_bump is Bump.MINOR


def test_an_edit_alone_is_a_patch(seed_release, package):
    package.set("events", 3, "summary", NEW_SUMMARY)
    assert diff_packages(seed_release, package.descriptor).required_bump is Bump.PATCH


def test_removing_an_event_without_retiring_it_is_a_violation(seed_release, package):
    for table in ("event_actors", "event_sources", "events"):
        package.write_rows(table, [r for r in package.rows(table) if r[0] != "evt_00000003"])
    diff = diff_packages(seed_release, package.descriptor)
    assert diff.violations == [
        "events: evt_00000003 was removed without being listed in retired_ids"
    ]


def test_a_retirement_cannot_be_undone(package, tmp_path):
    from conflict_events.build import build_release

    edit_add_retire(package)
    released = build_release(package.descriptor, tmp_path / "rel", show_progress=False)
    rows = package.rows("retired_ids")
    package.write_rows("retired_ids", [r for r in rows if r[0] != "evt_00000003"])
    diff = diff_packages(released, package.descriptor)
    assert diff.violations == [
        "retired_ids: evt_00000003 was retired before and is no longer listed"
    ]


def test_schema_change_is_reported_with_its_bump(seed_release, package):
    schema = package.root / "schemas" / "events.schema.json"
    descriptor = json.loads(schema.read_text(encoding="utf-8"))
    [notes] = [f for f in descriptor["fields"] if f["name"] == "notes"]
    notes["constraints"] = {"required": True}  # notes becomes required
    schema.write_text(json.dumps(descriptor), encoding="utf-8")
    diff = diff_packages(seed_release, package.descriptor)
    assert [(c.where, c.what, c.bump) for c in diff.changes] == [
        ("events.notes", "constraint required added: True", Bump.MAJOR)
    ]
    assert diff.required_bump is Bump.MAJOR


def test_zip_and_folder_give_the_same_diff(seed_release, package):
    edit_add_retire(package)
    from_folder = diff_packages(seed_release, package.descriptor)
    from_zip = diff_packages(seed_release / MAIN_ZIP, package.descriptor)
    assert changed_tables(from_zip) == changed_tables(from_folder)


def test_unreadable_side_raises_a_package_error(tmp_path, seed_release):
    with pytest.raises(PackageError):
        diff_packages(tmp_path / "missing.json", seed_release)


def run_diff(*args):
    return subprocess.run(
        [sys.executable, "-m", "conflict_events", "diff", *map(str, args)],
        capture_output=True,
        text=True,
    )


def test_cli_exit_status_and_formats(seed_release, package, tmp_path):
    from tests.conftest import REPO

    same = run_diff(seed_release, REPO / "datapackage.json")
    assert (same.returncode, same.stdout.strip().splitlines()[-1]) == (0, "identical")
    edit_add_retire(package)
    text = run_diff(seed_release, package.descriptor)
    assert text.returncode == 1
    assert "  - evt_00000003  retired: erroneous" in text.stdout
    assert "required version bump: minor" in text.stdout
    markdown = run_diff(seed_release, package.descriptor, "--format", "markdown")
    assert "**Required version bump: minor**" in markdown.stdout
    assert "| events | 1 | 1 | 1 |" in markdown.stdout
    report = json.loads(run_diff(seed_release, package.descriptor, "--format", "json").stdout)
    assert report["required_bump"] == "minor" and report["identical"] is False
    missing = run_diff(tmp_path / "nope", seed_release)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_a_zip_member_the_release_does_not_list_is_never_unpacked(tmp_path, seed_release):
    import zipfile

    evil = tmp_path / "evil.zip"
    shutil.copy(seed_release / MAIN_ZIP, evil)
    with zipfile.ZipFile(evil, "a") as archive:
        archive.writestr("../escaped.txt", "x")
    assert diff_packages(evil, seed_release).identical
    assert not (tmp_path / "escaped.txt").exists()


def test_a_side_with_an_unreadable_table_is_refused(seed_release, package):
    package.csv_path("events").write_bytes("event_id\n\xe9\n".encode("latin-1"))
    with pytest.raises(PackageError, match="table events cannot be read"):
        diff_packages(seed_release, package.descriptor)


def test_a_damaged_release_is_refused(seed_release, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(seed_release, damaged)
    with (damaged / "data" / "events.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    with pytest.raises(PackageError, match="the release is damaged"):
        diff_packages(damaged, seed_release)


def test_a_repeated_key_is_refused(seed_release, package):
    package.copy_row("events", 2)
    with pytest.raises(PackageError, match="repeats a primary key"):
        diff_packages(seed_release, package.descriptor)


@pytest.mark.parametrize(
    ("edit", "where", "bump"),
    [
        (lambda s: s["fields"][12].update(delimiter=","), "events.tags", Bump.MAJOR),
        (lambda s: s.update(missingValues=["", "NA"]), "events", Bump.MAJOR),
        (lambda s: s.update(description="Events, described better."), "events", Bump.PATCH),
    ],
)
def test_every_schema_difference_counts(seed_release, package, edit, where, bump):
    path = package.root / "schemas" / "events.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    edit(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")
    diff = diff_packages(seed_release, package.descriptor)
    assert [(c.where, c.bump) for c in diff.changes] == [(where, bump)]


def test_a_table_description_in_the_descriptor_is_a_patch(seed_release, package):
    package.edit_descriptor(lambda d: d["resources"][3].update(description="All the events."))
    diff = diff_packages(seed_release, package.descriptor)
    assert [(c.where, c.what, c.bump) for c in diff.changes] == [
        ("events", "resource description changed", Bump.PATCH)
    ]
