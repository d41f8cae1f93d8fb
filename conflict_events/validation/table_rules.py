"""Layer 2, table rules: pandera schemas generated from each Table Schema, never restated.

Two passes per table. The text pass runs on the cells as written: is a required cell
there, does each cell parse as its type. The typed pass runs on the parsed columns (cells
that did not parse are missing there, so they are reported once, by the text pass):
vocabularies, code lists, patterns, ranges, lengths, uniqueness and the primary key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd
import pandera.pandas as pa

from conflict_events.metadata import Field, TableSchema
from conflict_events.tables import parse_column, row_number
from conflict_events.validation import codelists
from conflict_events.validation.columns import repeats, within
from conflict_events.validation.context import Context, Table
from conflict_events.validation.problems import Problem, cell_text

LAYER = "table"
_PRIMARY_KEY = "primary-key"

_TYPE_HINTS = {
    "date": "write a real date as YYYY-MM-DD, e.g. 2020-01-28",
    "integer": "write a whole number without separators",
    "number": "write a number with a '.' decimal point",
    "boolean": "write true or false",
}


def _type_check(field: Field, parsed: pd.Series | None) -> pa.Check:
    """A cell written is a cell parsed. `parsed`: the column already parsed from these
    cells, so that it is not parsed a second time."""
    return pa.Check(
        lambda s: (parse_column(s, field) if parsed is None else parsed).notna() | s.isna(),
        name="type",
        ignore_na=False,
    )


def _unique_check() -> pa.Check:
    """Every repeat of a value after its first row fails (as frictionless reports it)."""
    return pa.Check(lambda s: s.isna() | ~repeats(s.to_frame()), name="unique", ignore_na=False)


def text_schema(
    schema: TableSchema, columns: list[str], parsed: pd.DataFrame | None = None
) -> pa.DataFrameSchema:
    """Presence and parseability of every cell, on the text as written (`parsed`: the
    same cells already parsed, if they are at hand)."""
    return pa.DataFrameSchema(
        {
            f.name: pa.Column(
                nullable=not f.required,
                checks=[]
                if f.type in ("string", "any", "list")
                else [_type_check(f, None if parsed is None else parsed[f.name])],
            )
            for f in schema.fields
            if f.name in columns
        }
    )


def _value_checks(field: Field, primary_key: list[str]) -> list[pa.Check]:
    """Checks named after the Table Schema constraint they enforce (the rule in reports)."""
    tests = {}
    if field.enum is not None:
        allowed = list(field.enum)
        tests["enum"] = lambda s: within(s, allowed)
    if field.codelist is not None:
        known = codelists.codes(field.codelist)
        tests["codelist"] = lambda s: within(s, known)
    if field.pattern is not None and field.type == "string":
        pattern = field.pattern
        tests["pattern"] = lambda s: s.str.fullmatch(pattern)
    if field.minimum is not None:
        low = _bound(field, field.minimum)
        tests["minimum"] = lambda s: s >= low
    if field.maximum is not None:
        high = _bound(field, field.maximum)
        tests["maximum"] = lambda s: s <= high
    if field.min_length is not None:
        shortest = field.min_length
        tests["minLength"] = lambda s: s.str.len() >= shortest
    if field.max_length is not None:
        longest = field.max_length
        tests["maxLength"] = lambda s: s.str.len() <= longest
    checks = [pa.Check(test, name=name) for name, test in tests.items()]
    if field.unique and primary_key != [field.name]:  # a key repeat is reported once, as such
        checks.append(_unique_check())
    return checks


def _bound(field: Field, value: object) -> object:
    return pd.Timestamp(value) if field.type == "date" else value


def typed_schema(schema: TableSchema, columns: list[str]) -> pa.DataFrameSchema:
    """Vocabularies, code lists, patterns, ranges and keys, on the parsed columns."""
    key = schema.primary_key
    return pa.DataFrameSchema(
        {
            f.name: pa.Column(nullable=True, checks=_value_checks(f, key))
            for f in schema.fields
            if f.name in columns
        },
        checks=[_primary_key_check(key)] if key and set(key) <= set(columns) else [],
    )


def _primary_key_check(key: list[str]) -> pa.Check:
    """Every repeat of a key after its first row fails, reported once per row."""
    return pa.Check(lambda frame: ~repeats(frame[key]), name=_PRIMARY_KEY)


def check(context: Context) -> Iterator[Problem]:
    for table in context.tables.values():
        yield from check_table(table)


def check_table(table: Table) -> Iterator[Problem]:
    schema = table.resource.schema
    assert schema is not None  # tables without a schema are never read
    columns = [c for c in table.raw.columns if c in schema.field_names]
    for frame, pandera_schema in (
        (table.raw, text_schema(schema, columns, table.typed)),
        (table.typed, typed_schema(schema, columns)),
    ):
        try:
            pandera_schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            yield from _problems(table, errors.failure_cases)


def _problems(table: Table, failures: pd.DataFrame) -> Iterator[Problem]:
    schema = table.resource.schema
    key_repeats = set()  # pandera lists a key repeat once per key column
    for failure in failures.itertuples(index=False):
        rule = {"not_nullable": "required"}.get(failure.check, failure.check)
        if rule == _PRIMARY_KEY:
            key_repeats.add(failure.index)
            continue
        field = schema.field(failure.column)
        value = "" if pd.isna(failure.index) else cell_text(table.raw.at[failure.index, field.name])
        row = None if pd.isna(failure.index) else row_number(failure.index)
        yield Problem(table.file, row, field.name, rule, value, _hint(rule, field), LAYER)
    for index in sorted(key_repeats):
        yield _primary_key_problem(table, index)


def _primary_key_problem(table: Table, index: int) -> Problem:
    key = table.resource.schema.primary_key
    value = ", ".join(cell_text(table.raw.at[index, k]) for k in key)
    return Problem(
        table.file,
        row_number(index),
        ",".join(key),
        _PRIMARY_KEY,
        value,
        f"{' + '.join(key)} must be unique: this value already appears in an earlier row; "
        "delete the duplicate or change it",
        LAYER,
    )


_SHOWN_CODES = 12  # every actor or location type; longer lists are cut


def _codes(field: Field) -> str:
    codes = [str(c) for c in field.enum]
    shown = ", ".join(codes[:_SHOWN_CODES])
    return shown + (" ... (all in its Table Schema)" if len(codes) > _SHOWN_CODES else "")


# What to do about a failed check, in words built from the field's own definition.
_HINTS: dict[str, Callable[[Field], str]] = {
    "required": lambda f: f"{f.name} is required: fill it in",
    "type": lambda f: _TYPE_HINTS.get(f.type, f"write a value of type {f.type}"),
    "enum": lambda f: f"use one of the codes of {f.name}: {_codes(f)}",
    "codelist": lambda f: f"use {codelists.describe(f.codelist)}",
    "pattern": lambda f: f"write it to match the pattern {f.pattern}",
    "minimum": lambda f: f"must be at least {f.minimum}",
    "maximum": lambda f: f"must be at most {f.maximum}",
    "minLength": lambda f: f"must be at least {f.min_length} characters long",
    "maxLength": lambda f: f"must be at most {f.max_length} characters long",
    "unique": lambda f: (
        f"each {f.name} may appear only once: this value already appears in an earlier row"
    ),
}


def _hint(rule: str, field: Field) -> str:
    return _HINTS[rule](field)
