"""events_flat: one row per event with its place, actors by role and sources joined in.

The view restates no column: each column is taken from a field of another table (renamed
where needed), and its type, title and description are derived from that field's schema.
An integer code is followed by `<name>_label`, its label from the same field's categories,
so a reader of the view sees what the code means where the table has only the number.
"""

from __future__ import annotations

import copy
from typing import Any

import ibis
import ibis.expr.types as ir

from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.types import field_type

NAME = "events_flat"
DESCRIPTION = (
    "One row per event with its location, its actors by role and its sources joined in: "
    "the single table most analyses start from."
)
_EVENT_COLUMNS = [
    "event_id",
    "event_date",
    "event_date_end",
    "date_precision",
    "event_type",
    "sub_event_type",
]
_LOCATION_COLUMNS = {
    "location_id": "location_id",
    "location_name": "name",
    "country_iso3": "country_iso3",
    "admin1": "admin1",
    "admin2": "admin2",
    "latitude": "latitude",
    "longitude": "longitude",
}
_LATER_EVENT_COLUMNS = [
    "geo_precision",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "civilian_targeting",
    "tags",
    "summary",
    "source_flags",
]
LABEL_SUFFIX = "_label"  # date_precision -> date_precision_label, right after the code
# Lists of the event's sources, in source_id order; URLs are separated by spaces (never in a URL).
_SOURCE_COLUMNS = {
    "source_ids": ("source_id", ";"),
    "publishers": ("publisher", ";"),
    "published_dates": ("published_date", ";"),
    "urls": ("url", " "),
}


def _renamed(field: Field, name: str, title_prefix: str = "") -> dict[str, Any]:
    descriptor = copy.deepcopy(field.descriptor)
    descriptor["name"] = name
    if title_prefix:
        descriptor["title"] = f"{title_prefix}: {descriptor.get('title', field.name)}"
    descriptor.get("constraints", {}).pop("unique", None)
    return descriptor


def _as_list(field: Field, name: str, delimiter: str) -> dict[str, Any]:
    return {
        "name": name,
        "title": f"Sources: {field.descriptor.get('title', field.name)}",
        "type": "list",
        "itemType": field.type,
        "delimiter": delimiter,
        "description": f"For every source reporting the event, in source_id order: {field.description}",
    }


def _role_field(role: dict[str, Any], actor_name: Field) -> dict[str, Any]:
    code, label = role["value"], role.get("label", role["value"])
    descriptor: dict[str, Any] = {
        "name": code,
        "title": label,
        "description": f"{actor_name.description} Here: {role.get('description', label)}",
    }
    if role.get("x-max") == 1:
        descriptor["type"] = "string"
    else:
        descriptor |= {"type": "list", "itemType": "string", "delimiter": ";"}
    return descriptor


def _label_field(code: Field) -> dict[str, Any]:
    """The label column of an integer code, its vocabulary the code's labels in their order
    (a text enum, so the Arrow writer dictionary-encodes it)."""
    constraints: dict[str, Any] = {"enum": [c["label"] for c in code.categories]}
    if code.required:
        constraints["required"] = True
    missing = "" if code.required else f"; empty where {code.name} is"
    return {
        "name": code.name + LABEL_SUFFIX,
        "title": f"{code.descriptor.get('title', code.name)} (label)",
        "type": "string",
        "description": f"The label of {code.name}'s code, from its vocabulary{missing}.",
        "constraints": constraints,
    }


def _with_labels(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fields, each labelled integer code followed by its label column."""
    labelled_fields = []
    for descriptor in fields:
        labelled_fields.append(descriptor)
        if Field(descriptor).labelled:
            labelled_fields.append(_label_field(Field(descriptor)))
    return labelled_fields


def flat_schema(schemas: dict[str, TableSchema]) -> TableSchema:
    events, locations = schemas["events"], schemas["locations"]
    roles = schemas["event_actors"].field("role").categories
    fields = [_renamed(events.field(n), n) for n in _EVENT_COLUMNS]
    fields += [_renamed(locations.field(s), n, "Location") for n, s in _LOCATION_COLUMNS.items()]
    fields += [_role_field(r, schemas["actors"].field("name")) for r in roles]
    fields += [_renamed(events.field(n), n) for n in _LATER_EVENT_COLUMNS]
    fields += [_as_list(schemas["sources"].field(s), n, d) for n, (s, d) in _SOURCE_COLUMNS.items()]
    for field in fields:
        if field["name"] == "event_id":
            field.setdefault("constraints", {})["unique"] = True
    return TableSchema(
        {
            "$schema": events.descriptor.get("$schema"),
            "description": DESCRIPTION,
            "fields": _with_labels(fields),
            "primaryKey": ["event_id"],
            "missingValues": events.missing_values,
        }
    )


_KEYED = "\x1f"  # joins an ordering key to its value while a list is sorted


def _ordered_join(key: ir.StringValue, value: ir.StringValue, delimiter: str) -> dict:
    """Aggregates giving the values joined in the order of their keys, and how many are
    missing (a list with a missing value is itself missing). Sorting "key<US>value" pairs
    orders them on every engine, where an ordered aggregate is DuckDB's alone."""
    pairs = (key + _KEYED + value).collect(where=value.notnull())
    return {
        "joined": pairs.sort().map(lambda p: p.split(_KEYED)[1]).join(delimiter),
        "missing": value.isnull().cast("int64").sum(),
    }


def _lists(raw: dict[str, ir.Table], roles: list[str]) -> list[ir.Table]:
    """Per event, the names of its actors in each role and the facts of its sources, each
    joined into one cell: one table (event_id + its columns) per list."""
    links, actors = raw["event_actors"], raw["actors"]
    links = links.select("event_id", "actor_id", "role")
    names = actors.select(actor_key=actors.actor_id, name=actors["name"])
    named = links.join(names, links.actor_id == names.actor_key)
    columns = [
        _aggregated(named.filter(named.role == role), named.actor_id, named["name"], ";", role)
        for role in roles
    ]
    evidence = raw["event_sources"].select("event_id", "source_id").distinct()
    sources = raw["sources"]
    cited = evidence.join(
        sources.select("source_id", *{c for c, _ in _SOURCE_COLUMNS.values()} - {"source_id"}),
        "source_id",
    )
    columns += [
        _aggregated(cited, cited.source_id, cited[column], delimiter, name)
        for name, (column, delimiter) in _SOURCE_COLUMNS.items()
    ]
    return columns


def _aggregated(
    rows: ir.Table, key: ir.StringValue, value: ir.StringValue, delimiter: str, name: str
) -> ir.Table:
    key, value = rows[key.get_name()], rows[value.get_name()]
    parts = rows.group_by("event_id").aggregate(**_ordered_join(key, value, delimiter))
    return parts.select(
        "event_id", **{name: (parts.missing > 0).ifelse(ibis.null("string"), parts.joined)}
    )


def flat_text(raw: dict[str, ir.Table], schema: TableSchema, roles: list[str]) -> ir.Table:
    """The view's cells as text, built from the tables' cells as written, one row per event."""
    events, locations = raw["events"], raw["locations"]
    placed = locations.select(
        placed_location=locations.location_id,
        **{n: locations[c] for n, c in _LOCATION_COLUMNS.items() if n != "location_id"},
    )
    flat = events.select(*_EVENT_COLUMNS, "location_id", *_LATER_EVENT_COLUMNS)
    flat = flat.left_join(placed, flat.location_id == placed.placed_location)
    flat = flat.drop("placed_location")
    for column in _lists(raw, roles):
        listed = column.rename(listed_event="event_id")
        flat = flat.left_join(listed, flat.event_id == listed.listed_event).drop("listed_event")
    labels = {}
    for field in schema.fields:
        if field.labelled:
            codes = field_type(field).parse(flat[field.name], field)
            named = {c["value"]: c["label"] for c in field.categories}
            labels[field.name + LABEL_SUFFIX] = codes.substitute(named, else_=ibis.null("string"))
    flat = flat.mutate(**labels)
    return flat.select(*[flat[n].cast("string").name(n) for n in schema.field_names])
