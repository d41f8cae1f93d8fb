"""Column operations the rules share, done by Arrow where pandas would go value by value."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as Arrow, text with 32-bit offsets: pandas hands over large_string, on
    which Arrow's hash grouping was 4x slower (1.7 s against 0.4 s for 1.5M keys)."""
    cells = pa.array(values, from_pandas=True)
    return pc.cast(cells, pa.string()) if pa.types.is_large_string(cells.type) else cells


def arrow_table(frame: pd.DataFrame, columns: list[str]) -> pa.Table:
    """These columns of a frame as an Arrow table, text as `arrow` gives it."""
    return pa.table({c: arrow(frame[c]) for c in columns})


def within(values: pd.Series, allowed: pd.Series | Iterable) -> pd.Series:
    """values.isin(allowed) (a missing value is never within). pandas 3 turns Arrow-backed
    strings into Python objects one by one for isin: 2.4 s of the key rules at 100,000
    events, where Arrow's is_in takes a few milliseconds."""
    value_set = allowed if isinstance(allowed, pd.Series) else list(allowed)
    cells = arrow(values)
    found = pc.is_in(cells, value_set=pa.array(value_set, from_pandas=True).cast(cells.type))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


_SEPARATOR = pa.scalar("\x1f", pa.string())  # the unit separator, between key parts


def repeats(frame: pd.DataFrame) -> pd.Series:
    """Which rows repeat an earlier row's values (as DataFrame.duplicated with keep="first").

    Arrow's value counts pick out the few rows whose values occur more than once; pandas
    orders only those. pandas alone spent 0.3 s per key column of 1M rows in factorize.
    """
    cells = [pc.cast(arrow(frame[c]), pa.string()) for c in frame]
    keys = cells[0] if len(cells) == 1 else pc.binary_join_element_wise(*cells, _SEPARATOR)
    counts = pc.value_counts(keys)
    repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    found = pd.Series(False, index=frame.index)
    if len(repeated) == 0:
        return found
    # A superset (a separator inside a value could join two keys alike); pandas decides.
    candidates = pc.is_in(keys, value_set=repeated).to_numpy(zero_copy_only=False)
    found[candidates] = frame[candidates].duplicated(keep="first").to_numpy()
    return found


def beyond(values: pd.Series, limit: int) -> pd.Series:
    """Which rows come after the first `limit` rows with the same value (missing values
    are never counted): Arrow's value counts find the few values over the limit first."""
    counts = pc.value_counts(arrow(values).drop_null())
    over = counts.field("values").filter(pc.greater(counts.field("counts"), limit))
    found = pd.Series(False, index=values.index)
    if len(over):
        candidates = within(values, pd.Series(over.to_pylist(), dtype=values.dtype))
        found[candidates] = values[candidates].groupby(values[candidates]).cumcount() >= limit
    return found
