"""Plant known errors in a synthetic package, one kind per rule class, and list them.

Each planted error is reported by exactly one rule on exactly one cell, so a validator's
report can be compared with the list line for line. Rows are never reused across kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import pandas as pd

# (table, column as reported, rule, which rows qualify, what to write)
Planter = Callable[[pd.DataFrame, int], None]


def _set(column: str, value: object) -> Planter:
    def plant(frame: pd.DataFrame, index: int) -> None:
        frame[column] = frame[column].astype(object)
        frame.at[index, column] = value

    return plant


def _after_publication(frame: pd.DataFrame, index: int) -> None:
    published = pd.Timestamp(frame.at[index, "_published"])
    frame.at[index, "event_date"] = (published + pd.Timedelta(days=30)).date().isoformat()


def _end_before_start(frame: pd.DataFrame, index: int) -> None:
    start = date.fromisoformat(frame.at[index, "event_date"])
    frame.at[index, "event_date_end"] = (start - timedelta(days=1)).isoformat()


def _low_above_best(frame: pd.DataFrame, index: int) -> None:
    frame["fatalities_low"] = frame["fatalities_low"].astype(object)
    frame.at[index, "fatalities_low"] = int(frame.at[index, "fatalities_best"]) + 1


def _shifted_quote(frame: pd.DataFrame, index: int) -> None:
    frame.at[index, "quote_start"] += 1
    frame.at[index, "quote_end"] += 1


def _in_the_ocean(frame: pd.DataFrame, index: int) -> None:
    frame["latitude"] = frame["latitude"].astype(object)
    frame["longitude"] = frame["longitude"].astype(object)
    frame.at[index, "latitude"], frame.at[index, "longitude"] = 0.0, -30.0


def _repeated_name(frame: pd.DataFrame, index: int) -> None:
    frame.at[index, "name"] = frame.at[0, "name"]


def _is_day(frame: pd.DataFrame) -> pd.Series:
    return frame["date_precision"] == 1


RULE_CLASSES: dict[str, tuple[str, str, Callable[[pd.DataFrame], pd.Series], Planter]] = {
    # rule: (table, column, rows that qualify, planter)
    "type": ("events", "event_date", _is_day, _set("event_date", "2021-02-30")),
    "enum": ("events", "sub_event_type", _is_day, _set("sub_event_type", "Skirmish")),
    "required": ("events", "summary", _is_day, _set("summary", None)),
    "minimum": (
        "events",
        "fatalities_best",
        lambda f: f["fatalities_low"].isna() & f["fatalities_high"].isna(),
        _set("fatalities_best", -1),
    ),
    "foreign-key": ("events", "location_id", _is_day, _set("location_id", "loc_999999")),
    "fatalities-order": (
        "events",
        "fatalities_low",
        lambda f: f["fatalities_best"].notna() & f["fatalities_high"].isna(),
        _low_above_best,
    ),
    "date-order": (
        "events",
        "event_date_end",
        lambda f: f["date_precision"] > 1,
        _end_before_start,
    ),
    "date-after-publication": ("events", "event_date", _is_day, _after_publication),
    "formula-injection": ("events", "summary", _is_day, _set("summary", "=1+1")),
    "unique": ("actors", "name", lambda f: f.index > 0, _repeated_name),
    "codelist": ("sources", "language", lambda f: f.index >= 0, _set("language", "xx")),
    "quote-verbatim": ("event_sources", "quote", lambda f: f.index >= 0, _shifted_quote),
    "coordinates-in-country": (
        "locations",
        "latitude,longitude",
        lambda f: f["latitude"].notna(),
        _in_the_ocean,
    ),
}


def plant_errors(
    tables: dict[str, pd.DataFrame], count: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Plant `count` errors of every rule class in `tables` (changed in place); return the
    list as file, row (spreadsheet number, header = 1), column, rule."""
    used: dict[str, set[int]] = {}
    planted = []
    for rule, (table, column, qualifies, plant) in RULE_CLASSES.items():
        frame = tables[table]
        taken = used.setdefault(table, set())
        candidates = frame.index[np.asarray(qualifies(frame), dtype=bool)]
        candidates = np.array([i for i in candidates if i not in taken])
        if len(candidates) < count:
            raise ValueError(
                f"too few rows in {table} to plant {count} {rule} errors: use more events"
            )
        for index in sorted(rng.choice(candidates, size=count, replace=False)):
            plant(frame, int(index))
            taken.add(int(index))
            planted.append((f"datasets/{table}.csv", int(index) + 2, column, rule))
    return pd.DataFrame(planted, columns=["file", "row", "column", "rule"])
