"""One adapter per Table Schema field type: what a written cell must look like, and the
type it becomes in Arrow, Ibis (DuckDB, Spark), SQLite and pandas.

Every reader and writer of the package takes its types from here, so a type is mapped
once: the validator's parse, the release's Parquet and SQLite, and the loader's frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from conflict_events.metadata.schema import Field

# Whole cells only: no spaces, no NaN or infinity, and integers that fit in 64 bits.
_INTEGER = r"[+-]?[0-9]{1,18}"
_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?"
# Year 0 does not exist; it is refused apart, as neither RE2 nor Arrow has look-ahead.
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def whole(pattern: str) -> str:
    """A pattern that must match the whole cell, on every engine: `\\z` is the end of the
    text in RE2 (DuckDB, Arrow) and Java (Spark) alike, where `$` also matches before a
    final newline in Java and in Python."""
    return f"^(?:{pattern})\\z"


def _text(text: ir.StringValue, field: Field) -> ir.Value:
    return text


def _integer(text: ir.StringValue, field: Field) -> ir.Value:
    written = text.re_search(whole(_INTEGER))
    return written.ifelse(text.re_replace(r"^\+", "").try_cast("int64"), ibis.null("int64"))


def _number(text: ir.StringValue, field: Field) -> ir.Value:
    value = text.re_search(whole(_NUMBER)).ifelse(text.try_cast("float64"), ibis.null("float64"))
    return (value.abs() != float("inf")).ifelse(value, ibis.null("float64"))


def _date(text: ir.StringValue, field: Field) -> ir.Value:
    written = text.re_search(whole(_DATE)) & ~text.startswith("0000")
    return written.ifelse(text.try_cast("date"), ibis.null("date"))


def _boolean(text: ir.StringValue, field: Field) -> ir.Value:
    return (
        text.isin(list(field.true_values))
        .ifelse(True, text.isin(list(field.false_values)).ifelse(False, ibis.null("boolean")))
        .cast("boolean")
    )


@dataclass(frozen=True)
class FieldType:
    """A Table Schema type as each tool stores it. `parse` turns a column of cells as
    written into the type on any Ibis backend, leaving a cell that does not parse missing."""

    name: str
    arrow: pa.DataType
    ibis: str
    sqlite: str
    pandas: str | None  # the nullable pandas dtype, where the default one would lose NA
    cell: str | None  # the regex a written cell matches whole; None: any text
    hint: str  # what to write instead of a cell that does not parse
    parse: Callable[[ir.StringValue, Field], ir.Value]


TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType("string", pa.string(), "string", "TEXT", None, None, "", _text),
        # A list keeps its Table Schema form, the delimited string, wherever it is stored.
        FieldType("list", pa.string(), "string", "TEXT", None, None, "", _text),
        FieldType(
            "integer",
            pa.int64(),
            "int64",
            "INTEGER",
            "Int64",
            _INTEGER,
            "write a whole number without separators",
            _integer,
        ),
        FieldType(
            "number",
            pa.float64(),
            "float64",
            "REAL",
            "Float64",
            _NUMBER,
            "write a number with a '.' decimal point",
            _number,
        ),
        FieldType(
            "boolean",
            pa.bool_(),
            "boolean",
            "INTEGER",
            "boolean",
            None,
            "write true or false",
            _boolean,
        ),
        FieldType(
            "date",
            pa.date32(),
            "date",
            "TEXT",
            None,
            _DATE,
            "write a real date as YYYY-MM-DD, e.g. 2020-01-28",
            _date,
        ),
    )
}


def field_type(field: Field) -> FieldType:
    """The field's adapter; a type this package does not use is kept as text."""
    return TYPES.get(field.type, TYPES["string"])


def parses(field: Field) -> bool:
    """Whether a cell of this field can fail to parse (text and lists never do)."""
    return field_type(field).name not in ("string", "list")
