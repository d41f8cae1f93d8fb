"""Shared fixtures: a writable copy of the repository's data package, and ways to break it."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_events import package_version
from conflict_events.loader.sources import CACHE_ENV
from conflict_events.validation import Problem, validate

REPO = Path(__file__).resolve().parent.parent
VERSION = package_version()
MAIN_ZIP = f"conflict-events-{VERSION}.zip"  # the release's main download
PACKAGE_PARTS = ("datapackage.json", "schemas", "datasets")


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The suite's own cache of releases, so no test reads or writes the user's: set in the
    environment, it is inherited by the commands tests run, and each xdist worker (a
    session of its own) has one."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


class PackageCopy:
    """A copy of the data package in a temporary folder, edited the way a contributor would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.descriptor = root / "datapackage.json"

    def csv_path(self, table: str) -> Path:
        descriptor = json.loads(self.descriptor.read_text(encoding="utf-8"))
        [path] = [r["path"] for r in descriptor["resources"] if r["name"] == table]
        return self.root / path

    def rows(self, table: str) -> list[list[str]]:
        with self.csv_path(table).open(encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    def write_rows(self, table: str, rows: list[list[str]]) -> None:
        # csv quotes a cell with "\n" but not one with a lone "\r", which readers take as a
        # line break: quote every cell then, as a careful spreadsheet export would.
        lone_cr = any("\r" in cell for row in rows for cell in row)
        quoting = csv.QUOTE_ALL if lone_cr else csv.QUOTE_MINIMAL
        with self.csv_path(table).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n", quoting=quoting).writerows(rows)

    def cell(self, table: str, row: int, column: str) -> str:
        rows = self.rows(table)
        return rows[row - 1][rows[0].index(column)]

    def set(self, table: str, row: int, column: str, value: str) -> None:
        """Set one cell; `row` is the spreadsheet row number (the header is row 1)."""
        rows = self.rows(table)
        rows[row - 1][rows[0].index(column)] = value
        self.write_rows(table, rows)

    def append(self, table: str, /, **values: str) -> int:
        """Add a row (unnamed columns empty); returns its row number."""
        rows = self.rows(table)
        rows.append([values.get(column, "") for column in rows[0]])
        self.write_rows(table, rows)
        return len(rows)

    def copy_row(self, table: str, row: int, /, **changes: str) -> int:
        rows = self.rows(table)
        new = dict(zip(rows[0], rows[row - 1], strict=True)) | changes
        return self.append(table, **new)

    def edit_descriptor(self, change) -> None:
        descriptor = json.loads(self.descriptor.read_text(encoding="utf-8"))
        change(descriptor)
        self.descriptor.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")

    def validate(self) -> list[Problem]:
        return validate(self.descriptor)

    def report(self) -> list[tuple]:
        """(file, row, column, rule) of every problem, the part each test asserts exactly."""
        return [(p.file, p.row, p.column, p.rule) for p in self.validate()]


def copy_package(target: Path) -> PackageCopy:
    for part in PACKAGE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return PackageCopy(target)


@pytest.fixture
def package(tmp_path: Path) -> PackageCopy:
    return copy_package(tmp_path)


@pytest.fixture(scope="session")
def seed_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's data package built once per test session (read it, don't change it)."""
    from conflict_events.build import build_release

    return build_release(
        REPO / "datapackage.json", tmp_path_factory.mktemp("release") / "dist", show_progress=False
    )


def git(folder: Path, *args: str) -> None:
    """Run git in a test's own repository, with an author of its own."""
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )
