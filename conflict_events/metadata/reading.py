"""The package as the engine reads it: each table once, as text cells and as typed columns,
every row carrying its number in the file (`_row`), so that reports never depend on the
order an engine returns rows in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir

from conflict_events.engine import Engine
from conflict_events.metadata.package import DataPackage, Resource
from conflict_events.metadata.schema import Field, TableSchema
from conflict_events.metadata.types import field_type, parses
from conflict_events.tables import ROW, plain_batches, plainly_framed, raw_batches, read_raw

VALUE = "_value"  # the cell as written, beside a failing row


TEXT = "_text_"  # prefix of the columns keeping, beside a parsed field, its cells as written


@dataclass
class Table:
    """One table, kept once by the engine (`kept`): `_row`, every field in its type (a
    cell that does not parse is null) and, for a field that parses, its cells as written
    in `_text_<field>`. `raw` and `typed` are views of it."""

    resource: Resource
    kept: ir.Table

    @property
    def typed(self) -> ir.Table:
        return self.kept.select(ROW, *self.resource.schema.field_names)

    @property
    def raw(self) -> ir.Table:
        """Every cell as written (missing values null), and _row."""
        kept = self.kept
        return kept.select(
            ROW, *[written(kept, f).name(f.name) for f in self.resource.schema.fields]
        )

    @property
    def file(self) -> str:
        """The file's path as reports name it: relative to the descriptor."""
        return self.resource.path

    def failing(self, rows: ir.Table, column: str | None = None, *extra: str) -> list[dict]:
        """The rows of `rows` (a filter of this table or a view of it), in file order, each
        with `_row`, the `extra` columns and, under `_value`, the cell of `column` as written."""
        names = self.resource.schema.field_names
        if column is None or column not in names:
            return rows.select(ROW, *extra).order_by(ROW).to_pyarrow().to_pylist()
        text = TEXT + column
        if text in rows.columns or (column in rows.columns and text not in self.kept.columns):
            value = rows[text] if text in rows.columns else rows[column]
            kept = rows.select(ROW, *extra, **{VALUE: value})
        else:
            written = self.raw.view()
            kept = rows.select(ROW, *extra).join(
                written.select(written[ROW], **{VALUE: written[column]}), ROW
            )
        return kept.order_by(ROW).to_pyarrow().to_pylist()


@dataclass
class Context:
    package: DataPackage
    engine: Engine
    tables: dict[str, Table] = field(default_factory=dict)
    # Tables the rules cannot use, and why: the structure layer reports them.
    skipped: dict[str, str] = field(default_factory=dict)
    # Tables whose file was plainly well formed (tables.plain_batches): the structure layer
    # has nothing to scan in them.
    plain: set[str] = field(default_factory=set)
    # What several rules need and is costly to get (the article texts), got once.
    cache: dict[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)


def written(kept: ir.Table, field: Field) -> ir.Column:
    """The field's cells as written, from a table kept by read_package."""
    return kept[TEXT + field.name] if parses(field) else kept[field.name]


def typed_table(raw: ir.Table, schema: TableSchema, text: bool = False) -> ir.Table:
    """Each field parsed by its type's adapter; `_row` kept where there is one; with
    `text`, the cells as written beside each field that parses."""
    kept = [raw[ROW]] if ROW in raw.columns else []
    typed = [field_type(f).parse(raw[f.name], f).name(f.name) for f in schema.fields]
    texts = [raw[f.name].name(TEXT + f.name) for f in schema.fields if text and parses(f)]
    return raw.select(*kept, *typed, *texts)


def _raw(engine: Engine, resource: Resource, file) -> tuple[ir.Table | None, bool, str | None]:
    """(text table, plainly well formed, why unreadable)."""
    schema = resource.schema
    if plainly_framed(file, schema):
        table = engine.read_csv(resource.name, file, schema.field_names, schema.missing_values)
        if table is not None:
            return table, True, None
    read = plain_batches(file, schema)
    if read is not None:
        table = engine.ingest(resource.name, read[0])
        if read[1].plain:
            return table, True, None
    try:
        frame = read_raw(file, schema)
    except Exception as exc:  # any unreadable file becomes a reported problem
        return None, False, (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if list(frame.columns) != schema.field_names:
        return (
            None,
            False,
            f"header {','.join(map(str, frame.columns))} differs from the schema's "
            f"{','.join(schema.field_names)}",
        )
    return engine.ingest(resource.name, raw_batches(frame, schema)), False, None


def read_package(package: DataPackage, engine: Engine) -> Context:
    """Read every table whose file and header fit its schema; note why the others don't."""
    context = Context(package=package, engine=engine)
    for resource in package.resources:
        file = resource.file(package.basepath)
        if resource.schema is None or file is None or not resource.is_csv:
            continue  # reported by the structure layer; an outside path is never read
        raw, plain, why = _raw(engine, resource, file)
        if raw is None:
            context.skipped[resource.name] = why
            continue
        if plain:
            context.plain.add(resource.name)
        kept = engine.keep(resource.name, typed_table(raw, resource.schema, text=True))
        engine.drop(raw)
        context.tables[resource.name] = Table(resource, kept)
    return context
