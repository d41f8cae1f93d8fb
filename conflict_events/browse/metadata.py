"""Datasette's metadata for a release, made from its own datapackage.json each time (never
stored beside the database, so it says what the descriptor says and nothing can drift).

Besides titles, descriptions, licence and sources it arranges the tables for a researcher:
the order of `tables` is the order the pages list them in (the events first, see the
templates beside this module), the tables only the build needs are hidden, and each table
offers facets on its columns of few values. Every column named here comes from a Table
Schema, none from a list of its own.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from conflict_events.build.flat import NAME as FLAT_TABLE
from conflict_events.build.sqlite import (
    CODED_TABLE,
    LABEL_COLUMN,
    OWN_TABLES,
    About,
    lookup_about,
    vocabularies,
)
from conflict_events.loader.read import Release
from conflict_events.metadata import DESCRIPTOR_NAME, TableSchema
from conflict_events.metadata.crosswalks import TABLES as CROSSWALK_TABLES

ROUTE = "conflict-events"  # the database's name and URL: /conflict-events/events
FIRST_TABLES = (CODED_TABLE, FLAT_TABLE)  # where most analyses start
# Tables the build and the validator read, a researcher rarely: behind "hidden tables".
HIDDEN_TABLES = (*CROSSWALK_TABLES, *OWN_TABLES)


def _descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / DESCRIPTOR_NAME).read_text(encoding="utf-8"))


def _links(heading: str, items: list[dict[str, Any]]) -> str:
    entries = "".join(
        f'<li><a href="{html.escape(i.get("path", ""))}">'
        f"{html.escape(i.get('title') or i.get('name') or i.get('path', ''))}</a></li>"
        for i in items
    )
    return f"<p>{html.escape(heading)}</p><ul>{entries}</ul>"


def datasette_metadata(release: Release, database: Path) -> dict[str, Any]:
    """Datasette's metadata for `release`, served from `database`: the package's title,
    description, licence and sources, and each table's and column's title and description.

    Datasette shows one licence and one source as links of their own; a package with
    several lists them all in its description. Each lookup table of codes names its label
    column, which Datasette then shows beside every code that refers to it."""
    descriptor = _descriptor(release.folder)
    text = f"{descriptor.get('description', '')} Release {descriptor['version']}, "
    text += f"built {descriptor.get('created', 'at an unrecorded time')}."
    metadata: dict[str, Any] = {"title": descriptor.get("title", descriptor.get("name", ""))}
    parts = [f"<p>{html.escape(text.strip())}</p>"]
    for key, heading, single in [
        ("licenses", "Licences:", "license"),
        ("sources", "Sources:", "source"),
    ]:
        items = descriptor.get(key, [])
        if len(items) == 1:
            metadata[single] = items[0].get("title") or items[0].get("name", "")
            metadata[f"{single}_url"] = items[0].get("path", "")
        elif items:
            parts.append(_links(heading, items))
    metadata["description_html"] = "".join(parts)
    if "homepage" in descriptor:
        metadata |= {
            "about": descriptor.get("name", "homepage"),
            "about_url": descriptor["homepage"],
        }
    # The database page keeps the file's name, version included, as its heading.
    metadata["databases"] = {ROUTE: {"title": database.stem, "tables": tables_metadata(release)}}
    return metadata


def tables_metadata(release: Release) -> dict[str, dict[str, Any]]:
    """Each table's metadata, in the order the pages list them: the events first, then the
    release's other tables as its descriptor lists them, the lookup tables of codes, and
    last the hidden ones."""
    about = {
        name: About(r.get("title", name), r.get("description", ""), release.schema(name))
        for name, r in release.tables.items()
    }
    lookups = {name: lookup_about(field) for name, field in vocabularies(about).items()}
    tables = {name: _table(table) for name, table in (about | lookups).items()}
    for name in lookups:
        tables[name]["label_column"] = LABEL_COLUMN
    tables |= {name: {"description": text} for name, text in OWN_TABLES.items()}
    for name, table in tables.items():
        if name in HIDDEN_TABLES:
            table["hidden"] = True
        elif name in about and (facets := facet_columns(about[name].schema)):
            table["facets"] = facets
    order = [n for n in FIRST_TABLES if n in tables]
    order += [n for n in about if n not in order and n not in HIDDEN_TABLES]
    order += [n for n in tables if n not in order and n not in HIDDEN_TABLES]
    return {name: tables[name] for name in order + [n for n in tables if n not in order]}


def facet_columns(schema: TableSchema) -> list[str]:
    """The columns worth counting by: those with a closed vocabulary (categories, such as
    the event type and the precisions) or an external code list (such as the country)."""
    return [f.name for f in schema.fields if f.categories or f.codelist]


def _table(about: About) -> dict[str, Any]:
    return {
        "title": about.title,
        "description": about.description,
        "columns": {f.name: f.description or "" for f in about.schema.fields},
    }
