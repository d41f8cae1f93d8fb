"""Plant known errors in a synthetic package, one kind per rule class, and list them.

Each planted error is reported by exactly one rule on exactly one cell, so a validator's
report can be compared with the list line for line. Rows are never reused across kinds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd


class Tables(dict[str, pd.DataFrame]):
    """Every table of the package being written, by name, and the package's folder (where
    the articles are already stored)."""

    def __init__(self, root: Path, tables: dict[str, pd.DataFrame]) -> None:
        super().__init__(tables)
        self.root = root


@dataclass(frozen=True)
class Spot:
    """Where an error planted outside the tables is reported: a file, a line, a column."""

    file: str
    row: int
    column: str | None = None


# What to write: given every table, the table to plant in and a row of it, plant the
# error; return the row it is reported on when that is another, appended row, or the
# spot when it is reported outside the tables.
Planter = Callable[[Tables, pd.DataFrame, int], int | Spot | None]
EXTRA_CELL = "_extra_cell"  # a helper column: the writer adds an empty cell to these rows


def _set(column: str, value: object) -> Planter:
    def plant(tables: dict, frame: pd.DataFrame, index: int) -> None:
        if column not in frame:
            frame[column] = None
        frame[column] = frame[column].astype(object)
        frame.at[index, column] = value

    return plant


def _on_row(change: Callable[[pd.DataFrame, int], None]) -> Planter:
    def plant(tables: dict, frame: pd.DataFrame, index: int) -> None:
        change(frame, index)

    return plant


def _append(frame: pd.DataFrame, row: dict) -> int:
    new = len(frame)
    frame.loc[new] = pd.Series(row)
    return new


def _duplicate_row(tables: dict, frame: pd.DataFrame, index: int) -> int:
    return _append(frame, frame.loc[index].to_dict())


def _second_actor1(tables: dict, frame: pd.DataFrame, index: int) -> int:
    """Another actor of the package named as the event's first actor a second time."""
    event_id = frame.at[index, "event_id"]
    linked = set(frame.loc[frame["event_id"] == event_id, "actor_id"])
    other = next(a for a in tables["actors"]["actor_id"] if a not in linked)
    return _append(frame, {"event_id": event_id, "actor_id": other, "role": "actor1"})


def _retire(tables: dict, frame: pd.DataFrame, index: int) -> None:
    retired = {
        "retired_id": frame.at[index, "actor_id"],
        "table": "actors",
        "retired_on": "2024-01-01",
        "reason": "withdrawn",
        "note": "Synthetic: retired, yet still used.",
    }
    tables["retired_ids"] = pd.concat([tables["retired_ids"], pd.DataFrame([retired])])


def _own_parent(tables: dict, frame: pd.DataFrame, index: int) -> None:
    if "parent_actor_id" not in frame:
        frame["parent_actor_id"] = None
    frame["parent_actor_id"] = frame["parent_actor_id"].astype(object)
    frame.at[index, "parent_actor_id"] = frame.at[index, "actor_id"]


def _other_event_type(tables: dict, frame: pd.DataFrame, index: int) -> None:
    frame.at[index, "event_type"] = (
        "Protests" if frame.at[index, "event_type"] != "Protests" else "Battles"
    )


def _event_without_evidence(tables: dict, frame: pd.DataFrame, index: int) -> int:
    """A copy of an event under a new ID, with its first actor but no evidence."""
    event_id = f"evt_9{len(frame):07d}"
    links = tables["event_actors"]
    [first] = links.index[
        (links["event_id"] == frame.at[index, "event_id"]) & (links["role"] == "actor1")
    ]
    _append(links, links.loc[first].to_dict() | {"event_id": event_id})
    return _append(frame, frame.loc[index].to_dict() | {"event_id": event_id})


def _other_hash(tables: dict, frame: pd.DataFrame, index: int) -> None:
    """A well-formed SHA-256 that is not the stored article's (and no other row's)."""
    frame.at[index, "article_sha256"] = hashlib.sha256(f"not {index}".encode()).hexdigest()


def _hidden_in_article(tables: Tables, frame: pd.DataFrame, index: int) -> Spot:
    """A zero-width space at the end of the stored article (after every quote), its hash
    updated: the one problem is the character."""
    path = frame.at[index, "article_path"]
    file = tables.root / path
    text = file.read_text(encoding="utf-8") + "\u200b"
    file.write_bytes(text.encode("utf-8"))
    frame.at[index, "article_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Spot(path, text.count("\n") + 1)


def _extra_cell(tables: dict, frame: pd.DataFrame, index: int) -> None:
    if EXTRA_CELL not in frame:
        frame[EXTRA_CELL] = False
    frame.at[index, EXTRA_CELL] = True


@_on_row
def _after_publication(frame: pd.DataFrame, index: int) -> None:
    published = pd.Timestamp(frame.at[index, "_published"])
    frame.at[index, "event_date"] = (published + pd.Timedelta(days=30)).date().isoformat()


@_on_row
def _end_before_start(frame: pd.DataFrame, index: int) -> None:
    start = date.fromisoformat(frame.at[index, "event_date"])
    frame.at[index, "event_date_end"] = (start - timedelta(days=1)).isoformat()


@_on_row
def _low_above_best(frame: pd.DataFrame, index: int) -> None:
    frame["fatalities_low"] = frame["fatalities_low"].astype(object)
    frame.at[index, "fatalities_low"] = int(frame.at[index, "fatalities_best"]) + 1


@_on_row
def _shifted_quote(frame: pd.DataFrame, index: int) -> None:
    frame.at[index, "quote_start"] += 1
    frame.at[index, "quote_end"] += 1


@_on_row
def _past_the_end(frame: pd.DataFrame, index: int) -> None:
    frame.at[index, "quote_end"] = 99_999_999  # beyond any synthetic article


@_on_row
def _override_in_summary(frame: pd.DataFrame, index: int) -> None:
    frame.at[index, "summary"] = "\u202e" + frame.at[index, "summary"]


@_on_row
def _in_the_ocean(frame: pd.DataFrame, index: int) -> None:
    frame["latitude"] = frame["latitude"].astype(object)
    frame["longitude"] = frame["longitude"].astype(object)
    frame.at[index, "latitude"], frame.at[index, "longitude"] = 0.0, -30.0


def _repeated(column: str) -> Planter:
    """The first row's value again (the first row is never planted in: see RULE_CLASSES)."""

    @_on_row
    def plant(frame: pd.DataFrame, index: int) -> None:
        frame.at[index, column] = frame.at[0, column]

    return plant


def _shared_ucdp_id(tables: dict, frame: pd.DataFrame, index: int) -> None:
    """UCDP's ID of the first actor given to another (synthetic actors have none)."""
    _set("ucdp_actor_id", 1)(tables, frame, index)
    frame.at[0, "ucdp_actor_id"] = 1


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
    "source-flag": ("events", "source_flags", _is_day, _set("source_flags", "fatalities-order")),
    "text-character": ("events", "summary", _is_day, _override_in_summary),
    "unique": ("sources", "url", lambda f: f.index > 0, _repeated("url")),
    "actor-name-shared": ("actors", "name", lambda f: f.index > 0, _repeated("name")),
    "actor-ucdp-id-shared": ("actors", "ucdp_actor_id", lambda f: f.index > 0, _shared_ucdp_id),
    "codelist": ("sources", "language", lambda f: f.index >= 0, _set("language", "xx")),
    "quote-verbatim": ("event_sources", "quote", lambda f: f.index >= 0, _shifted_quote),
    "quote-offsets": (
        "event_sources",
        "quote_start,quote_end",
        lambda f: f.index >= 0,
        _past_the_end,
    ),
    "coordinates-in-country": (
        "locations",
        "latitude,longitude",
        lambda f: f["latitude"].notna(),
        _in_the_ocean,
    ),
    # The shared-value classes above copy the first actor's name and UCDP ID and never
    # plant in it; these three may, so five actors (50 events) still take every class.
    "pattern": ("actors", "wikidata_id", lambda f: f.index >= 0, _set("wikidata_id", "Q0")),
    "actor-parent-cycle": ("actors", "parent_actor_id", lambda f: f.index >= 0, _own_parent),
    "retired-id-reused": ("actors", "actor_id", lambda f: f.index >= 0, _retire),
    "sub-event-type": ("events", "sub_event_type", _is_day, _other_event_type),
    "article-hash": ("sources", "article_sha256", lambda f: f.index >= 0, _other_hash),
    "article-character": ("sources", None, lambda f: f.index >= 0, _hidden_in_article),
    "extra-cell": ("event_sources", None, lambda f: f.index >= 0, _extra_cell),
    # These append rows, so they come last: no other class picks an appended row.
    "primary-key": ("locations", "location_id", lambda f: f.index >= 0, _duplicate_row),
    "role-count": ("event_actors", "role", lambda f: f["role"] == "actor2", _second_actor1),
    "evidence-missing": ("events", "event_id", _is_day, _event_without_evidence),
}

# Rules no synthetic package can break alone, and why; tests/validation breaks each.
UNPLANTABLE = {
    "maximum": "only latitude and longitude have a maximum, and a point beyond one also "
    "lies outside its country (coordinates-in-country)",
    "minLength": "the one field with it (quote) is required, so a shorter, empty quote is "
    "reported as required",
    "maxLength": "no field of the package has it",
    "crosswalk-unknown": "the crosswalks are the project's own, copied unchanged",
    "crosswalk-list-code": "the crosswalks are the project's own, copied unchanged",
    "crosswalk-reverse": "the crosswalks are the project's own, copied unchanged",
    "relaxed-rule": "a synthetic descriptor relaxes no rule (x-warnings), so none can be wrong",
}


def plant_errors(tables: Tables, count: int, rng: np.random.Generator) -> pd.DataFrame:
    """Plant `count` errors of every rule class in `tables` (changed in place, and an
    article or two); return the list as file, row (spreadsheet number, header = 1, or an
    article's line), column, rule."""
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
            reported = plant(tables, frame, int(index))
            if isinstance(reported, Spot):
                taken.add(int(index))
                planted.append((reported.file, reported.row, reported.column, rule))
                continue
            row = int(index) if reported is None else reported
            taken.update({int(index), row})
            planted.append((f"datasets/{table}.csv", row + 2, column, rule))
    return pd.DataFrame(planted, columns=["file", "row", "column", "rule"])
