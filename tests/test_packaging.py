"""The wheel carries the data package and its release: an installed package validates and
loads without the repository and without the network."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built as pip builds it (the build hook puts the release in)."""
    folder = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-q", "-w", str(folder), str(REPO)], check=True)
    [built] = folder.glob("conflict_events-*.whl")
    return built


def install(wheel: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The wheel alone in its own folder, first on the path (its dependencies come from here)."""
    site = tmp_path / "site"
    command = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site)]
    subprocess.run([*command, str(wheel)], check=True)
    return site, os.environ | {
        "PYTHONPATH": str(site),
        "CONFLICT_EVENTS_CACHE": str(tmp_path / "cache"),
    }


def test_wheel_ships_and_validates_the_data_package(tmp_path, wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "conflict_events/_data/datapackage.json",
        "conflict_events/_data/schemas/events.schema.json",
        "conflict_events/_data/datasets/events.csv",
        "conflict_events/_data/datasets/articles/000_0625744bc0b20f8b.txt",
        "conflict_events/_data/release/data/events.parquet",
    ):
        assert shipped in names
    site, env = install(wheel, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = {"cwd": elsewhere, "env": env, "capture_output": True, "text": True}
    where = subprocess.run(
        [sys.executable, "-c", "import conflict_events; print(conflict_events.__file__)"],
        check=True,
        **run,
    )
    assert where.stdout.startswith(str(site))  # the wheel, not the source tree
    result = subprocess.run([sys.executable, "-m", "conflict_events", "validate"], **run)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "_data/datapackage.json: valid" in result.stderr


def test_installed_wheel_loads_its_own_release_with_the_network_off(tmp_path, wheel):
    site, env = install(wheel, tmp_path)
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
    # read from the wheel: nothing built or downloaded, only the note that it was verified
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["verified"]
