"""events_flat: one row per event with its place, actors by role and sources joined in.

The view restates no column: each column is taken from a field of another table (renamed
where needed), and its type, title and description are derived from that field's schema.
An integer code is followed by `<name>_label`, its label from the same field's categories,
so a reader of the view sees what the code means where the table has only the number.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_events.metadata import Field, TableSchema
from conflict_events.tables import parse_table
from conflict_events.validation.columns import arrow_table

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


def _joined(rows: pa.Table, key: str, column: str, delimiter: str, name: str) -> pa.Table:
    """(key, name): per key, its rows' values joined in the rows' order."""
    grouped = rows.group_by(key, use_threads=False).aggregate([(column, "list")])
    return pa.table({key: grouped[key], name: pc.binary_join(grouped[f"{column}_list"], delimiter)})


def _lists(raw: dict[str, pd.DataFrame]) -> pa.Table:
    """Per event, the names of its actors in each role and the facts of its sources, each
    joined into one cell. All in Arrow: pandas spent 18 s on this at 1M events."""
    links = arrow_table(raw["event_actors"], ["event_id", "actor_id", "role"]).join(
        arrow_table(raw["actors"], ["actor_id", "name"]), "actor_id"
    )
    links = links.sort_by([("event_id", "ascending"), ("actor_id", "ascending")])
    columns = [
        _joined(links.filter(pc.equal(links["role"], role)), "event_id", "name", ";", role)
        for role in pc.unique(links["role"].drop_null()).to_pylist()
    ]
    evidence = arrow_table(raw["event_sources"], ["event_id", "source_id"])
    evidence = evidence.group_by(["event_id", "source_id"]).aggregate([])  # one row per pair
    source_columns = ["source_id", *{c for c, _ in _SOURCE_COLUMNS.values()} - {"source_id"}]
    cited = evidence.join(arrow_table(raw["sources"], source_columns), "source_id")
    cited = cited.sort_by([("event_id", "ascending"), ("source_id", "ascending")])
    columns += [
        _joined(cited, "event_id", source_column, delimiter, name)
        for name, (source_column, delimiter) in _SOURCE_COLUMNS.items()
    ]
    ids = arrow_table(raw["events"], ["event_id"])
    ids = ids.append_column("row", pa.array(np.arange(ids.num_rows)))
    for column in columns:
        ids = ids.join(column, "event_id", join_type="left outer")
    return ids.sort_by("row")


def flat_tables(
    raw: dict[str, pd.DataFrame], schema: TableSchema
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(text, typed) frames of the view, built from the tables' text cells, one row per event."""
    events = raw["events"]
    locations = raw["locations"].rename(columns={v: k for k, v in _LOCATION_COLUMNS.items()})
    flat = events[[*_EVENT_COLUMNS, "location_id", *_LATER_EVENT_COLUMNS]].merge(
        locations[list(_LOCATION_COLUMNS)], on="location_id", how="left"
    )
    lists = _lists(raw)
    for name in lists.column_names[2:]:
        flat[name] = pd.Series(lists[name].to_pandas(), index=flat.index)
    for field in schema.fields:
        if field.labelled:
            codes = pd.to_numeric(flat[field.name], errors="coerce").astype("Int64")
            labels = {c["value"]: c["label"] for c in field.categories}
            flat[field.name + LABEL_SUFFIX] = codes.map(labels, na_action="ignore")
    text = flat.reindex(columns=schema.field_names).astype("string")
    text = text.sort_values("event_id", kind="stable").reset_index(drop=True)
    return text, parse_table(text, schema, lists=False)
