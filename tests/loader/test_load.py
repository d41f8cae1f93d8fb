"""load(): types, filters, sources, the cache, and downloads from a real local HTTP server."""

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile

import pandas as pd
import pyarrow as pa
import pytest

import conflict_events as ce
from conflict_events.loader import LoadError
from conflict_events.metadata import load_package
from conflict_events.releases.archive import sha256
from tests.conftest import MAIN_ZIP, REPO, VERSION

EVENTS = load_package(REPO / "datapackage.json").resource("events").schema


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(folder))
    return folder


class Server:
    """A real HTTP server on 127.0.0.1 serving a folder, which tests can stop."""

    def __init__(self, folder):
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def served(seed_release, tmp_path):
    folder = tmp_path / "www"
    shutil.copytree(seed_release, folder)
    server = Server(folder)
    yield server, folder
    server.stop()


def test_default_release_has_the_schema_types(cache):
    events = ce.load("events")
    assert str(events["event_date"].dtype).startswith("datetime64")
    assert (
        str(events["fatalities_best"].dtype) == "Int64" and events["fatalities_best"].isna().all()
    )
    assert list(events["event_type"].cat.categories) == EVENTS.field("event_type").enum
    assert list(events["date_precision"].cat.categories) == [1, 2, 3, 4, 5]
    assert str(events["summary"].dtype) == "str"
    assert str(events["civilian_targeting"].dtype) == "boolean"


def test_filters_give_the_rows_a_full_load_then_filter_gives(cache, seed_release):
    full = ce.load("events", source=seed_release)
    places = ce.load("locations", source=seed_release)
    in_syria = full["location_id"].isin(places.loc[places["country_iso3"] == "SYR", "location_id"])
    expected = full[
        in_syria & (full["event_date"] >= "2020-01-20") & (full["event_type"] == "Battles")
    ]
    got = ce.load(
        "events", source=seed_release, country="SYR", start="2020-01-20", event_type="Battles"
    )
    assert (
        got["event_id"].tolist()
        == expected["event_id"].tolist()
        == ["evt_00000001", "evt_00000002"]
    )
    assert ce.load("events", source=seed_release, country="TUR").empty
    assert ce.load("events", source=seed_release, end="2020-01-12")["event_id"].tolist() == [
        "evt_00000003"
    ]


def test_arrow_duckdb_package_and_flat(cache, seed_release):
    assert isinstance(ce.load("events", source=seed_release, as_arrow=True), pa.Table)
    assert set(ce.load_package(source=seed_release)) >= {"events", "sources", "events_flat"}
    assert ce.events_flat(source=seed_release)["actor1"].iloc[0] == "Military Forces of Syria"
    with ce.connect(source=seed_release) as con:
        assert con.execute(
            "SELECT count(*) FROM events JOIN locations USING (location_id)"
        ).fetchall() == [(3,)]


def test_local_zip_and_descriptor_sources(cache, seed_release):
    from_zip = ce.load("actors", source=seed_release / MAIN_ZIP)
    from_descriptor = ce.load("actors", source=seed_release / "datapackage.json")
    pd.testing.assert_frame_equal(from_zip, from_descriptor)


def test_unknown_table_and_missing_source(cache, seed_release, tmp_path):
    with pytest.raises(LoadError, match="no table 'incidents' in this release; tables: "):
        ce.load("incidents", source=seed_release)
    with pytest.raises(LoadError, match="no such release"):
        ce.load("events", source=tmp_path / "nowhere")


def test_zip_over_http_then_from_the_cache_with_the_server_stopped(cache, served):
    server, _ = served
    url = f"{server.url}/{MAIN_ZIP}"
    first = ce.load("events", source=url)
    server.stop()
    again = ce.load("events", source=url)
    pd.testing.assert_frame_equal(first, again)


def test_descriptor_over_http_is_verified_file_by_file(cache, served):
    server, _ = served
    url = f"{server.url}/datapackage.json"
    assert len(ce.load("events", source=url)) == 3
    cached = next(cache.glob("urls/*/data/events.parquet"))
    cached.write_bytes(cached.read_bytes()[:-10])  # corrupted in the cache
    assert len(ce.load("events", source=url)) == 3  # removed and fetched again
    assert sha256(cached) == sha256(served[1] / "data" / "events.parquet")
    cached.write_bytes(b"corrupt")
    server.stop()
    with pytest.raises(LoadError, match="cannot download"):
        ce.load("events", source=url)
    assert not cached.exists()  # never used, not left in the cache


def test_a_tampered_download_is_rejected_and_not_kept(cache, served):
    server, folder = served
    parquet = folder / "data" / "events.parquet"
    parquet.write_bytes(parquet.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(LoadError, match="does not match its recorded SHA-256"):
        ce.load("events", source=f"{server.url}/datapackage.json")
    assert list(cache.glob("urls/*/data/events.parquet")) == []


def test_pinned_versions(cache, served, tmp_path, monkeypatch):
    server, folder = served
    registry = tmp_path / "releases.json"
    registry.write_text(
        json.dumps({VERSION: {MAIN_ZIP: sha256(folder / MAIN_ZIP)}}), encoding="utf-8"
    )
    monkeypatch.setenv("CONFLICT_EVENTS_REGISTRY", str(registry))
    monkeypatch.setenv("CONFLICT_EVENTS_RELEASES", server.url)
    assert len(ce.load("events", version=VERSION)) == 3
    with pytest.raises(
        LoadError, match=rf"unknown version '9\.9\.9'; published versions: {re.escape(VERSION)}"
    ):
        ce.load("events", version="9.9.9")
    server.stop()
    assert len(ce.load("events", version=VERSION)) == 3  # from the cache
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(tmp_path / "empty-cache"))
    with pytest.raises(LoadError, match=r"cannot download .* not in the cache"):
        ce.load("events", version=VERSION)


def _zip_with(seed_release, target, replaced=None, added=()):
    """The release zip with one member's bytes replaced (written as given, its records
    unchanged) and members added."""
    with (
        zipfile.ZipFile(seed_release / MAIN_ZIP) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for info in source.infolist():
            if replaced and info.filename == replaced[0]:
                entry = zipfile.ZipInfo(info.filename)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with out.open(entry, "w", force_zip64=True) as member:
                    replaced[1](member)
            else:
                out.writestr(info, source.read(info))
        for name, data in added:
            out.writestr(name, data)
    return target


def _files(folder):
    """Everything under `folder`, empty folders included."""
    return sorted(folder.rglob("*")) if folder.exists() else []


def test_only_the_members_sha256sums_lists_are_unpacked(cache, seed_release, tmp_path):
    zipped = _zip_with(
        seed_release,
        tmp_path / "extra.zip",
        added=[("../../escaped.txt", "x"), ("data/other.zip", b"PK"), ("notes.txt", "n")],
    )
    assert len(ce.load("events", source=zipped)) == 3
    [folder] = cache.glob("releases/*")
    unpacked = {p.relative_to(folder).as_posix() for p in _files(folder) if p.is_file()}
    listed = (seed_release / "SHA256SUMS").read_text(encoding="utf-8")
    assert unpacked == {line.split("  ")[1] for line in listed.splitlines()} | {"SHA256SUMS"}
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_zip_bomb_member_is_refused_before_a_byte_is_written(cache, seed_release, tmp_path):
    def gigabyte_of_zeros(member):
        block = bytes(1 << 24)
        for _ in range(64):
            member.write(block)

    bomb = _zip_with(
        seed_release, tmp_path / "bomb.zip", ("data/events.parquet", gigabyte_of_zeros)
    )
    assert bomb.stat().st_size < 16 * 1024 * 1024
    recorded = (seed_release / "data" / "events.parquet").stat().st_size
    with pytest.raises(
        LoadError,
        match=re.escape(
            f"member data/events.parquet is 1073741824 bytes, the release records {recorded}; nothing was unpacked"
        ),
    ):
        ce.load("events", source=bomb)
    assert _files(cache) == []


def test_a_member_with_other_bytes_of_the_same_size_is_refused(cache, seed_release, tmp_path):
    original = (seed_release / "data" / "events.parquet").read_bytes()
    flipped = original[:100] + bytes([original[100] ^ 1]) + original[101:]
    damaged = _zip_with(
        seed_release, tmp_path / "damaged.zip", ("data/events.parquet", lambda m: m.write(flipped))
    )
    with pytest.raises(
        LoadError, match=r"member data/events\.parquet does not have its recorded SHA-256"
    ):
        ce.load("events", source=damaged)
    assert _files(cache) == []


def test_a_listed_member_that_would_land_outside_is_refused(cache, seed_release, tmp_path):
    sums = (seed_release / "SHA256SUMS").read_text(
        encoding="utf-8"
    ) + f"{'0' * 64}  ../../escaped.txt\n"
    evil = _zip_with(
        seed_release,
        tmp_path / "evil.zip",
        ("SHA256SUMS", lambda m: m.write(sums.encode())),
        [("../../escaped.txt", "x")],
    )
    with pytest.raises(LoadError, match=r"member '\.\./\.\./escaped\.txt' would land outside"):
        ce.load("events", source=evil)
    assert not list(tmp_path.rglob("escaped.txt"))
    assert _files(cache) == []


TYPES = ", ".join(EVENTS.field("event_type").enum)
NOT_A_COUNTRY = "is not an ISO 3166-1 country code or name"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"event_type": "NotAType"}, f"event_type= 'NotAType' not among its codes: {TYPES}"),
        ({"country": "Syra"}, f"country= 'Syra' {NOT_A_COUNTRY}; did you mean SYR (Syria)?"),
        (
            {"country": ["Korea", "SYR"]},
            f"country= 'Korea' {NOT_A_COUNTRY}; did you mean KOR (South Korea) or PRK (North Korea)?",
        ),
        ({"country": "Kosovo"}, f"country= 'Kosovo' {NOT_A_COUNTRY}"),
        (
            {"country": ["Irak", 760, "Turkey"]},
            "country= 'Irak', 760, 'Turkey' are not ISO 3166-1 country codes or names; "
            "did you mean IRQ (Iraq) or IRN (Iran) for 'Irak', TUR (Türkiye) for 'Turkey'?",
        ),
        (
            {"country": "S\u202eyria" + "x" * 80},
            f"country= 'S\\u202eyria{'x' * 45}... {NOT_A_COUNTRY}",
        ),
        ({"fatalities_best": "abc"}, "fatalities_best= takes integer values, not ['abc']"),
        ({"start": 2020}, "start= 2020 is not a date: write it as YYYY-MM-DD"),
        ({"start": "2020-13-01"}, "start= '2020-13-01' is not a day of the calendar (YYYY-MM-DD)"),
        ({"end": "2023-02-29"}, "end= '2023-02-29' is not a day of the calendar (YYYY-MM-DD)"),
        (
            {"end": "2020-01-01\nvalid"},
            "end= '2020-01-01\\nvalid' is not a date: write it as YYYY-MM-DD",
        ),
        (
            {"start": "2020-03-01", "end": "2020-01-31"},
            "start= 2020-03-01 is after end= 2020-01-31: no event can match; "
            "give the earlier day as start=",
        ),
        (
            {"event_date": "2020-02-30"},
            "event_date= '2020-02-30' is not a day of the calendar (YYYY-MM-DD)",
        ),
        ({"headline": "x"}, "events has no column 'headline' to filter on"),
    ],
)
def test_filters_that_cannot_match_say_why_in_one_line(cache, seed_release, filters, message):
    with pytest.raises(LoadError) as raised:
        ce.load("events", source=seed_release, **filters)
    assert str(raised.value) == message


@pytest.mark.parametrize("table", ["events", "events_flat"])
def test_start_after_end_is_an_error_on_every_table_with_dates(cache, seed_release, table):
    with pytest.raises(LoadError, match=r"^start= 2020-01-22 is after end= 2020-01-12: "):
        ce.load(table, source=seed_release, start="2020-01-22", end="2020-01-12")
    one_day = ce.load(table, source=seed_release, start="2020-01-12", end="2020-01-12")
    assert set(one_day["event_date"].dt.strftime("%Y-%m-%d")) == {"2020-01-12"}


@pytest.mark.parametrize(
    "country", ["syr", "Sy", "760", "Syria", "syrian arab republic", " SYR ", ["syr", "TUR"]]
)
def test_a_country_is_a_code_in_any_case_or_a_name(cache, seed_release, country):
    expected = ce.load("events", source=seed_release, country="SYR")
    assert len(expected) > 0
    got = ce.load("events", source=seed_release, country=country)
    assert got["event_id"].tolist() == expected["event_id"].tolist()


def test_every_filter_on_a_country_takes_names(cache, seed_release):
    actors = ce.load("actors", source=seed_release)
    syrian = actors.loc[actors["country_iso3"] == "SYR", "actor_id"].tolist()
    assert syrian
    assert (
        ce.load("actors", source=seed_release, country_iso3="syria")["actor_id"].tolist() == syrian
    )
    assert ce.load("actors", source=seed_release, country="Sy")["actor_id"].tolist() == syrian
    flat = ce.load("events_flat", source=seed_release, country="syria")
    assert set(flat["country_iso3"]) == {"SYR"}
    with pytest.raises(LoadError) as raised:
        ce.load("locations", source=seed_release, country_iso3="Syra")
    assert str(raised.value) == f"country_iso3= 'Syra' {NOT_A_COUNTRY}; did you mean SYR (Syria)?"


@pytest.mark.parametrize(
    "filters",
    [
        {"date_precision": [1, 3]},
        {"end": "2020-01-22"},
        {"start": "2020-01-12", "end": "2020-01-22"},
        {"fatalities_best": 0},
        {"civilian_targeting": False, "sub_event_type": ["Armed clash", "Agreement"]},
    ],
)
def test_more_filters_match_filtering_after_a_full_load(cache, seed_release, filters):
    full = ce.load("events", source=seed_release)
    keep = pd.Series(True, index=full.index)
    for name, value in filters.items():
        values = value if isinstance(value, list) else [value]
        if name == "start":
            keep &= full["event_date"] >= value
        elif name == "end":
            keep &= full["event_date"] <= value
        else:
            keep &= full[name].isin(values)
    got = ce.load("events", source=seed_release, **filters)
    assert got["event_id"].tolist() == full.loc[keep, "event_id"].tolist()


def test_a_bad_zip_download_is_dropped_and_fetched_again_once_fixed(cache, served):
    server, folder = served
    good = (folder / MAIN_ZIP).read_bytes()
    (folder / MAIN_ZIP).write_bytes(good[: len(good) // 2])
    url = f"{server.url}/{MAIN_ZIP}"
    with pytest.raises(LoadError):
        ce.load("events", source=url)
    assert not list(cache.glob("zips/*/*.zip"))  # not kept
    (folder / MAIN_ZIP).write_bytes(good)
    assert len(ce.load("events", source=url)) == 3


def test_a_descriptor_url_that_is_not_one(cache, served):
    server, folder = served
    (folder / "page.json").write_text("<html>not json</html>", encoding="utf-8")
    with pytest.raises(LoadError, match="is not a release descriptor"):
        ce.load("events", source=f"{server.url}/page.json")
    assert not list(cache.glob("urls/*"))
    with pytest.raises(LoadError, match="the server answered 404"):
        ce.load("events", source=f"{server.url}/missing/datapackage.json")


def test_a_file_changed_after_loading_is_caught(cache, seed_release, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(seed_release, copy)
    assert len(ce.load("events", source=copy)) == 3
    (copy / "data" / "events.parquet").write_bytes((copy / "data" / "actors.parquet").read_bytes())
    with pytest.raises(LoadError, match="is damaged"):
        ce.load("events", source=copy)


def test_bad_table_and_source_arguments(cache, seed_release):
    with pytest.raises(ce.LoadError, match="name a table as text"):
        ce.load(None, source=seed_release)
    with pytest.raises(ce.LoadError, match="source= takes a path or URL"):
        ce.load("events", source=5)


def _release_copy(seed_release, folder, age_seconds=3600):
    """A copy of the seed release whose files were last modified `age_seconds` ago."""
    shutil.copytree(seed_release, folder)
    then = time.time_ns() - age_seconds * 10**9
    for path in folder.rglob("*"):
        os.utime(path, ns=(then, then))
    return folder


def _marker(cache):
    (marker,) = (cache / "verified").glob("*.json")
    return marker


def test_a_second_load_checks_the_table_files_not_the_whole_release(
    cache, seed_release, tmp_path, monkeypatch
):
    copy = _release_copy(seed_release, tmp_path / "copy")
    expected = ce.load("events", source=copy)
    assert json.loads(_marker(cache).read_text())["folder"] == str(copy.resolve())
    (copy / "data" / "events.csv").write_text("no load reads this file\n", encoding="utf-8")
    pd.testing.assert_frame_equal(ce.load("events", source=copy), expected)
    in_new_process = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import conflict_events as ce; ce.load('events', source={str(copy)!r})",
        ],
        env={**os.environ, "CONFLICT_EVENTS_CACHE": str(cache)},
        capture_output=True,
        text=True,
    )
    assert in_new_process.returncode == 0, in_new_process.stderr
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(tmp_path / "other-cache"))
    with pytest.raises(LoadError, match=r"is damaged \(data/events.csv: "):
        ce.load("events", source=copy)  # never verified with this cache: checked whole


def test_a_table_file_rewritten_with_its_size_and_mtime_kept_is_caught(
    cache, seed_release, tmp_path
):
    copy = _release_copy(seed_release, tmp_path / "copy")
    ce.load("events", source=copy)
    parquet = copy / "data" / "events.parquet"
    before = parquet.stat()
    data = bytearray(parquet.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(255 - b for b in data[middle : middle + 8])
    with parquet.open("r+b") as handle:  # in place: same inode, same size
        handle.write(data)
    os.utime(parquet, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (parquet.stat().st_size, parquet.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    with pytest.raises(
        LoadError, match=r"data/events\.parquet: SHA-256 differs from the one verified"
    ):
        ce.load("events", source=copy)


def test_the_marker_records_what_was_verified_and_only_changes_with_the_files(
    cache, seed_release, tmp_path
):
    copy = _release_copy(seed_release, tmp_path / "copy")
    ce.load("events", source=copy)
    marker = _marker(cache)
    recorded = marker.read_bytes()
    ce.load("events", source=copy)
    ce.load_package(source=copy)
    assert marker.read_bytes() == recorded  # nothing hashed again, nothing recorded anew
    parquet = copy / "data" / "events.parquet"
    os.utime(parquet, ns=(10**18, 10**18))  # touched: same bytes, another mtime
    ce.load("events", source=copy)
    assert json.loads(marker.read_text())["stamps"]["events"][1] == 10**18
    os.utime(parquet)  # just now: too recent for its stamp to show a change in the same tick
    ce.load("events", source=copy)
    assert json.loads(marker.read_text())["stamps"]["events"] is None


def test_a_changed_descriptor_means_the_release_is_checked_whole_again(
    cache, seed_release, tmp_path
):
    copy = _release_copy(seed_release, tmp_path / "copy")
    ce.load("actors", source=copy)
    (copy / "data" / "extra.txt").write_text("x", encoding="utf-8")
    descriptor = copy / "datapackage.json"
    descriptor.write_bytes(descriptor.read_bytes())  # the same bytes, written again
    with pytest.raises(LoadError, match=r"is damaged \(data/extra.txt: not listed"):
        ce.load("actors", source=copy)


def test_a_changed_schema_file_means_the_release_is_checked_whole_again(
    cache, seed_release, tmp_path
):
    copy = _release_copy(seed_release, tmp_path / "copy")
    ce.load("actors", source=copy)
    schema = copy / "schemas" / "actors.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace("Aliases", "Other names"))
    with pytest.raises(
        LoadError, match=r"is damaged \(schemas/actors.schema.json: SHA-256 differs from SHA256SUMS"
    ):
        ce.load("actors", source=copy)


def test_columns_reads_only_those_and_filters_may_use_others(cache, seed_release):
    full = ce.load("events", source=seed_release)
    keep = (full["event_date"] >= "2020-01-12") & (full["event_type"] == "Battles")
    got = ce.load(
        "events",
        source=seed_release,
        columns=["event_type", "event_id"],
        start="2020-01-12",
        event_type="Battles",
    )
    expected = full.loc[keep, ["event_type", "event_id"]].reset_index(drop=True)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(got, expected)
    arrow = ce.load("events", source=seed_release, as_arrow=True, columns=["event_date"])
    assert arrow.column_names == ["event_date"] and arrow.num_rows == len(full)
    with pytest.raises(LoadError, match=r"events has no column\(s\) \['headline'\]"):
        ce.load("events", source=seed_release, columns=["event_id", "headline"])
    with pytest.raises(LoadError, match=r"columns= takes a list of names, e.g. \['event_id'\]"):
        ce.load("events", source=seed_release, columns="event_id")


def test_a_bomb_with_records_forged_to_match_is_refused_by_its_ratio(cache, seed_release, tmp_path):
    """A zip's own records cannot vouch for it: a member that inflates beyond any release
    file's ratio is refused, even when MANIFEST.csv and SHA256SUMS were rewritten for it."""
    import hashlib

    block = bytes(1 << 24)
    size = 18 * len(block)
    digest = hashlib.sha256()
    for _ in range(size // len(block)):
        digest.update(block)
    sums = (seed_release / "SHA256SUMS").read_text() + f"{digest.hexdigest()}  data/padding.bin\n"
    manifest = (
        seed_release / "MANIFEST.csv"
    ).read_text() + f"data/padding.bin,{size},{digest.hexdigest()}\n"

    def padding(member):
        for _ in range(size // len(block)):
            member.write(block)

    forged = tmp_path / "forged.zip"
    with (
        zipfile.ZipFile(seed_release / MAIN_ZIP) as source,
        zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = {"SHA256SUMS": sums.encode(), "MANIFEST.csv": manifest.encode()}.get(
                info.filename
            )
            out.writestr(info.filename, data if data is not None else source.read(info))
        entry = zipfile.ZipInfo("data/padding.bin")
        entry.compress_type = zipfile.ZIP_DEFLATED
        with out.open(entry, "w", force_zip64=True) as member:
            padding(member)
    with pytest.raises(
        LoadError, match=rf"member data/padding\.bin would unpack \d+ bytes into {size}, more"
    ):
        ce.load("events", source=forged)
    assert _files(cache) == []


def test_a_zip_beside_its_record_must_have_the_recorded_hash(cache, seed_release, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    record = f"conflict-events-{VERSION}.sha256"
    shutil.copy(seed_release / record, downloads)
    data = bytearray((seed_release / MAIN_ZIP).read_bytes())
    data[-30] ^= 1  # in the zip's directory: still a readable zip, but not the one recorded
    (downloads / MAIN_ZIP).write_bytes(bytes(data))
    with pytest.raises(
        LoadError, match=f"is damaged: its SHA-256 is not the one {re.escape(record)} records"
    ):
        ce.load("events", source=downloads / MAIN_ZIP)
    assert _files(cache) == []


def test_the_csv_form_is_not_taken_for_a_release_to_load(cache, seed_release):
    with pytest.raises(LoadError, match="holds no Parquet tables: it is not a release's main form"):
        ce.load("events", source=seed_release / f"conflict-events-{VERSION}-csv.zip")


def test_processes_loading_one_zip_at_once_all_load_it(seed_release, tmp_path):
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")}
    code = f"import conflict_events as ce; print(len(ce.load('events', source={str(seed_release / MAIN_ZIP)!r})))"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    assert [(status, out.strip()) for status, out, _ in results] == [(0, "3")] * 4, results
    unpacked = [p.name for p in (tmp_path / "cache" / "releases").iterdir()]
    assert len(unpacked) == 1 and not unpacked[0].startswith(".")


def test_what_a_killed_unpacking_left_is_cleared(cache, seed_release):
    digest = sha256(seed_release / MAIN_ZIP)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    leftover = cache / "releases" / f".{digest[:16]}.{dead.stdout.strip()}.abc123"
    (leftover / "data").mkdir(parents=True)
    (leftover / "data" / "events.parquet").write_bytes(b"half")
    assert len(ce.load("events", source=seed_release / MAIN_ZIP)) == 3
    assert not leftover.exists()
