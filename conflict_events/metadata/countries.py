"""The countries table (datasets/crosswalks/countries.csv) as lookups by ISO alpha-3 code:
Gleditsch-Ward number and UCDP's and ACLED's regions. The table is the definition; an empty
cell (not verified) stays missing here, so an export leaves it blank."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TABLE = "crosswalk_countries"


def _known(frame: pd.DataFrame, column: str) -> dict[str, object]:
    """country_iso3 -> the column's value, for the rows where it is given."""
    return {
        str(iso3): value.item() if hasattr(value, "item") else value
        for iso3, value in zip(frame["country_iso3"], frame[column], strict=True)
        if not pd.isna(value)
    }


@dataclass(frozen=True)
class Countries:
    gleditsch_ward: dict[str, int]
    ucdp_region: dict[str, str]
    acled_region: dict[str, str]

    @classmethod
    def from_table(cls, frame: pd.DataFrame) -> Countries:
        return cls(
            gleditsch_ward={k: int(v) for k, v in _known(frame, "gleditsch_ward").items()},
            ucdp_region={k: str(v) for k, v in _known(frame, "ucdp_region").items()},
            acled_region={k: str(v) for k, v in _known(frame, "acled_region").items()},
        )


def own_countries() -> Countries:
    """The countries table of this install's own package (for a release made without one)."""
    from conflict_events.metadata.frames import read_tables
    from conflict_events.metadata.package import load_package
    from conflict_events.paths import own_descriptor

    context = read_tables(load_package(own_descriptor()))
    return Countries.from_table(context.tables[TABLE].typed)
