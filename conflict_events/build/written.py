"""Tables written from the engine's batches, never whole in memory: Parquet in fixed row
groups, CSV as the curated files are written, and what each wrote, for the later steps
(SQLite, checks) to read back batch by batch."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events.tables import csv_text

# Rows per Parquet row group: each group carries min/max statistics, so a filtered read
# can skip the groups they rule out (only where the rows' order follows the filtered
# column: the tables are in primary-key order); large enough to compress well.
ROW_GROUP_ROWS = 64 * 1024


@dataclass(frozen=True)
class Written:
    """A table as written to Parquet: its file, Arrow schema and number of rows."""

    path: Path
    schema: pa.Schema
    num_rows: int

    def batches(self, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        yield from pq.ParquetFile(self.path).iter_batches(ROW_GROUP_ROWS, columns=columns)


def _regrouped(batches: Iterable[pa.RecordBatch], rows: int) -> Iterator[pa.Table]:
    """The rows in pieces of exactly `rows` (the last one shorter), however the engine
    happened to cut its batches: the same data give the same row groups, so the same bytes."""
    held: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        held.append(batch)
        count += batch.num_rows
        while count >= rows:
            table = pa.Table.from_batches(held)
            yield table.slice(0, rows)
            rest = table.slice(rows)
            held, count = rest.to_batches(), rest.num_rows
    if count:
        yield pa.Table.from_batches(held)


def write_parquet(path: Path, schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> Written:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for piece in _regrouped(batches, ROW_GROUP_ROWS):
            writer.write_table(piece.cast(schema), row_group_size=ROW_GROUP_ROWS)
            rows += piece.num_rows
    return Written(path, schema, rows)


def write_csv(path: Path, header: list[str], batches: Iterable[pa.RecordBatch]) -> int:
    """Text cells as a CSV file, header first, missing cells empty, written as tables.csv_text
    writes the curated files (a cell quoted where it must be; a row with a carriage return
    quoted whole), but by Arrow's kernels, a batch at a time; the number of rows."""
    rows = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.write(csv_text([header], carriage_returns=False).encode("utf-8"))
        for batch in batches:
            if batch.num_rows:
                f.write(_csv_lines([batch.column(n).cast(pa.string()) for n in header]))
            rows += batch.num_rows
    return rows


def _csv_lines(columns: list[pa.Array]) -> bytes:
    cells = [pc.fill_null(c, "") for c in columns]
    escaped = [pc.replace_substring(c, '"', '""') for c in cells]
    quoted = [pc.binary_join_element_wise('"', c, '"', "") for c in escaped]
    returns = functools.reduce(pc.or_, [pc.match_substring(c, "\r") for c in cells])
    written = [
        pc.if_else(pc.or_(returns, pc.match_substring_regex(c, '[,"\n]')), q, c)
        for c, q in zip(cells, quoted, strict=True)
    ]
    lines = pc.binary_join_element_wise(*written, ",")
    return ("\n".join(lines.to_pylist()) + "\n").encode("utf-8")


def copy_csv(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
