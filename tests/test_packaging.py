"""The wheel carries the data package's tables and its release, never an article text the
release may not carry: an installed package loads without the repository or the network."""

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MAIN_ZIP, REPO, VERSION
from tests.published import everything_in


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


def test_wheel_ships_the_tables_and_the_release_but_no_article_text(tmp_path, wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for shipped in (
        "conflict_events/_data/datapackage.json",
        "conflict_events/_data/schemas/events.schema.json",
        "conflict_events/_data/datasets/events.csv",
        "conflict_events/_data/datasets/crosswalks/actor_types.csv",
        "conflict_events/_data/release/data/events.parquet",
        "conflict_events/_data/release/data/articles.parquet",
        f"conflict_events/_data/release/conflict-events-{VERSION}-sqlite.zip",
    ):
        assert shipped in names
    assert not [n for n in names if n.startswith("conflict_events/_data/datasets/articles")]
    assert f"conflict_events/_data/release/{MAIN_ZIP}" not in names
    article = (REPO / "datasets/articles/000_0625744bc0b20f8b.txt").read_bytes()
    passage = article[len(article) // 2 : len(article) // 2 + 80]
    assert not any(passage in blob for blob in everything_in(wheel))  # nested zips included
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
    assert result.returncode == 2
    assert result.stderr == f"error: {elsewhere / 'datapackage.json'}: no such file\n"
    shipped = site / "conflict_events" / "_data" / "release"
    verified = subprocess.run(
        [sys.executable, "-m", "conflict_events", "verify", str(shipped)], **run
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr


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


def test_the_sdist_carries_the_release_but_no_text_and_builds_a_wheel(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path / "sd")],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    [sdist] = (tmp_path / "sd").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "src", filter="data")
    [top] = (tmp_path / "src").iterdir()
    assert (top / "conflict_events/_data/release/data/events.parquet").is_file()
    assert not (top / "datasets/articles").exists()
    article = (REPO / "datasets/articles/000_0625744bc0b20f8b.txt").read_bytes()
    passage = article[len(article) // 2 : len(article) // 2 + 80]
    assert not any(passage in blob for blob in everything_in(top))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-q", "-w", str(tmp_path / "wh"), str(top)], check=True)
    [built] = (tmp_path / "wh").glob("conflict_events-*.whl")
    site, env = install(built, tmp_path)
    code = "import conflict_events as ce; print(ce.__file__); print(len(ce.load('events')))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    where, rows = result.stdout.split()
    events = (REPO / "datasets/events.csv").read_text(encoding="utf-8").count("\nevt_")
    assert where.startswith(str(site)) and rows == str(events)
