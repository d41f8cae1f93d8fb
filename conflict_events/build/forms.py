"""The release's other forms, each a zip of its own beside the main one: the tables as CSV
(with a descriptor of their own, for tools that read CSV data packages) and one SQLite
database. Neither is copied into the main zip, which stays Parquet only."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from conflict_events.build import sqlite
from conflict_events.build.descriptor import CSV, table_resource, write_descriptor, write_schema
from conflict_events.build.errors import ReleaseMismatch
from conflict_events.build.written import Written
from conflict_events.releases import archive


def _zipped(work: Path, staging: Path, target: str, when: datetime) -> Path:
    """Zip a staging folder into `work/target` and remove the folder."""
    archive.write_zip(staging, archive.package_files(staging), work / target, when)
    shutil.rmtree(staging)
    return work / target


def write_csv_form(
    work: Path,
    stem: str,
    writers: dict[str, Callable[[Path], None]],
    about: dict[str, sqlite.About],
    descriptor: dict[str, Any],
    extras: dict[str, dict[str, Any]],
    readme: str,
    when: datetime,
) -> Path:
    """Every table as UTF-8 CSV (each written by its writer), its schema, a descriptor
    (`descriptor` with CSV resources), the README and SHA256SUMS, zipped."""
    staging = work / ".csv-form"
    (staging / "data").mkdir(parents=True)
    resources = []
    for name, table in about.items():
        path = f"data/{name}.csv"
        writers[name](staging / path)
        write_schema(staging, name, table.schema)
        resource = table_resource(staging, name, table.title, table.description, path, CSV)
        resources.append(resource | extras.get(name, {}))
    write_descriptor(staging, descriptor | {"resources": resources})
    (staging / "README.md").write_text(readme, encoding="utf-8")
    archive.write_records(staging, {r["path"]: r["hash"] for r in resources})
    return _zipped(work, staging, archive.csv_zip(stem), when)


def write_sqlite_form(
    work: Path,
    stem: str,
    about: dict[str, sqlite.About],
    tables: dict[str, Written],
    when: datetime,
) -> Path:
    """Every table in one SQLite database (see build.sqlite), its rows counted back, zipped."""
    staging = work / ".sqlite-form"
    staging.mkdir()
    database = sqlite.write_database(staging / sqlite.sqlite_name(stem), about, tables)
    counts = sqlite.row_counts(database)
    wrong = [
        f"{name}: {counts.get(name, 'no')} rows in the database, {table.num_rows} written"
        for name, table in tables.items()
        if counts.get(name) != table.num_rows
    ]
    if wrong:  # a bug in the build itself: never publish it
        raise ReleaseMismatch("the SQLite database came out wrong: " + "; ".join(wrong))
    return _zipped(work, staging, archive.sqlite_zip(stem), when)


def artifact(path: Path, name: str, title: str) -> dict[str, Any]:
    """A download of the release as the main descriptor records it, named for what it
    holds ('csv', 'sqlite')."""
    return {
        "name": name,
        "path": path.name,
        "title": title,
        "bytes": path.stat().st_size,
        "hash": f"sha256:{archive.sha256(path)}",
    }
