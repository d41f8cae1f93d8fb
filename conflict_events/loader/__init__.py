"""Load the data: any table of any release as pandas, Arrow or DuckDB, verified and cached."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from conflict_events.loader.read import LoadError, read_arrow, read_pandas
from conflict_events.loader.sources import cache_dir, resolve

__all__ = ["LoadError", "cache_dir", "connect", "events_flat", "load", "load_package"]


def load(
    table: str = "events",
    *,
    version: str | None = None,
    source: str | Path | None = None,
    as_arrow: bool = False,
    columns: list[str] | None = None,
    country: str | list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    **filters: Any,
) -> pd.DataFrame | pa.Table:
    """One table of a release, typed: pandas by default, a pyarrow Table with as_arrow=True.

    Without version= or source=, the release of this package's own version is read, so it
    works offline. country= takes ISO 3166-1 codes in any case ('SYR', 'syr', 'SY') or
    country names ('Syria', 'Syrian Arab Republic'); start= and end= bound event_date
    (inclusive, YYYY-MM-DD; start after end is an error); any other keyword filters a
    column by one or more values, e.g. event_type="Battles". Filters are applied while
    reading the Parquet file, so row groups they rule out are not read; columns= reads only
    the columns named (a filter may use others).

    The release is verified whole on its first load and, on later ones in any process, by
    the size and times of its Parquet files (see conflict_events.loader.verified).
    """
    release = resolve(source, version)
    chosen = {"country": country, "start": start, "end": end, **filters}
    reader = read_arrow if as_arrow else read_pandas
    return reader(release, table, chosen, columns)


def load_package(
    *, version: str | None = None, source: str | Path | None = None, as_arrow: bool = False
) -> dict[str, pd.DataFrame | pa.Table]:
    """Every table of a release, by name (events_flat included)."""
    release = resolve(source, version)
    reader = read_arrow if as_arrow else read_pandas
    return {name: reader(release, name) for name in release.tables}


def events_flat(**options: Any) -> pd.DataFrame | pa.Table:
    """One row per event with its place, actors by role and sources; takes load()'s options."""
    return load("events_flat", **options)


def connect(
    *, version: str | None = None, source: str | Path | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the release."""
    release = resolve(source, version)
    connection = duckdb.connect()
    for name in release.tables:
        path = release.path(name).as_posix().replace("'", "''")
        connection.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{path}')")
    return connection
