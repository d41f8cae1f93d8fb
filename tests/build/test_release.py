"""build: what a release holds, that readers accept it, and that it is reproducible."""

import json
import os
import subprocess
import sys
import zipfile

import frictionless
import pyarrow.parquet as pq

from conflict_events.build import BuildError, build_release
from conflict_events.releases.archive import CHECKSUMS, MANIFEST, package_files, read_sums, sha256
from conflict_events.releases.verify import verify_release
from tests.conftest import MAIN_ZIP, REPO, VERSION
from tests.profiles import v2_errors
from tests.published import everything_in

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
    "crosswalk_countries",
]
RESOURCES = [*TABLES, "events_flat", "articles"]
CSV_ZIP = f"conflict-events-{VERSION}-csv.zip"
SQLITE_ZIP = f"conflict-events-{VERSION}-sqlite.zip"
DOWNLOADS = [MAIN_ZIP, CSV_ZIP, SQLITE_ZIP]
SEED_ARTICLE = REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt"


def _descriptor(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_release_holds_each_table_once_as_parquet_with_its_schema_and_three_zips(seed_release):
    names = {p.relative_to(seed_release).as_posix() for p in seed_release.rglob("*") if p.is_file()}
    expected = {f"data/{t}.parquet" for t in RESOURCES}
    expected |= {f"schemas/{t}.schema.json" for t in RESOURCES}
    expected |= {"datapackage.json", "README.md", CHECKSUMS, MANIFEST, *DOWNLOADS}
    expected |= {f"conflict-events-{VERSION}.sha256"}
    assert names == expected


def test_the_descriptor_passes_the_official_v2_profiles_and_frictionless(seed_release):
    assert v2_errors(seed_release) == []
    report = frictionless.validate(str(seed_release / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert len(report.tasks) == len(RESOURCES)


def test_one_resource_per_table_each_a_table_with_its_schema_by_path(seed_release):
    descriptor = _descriptor(seed_release)
    assert [r["name"] for r in descriptor["resources"]] == RESOURCES
    for resource in descriptor["resources"]:
        assert resource["type"] == "table" and resource["format"] == "parquet"
        assert resource["path"] == f"data/{resource['name']}.parquet"
        assert resource["schema"] == f"schemas/{resource['name']}.schema.json"
        assert resource["hash"] == f"sha256:{sha256(seed_release / resource['path'])}"
    # a list field is published as the delimited string its cells are, and read back as a list
    actors = json.loads((seed_release / "schemas/actors.schema.json").read_text(encoding="utf-8"))
    [aliases] = [f for f in actors["fields"] if f["name"] == "aliases"]
    assert aliases["type"] == "string"
    assert aliases["x-list"] == {"type": "list", "itemType": "string", "delimiter": ";"}
    # v2: a self-reference names no resource
    assert actors["foreignKeys"] == [
        {"fields": ["parent_actor_id"], "reference": {"fields": ["actor_id"]}}
    ]
    assert verify_release(seed_release) == []


def test_descriptor_carries_version_provenance_licence_and_downloads(seed_release):
    descriptor = _descriptor(seed_release)
    source = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == source["version"]
    assert descriptor["licenses"] == source["licenses"]
    assert descriptor["contributors"] and descriptor["sources"]
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    build = descriptor["x-build"]
    assert build["commit"] == commit and build["texts"] == "redistributable"
    assert [(a["name"], a["path"]) for a in build["artifacts"]] == [
        ("csv", CSV_ZIP),
        ("sqlite", SQLITE_ZIP),
    ]
    for artifact in build["artifacts"]:
        file = seed_release / artifact["path"]
        assert (artifact["bytes"], artifact["hash"]) == (
            file.stat().st_size,
            f"sha256:{sha256(file)}",
        )


def test_every_zip_is_recorded_outside_itself(seed_release):
    record = (seed_release / f"conflict-events-{VERSION}.sha256").read_text(encoding="utf-8")
    assert read_sums(record) == {name: sha256(seed_release / name) for name in DOWNLOADS}
    checked = subprocess.run(
        ["sha256sum", "-c", f"conflict-events-{VERSION}.sha256"],
        cwd=seed_release,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0 and checked.stdout.count(": OK") == 3


def test_the_main_zip_holds_the_package_and_nothing_else(seed_release):
    with zipfile.ZipFile(seed_release / MAIN_ZIP) as archive:
        names = archive.namelist()
        assert names == package_files(seed_release)
        for name in names:
            assert archive.read(name) == (seed_release / name).read_bytes()
    sums = read_sums((seed_release / CHECKSUMS).read_text(encoding="utf-8"))
    assert set(sums) == set(names) - {CHECKSUMS}
    assert not any(name.endswith((".csv", ".sqlite", ".txt")) for name in names if name != MANIFEST)


def test_the_csv_zip_is_a_data_package_of_its_own(seed_release, tmp_path):
    with zipfile.ZipFile(seed_release / CSV_ZIP) as archive:
        archive.extractall(tmp_path)
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == sorted(
        f"{t}.csv" for t in RESOURCES
    )
    assert v2_errors(tmp_path) == []
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    checked = subprocess.run(["sha256sum", "-c", CHECKSUMS], cwd=tmp_path, capture_output=True)
    assert checked.returncode == 0
    events = (tmp_path / "data" / "events.csv").read_text(encoding="utf-8")
    assert events == (REPO / "datasets" / "events.csv").read_text(encoding="utf-8")


def test_the_seed_articles_text_is_not_published_but_every_quote_and_its_offsets_are(
    seed_release,
):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    quotes = pq.read_table(seed_release / "data/event_sources.parquet").to_pylist()
    assert quotes and all(text[q["quote_start"] : q["quote_end"]] == q["quote"] for q in quotes)
    quoted = set()
    for q in quotes:
        quoted.update(range(q["quote_start"], q["quote_end"]))
    # a passage of the article no quote takes a character from
    passage = max(
        (text[i : i + 60] for i in range(len(text) - 60) if not quoted & set(range(i, i + 60))),
        key=len,
    )
    assert len(passage) == 60
    for blob in everything_in(seed_release):
        assert passage.encode("utf-8") not in blob
        assert SEED_ARTICLE.read_bytes() not in blob
    [article] = pq.read_table(seed_release / "data/articles.parquet").to_pylist()
    assert article == {
        "source_id": "src_000001",
        "url": "https://www.trtworld.com/middle-east/syrian-regime-takes-major-town-south-of-idlib-city-war-monitor-33292",
        "archive_url": None,
        "text_licence": "all-rights-reserved",
        "article_sha256": sha256(SEED_ARTICLE),
        "article_length": len(text),
        "article_bytes": SEED_ARTICLE.stat().st_size,
        "text": None,
    }


def test_the_articles_resource_and_the_readme_say_what_is_whose(seed_release):
    [articles] = [r for r in _descriptor(seed_release)["resources"] if r["name"] == "articles"]
    assert articles["licenses"] == _descriptor(seed_release)["licenses"]  # no text carried
    assert "the text only where its licence allows redistribution" in articles["description"]
    readme = (seed_release / "README.md").read_text(encoding="utf-8")
    assert "This release carries 0 of the 1 texts" in readme
    assert "check-evidence" in readme


def test_an_internal_build_carries_every_text_and_says_so(package, tmp_path):
    out = build_release(
        package.descriptor, tmp_path / "internal", show_progress=False, all_texts=True
    )
    [article] = pq.read_table(out / "data/articles.parquet").to_pylist()
    assert article["text"] == SEED_ARTICLE.read_text(encoding="utf-8")
    descriptor = _descriptor(out)
    assert descriptor["x-build"]["texts"] == "all"
    [articles] = [r for r in descriptor["resources"] if r["name"] == "articles"]
    assert "internal release: not for publication" in articles["description"]
    assert articles["licenses"][-1] == {
        "name": "all-rights-reserved",
        "title": "All rights reserved (article texts)",
    }
    assert "This is an internal release" in (out / "README.md").read_text(encoding="utf-8")
    assert v2_errors(out) == [] and verify_release(out) == []
    # every download says it is internal, so none is taken for a release to publish
    stem = f"conflict-events-{VERSION}-internal"
    assert sorted(p.name for p in out.iterdir() if p.suffix in (".zip", ".sha256")) == [
        f"{stem}-csv.zip",
        f"{stem}-sqlite.zip",
        f"{stem}.sha256",
        f"{stem}.zip",
    ]


def _build_command(*args):
    return subprocess.run(
        [sys.executable, "-m", "conflict_events", "build", *map(str, args)],
        capture_output=True,
        text=True,
    )


def test_the_build_command_takes_all_texts(package, tmp_path):
    result = _build_command(package.descriptor, "--out", tmp_path / "r", "--all-texts")
    assert result.returncode == 0, result.stderr
    assert _descriptor(tmp_path / "r")["x-build"]["texts"] == "all"


def test_a_text_under_an_open_licence_is_carried_with_its_licence(package, tmp_path):
    package.set("sources", 2, "text_licence", "CC-BY-2.5")
    out = build_release(package.descriptor, tmp_path / "open", show_progress=False)
    [article] = pq.read_table(out / "data/articles.parquet").to_pylist()
    assert article["text"] == SEED_ARTICLE.read_text(encoding="utf-8")
    [articles] = [r for r in _descriptor(out)["resources"] if r["name"] == "articles"]
    assert articles["licenses"][-1] == {
        "name": "CC-BY-2.5",
        "title": "Creative Commons Attribution 2.5 (article texts)",
        "path": "https://creativecommons.org/licenses/by/2.5/",
    }
    assert "This release carries 1 of the 1 texts" in (out / "README.md").read_text(
        encoding="utf-8"
    )
    passage = SEED_ARTICLE.read_bytes()[1000:1060]  # found where carried: the check can fail
    assert any(passage in blob for blob in everything_in(out / MAIN_ZIP))


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
    with zipfile.ZipFile(tmp_path / "r" / MAIN_ZIP) as archive:
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
    result = _build_command(package.descriptor, "--out", tmp_path / "d")
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


def _verify(folder):
    return subprocess.run(
        [sys.executable, "-m", "conflict_events", "verify", str(folder)],
        capture_output=True,
        text=True,
    )


def test_verify_command_names_each_damaged_file(seed_release, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_release, copy)
    intact = _verify(copy)
    assert (intact.returncode, intact.stdout) == (0, "")
    (copy / "data" / "extra.csv").write_text("x\n", encoding="utf-8")
    with (copy / "data" / "actors.parquet").open("ab") as f:
        f.write(b"\0")
    damaged = _verify(copy)
    assert damaged.returncode == 1
    size = (seed_release / "data/actors.parquet").stat().st_size
    assert damaged.stdout.splitlines() == [
        "data/actors.parquet: SHA-256 differs from the descriptor's",
        "data/actors.parquet: SHA-256 differs from SHA256SUMS",
        "data/extra.csv: not listed in SHA256SUMS",
        f"data/actors.parquet: {size + 1} bytes, MANIFEST.csv says {size}",
        "data/extra.csv: not listed in MANIFEST.csv",
    ]


def test_verify_catches_a_flipped_byte_in_any_zip_and_names_it(seed_release, tmp_path):
    import shutil

    for name in DOWNLOADS:
        copy = tmp_path / name
        shutil.copytree(seed_release, copy)
        data = bytearray((copy / name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (copy / name).write_bytes(bytes(data))
        result = _verify(copy)
        assert result.returncode == 1
        record = f"conflict-events-{VERSION}.sha256"
        expected = [f"{name}: damaged: its SHA-256 differs from the one {record} records"]
        if name != MAIN_ZIP:  # the descriptor records the CSV and SQLite zips too
            expected.append(
                f"{name}: damaged: its SHA-256 differs from the one datapackage.json records"
            )
        assert result.stdout.splitlines() == expected
    missing = tmp_path / "missing"
    shutil.copytree(seed_release, missing)
    (missing / CSV_ZIP).unlink()
    (missing / "stray.zip").write_bytes(b"PK")
    assert _verify(missing).stdout.splitlines() == [
        f"stray.zip: a zip that conflict-events-{VERSION}.sha256 does not list",
        f"{CSV_ZIP}: listed in conflict-events-{VERSION}.sha256 but missing",
    ]


def test_verify_checks_a_zip_against_its_record_and_every_member(seed_release, tmp_path):
    import shutil

    assert (
        _verify(seed_release / MAIN_ZIP).returncode,
        _verify(seed_release / MAIN_ZIP).stdout,
    ) == (0, "")
    copy = tmp_path / "downloads"
    copy.mkdir()
    shutil.copy(seed_release / f"conflict-events-{VERSION}.sha256", copy)
    data = bytearray((seed_release / MAIN_ZIP).read_bytes())
    data[-30] ^= 1
    (copy / MAIN_ZIP).write_bytes(bytes(data))
    result = _verify(copy / MAIN_ZIP)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{MAIN_ZIP}: damaged: its SHA-256 differs from the one conflict-events-{VERSION}.sha256 records"
    )


def test_verify_names_a_schema_file_that_is_missing(seed_release, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_release, copy)
    (copy / "schemas" / "events.schema.json").unlink()
    assert (
        "schemas/events.schema.json: missing (the schema of data/events.parquet)"
        in verify_release(copy)
    )
