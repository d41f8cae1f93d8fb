"""The wheel carries the data package, so an installed package validates without the repository."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


def test_wheel_ships_and_validates_the_data_package(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("conflict_events-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "conflict_events/_data/datapackage.json",
        "conflict_events/_data/schemas/events.schema.json",
        "conflict_events/_data/datasets/events.csv",
        "conflict_events/_data/datasets/articles/000_0625744bc0b20f8b.txt",
    ):
        assert shipped in names

    # Install the wheel alone into its own folder, first on the path; run from elsewhere.
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = os.environ | {"PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", "import conflict_events; print(conflict_events.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith(str(site))  # the wheel, not the source tree
    result = subprocess.run(
        [sys.executable, "-m", "conflict_events", "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "_data/datapackage.json: valid" in result.stderr


def test_installed_wheel_loads_its_own_release_with_the_network_off(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("conflict_events-*.whl")
    assert "conflict_events/_data/release/data/events.parquet" in zipfile.ZipFile(wheel).namelist()
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
    )
    cache = tmp_path / "cache"
    env = os.environ | {"PYTHONPATH": str(site), "CONFLICT_EVENTS_CACHE": str(cache)}
    code = "import conflict_events as ce; print(ce.__file__); print(ce.load('events').dtypes.to_string())"
    result = subprocess.run(  # unshare -n: a network namespace with no network at all
        ["unshare", "-n", sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(site))
    dtypes = dict(line.split() for line in result.stdout.splitlines()[1:])
    assert dtypes["fatalities_best"] == "Int64" and dtypes["event_date"].startswith("datetime64")
    assert not cache.exists()  # read from the wheel: nothing built, nothing downloaded
