"""Read one table of a verified release as pandas or Arrow, typed by its schema, with
filters pushed down into the Parquet read (row groups whose statistics rule them out are
skipped) and only the columns asked for read."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.arrow import arrow_field


class LoadError(Exception):
    """The data cannot be loaded as asked; the message says what to do."""


@dataclass(frozen=True)
class Release:
    """A verified release folder and its tables' Parquet resources, by table name."""

    folder: Path
    version: str
    tables: dict[str, dict[str, Any]]

    def resource(self, table: str) -> dict[str, Any]:
        if not isinstance(table, str):
            raise LoadError(f"name a table as text, e.g. 'events', not {table!r}")
        if table not in self.tables:
            raise LoadError(f"no table {table!r} in this release; tables: {', '.join(self.tables)}")
        return self.tables[table]

    def path(self, table: str) -> Path:
        return self.folder / self.resource(table)["path"]

    def row_count(self, table: str) -> int:
        """The table's rows, from its Parquet footer (no row is read)."""
        return pq.ParquetFile(self.path(table)).metadata.num_rows

    def schema(self, table: str) -> TableSchema:
        """The table's schema: a file of the release (or, in a 0.1.0 release, inline)."""
        schema = self.resource(table)["schema"]
        if isinstance(schema, str):
            file = self.folder / schema
            try:
                info = file.stat()
                schema = _schema_file(file, info.st_size, info.st_mtime_ns)
            except (OSError, ValueError) as exc:
                raise LoadError(f"{file}: the schema of {table} cannot be read ({exc})") from exc
        return TableSchema(schema)


@functools.lru_cache(maxsize=256)
def _schema_file(path: Path, size: int, modified: int) -> dict[str, Any]:
    """A schema file of a verified release, read once per version of the file."""
    return json.loads(path.read_text(encoding="utf-8"))


def _day(value: object) -> date:
    try:
        return value if isinstance(value, date) else date.fromisoformat(value)
    except (ValueError, TypeError) as exc:
        raise LoadError(f"{value!r} is not a date: write it as YYYY-MM-DD") from exc


def _values(value: object) -> list:
    """One value or several (a list, tuple or set)."""
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _allowed(field: Field, values: list) -> pa.Array:
    """The values a filter on `field` names, in the column's type; a value the column can
    never hold (outside its vocabulary or code list, or of another type) is an error, not
    an empty result."""
    known = field.enum
    if field.codelist is not None:
        from conflict_events.metadata.codelists import codes

        known = sorted(codes(field.codelist))
    if known is not None:
        unknown = [v for v in values if v not in known]
        if unknown:
            shown = ", ".join(map(str, known[:10])) + (", ..." if len(known) > 10 else "")
            raise LoadError(f"{field.name}= {unknown} not among its codes: {shown}")
    target = arrow_field(field).type
    if pa.types.is_dictionary(target):
        target = target.value_type
    try:
        if field.type == "date":
            return pa.array([_day(v) for v in values], type=pa.date32())
        return pa.array(values, type=target)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise LoadError(f"{field.name}= takes {field.type} values, not {values!r}") from exc


def filter_expression(
    release: Release, table: str, filters: dict[str, Any]
) -> pc.Expression | None:
    """The filters as one Arrow expression on the table's own columns.

    country: ISO alpha-3 code(s); on `events` it selects the events whose location lies in
    the country. start/end: first and last day (inclusive) of event_date. Any other name is
    a column of the table and selects rows whose value is one of those given.
    """
    schema = release.schema(table)
    columns = set(schema.field_names)
    expression = None
    for name, value in filters.items():
        if value is None:
            continue
        if name in ("start", "end"):
            if "event_date" not in columns:
                raise LoadError(f"{name}= filters on event_date, which {table} does not have")
            day = pa.scalar(_day(value), type=pa.date32())
            part = (
                pc.field("event_date") >= day if name == "start" else pc.field("event_date") <= day
            )
        elif name == "country" and "country_iso3" not in columns and "location_id" in columns:
            codes = _allowed(release.schema("locations").field("country_iso3"), _values(value))
            places = pq.read_table(
                release.path("locations"),
                columns=["location_id"],
                filters=pc.field("country_iso3").isin(codes),
            )
            ids = pa.array(places.column("location_id").to_pylist(), type=pa.string())
            part = pc.field("location_id").isin(ids)
        else:
            column = "country_iso3" if name == "country" else name
            if column not in columns:
                raise LoadError(f"{table} has no column {column!r} to filter on")
            part = pc.field(column).isin(_allowed(schema.field(column), _values(value)))
        expression = part if expression is None else expression & part
    return expression


def _columns(release: Release, table: str, columns: list[str] | None) -> list[str] | None:
    """The columns to read, in the order asked; an unknown one is an error."""
    if columns is None:
        return None
    if isinstance(columns, str):
        raise LoadError(f"columns= takes a list of names, e.g. [{columns!r}]")
    known = release.schema(table).field_names
    unknown = [name for name in columns if name not in known]
    if unknown:
        raise LoadError(f"{table} has no column(s) {unknown}; its columns: {', '.join(known)}")
    return list(columns)


def read_arrow(
    release: Release,
    table: str,
    filters: dict[str, Any] | None = None,
    columns: list[str] | None = None,
) -> pa.Table:
    """Only the row groups the filters may match and only the columns asked for are read."""
    return pq.read_table(
        release.path(table),
        columns=_columns(release, table, columns),
        filters=filter_expression(release, table, filters or {}),
    )


def to_pandas(table: pa.Table, schema: TableSchema) -> pd.DataFrame:
    """pandas with the types the schema gives: dates as datetime64, counts as nullable
    Int64 (unknown stays missing), every vocabulary as a categorical of all its codes."""
    frame = table.to_pandas(date_as_object=False)
    for field in schema.fields:
        if field.name not in frame or field.enum is None:
            continue
        if not isinstance(frame[field.name].dtype, pd.CategoricalDtype):
            frame[field.name] = pd.Categorical(frame[field.name], categories=field.enum)
    return frame


def read_pandas(
    release: Release,
    table: str,
    filters: dict[str, Any] | None = None,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    return to_pandas(read_arrow(release, table, filters, columns), release.schema(table))
