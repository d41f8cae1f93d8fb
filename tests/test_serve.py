"""`conflict-events serve`: the real Datasette server on 127.0.0.1, queried over HTTP."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conflict_events.build.archive import sha256, write_checksums
from conflict_events.build.verify import verify_release

CLI = [sys.executable, "-m", "conflict_events"]
DATABASE = "conflict-events-0.1.0.sqlite"


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
    assert [row["event_id"] for row in json.loads(body)] == [f"evt_0000000{i}" for i in range(1, 5)]


def test_the_descriptor_titles_describes_and_credits_the_data(server, seed_release):
    descriptor = json.loads((seed_release / "datapackage.json").read_text(encoding="utf-8"))
    metadata = json.loads(_get(f"{server}/-/metadata.json")[1])
    [licence] = descriptor["licenses"]
    [source] = descriptor["sources"]
    assert metadata["title"] == descriptor["title"]
    assert (metadata["license"], metadata["license_url"]) == (licence["title"], licence["path"])
    assert (metadata["source"], metadata["source_url"]) == (source["title"], source["path"])
    assert descriptor["description"] in metadata["description_html"]
    tables = metadata["databases"]["conflict-events-0.1.0"]["tables"]
    [events] = [r for r in descriptor["resources"] if r["name"] == "events"]
    assert tables["events"]["description"] == events["description"]
    assert tables["events"]["columns"] == {
        f["name"]: f["description"] for f in events["schema"]["fields"]
    }
    status, page = _get(f"{server}/conflict-events/events")
    assert status == 200
    assert "followed by eight digits" in page.decode()  # event_id's description, shown


def test_the_database_is_served_read_only_and_left_as_it_was(server, seed_release):
    before = sha256(seed_release / DATABASE)
    [database] = json.loads(_get(f"{server}/-/databases.json")[1])
    assert (database["route"], database["is_mutable"]) == ("conflict-events", False)
    status, body = _get(f"{server}/conflict-events.json?sql=delete+from+events")
    assert status == 400 and b"must be a SELECT" in body
    assert _get(f"{server}/conflict-events/events.json?_shape=array")[0] == 200
    assert _get(f"{server}/no.such/page")[0] == 404
    assert sha256(seed_release / DATABASE) == before
    assert verify_release(seed_release) == []  # no journal or lock file beside it


def _without(release, tmp_path):
    """A release as one built before the SQLite database: descriptor and sums without it."""
    copy = tmp_path / "old"
    shutil.copytree(release, copy)
    (copy / DATABASE).unlink()
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["path"] != DATABASE]
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_checksums(copy, {})
    return copy


def test_a_release_without_a_database_or_a_busy_port_is_one_error_line(
    server, seed_release, tmp_path
):
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")}
    old = _without(seed_release, tmp_path)
    assert verify_release(old) == []
    result = subprocess.run(
        [*CLI, "serve", "--source", str(old), "--port", str(_free_port())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {old} holds no SQLite database")
    assert len(result.stderr.splitlines()) == 1
    port = server.rsplit(":", 1)[1]
    busy = subprocess.run(
        [*CLI, "serve", "--source", str(seed_release), "--port", port],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert busy.returncode == 2
    assert busy.stderr.splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use): choose another --port"
    ]


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
