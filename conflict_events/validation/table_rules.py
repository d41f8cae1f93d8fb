"""Layer 2, table rules: pandera schemas generated from each Table Schema, never restated,
validating the engine's tables through `pandera.ibis`.

Each constraint below is declared once and gives, per field, a test: an Ibis expression
true where a cell passes. One schema per table runs them all on the table as the engine
keeps it, which holds the cells as written beside the parsed columns: on the cells as
written, is a required cell there and does each cell parse as its type; on the parsed
columns (cells that did not parse are missing there, so they are reported once, by the
type test), vocabularies, code lists, patterns, ranges, lengths, uniqueness and the key.

pandera runs every test of a table as one check, in one scan of the table. It tells
whether a test fails but not on which rows of a file (Ibis tables have no index), so when
one does, the same expressions are counted test by test, and each failing test's own
expression is run again as a filter that keeps `_row`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandera.ibis as pi
from pandera.errors import SchemaErrors

from conflict_events import characters
from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.codelists import codes, describe
from conflict_events.metadata.reading import VALUE, Context, Table, written
from conflict_events.metadata.types import field_type, parses, whole
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem, cell_text
from conflict_events.validation.registry import constraint, constraints

LAYER = "table"


@dataclass(frozen=True)
class Test:
    """One field's test: on the cells as written or typed, true where a cell passes; a
    missing cell passes unless `missing_fails`. `rows` tests whole rows (uniqueness)."""

    written: bool
    passes: Callable[[ir.Column], ir.BooleanValue] | None = None
    missing_fails: bool = False
    rows: Callable[[ir.Table], ir.BooleanValue] | None = None


def _repeat(columns: list[str]) -> Callable[[ir.Table], ir.BooleanValue]:
    """True on each row repeating the values of an earlier row (by file order)."""

    def repeats(table: ir.Table) -> ir.BooleanValue:
        earlier = ibis.row_number().over(group_by=[table[c] for c in columns], order_by=table[ROW])
        return earlier > 0

    return repeats


@constraint("required", "A required cell is filled in")
def _required(field: Field, schema: TableSchema) -> Test | None:
    return Test(True, lambda c: c.notnull(), missing_fails=True) if field.required else None


@constraint("type", "Each cell parses as its field's type")
def _type(field: Field, schema: TableSchema) -> Test | None:
    kind = field_type(field)
    return Test(True, lambda c: kind.parse(c, field).notnull()) if parses(field) else None


@constraint("enum", "A coded cell holds one of its field's codes")
def _enum(field: Field, schema: TableSchema) -> Test | None:
    allowed = list(field.enum or [])
    return Test(False, lambda c: c.isin(allowed)) if field.enum is not None else None


@constraint("codelist", "A cell holds a code of its external code list")
def _codelist(field: Field, schema: TableSchema) -> Test | None:
    if field.codelist is None:
        return None
    known = sorted(codes(field.codelist))
    return Test(False, lambda c: c.isin(known))


@constraint("pattern", "A text cell matches its field's pattern")
def _pattern(field: Field, schema: TableSchema) -> Test | None:
    if field.pattern is None or field.type != "string":
        return None
    pattern = whole(field.pattern)
    return Test(False, lambda c: c.re_search(pattern))


@constraint(
    "text-character",
    "A text cell holds no control, bidirectional or zero-width character (tab and line "
    "feed only in a field marked x-multiline)",
)
def _text_character(field: Field, schema: TableSchema) -> Test | None:
    if not field.is_text:
        return None
    refused = characters.engine_class(characters.LINE_BREAKS if field.multiline else "")
    return Test(True, lambda c: ~c.re_search(refused))


def _character_problem(field: Field, cell: str) -> tuple[str, str]:
    """The value and hint of a text-character problem: the cell's first refused character,
    named (never shown: it may reorder or hide the report line), and where it stands."""
    at = characters.first_refused(cell, field.multiline)
    char = cell[at]
    one_line = (
        f" ({field.name} is one line, without tabs)" if char in characters.LINE_BREAKS else ""
    )
    return characters.describe(char), (
        f"{characters.kind(char)}, after {at} characters of the cell: delete it{one_line}"
    )


def _bound(field: Field, value: object) -> object:
    return ibis.date(value) if field.type == "date" else value


@constraint("minimum", "A value is at least its field's minimum")
def _minimum(field: Field, schema: TableSchema) -> Test | None:
    if field.minimum is None:
        return None
    low = _bound(field, field.minimum)
    return Test(False, lambda c: c >= low)


@constraint("maximum", "A value is at most its field's maximum")
def _maximum(field: Field, schema: TableSchema) -> Test | None:
    if field.maximum is None:
        return None
    high = _bound(field, field.maximum)
    return Test(False, lambda c: c <= high)


@constraint("minLength", "A text is at least its field's shortest length")
def _min_length(field: Field, schema: TableSchema) -> Test | None:
    shortest = field.min_length
    return None if shortest is None else Test(False, lambda c: c.length() >= shortest)


@constraint("maxLength", "A text is at most its field's longest length")
def _max_length(field: Field, schema: TableSchema) -> Test | None:
    longest = field.max_length
    return None if longest is None else Test(False, lambda c: c.length() <= longest)


@constraint("unique", "A unique field's value appears once")
def _unique(field: Field, schema: TableSchema) -> Test | None:
    if not field.unique or schema.primary_key == [field.name]:
        return None  # a key repeat is reported once, as such
    return Test(False, rows=_repeat([field.name]))


_PRIMARY_KEY = "primary-key"
_SEPARATOR = "\x1f"  # between a composite key's parts when they are counted as one value


@constraint(_PRIMARY_KEY, "A primary key's value appears once")
def _primary_key(field: Field, schema: TableSchema) -> Test | None:
    key = schema.primary_key
    if not key or field.name != key[0]:
        return None  # one test per table, held by the key's first field
    return Test(False, rows=_repeat(key))


def field_tests(schema: TableSchema, columns: list[str]) -> list[tuple[str, Field, Test]]:
    """(rule, field, test) for every constraint of every field: cells as written first,
    then the typed ones, each field in schema order."""
    found = []
    for as_written in (True, False):
        for field in schema.fields:
            for declared in constraints():
                test = declared.run(field, schema)
                if test is None or test.written != as_written:
                    continue
                needed = schema.primary_key if declared.id == _PRIMARY_KEY else [field.name]
                if set(needed) <= set(columns):
                    found.append((declared.id, field, test))
    return found


def _name(rule_id: str, field: Field) -> str:
    return f"{rule_id}:{field.name}"


def _passes(table: ir.Table, field: Field, test: Test) -> ir.BooleanValue:
    """True on each row where the test passes (on the cells as written or typed, both in
    the kept table); never null."""
    cells = written(table, field) if test.written else table[field.name]
    if test.rows is not None:
        return ~test.rows(table) | cells.isnull()
    if test.missing_fails:
        return test.passes(cells).fill_null(False)
    return test.passes(cells).fill_null(False) | cells.isnull()


def _whole(table: ir.Table, field: Field, test: Test, schema_key: list[str]) -> ir.BooleanScalar:
    """A uniqueness test over the whole table, by counting (a hash aggregate, where the
    row-by-row form needs a sort): as many distinct values as rows that have one."""
    columns = (
        schema_key
        if test.rows is not None and len(schema_key) > 1 and field.name == schema_key[0]
        else [field.name]
    )
    present = table.filter([table[c].notnull() for c in columns])
    values = [present[c].cast("string") for c in columns]
    joined = values[0] if len(values) == 1 else ibis.literal(_SEPARATOR).join(values)
    return joined.nunique() == present.count()


def _schema(tests: list[tuple[str, Field, Test]], key: list[str]) -> pi.DataFrameSchema:
    """The table's tests as one pandera schema: one check over the whole table giving a
    boolean column per cell test, so the engine scans the table once, and a count per
    uniqueness test."""
    cells = [t for t in tests if t[2].rows is None]
    rows = [t for t in tests if t[2].rows is not None]

    def every_test(data) -> dict[str, ir.BooleanValue]:
        return {_name(r, f): _passes(data.table, f, t) for r, f, t in cells}

    # pandera takes its failure cases out of the engine as pandas rows: one is enough, the
    # rows are then found by the tests themselves.
    checks = (
        [pi.Check(every_test, name="table-rules", ignore_na=False, n_failure_cases=1)]
        if cells
        else []
    )
    for rule_id, field, test in rows:
        checks.append(
            pi.Check(
                lambda data, field=field, test=test: _whole(data.table, field, test, key),
                name=_name(rule_id, field),
                n_failure_cases=1,
            )
        )
    return pi.DataFrameSchema(checks=checks)


def _failed(table: ir.Table, tests: list[tuple[str, Field, Test]], key: list[str]) -> set[str]:
    """The tests failing on this table: pandera says whether any does; the same tests,
    counted in one more scan, say which."""
    if not tests:
        return set()
    try:
        _schema(tests, key).validate(table, lazy=True)
        return set()
    except SchemaErrors:
        pass
    flags = {_name(r, f): _passes(table, f, t) for r, f, t in tests if t.rows is None}
    failed = {
        _name(r, f)
        for r, f, t in tests
        if t.rows is not None and not _whole(table, f, t, key).to_pyarrow().as_py()
    }
    if not flags:
        return failed
    marked = table.mutate(**{f"_{i}": flag for i, flag in enumerate(flags.values())})
    counts = marked.aggregate(
        **{f"_{i}": (~marked[f"_{i}"]).cast("int64").sum() for i in range(len(flags))}
    )
    [found] = counts.to_pyarrow().to_pylist()
    return failed | {name for i, name in enumerate(flags) if (found[f"_{i}"] or 0) > 0}


def _failing_rows(table: ir.Table, field: Field, test: Test) -> ir.Table:
    """The same test as a filter: the rows it fails."""
    marked = table.mutate(_passes_test=_passes(table, field, test))
    return marked.filter(~marked._passes_test)


def check(context: Context) -> Iterator[Problem]:
    for table in context.tables.values():
        yield from check_table(table)


def check_table(table: Table) -> Iterator[Problem]:
    schema = table.resource.schema
    columns = schema.field_names
    tests = field_tests(schema, columns)
    failed = _failed(table.kept, tests, schema.primary_key)
    for rule_id, field, test in tests:
        if _name(rule_id, field) not in failed:
            continue
        rows = _failing_rows(table.kept, field, test)
        if rule_id == _PRIMARY_KEY:
            yield from _primary_key_problems(table, rows)
            continue
        hint = _hint(rule_id, field) if rule_id in _HINTS else ""
        for row in table.failing(rows, field.name):
            value = row.get(VALUE) or ""
            if rule_id == "text-character":
                value, hint = _character_problem(field, value)
            yield Problem(table.file, row[ROW], field.name, rule_id, value, hint, LAYER)


def _primary_key_problems(table: Table, rows: ir.Table) -> Iterator[Problem]:
    key = table.resource.schema.primary_key
    for row in table.failing(rows, None, *key):
        yield Problem(
            table.file,
            row[ROW],
            ",".join(key),
            _PRIMARY_KEY,
            ", ".join(cell_text(row[k]) for k in key),
            f"{' + '.join(key)} must be unique: this value already appears in an earlier row; "
            "delete the duplicate or change it",
            LAYER,
        )


_SHOWN_CODES = 12  # every actor or location type; longer lists are cut


def _codes(field: Field) -> str:
    shown_codes = [str(c) for c in field.enum]
    shown = ", ".join(shown_codes[:_SHOWN_CODES])
    return shown + (" ... (all in its Table Schema)" if len(shown_codes) > _SHOWN_CODES else "")


# What to do about a failed check, in words built from the field's own definition.
_HINTS: dict[str, Callable[[Field], str]] = {
    "required": lambda f: f"{f.name} is required: fill it in",
    "type": lambda f: field_type(f).hint,
    "enum": lambda f: f"use one of the codes of {f.name}: {_codes(f)}",
    "codelist": lambda f: f"use {describe(f.codelist)}",
    "pattern": lambda f: f"write it to match the pattern {f.pattern}",
    "minimum": lambda f: f"must be at least {f.minimum}",
    "maximum": lambda f: f"must be at most {f.maximum}",
    "minLength": lambda f: f"must be at least {f.min_length} characters long",
    "maxLength": lambda f: f"must be at most {f.max_length} characters long",
    "unique": lambda f: (
        f"each {f.name} may appear only once: this value already appears in an earlier row"
    ),
}


def _hint(rule_id: str, field: Field) -> str:
    return _HINTS[rule_id](field)
