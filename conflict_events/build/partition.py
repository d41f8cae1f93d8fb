"""Hive-partitioned Parquet of the event tables, for readers that split work across files.

`parquet/<table>/<key>=<value>/part-0.parquet`, one file per value of the key:

- `year`: the year of the event's `event_date`;
- `country`: the ISO alpha-3 `country_iso3` of the event's location.

`events` and `events_flat` are partitioned by their own event; `event_actors` and
`event_sources` by the event each row belongs to (one lookup on `event_id`), so an event's
actors and evidence lie in the partition of the event and a filter on the key prunes the
same folders in every table. The small tables (sources, locations, actors, retired_ids)
stay single files.

The key is not a column of the tables: it is added for the split and, as hive partitioning
does, kept in the folder name only, so each file holds exactly the table's columns, in
primary-key order, and is a complete Parquet file of its Table Schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.dataset as ds

from conflict_events.metadata import TableSchema
from conflict_events.metadata.arrow import release_batches

PARTITION_KEYS = {
    "year": "the year of the event's event_date",
    "country": "the ISO alpha-3 country code (country_iso3) of the event's location",
}
PARTITIONED_TABLES = ["events", "event_actors", "event_sources", "events_flat"]
FOLDER = "parquet"
_BASENAME = "part-{i}.parquet"


def described(table: str, key: str, files: int) -> dict[str, object]:
    """What the descriptor says of a table's partitions (`x-partitions` on its resource):
    the folder, the key and how many files; each file is listed in SHA256SUMS and
    MANIFEST.csv, not in the descriptor, which so stays the same size however many there are.
    """
    return {"path": f"{FOLDER}/{table}", "key": key, "flavor": "hive", "files": files}


def check_key(key: str) -> None:
    if key not in PARTITION_KEYS:
        raise ValueError(f"cannot partition by {key!r}: choose one of {', '.join(PARTITION_KEYS)}")


def event_keys(typed: dict[str, ir.Table], key: str) -> ir.Table:
    """(event_id, the key's value) for every event."""
    check_key(key)
    events = typed["events"]
    if key == "year":
        return events.select(
            keyed_event=events.event_id, **{key: events.event_date.year().cast("int32")}
        )
    locations = typed["locations"]
    placed = events.left_join(locations, events.location_id == locations.location_id)
    return placed.select(keyed_event=placed.event_id, **{key: placed.country_iso3})


def keyed(rows: ir.Table, keys: ir.Table, key: str) -> ir.Table:
    """The table's rows with the key's value of the event each belongs to."""
    if key in rows.columns:
        raise ValueError(f"a table has a column {key!r}: the partition key would hide it")
    return rows.left_join(keys, rows.event_id == keys.keyed_event).drop("keyed_event")


def with_key(
    stream: Iterable[pa.RecordBatch], schema: TableSchema, target: pa.Schema, name: str, key: str
) -> Iterator[pa.RecordBatch]:
    """The engine's batches as the release stores them, each with its key column last."""
    for batch in stream:
        values = batch.column(key)
        if values.null_count:
            raise ValueError(f"{name}: {values.null_count} row(s) belong to no event")
        [out] = release_batches([batch], schema, target)
        yield out.append_column(pa.field(key, values.type, nullable=False), values)


def write_partitions(
    folder: Path, name: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema, key: str
) -> list[str]:
    """Write one table, its batches carrying the key as their last column, split by the
    key; return the files written, as sorted release paths.

    One thread and the rows' own order make the bytes the same on every build."""
    base = folder / FOLDER / name
    ds.write_dataset(
        batches,
        base,
        schema=schema,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([schema.field(key)]), flavor="hive"),
        basename_template=_BASENAME,
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        use_threads=False,
        preserve_order=True,
        existing_data_behavior="error",
    )
    return sorted(p.relative_to(folder).as_posix() for p in base.rglob("*.parquet"))
