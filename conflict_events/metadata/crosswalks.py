"""The crosswalk tables as lookups: this project's codes to ACLED's, UCDP GED's and
PLOVER's, and back. The tables themselves (datasets/crosswalks/) are the definition; this
module only reads them, from a release or from this install's own package."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

TABLES = (
    "crosswalk_actor_types",
    "crosswalk_date_precision",
    "crosswalk_geo_precision",
    "crosswalk_sub_event_types",
)


def _codes(cell: object) -> list[int]:
    """A list cell's integer codes, whether read as a list or as its delimited text."""
    if isinstance(cell, str):
        cell = cell.split(";")
    if cell is None or (not isinstance(cell, list) and pd.isna(cell)):
        return []
    return [int(item) for item in cell if str(item) != ""]


def _plain(value: object) -> object:
    """A cell as a plain Python value (categoricals and numpy scalars unwrapped), None if empty."""
    if value is None or (not isinstance(value, list) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _forward(frame: pd.DataFrame, key: str, column: str) -> dict:
    return {_plain(k): _plain(v) for k, v in zip(frame[key], frame[column], strict=True)}


def _backward(frame: pd.DataFrame, key: str, column: str, flag: str) -> dict:
    chosen = frame[frame[flag].astype(bool)]
    return {_plain(v): _plain(k) for k, v in zip(chosen[key], chosen[column], strict=True)}


@dataclass(frozen=True)
class Crosswalks:
    """Each mapping, keyed by the code it converts from."""

    acled_inter: dict[str, int]
    actor_type_from_acled: dict[int, str]
    acled_time_precision: dict[int, int]
    date_precision_from_acled: dict[int, int]
    acled_geo_precision: dict[int, int]
    geo_precision_from_acled: dict[int, int]
    location_type: dict[int, str]
    acled_disorder_type: dict[str, str]
    ucdp_types_of_violence: dict[str, list[int]]
    sub_event_type_from_ucdp: dict[int, str]
    plover_event_type: dict[str, str | None]

    @classmethod
    def from_tables(cls, tables: Mapping[str, pd.DataFrame]) -> Crosswalks:
        """From the four crosswalk tables, typed (as the loader or the validator reads them)."""
        actors = tables["crosswalk_actor_types"]
        dates = tables["crosswalk_date_precision"]
        places = tables["crosswalk_geo_precision"]
        kinds = tables["crosswalk_sub_event_types"]
        violence = {
            _plain(k): _codes(v)
            for k, v in zip(kinds["sub_event_type"], kinds["ucdp_type_of_violence"], strict=True)
        }
        from_ucdp = {
            code: kind
            for kind, chosen in zip(kinds["sub_event_type"], kinds["from_ucdp"], strict=True)
            if bool(chosen)
            for code in violence[_plain(kind)]
        }
        return cls(
            acled_inter=_forward(actors, "actor_type", "acled_inter"),
            actor_type_from_acled=_backward(actors, "actor_type", "acled_inter", "from_acled"),
            acled_time_precision=_forward(dates, "date_precision", "acled_time_precision"),
            date_precision_from_acled=_backward(
                dates, "date_precision", "acled_time_precision", "from_acled"
            ),
            acled_geo_precision=_forward(places, "geo_precision", "acled_geo_precision"),
            geo_precision_from_acled=_backward(
                places, "geo_precision", "acled_geo_precision", "from_acled"
            ),
            location_type=_forward(places, "geo_precision", "location_type"),
            acled_disorder_type=_forward(kinds, "sub_event_type", "acled_disorder_type"),
            ucdp_types_of_violence=violence,
            sub_event_type_from_ucdp={k: _plain(v) for k, v in from_ucdp.items()},
            plover_event_type=_forward(kinds, "sub_event_type", "plover_event_type"),
        )

    def ucdp_type_of_violence(
        self, sub_event_type: str, civilians_targeted: bool, state_side: bool
    ) -> int | None:
        """UCDP's type for one event: of the types its sub-event type can be, 3 when
        civilians were targeted, else 1 when a state's forces are a side, else 2."""
        possible = self.ucdp_types_of_violence.get(sub_event_type, [])
        for code, applies in ((3, civilians_targeted), (1, state_side), (2, True)):
            if code in possible and applies:
                return code
        return possible[0] if possible else None


def own_crosswalks() -> Crosswalks:
    """The crosswalks of this install's own package (for data read from elsewhere)."""
    from conflict_events.metadata.frames import read_tables
    from conflict_events.metadata.package import load_package
    from conflict_events.paths import own_descriptor

    context = read_tables(load_package(own_descriptor()))
    return Crosswalks.from_tables({name: context.tables[name].typed for name in TABLES})
