"""The source tree builds as a user builds it, with build isolation from a fresh virtual
environment: `pip wheel .`, and `python -m build` (an sdist, and a wheel built from it).
The wheel carries the data package's tables and its release, never an article text the
release may not carry, and a fresh install loads its data without the repository or the
network."""

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MAIN_ZIP, REPO, VERSION
from tests.published import everything_in

ARTICLE = REPO / "datasets/articles/000_0625744bc0b20f8b.txt"


def a_passage() -> bytes:
    """80 bytes from the middle of an article: found in a file, they leak its text."""
    article = ARTICLE.read_bytes()
    return article[len(article) // 2 : len(article) // 2 + 80]


def user_env(cache: Path) -> dict[str, str]:
    """A user's environment: no checkout on the path, and a cache of its own."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    return env | {"CONFLICT_EVENTS_CACHE": str(cache)}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv, without the project's dependencies; its interpreter."""
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin" / "python"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, venv: Path) -> Path:
    """`pip wheel .` from the fresh venv: pip isolates the build, and the build hook's
    release build must find the project's dependencies in that isolation."""
    folder = tmp_path_factory.mktemp("pip-wheel")
    command = [venv, "-m", "pip", "wheel", "--no-deps", "-q", "-w", folder, REPO]
    subprocess.run(command, env=user_env(folder / "cache"), check=True)
    [built] = folder.glob("conflict_events-*.whl")
    return built


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build`: the sdist, then a wheel built from that sdist, each in a fresh
    isolated venv."""
    folder = tmp_path_factory.mktemp("build")
    command = [sys.executable, "-m", "build", "--outdir", folder / "out", REPO]
    subprocess.run(command, env=user_env(folder / "cache"), check=True)
    return folder / "out"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, venv: Path, wheel: Path) -> Path:
    """The wheel installed with its dependencies in the venv that built it; its interpreter."""
    cache = tmp_path_factory.mktemp("install") / "cache"
    subprocess.run([venv, "-m", "pip", "install", "-q", wheel], env=user_env(cache), check=True)
    return venv


def test_wheel_ships_the_tables_and_the_release_but_no_article_text(wheel):
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
    assert not any(a_passage() in blob for blob in everything_in(wheel))  # nested zips too


def test_installed_wheel_runs_its_command_away_from_the_repository(tmp_path, installed):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = user_env(tmp_path / "cache")
    run = {"cwd": elsewhere, "env": env, "capture_output": True, "text": True}
    command = installed.parent / "conflict-events"
    assert subprocess.run([command, "--version"], **run).stdout == f"{VERSION}\n"
    where = subprocess.run(
        [installed, "-c", "import conflict_events; print(conflict_events.__file__)"], **run
    )
    assert where.stdout.startswith(str(installed.parent.parent))  # the venv, not the tree
    result = subprocess.run([command, "validate"], **run)
    assert result.returncode == 2
    assert result.stderr == f"error: {elsewhere / 'datapackage.json'}: no such file\n"
    code = "import conflict_events, pathlib; print(pathlib.Path(conflict_events.__file__).parent)"
    package = Path(subprocess.run([installed, "-c", code], **run).stdout.strip())
    verified = subprocess.run([command, "verify", str(package / "_data" / "release")], **run)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_installed_wheel_loads_its_own_release_with_the_network_off(tmp_path, installed):
    code = "import conflict_events as ce; print(ce.load('events').dtypes.to_string())"
    result = subprocess.run(  # unshare -n: a network namespace with no network at all
        ["unshare", "-n", installed, "-c", code],
        cwd=tmp_path,
        env=user_env(tmp_path / "cache"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    dtypes = dict(line.split() for line in result.stdout.splitlines()[1:])
    assert dtypes["fatalities_best"] == "Int64" and dtypes["event_date"].startswith("datetime64")
    # read from the wheel: nothing built or downloaded, only the note that it was verified
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["verified"]


def test_the_sdist_carries_the_release_but_no_text(tmp_path, dist):
    [sdist] = dist.glob("conflict_events-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [top] = tmp_path.iterdir()
    assert (top / "conflict_events/_data/release/data/events.parquet").is_file()
    assert not (top / "datasets/articles").exists()
    assert not any(a_passage() in blob for blob in everything_in(top))


def test_a_wheel_built_from_the_sdist_ships_its_release(tmp_path, dist, wheel, installed):
    [built] = dist.glob("conflict_events-*.whl")
    with zipfile.ZipFile(built) as from_sdist, zipfile.ZipFile(wheel) as from_tree:
        assert sorted(from_sdist.namelist()) == sorted(from_tree.namelist())
    site = tmp_path / "site"  # this wheel alone, first on the path of the installed venv
    command = [installed, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site)]
    subprocess.run([*command, str(built)], env=user_env(tmp_path / "cache"), check=True)
    code = "import conflict_events as ce; print(ce.__file__); print(len(ce.load('events')))"
    result = subprocess.run(
        [installed, "-c", code],
        cwd=tmp_path,
        env=user_env(tmp_path / "cache") | {"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    where, rows = result.stdout.split()
    events = (REPO / "datasets/events.csv").read_text(encoding="utf-8").count("\nevt_")
    assert where.startswith(str(site)) and rows == str(events)
