"""The check a build makes of its own output before publishing it."""

import shutil

import pyarrow.parquet as pq
import pytest

from conflict_events.build import build_release
from conflict_events.build.errors import ReleaseMismatch
from conflict_events.metadata import PackageError, canonical_tables
from conflict_events.releases.verify import written_problems
from conflict_events.validation import validate
from tests.conftest import REPO

TABLES = [*canonical_tables(), "events_flat", "articles"]


def _written(release):
    return {name: pq.read_table(release / f"data/{name}.parquet") for name in TABLES}


def test_the_validator_refuses_a_release_and_says_what_checks_one(seed_release):
    with pytest.raises(PackageError, match="is a release made by build: check its files with"):
        validate(seed_release / "datapackage.json")


def test_a_release_as_written_passes(seed_release):
    assert written_problems(seed_release, _written(seed_release)) == []


def test_a_missing_row_and_a_changed_type_are_named(seed_release, tmp_path):
    release = tmp_path / "release"
    shutil.copytree(seed_release, release)
    tables = _written(release)
    events = tables["events"]
    pq.write_table(events.slice(1), release / "data/events.parquet")
    actors = tables["actors"]
    pq.write_table(actors.replace_schema_metadata({}), release / "data/actors.parquet")
    assert written_problems(release, tables) == [
        "data/actors.parquet: its schema differs from the table's Arrow schema",
        f"data/events.parquet: {events.num_rows - 1} rows, {events.num_rows} written",
    ]


def test_a_release_that_comes_out_wrong_is_not_published(tmp_path, monkeypatch):
    """A bug that drops a row while writing: the build stops and nothing reaches `out`."""
    import conflict_events.build as build

    def losing_a_row(path, schema, batches):
        written = write_parquet(path, schema, batches)
        pq.write_table(pq.read_table(path).slice(1), path)
        return written

    write_parquet = build.write_parquet
    monkeypatch.setattr(build, "write_parquet", losing_a_row)
    out = tmp_path / "dist"
    # The SQLite form is written from the Parquet files, so its row count is the first
    # check to see the row lost.
    with pytest.raises(ReleaseMismatch, match=r"sources: 0 rows in the database, 1 written"):
        build_release(REPO / "datapackage.json", out, show_progress=False)
    assert not out.exists() and list(tmp_path.iterdir()) == []
