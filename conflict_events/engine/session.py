"""What every engine offers the rules and writers, whichever backend is behind it."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa


class EngineError(Exception):
    """The engine cannot start or is missing; the message says how to install it."""


@dataclass
class Engine:
    """An Ibis backend, a scratch folder of its own, and how it takes in Arrow batches."""

    name: str
    backend: ibis.BaseBackend
    take: Callable[[Engine, str, pa.RecordBatchReader], ir.Table]
    hold: Callable[[Engine, str, ir.Table], ir.Table]
    stream: Callable[[Engine, ir.Table, int], pa.RecordBatchReader]
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ce-engine-")))
    stop: Callable[[], None] = lambda: None
    # Frees a table's storage (DuckDB); a no-op where the engine frees what it no longer uses.
    let_go: Callable[[str], None] = lambda name: None
    # Reads a plainly framed CSV file itself, faster than Arrow batches (DuckDB); None:
    # the engine takes the file as batches.
    csv: Callable[..., ir.Table | None] | None = None
    _names: itertools.count = field(default_factory=itertools.count)

    def ingest(self, name: str, batches: pa.RecordBatchReader) -> ir.Table:
        """The batches as a table of the engine, read once: a stream of any length is
        taken without holding it whole in Python."""
        return self.take(self, f"{name}_{next(self._names)}", batches)

    def read_csv(
        self, name: str, path: Path, names: list[str], missing: list[str]
    ) -> ir.Table | None:
        """The file's cells as text with `_row`, read by the engine's own CSV reader, if it
        has one and the file holds no row that is not plain; None otherwise."""
        if self.csv is None:
            return None
        return self.csv(self, f"{name}_{next(self._names)}", path, names, missing)

    def keep(self, name: str, expression: ir.Table) -> ir.Table:
        """The expression computed once and kept, for rules that read it again and again."""
        return self.hold(self, f"{name}_{next(self._names)}", expression)

    def drop(self, table: ir.Table) -> None:
        """Let go of a table taken in or kept, once what is needed is kept elsewhere."""
        self.let_go(table.get_name())

    def batches(self, expression: ir.Table, rows: int = 64 * 1024) -> pa.RecordBatchReader:
        """The expression's rows as Arrow batches of at most `rows`, read as they come."""
        return self.stream(self, expression, rows)

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
