"""The release as one SQLite database, for SQL clients and Datasette (`conflict-events serve`).

Every table and the events_flat view, typed from the Table Schemas: integer -> INTEGER,
number -> REAL, boolean -> INTEGER 0/1, date -> TEXT (ISO 8601, YYYY-MM-DD), string and
list -> TEXT (a list as its delimited string, as in the CSV). A missing value is NULL, never
0 or ''. Primary keys, foreign keys, NOT NULL and UNIQUE come from the schemas; every
foreign-key and date column is indexed (a primary key has SQLite's own index).

Each integer vocabulary of the events table (date and geographic precision) also gets a
lookup table named after its field, `code`, `label`, `description`, filled from the
field's categories; every column that takes those codes (the field in events and
events_flat, a crosswalk's key naming it with `x-vocabulary`) has a foreign key to it, so
a join, or Datasette, shows each code's label beside it. Such a column is not indexed: a
handful of codes spread over every row is no use to look up by, and the lookup tables
never change. The crosswalks' own integer codes (ACLED's) get no lookup table, which
keeps the list of tables short.

SQLite keeps no comments, so the titles and descriptions go into two tables of their own,
`_tables` and `_columns`, which any SQLite client can read.

The bytes depend only on the rows and the SQLite library: the same statements in the same
order, a fixed page size, no timestamps, and a VACUUM at the end, which rewrites the file
compactly in a fixed order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa

from conflict_events.build.written import Written
from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.types import field_type

PAGE_SIZE = 4096
FORMAT = "sqlite"
MEDIA_TYPE = "application/vnd.sqlite3"
TABLES_TABLE = "_tables"
COLUMNS_TABLE = "_columns"
OWN_TABLES = {  # what the two tables that describe the others hold
    TABLES_TABLE: "The title and description of each table of this database.",
    COLUMNS_TABLE: "Each column of each table: its title, Table Schema type and description.",
}
LABEL_COLUMN = "label"  # of a lookup table: what Datasette shows beside a code
CODED_TABLE = "events"  # whose integer vocabularies get lookup tables
_NAMING_KEYS = ("x-vocabulary", "x-values-from")  # a column taking the codes of "table.field"
_BATCH_ROWS = 50_000  # rows converted to Python at a time: bounds the memory a large table takes


class About(NamedTuple):
    """What the release says of one table: its title, description and Table Schema."""

    title: str
    description: str
    schema: TableSchema


def sqlite_name(stem: str) -> str:
    """The database's file name, after the release's (see archive.release_stem)."""
    return f"{stem}.sqlite"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _names(names: Iterable[str]) -> str:
    return ", ".join(_quoted(n) for n in names)


def _column(field: Field, schema: TableSchema) -> str:
    definition = f"{_quoted(field.name)} {field_type(field).sqlite}"
    if field.required:
        definition += " NOT NULL"
    if field.unique and schema.primary_key != [field.name]:
        definition += " UNIQUE"
    return definition


def create_table(name: str, schema: TableSchema, coded: Mapping[str, str] | None = None) -> str:
    """The CREATE TABLE statement of one table, keys included; `coded` maps a column to the
    lookup table whose codes it takes."""
    parts = [_column(f, schema) for f in schema.fields]
    if schema.primary_key:
        parts.append(f"PRIMARY KEY ({_names(schema.primary_key)})")
    parts += [
        f"FOREIGN KEY ({_names(key.fields)}) REFERENCES {_quoted(key.resource)} "
        f"({_names(key.reference_fields)})"
        for key in schema.foreign_keys(name)
    ]
    parts += [
        f"FOREIGN KEY ({_quoted(column)}) REFERENCES {_quoted(lookup)} (code)"
        for column, lookup in (coded or {}).items()
    ]
    statement = f"CREATE TABLE {_quoted(name)} (\n  " + ",\n  ".join(parts) + "\n)"
    return statement + (" WITHOUT ROWID" if _clustered(schema) else "")


def _clustered(schema: TableSchema) -> bool:
    """Rows stored in the primary key's own b-tree, not in a rowid table plus an index that
    repeats the key (for a table keyed by all but one column, nearly the whole row): the
    same lookups at about a third less space. An INTEGER key already is the rowid."""
    key = schema.primary_key
    return bool(key) and not (len(key) == 1 and schema.field(key[0]).type == "integer")


def create_indexes(name: str, schema: TableSchema) -> list[str]:
    """An index on every foreign key and date column, unless the primary key's index starts
    with the same columns."""
    wanted = [key.fields for key in schema.foreign_keys(name)]
    wanted += [(f.name,) for f in schema.fields if f.type == "date"]
    statements = []
    for columns in dict.fromkeys(wanted):
        if tuple(schema.primary_key[: len(columns)]) == columns:
            continue
        index = _quoted(f"idx_{name}_{'_'.join(columns)}")
        statements.append(f"CREATE INDEX {index} ON {_quoted(name)} ({_names(columns)})")
    return statements


def vocabularies(tables: Mapping[str, About]) -> dict[str, Field]:
    """Lookup table -> the labelled integer vocabulary of the events table it holds, when
    events is among `tables`. A field of that name with other categories in another table
    is an error: its codes would be read with the wrong labels."""
    if CODED_TABLE not in tables:
        return {}
    found = {f.name: f for f in tables[CODED_TABLE].schema.fields if f.labelled}
    for table, about in tables.items():
        if table in found:
            raise ValueError(
                f"table {table} has the name of the lookup table of {CODED_TABLE}.{table}"
            )
        for field in about.schema.fields:
            own = found.get(field.name)
            if own is not None and field.categories and field.categories != own.categories:
                raise ValueError(
                    f"{table}.{field.name} and {CODED_TABLE}.{field.name} have different "
                    "categories: one lookup table cannot label both"
                )
    return found


def lookup_about(vocabulary: Field) -> About:
    """The title, description and schema of the lookup table of one vocabulary."""
    reference = f"{CODED_TABLE}.{vocabulary.name}"
    fields = [
        {
            "name": "code",
            "title": "Code",
            "type": "integer",
            "description": f"A code of {reference}.",
            "constraints": {"required": True, "unique": True},
        },
        {
            "name": LABEL_COLUMN,
            "title": "Label",
            "type": "string",
            "description": f"The code's label, shown beside it wherever {reference} is.",
            "constraints": {"required": True},
        },
        {
            "name": "description",
            "title": "Definition",
            "type": "string",
            "description": "What the code means; empty where the schema gives no definition.",
        },
    ]
    return About(
        f"{vocabulary.descriptor.get('title', vocabulary.name)} codes",
        f"The codes of {reference}: {vocabulary.description or ''}".strip(),
        TableSchema({"fields": fields, "primaryKey": ["code"]}),
    )


def _coded(schema: TableSchema, lookups: Mapping[str, Field]) -> dict[str, str]:
    """Column -> lookup table, for the columns taking a vocabulary's codes: the field
    itself (its categories, as in events_flat) or an integer column naming it."""
    coded = {}
    for field in schema.fields:
        if field.name in lookups and field.categories:
            coded[field.name] = field.name
        elif field.type == "integer":
            for key in _NAMING_KEYS:
                table, _, name = field.descriptor.get(key, "").partition(".")
                if table == CODED_TABLE and name in lookups:
                    coded[field.name] = name
                    break
    return coded


def _plain(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column as SQLite stores it: codes decoded, dates as ISO text, booleans as 0/1."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pa.types.is_date(column.type):
        return column.cast(pa.string())  # YYYY-MM-DD
    if pa.types.is_boolean(column.type):
        return column.cast(pa.int64())
    return column


def _rows(batches: Iterable[pa.RecordBatch]) -> Iterator[tuple]:
    for batch in batches:
        for start in range(0, batch.num_rows, _BATCH_ROWS):
            part = batch.slice(start, _BATCH_ROWS)
            yield from zip(*(_plain(c).to_pylist() for c in part.columns), strict=True)


def _describe(connection: sqlite3.Connection, tables: dict[str, About]) -> None:
    connection.execute(
        f"CREATE TABLE {TABLES_TABLE} (name TEXT PRIMARY KEY, title TEXT, description TEXT)"
    )
    connection.execute(
        f"CREATE TABLE {COLUMNS_TABLE} (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
        "position INTEGER NOT NULL, title TEXT, type TEXT NOT NULL, description TEXT, "
        f"PRIMARY KEY (table_name, column_name), "
        f"FOREIGN KEY (table_name) REFERENCES {TABLES_TABLE} (name))"
    )
    connection.executemany(
        f"INSERT INTO {TABLES_TABLE} VALUES (?, ?, ?)",
        [(name, about.title, about.description or None) for name, about in tables.items()],
    )
    connection.executemany(
        f"INSERT INTO {COLUMNS_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
        [
            (name, f.name, i, f.descriptor.get("title"), f.type, f.description)
            for name, about in tables.items()
            for i, f in enumerate(about.schema.fields, start=1)
        ],
    )


def write_database(path: Path, tables: dict[str, About], data: Mapping[str, Written]) -> Path:
    """Write every table of `tables`, with the rows written to Parquet in their order
    (read back a batch at a time), to `path`."""
    lookups = vocabularies(tables)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA journal_mode = OFF")  # a failed build discards the file
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        for name, about in tables.items():
            connection.execute(create_table(name, about.schema, _coded(about.schema, lookups)))
            marks = ", ".join("?" * len(about.schema.fields))
            connection.executemany(
                f"INSERT INTO {_quoted(name)} VALUES ({marks})",
                _rows(data[name].batches(about.schema.field_names)),
            )
            for statement in create_indexes(name, about.schema):
                connection.execute(statement)
        described = dict(tables)
        for name, vocabulary in lookups.items():
            described[name] = lookup_about(vocabulary)
            connection.execute(create_table(name, described[name].schema))
            connection.executemany(
                f"INSERT INTO {_quoted(name)} VALUES (?, ?, ?)",
                [
                    (c["value"], c["label"], c.get("description") or None)
                    for c in vocabulary.categories
                ],
            )
        _describe(connection, described)
        connection.execute("COMMIT")
        connection.execute("VACUUM")
    finally:
        connection.close()
    return path


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table of a written database."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            n: connection.execute(f"SELECT count(*) FROM {_quoted(n)}").fetchone()[0] for n in names
        }
    finally:
        connection.close()
