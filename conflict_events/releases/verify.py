"""Check a release folder: cheaply right after writing it, or against its own records,
every byte of every file and every zip."""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import frictionless
import pyarrow as pa
import pyarrow.parquet as pq
from frictionless import Package

from conflict_events.metadata import metadata_errors, path_inside
from conflict_events.releases.archive import (
    CHECKSUMS,
    MANIFEST,
    downloads_record,
    package_files,
    read_manifest,
    read_sums,
    sha256,
    stem_of,
)

LEGACY_PARQUET_SUFFIX = "-parquet"  # 0.1.0 named a table's Parquet resource <table>-parquet


def verify_release(folder: str | Path, downloads: bool = True) -> list[str]:
    """What is wrong with a release folder, one message per file; [] when every file is
    present with its recorded size and SHA-256, nothing unlisted lies beside them, and each
    zip has the SHA-256 its records give. `downloads=False` lets a recorded zip be absent
    (a loader reads the package, not the zips beside it)."""
    folder = Path(folder)
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        sums = read_sums((folder / CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{folder}: not a readable release ({exc})"]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("path"), str) for r in resources
    ):
        return [f"{folder}: the descriptor does not list its files as resources with a path"]
    digest = functools.cache(lambda name: sha256(folder / name))
    problems = _resource_problems(folder, resources, digest)
    files = package_files(folder)
    for name in files:
        if name == CHECKSUMS:
            continue
        if name not in sums:
            problems.append(f"{name}: not listed in {CHECKSUMS}")
        elif sums[name] != digest(name):
            problems.append(f"{name}: SHA-256 differs from {CHECKSUMS}")
    problems += [f"{name}: listed in {CHECKSUMS} but missing" for name in sums if name not in files]
    if (folder / MANIFEST).is_file():
        problems += _manifest_problems(folder, files, sums)
    return problems + _download_problems(folder, descriptor, digest, downloads)


def _resource_problems(folder: Path, resources: list[dict], digest) -> list[str]:
    problems = []
    for resource in resources:
        path = resource["path"]
        file = path_inside(folder, path)
        if file is None or not file.is_file():
            problems.append(f"{path}: missing")
            continue
        name = file.relative_to(folder.resolve()).as_posix()
        if "bytes" in resource and file.stat().st_size != resource["bytes"]:
            problems.append(
                f"{path}: {file.stat().st_size} bytes, the descriptor says {resource['bytes']}"
            )
        if resource.get("hash", "").removeprefix("sha256:") != digest(name):
            problems.append(f"{path}: SHA-256 differs from the descriptor's")
        schema = resource.get("schema")
        if isinstance(schema, str):
            file = path_inside(folder, schema)
            if file is None or not file.is_file():
                problems.append(f"{schema}: missing (the schema of {path})")
    return problems


def _manifest_problems(folder: Path, files: list[str], sums: dict[str, str]) -> list[str]:
    try:
        manifest = read_manifest((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{MANIFEST}: cannot be read ({exc})"]
    problems = []
    for name, (size, recorded) in manifest.items():
        if name not in files:
            problems.append(f"{name}: listed in {MANIFEST} but missing")
            continue
        if (folder / name).stat().st_size != size:
            problems.append(
                f"{name}: {(folder / name).stat().st_size} bytes, {MANIFEST} says {size}"
            )
        if sums.get(name) != recorded:
            problems.append(f"{name}: {MANIFEST} and {CHECKSUMS} record different SHA-256s")
    problems += [
        f"{name}: not listed in {MANIFEST}"
        for name in files
        if name not in manifest and name not in (CHECKSUMS, MANIFEST)
    ]
    return problems


def _download_problems(
    folder: Path, descriptor: dict[str, Any], digest, complete: bool
) -> list[str]:
    """Each zip beside the package against the SHA-256 recorded for it, in the release's
    `.sha256` file and, for the CSV and SQLite zips, in the descriptor. A release from
    before zips were recorded (0.1.0) has neither, and its zips cannot be checked."""
    record = downloads_record(stem_of(descriptor))
    listed = {}
    if (folder / record).is_file():
        listed = read_sums((folder / record).read_text(encoding="utf-8"))
    artifacts = descriptor.get("x-build", {}).get("artifacts", [])
    described = {
        a["path"]: str(a.get("hash", "")).removeprefix("sha256:")
        for a in artifacts
        if isinstance(a, dict) and isinstance(a.get("path"), str)
    }
    if not listed and not described:
        return []
    problems = []
    for zipped in sorted(p.name for p in folder.glob("*.zip") if p.is_file()):
        records = [
            (where, known.get(zipped))
            for where, known in ((record, listed), ("datapackage.json", described))
        ]
        records = [(where, recorded) for where, recorded in records if recorded]
        if not records:
            problems.append(f"{zipped}: a zip that {record} does not list")
        for where, recorded in records:
            if recorded != digest(zipped):
                problems.append(
                    f"{zipped}: damaged: its SHA-256 differs from the one {where} records"
                )
    if complete:
        problems += [
            f"{name}: listed in {record} but missing"
            for name in listed
            if not (folder / name).is_file()
        ]
    return problems


def verify_any(release: Path) -> list[str]:
    """What is wrong with a release folder, or with a release's main zip."""
    zipped = release.suffix == ".zip" and release.is_file()
    return verify_zip(release) if zipped else verify_release(release)


def verify_zip(archive: Path) -> list[str]:
    """What is wrong with a release zip: its SHA-256 against the `.sha256` record beside it
    (as published), then every member, unpacked into a temporary folder as the loader
    unpacks one, and the files it makes, as verify_release checks a folder."""
    from conflict_events.metadata import PackageError
    from conflict_events.versions.opening import extract_zip

    problems = []
    record = archive.with_suffix(".sha256")
    if record.is_file():
        recorded = read_sums(record.read_text(encoding="utf-8", errors="replace"))
        if archive.name in recorded and recorded[archive.name] != sha256(archive):
            problems.append(
                f"{archive.name}: damaged: its SHA-256 differs from the one {record.name} records"
            )
    with tempfile.TemporaryDirectory(prefix="conflict-events-verify-") as folder:
        try:
            extract_zip(archive, Path(folder))
        except PackageError as exc:
            return [*problems, str(exc)]
        return problems + verify_release(folder, downloads=False)


def written_problems(folder: Path, tables: dict[str, pa.Table]) -> list[str]:
    """A release just written, checked before it is published: its descriptor and schemas
    follow the Data Package standard as frictionless-py reads it, and every Parquet file
    reads back with the Arrow schema and the rows it was written from (a partitioned
    table's parts adding up to them).

    Reading the footers and counts, not the rows, keeps this cheap; the data were validated
    before they were written, and `verify_release` re-reads every byte when asked.
    """
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    problems = [
        f"datapackage.json: {error.message}" for error in metadata_errors(Package, descriptor)
    ]
    for resource in descriptor["resources"]:
        schema = json.loads((folder / resource["schema"]).read_text(encoding="utf-8"))
        problems += [
            f"{resource['schema']}: {error.message}"
            for error in metadata_errors(frictionless.Schema, schema)
        ]
        name, path = resource["name"], resource["path"]
        expected = tables.get(name)
        if expected is None:
            problems.append(f"{path}: no table {name} was written")
            continue
        files = [path]
        parts = resource.get("x-partitions")
        if parts:
            files += sorted(
                p.relative_to(folder).as_posix()
                for p in (folder / parts["path"]).rglob("*.parquet")
            )
        for file in files:
            if not pq.read_schema(folder / file).equals(expected.schema, check_metadata=True):
                problems.append(f"{file}: its schema differs from the table's Arrow schema")
        rows = pq.read_metadata(folder / path).num_rows
        if rows != expected.num_rows:
            problems.append(f"{path}: {rows} rows, {expected.num_rows} written")
        if parts:
            in_parts = sum(pq.read_metadata(folder / f).num_rows for f in files[1:])
            if in_parts != expected.num_rows or len(files) - 1 != parts["files"]:
                problems.append(
                    f"{parts['path']}: {len(files) - 1} parts of {in_parts} rows, "
                    f"{parts['files']} parts of {expected.num_rows} written"
                )
    return problems
