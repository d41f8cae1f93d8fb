"""Arrow schemas and batches derived from the Table Schemas, never restated.

Each field's Arrow type comes from its type's adapter (metadata.types). A text field with a
vocabulary (enum) is dictionary-encoded over all its codes in the schema's order, so
readers see every code, used or not; integer code lists stay integers. A list field keeps
its Table Schema form, the delimited string, which every Parquet reader (frictionless-py
included) reads as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.types import field_type


def _index_type(codes: int) -> pa.DataType:
    return pa.int8() if codes < 128 else pa.int16() if codes < 32768 else pa.int32()


def arrow_type(field: Field) -> pa.DataType:
    base = field_type(field).arrow
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


def _column(values: pa.Array, field: Field) -> pa.Array:
    """A typed column as the release stores it: its adapter's type, codes dictionary-encoded."""
    base = field_type(field).arrow
    values = values.cast(base) if values.type != base else values
    if not _dictionary_encoded(field):
        return values
    codes = pa.array(field.enum, type=base)
    indices = pc.index_in(values, value_set=codes).cast(_index_type(len(field.enum)))
    return pa.DictionaryArray.from_arrays(indices, codes)


def release_schema(schema: TableSchema, description: str = "") -> pa.Schema:
    """The Arrow schema a release's Parquet file of this table has, pandas dtypes included."""
    return _with_pandas_metadata(arrow_schema(schema, description), schema)


def release_batches(
    batches: Iterable[pa.RecordBatch], schema: TableSchema, target: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """Typed batches (at least the schema's fields) as the release stores them."""
    for batch in batches:
        columns = [_column(batch.column(f.name), f) for f in schema.fields]
        yield pa.RecordBatch.from_arrays(columns, schema=target)


def _with_pandas_metadata(target: pa.Schema, schema: TableSchema) -> pa.Schema:
    """Record the pandas dtypes to restore (nullable Int64, Float64, boolean).

    pandas, and frictionless-py, which reads Parquet through pandas, would otherwise turn
    an integer column with a missing cell into floats and the missing cell into NaN.
    """
    frame = target.empty_table().to_pandas()
    frame = frame.astype(
        {
            f.name: field_type(f).pandas
            for f in schema.fields
            if field_type(f).pandas is not None and f.enum is None
        }
    )
    pandas = pa.Schema.from_pandas(frame, preserve_index=False).metadata[b"pandas"]
    return target.with_metadata(target.metadata | {b"pandas": pandas})
