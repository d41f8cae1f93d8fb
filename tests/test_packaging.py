"""The wheel carries the data package, so an installed package validates without the repository."""

import subprocess
import sys
import venv
import zipfile

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

    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(python), "-c", "import conflict_events, sys; print(conflict_events.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in result.stdout  # the wheel, not the source tree
    result = subprocess.run(
        [str(python), "-m", "conflict_events", "validate"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "_data/datapackage.json: valid" in result.stderr
