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

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

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


def event_keys(tables: dict[str, pa.Table], key: str) -> tuple[pa.Array, pa.Array]:
    """(event_id, key value) for every event."""
    check_key(key)
    events = tables["events"]
    event_ids = events["event_id"].combine_chunks()
    if key == "year":
        return event_ids, pc.year(events["event_date"]).cast(pa.int32()).combine_chunks()
    locations = tables["locations"]
    where = pc.index_in(events["location_id"], value_set=locations["location_id"])
    countries = pc.take(locations["country_iso3"], where).cast(pa.string())
    return event_ids, countries.combine_chunks()


def write_partitions(
    folder: Path, name: str, table: pa.Table, keys: tuple[pa.Array, pa.Array], key: str
) -> list[str]:
    """Write one table split by `key`; return the files written, as sorted release paths.

    One thread and the rows' own order make the bytes the same on every build."""
    if key in table.column_names:
        raise ValueError(f"{name} has a column {key!r}: the partition key would hide it")
    event_ids, values = keys
    where = pc.index_in(table["event_id"], value_set=event_ids)
    column = pc.take(values, where)
    if column.null_count:
        raise ValueError(f"{name}: {column.null_count} row(s) belong to no event")
    base = folder / FOLDER / name
    ds.write_dataset(
        table.append_column(pa.field(key, values.type, nullable=False), column),
        base,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([pa.field(key, values.type)]), flavor="hive"),
        basename_template=_BASENAME,
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        use_threads=False,
        preserve_order=True,
        existing_data_behavior="error",
    )
    return sorted(p.relative_to(folder).as_posix() for p in base.rglob("*.parquet"))
