"""The release's datapackage.json: one resource per table, its schema by path, and where
the release came from.

The descriptor follows the Data Package v2 profiles as published: every resource is a
table, schemas are files under schemas/ (not repeated inline), a list field is published as
the delimited string its cells are (metadata.schema.published_field), and nothing in it
grows with the number of articles or partition files: those are rows of the articles table
and lines of SHA256SUMS and MANIFEST.csv.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from conflict_events.metadata import TableSchema, published_schema
from conflict_events.releases.archive import sha256
from conflict_events.validation.severity import PROPERTY as RELAXED

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
    RELAXED,  # the rules whose problems the release's data keep, as warnings
]
PARQUET = {"format": "parquet", "mediatype": "application/vnd.apache.parquet"}
CSV = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}


def schema_path(name: str) -> str:
    return f"schemas/{name}.schema.json"


def write_schema(folder: Path, name: str, schema: TableSchema) -> str:
    """The table's schema as a file of the release, in its published form."""
    path = schema_path(name)
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(published_schema(schema.descriptor), indent=2, ensure_ascii=False)
    (folder / path).write_text(text + "\n", encoding="utf-8")
    return path


def table_resource(
    folder: Path, name: str, title: str, description: str, path: str, form: dict[str, str]
) -> dict[str, Any]:
    """One table's file in one form (PARQUET or CSV), with its hash.

    A CSV resource records its size too. A Parquet one does not: frictionless-py 5.21 reads
    Parquet through pandas, cannot count its bytes and would report any count as wrong;
    MANIFEST.csv records every file's size instead.
    """
    resource = {
        "name": name,
        "title": title,
        "description": description,
        "path": path,
        "type": "table",
        **form,
    }
    if form is CSV:
        resource["bytes"] = (folder / path).stat().st_size
    resource["hash"] = f"sha256:{sha256(folder / path)}"
    resource["schema"] = schema_path(name)
    return resource


def build_facts(
    commit: str | None, uncommitted: bool, tool_version: str, all_texts: bool
) -> dict[str, Any]:
    """`x-build`: what wrote the release and from what, and which texts it carries."""
    facts: dict[str, Any] = {
        "tool": f"conflict-events {tool_version}",
        # The libraries that wrote the files: the same versions give the same bytes.
        "libraries": {
            "pyarrow": pa.__version__,
            "pandas": pd.__version__,
            "sqlite": sqlite3.sqlite_version,
        },
        "texts": "all" if all_texts else "redistributable",
    }
    if commit:
        facts |= {"commit": commit, "uncommitted_changes": uncommitted}
    return facts


def release_descriptor(
    source: dict[str, Any],
    resources: list[dict[str, Any]],
    created: datetime,
    build: dict[str, Any],
) -> dict[str, Any]:
    descriptor = {key: source[key] for key in _CARRIED if key in source}
    descriptor["created"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    descriptor["x-build"] = build
    descriptor["resources"] = resources
    return descriptor


def write_descriptor(folder: Path, descriptor: dict[str, Any]) -> None:
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
