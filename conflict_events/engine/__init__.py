"""The engine that validation and the build run on: an Ibis backend, DuckDB by default
(embedded, no server, spilling to disk under its memory limit) or Apache Spark, for data
one machine cannot hold (`pip install "conflict-events[spark]"`).

Rules and writers are Ibis expressions, so they do not know which engine runs them; an
engine only adds what Ibis leaves to each backend: starting it, and taking in a stream of
Arrow batches as a table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from conflict_events.engine.session import Engine, EngineError

ENGINES = ("duckdb", "spark")
DEFAULT = "duckdb"


def connect(name: str = DEFAULT, **options: Any) -> Engine:
    """Start the engine `name`. Options: DuckDB's `memory_limit`, `threads`; Spark's
    `master` (a master URL, `local[*]` by default) and `conf` (SparkSession settings)."""
    if name == "duckdb":
        from conflict_events.engine.duckdb import connect_duckdb

        return connect_duckdb(**options)
    if name == "spark":
        from conflict_events.engine.spark import connect_spark

        return connect_spark(**options)
    raise EngineError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")


@contextmanager
def running(name: str = DEFAULT, **options: Any) -> Iterator[Engine]:
    """An engine for the length of a `with` block; its scratch files go with it."""
    engine = connect(name, **options)
    try:
        yield engine
    finally:
        engine.close()


__all__ = ["DEFAULT", "ENGINES", "Engine", "EngineError", "connect", "running"]
