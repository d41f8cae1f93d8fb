"""Cell conversions every export shares."""

from __future__ import annotations

import re

import pandas as pd

_DIGITS = re.compile(r"[0-9]+")
# The one column every export adds after the other dataset's own: the rules an event's
# source breaks (events.source_flags), empty for curated events.
FLAGS = "source_flags"


def event_number(event_id: str) -> int:
    """The number in an event_id (evt_00000001 -> 1): the `id` other datasets expect."""
    return int(_DIGITS.search(event_id).group())


def list_items(cell: object, delimiter: str) -> list[str]:
    """A delimited list cell's items, stripped, empty ones dropped ([] for a missing cell)."""
    if not isinstance(cell, str) or pd.isna(cell):
        return []
    return [item.strip() for item in cell.split(delimiter) if item.strip()]
