"""Tables compared by their values, whatever form a version keeps them in.

A data package keeps its tables as CSV text; a release from 0.2.0 on keeps them as typed
Parquet. Both are brought to one canonical text per cell, so a diff sees a change of value,
never a change of spelling: "35.60" in a CSV and 35.6 in Parquet are the same number, and
"+5" the same integer as "5". Text and list cells are compared as written.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events.metadata import DataPackage, Field, TableSchema, canonical_tables
from conflict_events.metadata.frames import Context, Table
from conflict_events.tables import parse_table

_AS_WRITTEN = ("string", "list", "any")


def _canonical(values: pa.Array | pa.ChunkedArray, field: Field) -> pd.Series:
    """One column's values as canonical text (missing stays missing)."""
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    if pa.types.is_timestamp(values.type):
        values = values.cast(pa.date32())
    if field.type not in _AS_WRITTEN:
        values = pc.cast(values, pa.string())
    return values.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)


def canonical_text(table: Table) -> pd.DataFrame:
    """The table's cells as canonical text, row labels kept."""
    columns = {}
    for field in table.resource.schema.fields:
        if field.name not in table.raw:
            continue
        if field.type in _AS_WRITTEN:
            columns[field.name] = table.raw[field.name].astype("string")
        else:
            typed = pa.array(table.typed[field.name], from_pandas=True)
            series = _canonical(typed, field)
            series.index = table.raw.index
            columns[field.name] = series
    return pd.DataFrame(columns, index=table.raw.index)


def _text_frame(data: pa.Table, schema: TableSchema) -> pd.DataFrame:
    return pd.DataFrame(
        {f.name: _canonical(data[f.name], f) for f in schema.fields if f.name in data.column_names}
    )


def parquet_tables(package: DataPackage) -> Context:
    """A release's canonical tables read from their Parquet files, as the rules read CSV:
    text cells (canonical) and typed columns."""
    context = Context(package=package)
    for resource in package.resources:
        if resource.name not in canonical_tables() or resource.schema is None:
            continue
        if resource.descriptor.get("format") != "parquet":
            continue
        file = resource.file(package.basepath)
        if file is None or not file.is_file():
            context.skipped[resource.name] = f"no file at {resource.path}"
            continue
        raw = _text_frame(pq.read_table(file), resource.schema)
        context.tables[resource.name] = Table(resource, raw, parse_table(raw, resource.schema))
    return context
