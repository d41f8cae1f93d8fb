"""The release's datapackage.json: what each file is, its size and hash, and where it came from."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from conflict_events.build.archive import sha256
from conflict_events.build.sqlite import COLUMNS_TABLE, FORMAT, MEDIA_TYPE, TABLES_TABLE
from conflict_events.metadata import TableSchema

# Package properties carried over from the source descriptor unchanged.
_CARRIED = [
    "$schema",
    "name",
    "id",
    "title",
    "description",
    "version",
    "homepage",
    "licenses",
    "contributors",
    "sources",
    "keywords",
]
PARQUET_SUFFIX = "-parquet"


def _file_facts(folder: Path, path: str) -> dict[str, Any]:
    file = folder / path
    return {"bytes": file.stat().st_size, "hash": f"sha256:{sha256(file)}"}


def table_resources(
    folder: Path, name: str, title: str, description: str, schema: TableSchema
) -> list[dict[str, Any]]:
    """The CSV copy (named as the table) and the Parquet file (name + '-parquet').

    The Parquet resource records its hash but not its byte count: frictionless-py 5.21 reads
    Parquet through pandas, cannot count its bytes, and would report any stated count as
    wrong. The hash (and SHA256SUMS) pin the file all the same.
    """
    common = {"title": title, "description": description, "type": "table", "scheme": "file"}
    csv_path, parquet_path = f"data/{name}.csv", f"data/{name}.parquet"
    return [
        {
            "name": name,
            "path": csv_path,
            **common,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **_file_facts(folder, csv_path),
            "schema": schema.descriptor,
        },
        {
            "name": name + PARQUET_SUFFIX,
            "path": parquet_path,
            **common,
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "hash": _file_facts(folder, parquet_path)["hash"],
            "schema": schema.descriptor,
        },
    ]


def partition_resource(
    folder: Path, path: str, table: str, title: str, description: str, schema: TableSchema
) -> dict[str, Any]:
    """One file of a hive-partitioned table, `parquet/<table>/<key>=<value>/part-<i>.parquet`,
    as a Parquet resource of its own with the table's Table Schema.

    One resource per file, not one resource whose `path` lists them all: a Data Package v2
    multi-part resource means the files' bytes concatenated, which Parquet files are not
    (frictionless-py 5.21 reads such a resource silently wrong), and each file keeps its own
    hash this way. `x-partition` names the table, key and value the folder stands for.
    """
    _, _, folder_name, file_name = path.split("/")
    key, value = folder_name.split("=", 1)
    part = file_name.removesuffix(".parquet")
    return {
        "name": f"{table}{PARQUET_SUFFIX}-{key}-{value.lower()}-{part}",
        "path": path,
        "title": f"{title}, {key} {value}",
        "description": f"The rows whose {key} is {value}, one part of parquet/{table}/: "
        f"read that folder as one hive-partitioned table. {description}".strip(),
        "type": "table",
        "scheme": "file",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "hash": _file_facts(folder, path)["hash"],
        "schema": schema.descriptor,
        "x-partition": {"table": table, "key": key, "value": value},
    }


def database_resource(folder: Path, path: str) -> dict[str, Any]:
    """The SQLite database, as a plain file: frictionless-py 5.21 checks its size and hash
    and reads nothing inside it, which is right, as it holds the tables described above."""
    return {
        "name": "sqlite",
        "path": path,
        "title": "Every table as one SQLite database",
        "description": "The tables and events_flat with their primary and foreign keys, "
        "indexes on keys and dates, and each table's and column's title and description in "
        f"{TABLES_TABLE} and {COLUMNS_TABLE}. Browse it with `conflict-events serve`.",
        "type": "file",
        "format": FORMAT,
        "mediatype": MEDIA_TYPE,
        **_file_facts(folder, path),
    }


def article_resource(path: str, size: int, sha256: str) -> dict[str, Any]:
    return {
        "name": "article-" + Path(path).stem.lower(),
        "path": path,
        "type": "file",
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
    }


def release_descriptor(
    source: dict[str, Any],
    resources: list[dict[str, Any]],
    created: datetime,
    commit: str | None,
    uncommitted: bool,
    tool_version: str,
) -> dict[str, Any]:
    descriptor = {key: source[key] for key in _CARRIED if key in source}
    descriptor["created"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The libraries that wrote the files: the same versions give the same bytes.
    build: dict[str, Any] = {
        "tool": f"conflict-events {tool_version}",
        "libraries": {
            "pyarrow": pa.__version__,
            "pandas": pd.__version__,
            "sqlite": sqlite3.sqlite_version,
        },
    }
    if commit:
        build |= {"commit": commit, "uncommitted_changes": uncommitted}
    descriptor["x-build"] = build
    descriptor["resources"] = resources
    return descriptor
