"""DuckDB, embedded: the default engine. Its tables live in memory up to a limit and
spill to the engine's scratch folder beyond it, so a package larger than memory still
validates and builds."""

from __future__ import annotations

import os

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from conflict_events.engine.session import Engine

# Enough for the joins of 10M events; the rest spills to disk rather than fail.
MEMORY_LIMIT = "2GB"


def _take(engine: Engine, name: str, batches: pa.RecordBatchReader) -> ir.Table:
    connection = engine.backend.con
    connection.register(f"{name}_stream", batches)
    try:
        connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM "{name}_stream"')
    finally:
        connection.unregister(f"{name}_stream")
    return engine.backend.table(name)


def _stream(engine: Engine, expression: ir.Table, rows: int) -> pa.RecordBatchReader:
    # Ibis 12's to_pyarrow_batches calls a method DuckDB 2 no longer has.
    sql = engine.backend.compile(expression)
    return engine.backend.con.sql(sql).to_arrow_reader(rows)


def _hold(engine: Engine, name: str, expression: ir.Table) -> ir.Table:
    # Plain SQL: Ibis's create_table walks the expression for UDFs first, a cost paid on
    # every table of every validation.
    sql = engine.backend.compile(expression)
    engine.backend.con.execute(f'CREATE TABLE "{name}" AS {sql}')
    return engine.backend.table(name)


def connect_duckdb(memory_limit: str = MEMORY_LIMIT, threads: int | None = None) -> Engine:
    engine = Engine("duckdb", ibis.duckdb.connect(), _take, _hold, _stream)
    connection = engine.backend.con
    connection.execute(f"SET memory_limit = '{memory_limit}'")
    connection.execute(f"SET temp_directory = '{engine.scratch}'")
    connection.execute(f"SET threads = {threads or os.cpu_count() or 1}")
    # Ibis writes lambdas (list_transform) in the arrow form DuckDB 2 asks to opt into.
    connection.execute("SET lambda_syntax = 'ENABLE_SINGLE_ARROW'")
    engine.stop = engine.backend.disconnect
    engine.let_go = lambda name: connection.execute(f'DROP TABLE IF EXISTS "{name}"')
    return engine
