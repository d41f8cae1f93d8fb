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


def command_line_options(name: str, master: str | None, conf: list[str] | None) -> dict[str, Any]:
    """The options `connect` takes, from the command line's --spark-master and --spark-conf
    (KEY=VALUE each); EngineError when they do not go with the engine `name`."""
    if name != "spark":
        if master or conf:
            raise EngineError("--spark-master and --spark-conf go with --engine spark")
        return {}
    settings = {}
    for item in conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise EngineError(f"--spark-conf takes KEY=VALUE, not {item!r}")
        settings[key] = value
    return {"conf": settings} | ({"master": master} if master else {})


@contextmanager
def running(name: str = DEFAULT, **options: Any) -> Iterator[Engine]:
    """An engine for the length of a `with` block; its scratch files go with it."""
    engine = connect(name, **options)
    try:
        yield engine
    finally:
        engine.close()


__all__ = [
    "DEFAULT",
    "ENGINES",
    "Engine",
    "EngineError",
    "command_line_options",
    "connect",
    "running",
]
