"""DuckDB, embedded: the default engine. Its tables live in memory up to a limit and
spill to the engine's scratch folder beyond it, so a package larger than memory still
validates and builds."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa

from conflict_events.engine.session import Engine

ROW = "_row"  # as conflict_events.tables names it: the engine knows no more of the package

# The working memory DuckDB takes before it spills to its scratch folder: validation
# keeps its peak near 1.3 GB this way at a million events. A build asks for more (its
# lists of actors and sources per event are aggregates DuckDB cannot spill).
MEMORY_LIMIT = "1GB"
BUILD_MEMORY_LIMIT = "2GB"


def _take(engine: Engine, name: str, batches: pa.RecordBatchReader) -> ir.Table:
    connection = engine.backend.con
    connection.register(f"{name}_stream", batches)
    try:
        connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM "{name}_stream"')
    finally:
        connection.unregister(f"{name}_stream")
    return engine.backend.table(name)


_EXTRA = "_extra_cell"  # a column past the schema's: a cell there is one cell too many


def _read_csv(
    engine: Engine, name: str, path: Path, names: list[str], missing: list[str]
) -> ir.Table | None:
    """A plainly framed CSV file (tables.plainly_framed) read by DuckDB's parallel reader,
    every cell as text, rows numbered in the file's order; None when a row is not plain
    (a cell too many or too few, a quote left open, bytes that are not UTF-8, a row of
    empty cells): the file is then read the slow way, which names them.

    DuckDB lets a row end with one empty cell too many, and pads a short row quietly when
    asked to: so one column more than the schema's is read, nothing is taken as missing
    while reading, and the rows are then judged by what landed where."""
    connection = engine.backend.con
    columns = "{" + ", ".join(f"{_quoted(n)}: 'VARCHAR'" for n in [*names, _EXTRA]) + "}"
    source = f"{name}_csv"
    try:
        connection.execute(
            f'CREATE TABLE "{source}" AS SELECT * FROM read_csv({_quoted(str(path))}, '
            f"header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            f"columns = {columns}, nullstr = '\x00', strict_mode = true, null_padding = true)"
        )
    except duckdb.Error:
        return None
    last = _name(names[-1])
    nothing = [_quoted(m) for m in missing]
    empty = " AND ".join(f"coalesce({_name(n)} IN ({', '.join(nothing)}), true)" for n in names)
    [(wrong,)] = connection.execute(
        f'SELECT count(*) FROM "{source}" WHERE {_name(_EXTRA)} IS NOT NULL '
        f"OR {last} IS NULL OR ({empty})"
    ).fetchall()
    if wrong:
        connection.execute(f'DROP TABLE "{source}"')
        return None
    cells = ", ".join(
        f"CASE WHEN {_name(n)} IN ({', '.join(nothing)}) THEN NULL ELSE {_name(n)} END AS {_name(n)}"
        for n in names
    )
    # DuckDB keeps rows in the order it read them (preserve_insertion_order): rowid is
    # each row's place in the file.
    connection.execute(
        f'CREATE VIEW "{name}" AS SELECT rowid + 2 AS "{ROW}", {cells} FROM "{source}"'
    )
    return engine.backend.table(name)


def _name(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _let_go(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a table taken in, or a file's view and the table under it."""
    [(kind,)] = connection.execute(
        "SELECT coalesce(max(table_type), '') FROM information_schema.tables WHERE table_name = ?",
        [name],
    ).fetchall()
    if kind == "VIEW":
        connection.execute(f'DROP VIEW "{name}"; DROP TABLE IF EXISTS "{name}_csv"')
    elif kind:
        connection.execute(f'DROP TABLE "{name}"')


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _stream(engine: Engine, expression: ir.Table, rows: int) -> pa.RecordBatchReader:
    # Ibis 12's to_pyarrow_batches calls a method DuckDB 2 no longer has.
    sql = engine.backend.compile(expression)
    return engine.backend.con.sql(sql).to_arrow_reader(rows)


def _hold(engine: Engine, name: str, expression: ir.Table) -> ir.Table:
    # Plain SQL: Ibis's create_table walks the expression for UDFs first, a cost paid on
    # every table of every validation.
    sql = engine.backend.compile(expression)
    connection = engine.backend.con
    # A kept table's rows are ordered when they are read (by _row or a key), so DuckDB
    # need not keep them in order while it makes it: that lets it spill more.
    connection.execute("SET preserve_insertion_order = false")
    try:
        connection.execute(f'CREATE TABLE "{name}" AS {sql}')
    finally:
        connection.execute("SET preserve_insertion_order = true")
    return engine.backend.table(name)


def connect_duckdb(memory_limit: str = MEMORY_LIMIT, threads: int | None = None) -> Engine:
    engine = Engine("duckdb", ibis.duckdb.connect(), _take, _hold, _stream)
    connection = engine.backend.con
    connection.execute(f"SET memory_limit = '{memory_limit}'")
    connection.execute(f"SET temp_directory = '{engine.scratch}'")
    connection.execute(f"SET threads = {threads or os.cpu_count() or 1}")
    # Ibis writes lambdas (list_transform) in the arrow form DuckDB 2 asks to opt into.
    connection.execute("SET lambda_syntax = 'ENABLE_SINGLE_ARROW'")
    connection.execute("SET enable_progress_bar = false")  # reports are one line per problem
    engine.stop = engine.backend.disconnect
    engine.let_go = lambda name: _let_go(connection, name)
    engine.csv = _read_csv
    return engine
