"""build: what a release holds, that readers accept it, and that it is reproducible."""

import json
import os
import subprocess
import sys
import zipfile

import frictionless

from conflict_events.build import BuildError, build_release
from conflict_events.build.archive import CHECKSUMS, sha256
from conflict_events.build.verify import verify_release
from tests.conftest import REPO

TABLES = [
    "sources",
    "locations",
    "actors",
    "events",
    "event_actors",
    "event_sources",
    "retired_ids",
    "crosswalk_actor_types",
    "crosswalk_date_precision",
    "crosswalk_geo_precision",
    "crosswalk_sub_event_types",
]


def test_release_holds_every_table_twice_the_view_the_database_articles_and_zip(seed_release):
    names = sorted(
        p.relative_to(seed_release).as_posix() for p in seed_release.rglob("*") if p.is_file()
    )
    expected = {f"data/{t}.{ext}" for t in [*TABLES, "events_flat"] for ext in ("csv", "parquet")}
    expected |= {
        "datapackage.json",
        CHECKSUMS,
        "conflict-events-0.1.0.zip",
        "conflict-events-0.1.0.sqlite",
        "datasets/articles/000_0625744bc0b20f8b.txt",
    }
    assert set(names) == expected


def test_frictionless_reports_the_release_valid(seed_release):
    report = frictionless.validate(str(seed_release / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    articles = list((seed_release / "datasets" / "articles").glob("*.txt"))
    # CSV + Parquet of each table, the SQLite database, the articles
    assert len(report.tasks) == 2 * (len(TABLES) + 1) + 1 + len(articles)


def test_recorded_hashes_and_sizes_match_the_files(seed_release):
    descriptor = json.loads((seed_release / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        file = seed_release / resource["path"]
        assert resource["hash"] == f"sha256:{sha256(file)}"
        if resource["format"] != "parquet":
            assert resource["bytes"] == file.stat().st_size
    assert verify_release(seed_release) == []


def test_descriptor_carries_version_provenance_and_licence(seed_release):
    descriptor = json.loads((seed_release / "datapackage.json").read_text(encoding="utf-8"))
    source = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == source["version"]
    assert descriptor["licenses"] == source["licenses"]
    assert descriptor["contributors"] and descriptor["sources"]
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    assert descriptor["x-build"]["commit"] == commit
    by_name = {r["name"]: r for r in descriptor["resources"]}
    assert by_name["events"]["mediatype"] == "text/csv"
    assert by_name["events-parquet"]["mediatype"] == "application/vnd.apache.parquet"
    assert by_name["events"]["schema"]["primaryKey"] == ["event_id"]


def test_zip_holds_the_release_and_its_checksums(seed_release):
    with zipfile.ZipFile(seed_release / "conflict-events-0.1.0.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        sums = archive.read(CHECKSUMS).decode()
        for line in sums.splitlines():
            digest, name = line.split("  ")
            assert digest == sha256(seed_release / name)
            assert archive.read(name) == (seed_release / name).read_bytes()


def test_articles_are_copied_where_sources_point(seed_release):
    rows = (seed_release / "data" / "sources.csv").read_text(encoding="utf-8")
    article = "datasets/articles/000_0625744bc0b20f8b.txt"
    assert f",{article}," in rows
    assert (seed_release / article).read_bytes() == (REPO / article).read_bytes()


def test_two_builds_are_byte_identical(tmp_path):
    first = build_release(REPO / "datapackage.json", tmp_path / "a", show_progress=False)
    second = build_release(REPO / "datapackage.json", tmp_path / "b", show_progress=False)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_source_date_epoch_sets_the_release_time(tmp_path):
    env = os.environ | {"SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [sys.executable, "-m", "conflict_events", "build", "--out", str(tmp_path / "r")],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    descriptor = json.loads((tmp_path / "r" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(tmp_path / "r" / "conflict-events-0.1.0.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_invalid_data_publish_nothing_and_keep_the_last_release(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    package.set("events", 2, "event_date", "2020-02-30")
    try:
        build_release(package.descriptor, out, show_progress=False)
    except BuildError as error:
        assert [(p.file, p.row, p.rule) for p in error.problems] == [
            ("datasets/events.csv", 2, "type")
        ]
    else:
        raise AssertionError("an invalid package was built")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert list(tmp_path.glob(".dist.*")) == []  # no temporary folder left behind


def test_cli_build_stops_with_the_validators_report(package, tmp_path):
    package.set("locations", 2, "country_iso3", "SYX")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "build",
            str(package.descriptor),
            "--out",
            str(tmp_path / "d"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("datasets/locations.csv:2:country_iso3  codelist")
    assert "nothing was built" in result.stderr
    assert not (tmp_path / "d").exists()
    assert list(tmp_path.glob(".d.*")) == []


def test_a_build_in_another_process_and_folder_gives_the_same_bytes(seed_release, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "release"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "build",
            str(REPO / "datapackage.json"),
            "--out",
            str(elsewhere),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    for file in (p for p in seed_release.rglob("*") if p.is_file()):
        assert (elsewhere / file.relative_to(seed_release)).read_bytes() == file.read_bytes()


def test_verify_command_names_each_damaged_file(seed_release, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_release, copy)
    intact = subprocess.run(
        [sys.executable, "-m", "conflict_events", "verify", str(copy)],
        capture_output=True,
        text=True,
    )
    assert (intact.returncode, intact.stdout) == (0, "")
    (copy / "data" / "extra.csv").write_text("x\n", encoding="utf-8")
    with (copy / "data" / "actors.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    damaged = subprocess.run(
        [sys.executable, "-m", "conflict_events", "verify", str(copy)],
        capture_output=True,
        text=True,
    )
    assert damaged.returncode == 1
    assert damaged.stdout.splitlines() == [
        f"data/actors.csv: {(copy / 'data/actors.csv').stat().st_size} bytes, the descriptor says {(seed_release / 'data/actors.csv').stat().st_size}",
        "data/actors.csv: SHA-256 differs from the descriptor's",
        "data/actors.csv: SHA-256 differs from SHA256SUMS",
        "data/extra.csv: not listed in SHA256SUMS",
    ]
