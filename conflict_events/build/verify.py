"""Check a release folder: cheaply right after writing it, or against its own descriptor
and SHA256SUMS, every byte of every file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from frictionless import Package

from conflict_events.build import sqlite
from conflict_events.build.archive import CHECKSUMS, release_files, sha256
from conflict_events.build.descriptor import PARQUET_SUFFIX
from conflict_events.metadata import metadata_errors, path_inside


def verify_release(folder: str | Path) -> list[str]:
    """What is wrong with a release folder, one message per file; [] when every file is
    present, has the recorded size and hash, and nothing unlisted lies beside them."""
    folder = Path(folder)
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        listed = (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as exc:
        return [f"{folder}: not a readable release ({exc})"]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("path"), str) for r in resources
    ):
        return [f"{folder}: the descriptor does not list its files as resources with a path"]
    problems = []
    sums = dict(reversed(line.split("  ", 1)) for line in listed if "  " in line)
    for resource in resources:
        path = resource["path"]
        file = path_inside(folder, path)
        if file is None or not file.is_file():
            problems.append(f"{path}: missing")
            continue
        if "bytes" in resource and file.stat().st_size != resource["bytes"]:
            problems.append(
                f"{path}: {file.stat().st_size} bytes, the descriptor says {resource['bytes']}"
            )
        if resource.get("hash", "").removeprefix("sha256:") != sha256(file):
            problems.append(f"{path}: SHA-256 differs from the descriptor's")
    for name in release_files(folder):
        if name == CHECKSUMS:
            continue
        if name not in sums:
            problems.append(f"{name}: not listed in {CHECKSUMS}")
        elif sums[name] != sha256(folder / name):
            problems.append(f"{name}: SHA-256 differs from {CHECKSUMS}")
    problems += [
        f"{name}: listed in {CHECKSUMS} but missing"
        for name in sums
        if not (folder / name).is_file()
    ]
    return problems


def written_problems(folder: Path, tables: dict[str, pa.Table]) -> list[str]:
    """A release just written, checked before it is published: its descriptor follows the
    Data Package standard, every Parquet file reads back with the Arrow schema and the
    rows it was written from (a partitioned table's parts adding up to them), and the SQLite
    database holds every table with those rows.

    Reading the footers and counts, not the rows, keeps this cheap; the data were validated
    before they were written, and `verify_release` re-reads every byte when asked.
    """
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    # Every article resource comes from one template: the first stands for all of them, and
    # the standard's check of 20,000 of them took longer than writing the release.
    articles = [r for r in descriptor["resources"] if _is_article(r)]
    sample = [r for r in descriptor["resources"] if not _is_article(r)] + articles[:1]
    problems = [
        f"datapackage.json: {error.message}"
        for error in metadata_errors(Package, descriptor | {"resources": sample})
    ]
    in_parts: dict[str, int] = {}
    for resource in descriptor["resources"]:
        if resource.get("format") != "parquet":
            continue
        part_of = resource.get("x-partition", {}).get("table")
        name = part_of or resource["name"].removesuffix(PARQUET_SUFFIX)
        path, expected = resource["path"], tables.get(name)
        if expected is None:
            problems.append(f"{path}: no table {name} was written")
            continue
        if not pq.read_schema(folder / path).equals(expected.schema, check_metadata=True):
            problems.append(f"{path}: its schema differs from the table's Arrow schema")
        rows = pq.read_metadata(folder / path).num_rows
        if part_of:
            in_parts[name] = in_parts.get(name, 0) + rows
        elif rows != expected.num_rows:
            problems.append(f"{path}: {rows} rows, {expected.num_rows} written")
    problems += [
        f"parquet/{name}: its parts hold {rows} rows, {tables[name].num_rows} written"
        for name, rows in in_parts.items()
        if rows != tables[name].num_rows
    ]
    for resource in descriptor["resources"]:
        if resource.get("format") == sqlite.FORMAT:
            problems += _database_problems(folder / resource["path"], resource["path"], tables)
    return problems


def _is_article(resource: dict) -> bool:
    return resource.get("type") == "file" and resource.get("format") == "txt"


def _database_problems(file: Path, path: str, tables: dict[str, pa.Table]) -> list[str]:
    try:
        counts = sqlite.row_counts(file)
    except sqlite3.Error as exc:
        return [f"{path}: cannot be read ({exc})"]
    return [
        f"{path}: table {name} holds {counts[name]} rows, {table.num_rows} written"
        if name in counts
        else f"{path}: no table {name}"
        for name, table in tables.items()
        if counts.get(name) != table.num_rows
    ]
