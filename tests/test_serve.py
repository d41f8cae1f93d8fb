"""`conflict-events serve`: the real Datasette server on 127.0.0.1, queried over HTTP."""

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

import pytest

from conflict_events.releases.archive import sha256
from conflict_events.releases.verify import verify_release
from tests.conftest import VERSION

CLI = [sys.executable, "-m", "conflict_events"]
DATABASE = f"conflict-events-{VERSION}.sqlite"
SQLITE_ZIP = f"conflict-events-{VERSION}-sqlite.zip"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def server(seed_release, tmp_path):
    """`serve` in a subprocess on a free port; yields its base URL; always stopped."""
    port = _free_port()
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [*CLI, "serve", "--source", str(seed_release), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()
            try:
                if _get(f"{base}/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_an_event_is_served_through_the_json_api(server):
    status, body = _get(f"{server}/conflict-events/events.json?event_id=evt_00000001&_shape=array")
    assert status == 200
    [event] = json.loads(body)
    assert event["event_date"] == "2020-01-28"
    assert event["sub_event_type"] == "Government regains territory"
    assert event["location_id"] == "loc_000001"
    assert event["fatalities_best"] is None  # unknown, never 0
    assert event["civilian_targeting"] == 0
    status, body = _get(f"{server}/conflict-events/events_flat.json?_shape=array&_size=max")
    assert [row["event_id"] for row in json.loads(body)] == [f"evt_0000000{i}" for i in range(1, 4)]


def test_events_show_the_label_of_their_date_precision(server, seed_release):
    """Datasette expands a foreign key to its table's label column: {"value", "label"}."""
    descriptor = json.loads((seed_release / "datapackage.json").read_text(encoding="utf-8"))
    [events] = [r for r in descriptor["resources"] if r["name"] == "events"]
    schema = json.loads((seed_release / events["schema"]).read_text(encoding="utf-8"))
    [field] = [f for f in schema["fields"] if f["name"] == "date_precision"]
    labels = {c["value"]: c["label"] for c in field["categories"]}
    status, body = _get(f"{server}/conflict-events/events.json?_shape=array&_labels=on")
    assert status == 200
    rows = json.loads(body)
    assert len(rows) == 3
    for row in rows:
        code = row["date_precision"]["value"]
        assert row["date_precision"] == {"value": code, "label": labels[code]}, row["event_id"]
    metadata = json.loads(_get(f"{server}/-/metadata.json")[1])
    lookup = metadata["databases"]["conflict-events"]["tables"]["date_precision"]
    assert lookup["label_column"] == "label"
    assert lookup["description"].startswith("The codes of events.date_precision")


def test_the_descriptor_titles_describes_and_credits_the_data(server, seed_release):
    descriptor = json.loads((seed_release / "datapackage.json").read_text(encoding="utf-8"))
    metadata = json.loads(_get(f"{server}/-/metadata.json")[1])
    [licence] = descriptor["licenses"]
    [source] = descriptor["sources"]
    assert metadata["title"] == descriptor["title"]
    assert (metadata["license"], metadata["license_url"]) == (licence["title"], licence["path"])
    assert (metadata["source"], metadata["source_url"]) == (source["title"], source["path"])
    assert html.escape(descriptor["description"]) in metadata["description_html"]
    tables = metadata["databases"]["conflict-events"]["tables"]
    [events] = [r for r in descriptor["resources"] if r["name"] == "events"]
    assert tables["events"]["description"] == events["description"]
    schema = json.loads((seed_release / events["schema"]).read_text(encoding="utf-8"))
    assert tables["events"]["columns"] == {f["name"]: f["description"] for f in schema["fields"]}
    status, page = _get(f"{server}/conflict-events/events")
    assert status == 200
    assert "followed by eight digits" in page.decode()  # event_id's description, shown


def _page(url: str) -> str:
    status, body = _get(url)
    assert status == 200, url
    return body.decode()


def _schema(release, table: str) -> dict:
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in descriptor["resources"] if r["name"] == table]
    return json.loads((release / resource["schema"]).read_text(encoding="utf-8"))


INTERNAL = ["_columns", "_tables", "crosswalk_actor_types", "crosswalk_date_precision"]


def test_the_events_come_first_and_the_internal_tables_are_hidden(server):
    listed = re.findall(
        r'<h3><a href="/conflict-events/([^"]+)">', _page(f"{server}/conflict-events")
    )
    assert listed[:2] == ["events", "events_flat"]
    assert {"sources", "locations", "actors", "date_precision"} <= set(listed)
    assert not set(INTERNAL) & set(listed)
    everything = _page(f"{server}/conflict-events?_show_hidden=1")
    assert set(INTERNAL) <= set(re.findall(r'<h3><a href="/conflict-events/([^"]+)">', everything))
    front = re.findall(r'<a href="/conflict-events/([^"]+)"', _page(f"{server}/"))
    assert front[:2] == ["events", "events_flat"] and not set(INTERNAL) & set(front)


def test_the_event_tables_offer_facets_on_type_country_and_precision(server):
    precision = {"date_precision", "geo_precision"}
    for table, wanted in [
        ("events", {"event_type", "sub_event_type", *precision}),
        ("events_flat", {"event_type", "sub_event_type", "country_iso3", *precision}),
    ]:
        page = _page(f"{server}/conflict-events/{table}")
        assert (
            set(
                re.findall(
                    r'<div class="facet-info [^"]*" id="facet-[^"]+" data-column="([^"]+)"', page
                )
            )
            == wanted
        )
    settings = json.loads(_page(f"{server}/-/settings.json"))
    assert settings["default_facet_size"] == 10  # the ten most frequent, then "…"
    flat = _page(f"{server}/conflict-events/events_flat")
    assert re.search(r'href="[^"]*country_iso3=SYR[^"]*">SYR</a>\s*3', flat)  # the three events


def test_the_codes_show_their_labels_in_the_table_its_facets_and_a_row(server, seed_release):
    page = _page(f"{server}/conflict-events/events")
    for field in [
        f for f in _schema(seed_release, "events")["fields"] if f["name"].endswith("_precision")
    ]:
        name, labels = field["name"], {c["value"]: c["label"] for c in field["categories"]}
        cells = re.findall(rf'<td class="col-{name} type-int">(.*?)</td>', page)
        assert len(cells) == 3
        for cell in cells:
            [(code, label, shown)] = re.findall(
                rf'<a href="/conflict-events/{name}/(\d+)">([^<]+)</a>&nbsp;<em>(\d+)</em>', cell
            )
            assert (label, shown) == (html.escape(labels[int(code)]), code)
            assert _get(f"{server}/conflict-events/{name}/{code}")[0] == 200
        facet = page.split(f'data-column="{name}"')[1].split("</ul>")[0]
        assert html.escape(labels[1]) in facet  # every table has an event of code 1
        row = _page(f"{server}/conflict-events/events/evt_00000001")  # Datasette's: the bare code
        [cell] = re.findall(rf'<td class="col-{name} type-int">(.*?)</td>', row)
        assert (
            cell
            == f'<a href="/conflict-events/{name}/1">{html.escape(labels[1])}</a>&nbsp;<em>1</em>'
        )
    place = '<a href="/conflict-events/locations/loc_000001">Maarat al-Numan</a>&nbsp;<em>loc_000001</em>'
    assert f'<td class="col-location_id type-str">{place}</td>' in row


def test_events_flat_is_shown_on_a_map_of_its_coordinates(server):
    flat = _page(f"{server}/conflict-events/events_flat")
    script = "/-/static-plugins/datasette-cluster-map/datasette-cluster-map.js"
    assert f'<script type="module" src="{script}"></script>' in flat
    assert 'window.DATASETTE_CLUSTER_MAP_LATITUDE_COLUMN = "latitude";' in flat
    assert 'window.DATASETTE_CLUSTER_MAP_LONGITUDE_COLUMN = "longitude";' in flat
    assert _get(f"{server}{script}")[0] == 200
    assert script not in _page(f"{server}/conflict-events/events")  # no coordinates there


def test_a_row_page_lists_its_columns_down_the_page_with_the_whole_text(server, seed_release):
    row = _page(f"{server}/conflict-events/events_flat/evt_00000001")
    columns = [f["name"] for f in _schema(seed_release, "events_flat")["fields"]]
    style = row.split("<style>")[-1].split("</style>")[0]
    assert "@media" not in style  # at any width, not only on a phone's
    assert "body.row .rows-and-columns td { display: block; max-width: 65rem;" in style
    for i, column in enumerate(columns, start=1):
        assert f'td:nth-of-type({i}):before {{ content: "{column}"; }}' in style
    [summary] = re.findall(r'<td class="col-summary type-str">([^<]*)</td>', row)
    assert len(summary) > 120 and not summary.endswith("…")
    table = _page(f"{server}/conflict-events/events_flat")
    assert f'<td class="col-summary type-str">{summary[:120]}…</td>' in table  # cut short there
    assert "body.table .rows-and-columns td { white-space: nowrap; }" in table


def test_the_database_is_served_read_only_and_left_as_it_was(server, seed_release, tmp_path):
    [unpacked] = (tmp_path / "cache" / "databases").glob(f"*/{DATABASE}")
    with zipfile.ZipFile(seed_release / SQLITE_ZIP) as archive:
        assert unpacked.read_bytes() == archive.read(DATABASE)
    before = sha256(unpacked)
    [database] = json.loads(_get(f"{server}/-/databases.json")[1])
    assert (database["route"], database["is_mutable"]) == ("conflict-events", False)
    status, body = _get(f"{server}/conflict-events.json?sql=delete+from+events")
    assert status == 400 and b"must be a SELECT" in body
    assert _get(f"{server}/conflict-events/events.json?_shape=array")[0] == 200
    assert _get(f"{server}/no.such/page")[0] == 404
    assert sha256(unpacked) == before
    assert [p.name for p in unpacked.parent.iterdir()] == [DATABASE]  # no journal, no lock
    assert verify_release(seed_release) == []


def _serve_once(source, tmp_path, *options):
    return subprocess.run(
        [*CLI, "serve", "--source", str(source), "--port", str(_free_port()), *options],
        capture_output=True,
        text=True,
        env=os.environ | {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")},
        timeout=120,
    )


def test_a_missing_or_damaged_database_zip_or_a_busy_port_is_one_error_line(
    server, seed_release, tmp_path
):
    copy = tmp_path / "copy"
    shutil.copytree(seed_release, copy)
    (copy / SQLITE_ZIP).unlink()
    missing = _serve_once(copy, tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr.splitlines() == [
        f"error: {SQLITE_ZIP} is not beside the release: download it next to {copy}"
    ]
    damaged = (seed_release / SQLITE_ZIP).read_bytes()
    (copy / SQLITE_ZIP).write_bytes(damaged[:-1] + bytes([damaged[-1] ^ 1]))
    refused = _serve_once(copy, tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        f"error: {copy / SQLITE_ZIP} is damaged: its SHA-256 is not the one recorded"
    ]
    port = server.rsplit(":", 1)[1]
    busy = _serve_once(seed_release, tmp_path, "--port", port)
    assert busy.returncode == 2
    assert busy.stderr.splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use): choose another --port"
    ]


def test_serving_a_downloaded_zip_finds_the_database_zip_beside_it(seed_release, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    shutil.copy(seed_release / f"conflict-events-{VERSION}.zip", downloads)
    alone = _serve_once(
        downloads / f"conflict-events-{VERSION}.zip", tmp_path, "--host", "256.0.0.1"
    )
    assert alone.stderr.splitlines() == [
        f"error: {SQLITE_ZIP} is not beside the release: download it next to {downloads}"
    ]
    shutil.copy(seed_release / SQLITE_ZIP, downloads)
    beside = _serve_once(
        downloads / f"conflict-events-{VERSION}.zip", tmp_path, "--host", "256.0.0.1"
    )
    assert beside.stderr.splitlines()[0].startswith("error: cannot listen on 256.0.0.1")


def test_without_datasette_serve_says_how_to_install_it(seed_release, tmp_path):
    """Datasette made unimportable the way Python documents (a None entry in sys.modules)."""
    program = (
        "import sys; sys.modules['datasette'] = None; sys.argv = ['conflict-events', 'serve', "
        f"'--source', {str(seed_release)!r}]; from conflict_events.cli import run; run()"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env=os.environ | {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")},
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        'error: serve needs Datasette, which is not installed: pip install "conflict-events[browse]"'
    ]
