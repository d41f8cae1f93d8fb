"""Rules on crosswalk tables: every code of a vocabulary has its row, and every code of the
other dataset converts back through exactly one row.

A crosswalk names the vocabulary of its key column with `x-vocabulary: "table.field"`, so the
codes are written once, in that field's schema (`x-values-from` names a vocabulary whose
codes a column takes without needing every one); a boolean column marked
`x-reverse-of: <column>` picks the row each of that column's codes converts back to.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.reading import Context, Table
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem, cell_text
from conflict_events.validation.registry import rule

LAYER = "cross-table"


def _frames(context: Context, table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A crosswalk's (written, typed) cells as pandas, indexed by row number, list fields
    split: crosswalks are a few dozen rows, taken out of the engine once."""
    key = f"crosswalk {table.resource.name}"
    if key not in context.cache:
        written = table.raw.to_pandas().set_index(ROW).sort_index()
        typed = table.typed.to_pandas().set_index(ROW).sort_index()
        for field in table.resource.schema.fields:
            if field.type == "list" and field.name in typed:
                cells = typed[field.name].astype(object)
                typed[field.name] = [
                    None if pd.isna(c) else str(c).split(field.delimiter) for c in cells
                ]
        context.cache[key] = (written, typed)
    return context.cache[key]


def _problem(
    written: pd.DataFrame, table: Table, row: int, column: str, rule_id: str, hint: str
) -> Problem:
    value = cell_text(written.at[row, column]) if column in written else ""
    return Problem(table.file, int(row), column, rule_id, value, hint, LAYER)


def vocabulary_field(context: Context, reference: str) -> Field | None:
    """The field an `x-vocabulary` reference ("table.field") names, from this package's schemas."""
    table_name, _, field_name = reference.partition(".")
    resource = context.package.resource(table_name)
    if resource is None or resource.schema is None:
        return None
    try:
        return resource.schema.field(field_name)
    except KeyError:
        return None


def codes_of(field: Field) -> list:
    """A vocabulary's codes: its enum, else its categories' values."""
    return list(field.enum) if field.enum is not None else [c["value"] for c in field.categories]


def _crosswalks(context: Context) -> Iterator[tuple[Table, TableSchema]]:
    for table in context.tables.values():
        schema = table.resource.schema
        if schema is not None and any("x-vocabulary" in f.descriptor for f in schema.fields):
            yield table, schema


def _items(value: object) -> list:
    """A cell's codes: a list field's items, or the one value; none when empty."""
    if isinstance(value, list):
        return [int(v) if str(v).lstrip("-").isdigit() else v for v in value if v != ""]
    return [] if pd.isna(value) else [value]


@rule(
    "crosswalk-unknown",
    LAYER,
    "A crosswalk has a row for each code of its vocabulary, and no code the vocabulary lacks",
    also=["crosswalk-missing", "crosswalk-vocabulary"],
)
def coverage(context: Context) -> Iterator[Problem]:
    """Each code of the vocabulary has a row, and no row has a code the vocabulary lacks
    (nor a code outside the vocabulary an `x-values-from` column names)."""
    for table, schema in _crosswalks(context):
        for field in schema.fields:
            every_code = "x-vocabulary" in field.descriptor
            reference = field.descriptor.get("x-vocabulary", field.descriptor.get("x-values-from"))
            written, typed = _frames(context, table)
            if reference is None or field.name not in typed:
                continue
            named = context.package.resource(reference.partition(".")[0])
            if named is not None and named.schema is None:
                continue  # that table's schema is unusable: the structure layer says why
            vocabulary = vocabulary_field(context, reference)
            if vocabulary is None:
                yield Problem(
                    table.file,
                    None,
                    field.name,
                    "crosswalk-vocabulary",
                    reference,
                    "x-vocabulary must name a field of this package as 'table.field'",
                    LAYER,
                )
                continue
            codes = codes_of(vocabulary)
            present = typed[field.name]
            for index in present.index[present.notna() & ~present.isin(codes)]:
                yield _problem(
                    written,
                    table,
                    index,
                    field.name,
                    "crosswalk-unknown",
                    f"not a code of {reference}: use one of {', '.join(map(str, codes))}",
                )
            for code in codes if every_code else []:
                if not (present == code).any():
                    yield Problem(
                        table.file,
                        None,
                        field.name,
                        "crosswalk-missing",
                        str(code),
                        f"{reference} has the code {code!r}: add its row to the crosswalk",
                        LAYER,
                    )


@rule(
    "crosswalk-list-code",
    LAYER,
    "Each item of a crosswalk's list column is one of its codes",
)
def list_codes(context: Context) -> Iterator[Problem]:
    """pandera checks single values against their enum; list items are checked here."""
    for table, schema in _crosswalks(context):
        written, typed = _frames(context, table)
        for field in schema.fields:
            if field.type != "list" or not field.categories or field.name not in typed:
                continue
            codes = codes_of(field)
            for index, value in typed[field.name].items():
                if any(code not in codes for code in _items(value)):
                    yield _problem(
                        written,
                        table,
                        index,
                        field.name,
                        "crosswalk-list-code",
                        f"use codes among {', '.join(map(str, codes))}, "
                        f"separated by {field.delimiter!r}",
                    )


@rule(
    "crosswalk-reverse",
    LAYER,
    "Each code of the other dataset's column converts back through exactly one row",
)
def reverse(context: Context) -> Iterator[Problem]:
    for table, schema in _crosswalks(context):
        written, typed = _frames(context, table)
        for flag in schema.fields:
            target_name = flag.descriptor.get("x-reverse-of")
            if target_name is None or not {flag.name, target_name} <= set(typed):
                continue
            target = schema.field(target_name)
            chosen = typed[flag.name].fillna(False).astype(bool)
            rows_by_code: dict[object, list[int]] = {}
            for index in typed.index[chosen]:
                for code in _items(typed.at[index, target_name]):
                    rows_by_code.setdefault(code, []).append(index)
            for code in codes_of(target):
                rows = rows_by_code.get(code, [])
                if not rows:
                    yield Problem(
                        table.file,
                        None,
                        flag.name,
                        "crosswalk-reverse",
                        f"{target_name} {code}",
                        f"no row converts {target_name} {code} back: set {flag.name} "
                        f"true on the one row it should become",
                        LAYER,
                    )
                for index in rows[1:]:
                    yield _problem(
                        written,
                        table,
                        index,
                        flag.name,
                        "crosswalk-reverse",
                        f"{target_name} {code} already converts back through row "
                        f"{rows[0]}: set {flag.name} true on one row per code",
                    )
