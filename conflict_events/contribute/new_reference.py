"""new-actor and new-location: register an actor or a place under the next free ID."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conflict_events.contribute.changes import (
    ContributionError,
    append_or_nothing,
    next_free_id,
    require_valid,
)
from conflict_events.contribute.lookup import KINDS, matching
from conflict_events.metadata import load_package
from conflict_events.metadata.frames import Context, read_tables


def reference_row(
    context: Context, kind: str, values: dict[str, str], planned: Iterable[str] = ()
) -> tuple[str, dict[str, str]]:
    """The table and the new row of one actor or location (cells as text, unknown left
    empty), under the next ID not stored nor `planned`.

    An actor whose name or alias is already stored is refused, and so is a place with the
    same name in the same country: the contributor should reuse the stored one.
    """
    table_name, id_column, _ = KINDS[kind]
    table = context.tables[table_name]
    rows = table.raw.set_index(id_column)
    names = [values.get("name", "")]
    if kind == "actor" and values.get("aliases"):
        names += values["aliases"].split(table.resource.schema.field("aliases").delimiter)
    for existing in {i for name in names for i in matching(context, kind, name)}:
        same_country = rows.at[existing, "country_iso3"] == values.get("country_iso3")
        if kind == "actor" or same_country:
            name = rows.at[existing, "name"]
            raise ContributionError(f"already stored as {existing} ({name}); nothing was added")
    new_id = next_free_id(context, table_name, id_column, planned)
    return table_name, values | {id_column: new_id}


def add_reference(descriptor: Path, kind: str, values: dict[str, str]) -> str:
    """Append one actor or location row (see `reference_row`); return its ID."""
    require_valid(descriptor)
    context = read_tables(load_package(descriptor))
    table_name, row = reference_row(context, kind, values)
    append_or_nothing(descriptor, {table_name: [row]}, what=kind)
    return row[KINDS[kind][1]]
