"""Arrow schemas and tables derived from the Table Schemas, never restated.

Table Schema type -> Arrow type: string -> string, integer -> int64 (nullable), number ->
float64, boolean -> bool, date -> date32. A text field with a vocabulary (enum) is
dictionary-encoded over all its codes in the schema's order, so readers see every code,
used or not; integer code lists stay integers. A list field keeps its Table Schema form,
the delimited string, which every Parquet reader (frictionless-py included) reads as text.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_events.metadata import Field, TableSchema

_BASE_TYPES = {
    "string": pa.string(),
    "list": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


# pandas' nullable dtypes, so a missing count reads back as <NA> in an integer column.
_PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def _index_type(codes: int) -> pa.DataType:
    return pa.int8() if codes < 128 else pa.int16() if codes < 32768 else pa.int32()


def arrow_type(field: Field) -> pa.DataType:
    base = _BASE_TYPES.get(field.type, pa.string())
    if _dictionary_encoded(field):
        return pa.dictionary(_index_type(len(field.enum)), base)
    return base


def _dictionary_encoded(field: Field) -> bool:
    """Text vocabularies. Integer code lists stay integers: Parquet readers restore
    dictionaries of strings only, so an integer one would come back as plain integers."""
    return field.enum is not None and field.type == "string"


def arrow_field(field: Field) -> pa.Field:
    metadata = {"description": field.description or "", "title": field.descriptor.get("title", "")}
    return pa.field(field.name, arrow_type(field), nullable=not field.required, metadata=metadata)


def arrow_schema(schema: TableSchema, description: str = "") -> pa.Schema:
    """The table's Arrow schema: field descriptions per field; key and Table Schema on the table."""
    return pa.schema(
        [arrow_field(f) for f in schema.fields],
        metadata={
            "description": description or schema.descriptor.get("description", ""),
            "primary_key": json.dumps(schema.primary_key),
            "table_schema": json.dumps(schema.descriptor, ensure_ascii=False),
        },
    )


def _column(raw: pd.Series, typed: pd.Series, field: Field) -> pa.Array:
    kind = field.type if field.type in _BASE_TYPES else "string"
    if kind in ("string", "list"):
        values = pa.array(raw.astype("object").where(raw.notna(), None), type=pa.string())
    elif kind == "date":
        values = pa.array(typed, type=pa.timestamp("us"), from_pandas=True).cast(pa.date32())
    else:
        values = pa.array(typed, type=_BASE_TYPES[kind], from_pandas=True)
    if not _dictionary_encoded(field):
        return values
    codes = pa.array(field.enum, type=_BASE_TYPES[kind])
    indices = pc.index_in(values, value_set=codes).cast(_index_type(len(field.enum)))
    return pa.DictionaryArray.from_arrays(indices, codes)


def to_arrow(
    raw: pd.DataFrame, typed: pd.DataFrame, schema: TableSchema, description: str = ""
) -> pa.Table:
    """One table as Arrow, typed by its schema: text columns from the cells as written."""
    columns = [_column(raw[f.name], typed[f.name], f) for f in schema.fields]
    table = pa.Table.from_arrays(columns, schema=arrow_schema(schema, description))
    return _with_pandas_metadata(table, schema)


def _with_pandas_metadata(table: pa.Table, schema: TableSchema) -> pa.Table:
    """Record the pandas dtypes to restore (nullable Int64, Float64, boolean).

    pandas, and frictionless-py, which reads Parquet through pandas, would otherwise turn
    an integer column with a missing cell into floats and the missing cell into NaN.
    """
    frame = table.slice(0, 0).to_pandas()
    frame = frame.astype(
        {
            f.name: _PANDAS_DTYPES[f.type]
            for f in schema.fields
            if f.type in _PANDAS_DTYPES and f.enum is None
        }
    )
    pandas = pa.Schema.from_pandas(frame, preserve_index=False).metadata[b"pandas"]
    return table.replace_schema_metadata(table.schema.metadata | {b"pandas": pandas})
