"""register: a published release's zips recorded in releases.json, once, as they are."""

import json
import os
import shutil
import subprocess
import sys

from conflict_events.releases.archive import read_sums
from tests.conftest import MAIN_ZIP, VERSION

CLI = [sys.executable, "-m", "conflict_events", "register"]


def _register(release, registry):
    env = os.environ | {"CONFLICT_EVENTS_REGISTRY": str(registry)}
    return subprocess.run([*CLI, str(release)], capture_output=True, text=True, env=env)


def test_the_registry_records_every_zip_as_the_release_does(seed_release, tmp_path):
    registry = tmp_path / "releases.json"
    registry.write_text(json.dumps({"0.0.9": {"conflict-events-0.0.9.zip": "0" * 64}}))
    result = _register(seed_release, registry)
    assert (result.returncode, result.stdout) == (0, f"registered {VERSION} in {registry}\n")
    recorded = read_sums((seed_release / f"conflict-events-{VERSION}.sha256").read_text())
    assert json.loads(registry.read_text()) == {
        "0.0.9": {"conflict-events-0.0.9.zip": "0" * 64},
        VERSION: recorded,
    }
    assert set(recorded) == {
        MAIN_ZIP,
        f"conflict-events-{VERSION}-csv.zip",
        f"conflict-events-{VERSION}-sqlite.zip",
    }
    assert _register(seed_release, registry).returncode == 0  # the same zips again: unchanged


def test_a_version_is_never_registered_twice_with_other_zips(seed_release, tmp_path):
    registry = tmp_path / "releases.json"
    registry.write_text(json.dumps({VERSION: {MAIN_ZIP: "0" * 64}}))
    before = registry.read_bytes()
    result = _register(seed_release, registry)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {VERSION} is registered already, with other zips: a published version never "
        "changes; release a new version instead\n"
    )
    assert registry.read_bytes() == before


def test_a_damaged_release_is_not_registered(seed_release, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(seed_release, copy)
    (copy / MAIN_ZIP).write_bytes(b"not the zip")
    registry = tmp_path / "releases.json"
    result = _register(copy, registry)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {copy} is damaged ({MAIN_ZIP}: damaged: ")
    assert not registry.exists()


def test_an_internal_release_is_never_registered(package, tmp_path):
    from conflict_events.build import build_release

    internal = build_release(
        package.descriptor, tmp_path / "internal", show_progress=False, all_texts=True
    )
    registry = tmp_path / "releases.json"
    result = _register(internal, registry)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"error: {internal} is an internal release: it carries article texts"
    )
    assert not registry.exists()
