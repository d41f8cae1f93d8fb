"""The seed release's selection, and what the pictures should show, read from the CSVs."""

from __future__ import annotations

import csv
import struct
from pathlib import Path

import pytest

from conflict_events.export import select
from tests.conftest import REPO


def rows(table: str) -> list[dict[str, str]]:
    with (REPO / "datasets" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def placed_event_ids(event_type: str | None = None) -> set[str]:
    """Events whose location has coordinates, as the CSVs give them."""
    located = {r["location_id"] for r in rows("locations") if r["latitude"] and r["longitude"]}
    return {
        e["event_id"]
        for e in rows("events")
        if e["location_id"] in located and event_type in (None, e["event_type"])
    }


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header; fails on anything that is not a PNG."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def selection(seed_release):
    return select(source=seed_release)
