"""Read one table of a verified release as pandas or Arrow, typed by its schema, with
filters pushed down into the Parquet read (row groups whose statistics rule them out are
skipped) and only the columns asked for read."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events.loader import countries
from conflict_events.metadata import Field, TableSchema, codelists
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


def shown(value: object) -> str:
    """A value as a message echoes it: quoted, control characters escaped, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _day(value: object, keyword: str) -> date:
    """A day from YYYY-MM-DD or a date (a datetime or pandas Timestamp gives its day)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (ValueError, TypeError) as exc:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise LoadError(
                f"{keyword}= {shown(value)} is not a day of the calendar (YYYY-MM-DD)"
            ) from exc
        raise LoadError(f"{keyword}= {shown(value)} is not a date: write it as YYYY-MM-DD") from exc


def _values(value: object) -> list:
    """One value or several (a list, tuple or set)."""
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _countries(values: list, keyword: str) -> list:
    """Alpha-3 codes for codes in any case and country names; one line for all the rest."""
    codes = [countries.iso3(v) if isinstance(v, str) else None for v in values]
    wrong = [value for value, code in zip(values, codes, strict=True) if code is None]
    if not wrong:
        return codes
    what = "is not an ISO 3166-1 country code or name"
    if len(wrong) > 1:
        what = "are not ISO 3166-1 country codes or names"
    hints = []
    for value in wrong:
        near = countries.suggestions(value) if isinstance(value, str) else []
        if near:
            named = f" for {shown(value)}" if len(wrong) > 1 else ""
            hints.append(" or ".join(map(countries.label, near)) + named)
    hint = f"; did you mean {', '.join(hints)}?" if hints else ""
    raise LoadError(f"{keyword}= {', '.join(map(shown, wrong))} {what}{hint}")


def _allowed(field: Field, values: list, keyword: str) -> pa.Array:
    """The values a filter on `field` (given as `keyword=`) names, in the column's type; a
    value the column can never hold (outside its vocabulary or code list, or of another
    type) is an error, not an empty result. Countries may be named (see countries.py)."""
    known = field.enum
    if field.codelist == codelists.COUNTRIES:
        values = _countries(values, keyword)
    elif field.codelist is not None:
        known = sorted(codelists.codes(field.codelist))
    if known is not None:
        unknown = [v for v in values if v not in known]
        if unknown:
            shown_known = ", ".join(map(str, known[:10])) + (", ..." if len(known) > 10 else "")
            wrong = ", ".join(map(shown, unknown))
            raise LoadError(f"{keyword}= {wrong} not among its codes: {shown_known}")
    target = arrow_field(field).type
    if pa.types.is_dictionary(target):
        target = target.value_type
    try:
        if field.type == "date":
            return pa.array([_day(v, keyword) for v in values], type=pa.date32())
        return pa.array(values, type=target)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise LoadError(f"{keyword}= takes {field.type} values, not {shown(values)}") from exc


def _dates(filters: dict[str, Any]) -> dict[str, date]:
    """start= and end= as days; start after end is an error, not an empty result."""
    days = {k: _day(filters[k], k) for k in ("start", "end") if filters.get(k) is not None}
    if len(days) == 2 and days["start"] > days["end"]:
        raise LoadError(
            f"start= {days['start']} is after end= {days['end']}: no event can match; "
            "give the earlier day as start="
        )
    return days


def filter_expression(
    release: Release, table: str, filters: dict[str, Any]
) -> pc.Expression | None:
    """The filters as one Arrow expression on the table's own columns.

    country: ISO 3166-1 code(s) in any case or country names; on `events` it selects the
    events whose location lies in the country. start/end: first and last day (inclusive)
    of event_date. Any other name is a column of the table and selects rows whose value is
    one of those given.
    """
    schema = release.schema(table)
    columns = set(schema.field_names)
    days = _dates(filters)
    expression = None
    for name, value in filters.items():
        if value is None:
            continue
        if name in days:
            if "event_date" not in columns:
                raise LoadError(f"{name}= filters on event_date, which {table} does not have")
            day = pa.scalar(days[name], type=pa.date32())
            part = (
                pc.field("event_date") >= day if name == "start" else pc.field("event_date") <= day
            )
        elif name == "country" and "country_iso3" not in columns and "location_id" in columns:
            field = release.schema("locations").field("country_iso3")
            codes = _allowed(field, _values(value), name)
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
            part = pc.field(column).isin(_allowed(schema.field(column), _values(value), name))
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
