"""UCDP GED-shaped export: GED 23.1's 49 columns with UCDP's conventions.

Conventions: `id` is the number in event_id (an event imported from UCDP GED keeps its
UCDP id this way); type_of_violence comes from crosswalk_sub_event_types; date_prec and
where_prec are our own codes, which are UCDP's; best/low/high are the fatality counts,
empty when unknown; sources become UCDP's "office,date,headline" triples with the parallel
source_office/source_date/source_headline lists, and source_original lists who made the
claims. country_id (Gleditsch-Ward number) and region come from crosswalk_countries, blank
for a country whose cell there is empty. Events UCDP does not count (no type_of_violence
1, 2 or 3: protests, agreements and other non-violent events) are left out, and
`left_out` says how many. Left empty, because this project does not record them: relid,
active_year (whether the dyad was active that year, a fact about UCDP's conflicts),
code_status, the conflict and dyad ids and names, the actors' dset ids, where_description,
gwnoa/gwnob, event_clarity and the split of deaths by side. side_a_new_id/side_b_new_id are
given where an actor carries its UCDP id.
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from conflict_events.export.countries import country_name
from conflict_events.export.selection import Selection
from conflict_events.export.values import FLAGS, event_number
from conflict_events.formulas import for_spreadsheet

COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]
HEADER = [*COLUMNS, FLAGS]  # UCDP's columns, then ours

# PRIO-GRID: half-degree cells numbered row by row from (-90, -180), starting at 1.
_CELL_DEGREES = 0.5
_CELLS_PER_ROW = 720
_ROWS = 360


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell holding a point (the last row and column hold their upper edge,
    latitude 90 and longitude 180)."""
    row = min(math.floor((latitude + 90) / _CELL_DEGREES), _ROWS - 1)
    column = min(math.floor((longitude + 180) / _CELL_DEGREES), _CELLS_PER_ROW - 1)
    return row * _CELLS_PER_ROW + column + 1


def _wkt_number(value: float) -> str:
    """A coordinate as UCDP's geom_wkt writes it: 28.0 as 28."""
    return repr(value).removesuffix(".0")


def _text(value: object) -> str:
    """A cell as UCDP writes it: empty when missing, shortest exact form for numbers."""
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value.item() if hasattr(value, "item") else value)


def _sides(selection: Selection) -> dict[tuple[str, str], pd.Series]:
    """(event_id, role) -> the actor in that role (actor1 is side_a, actor2 side_b)."""
    sides = selection.event_actors[selection.event_actors["role"].isin(["actor1", "actor2"])]
    actors = selection.actors.set_index("actor_id")
    return {
        (event, str(role)): actors.loc[actor]
        for event, actor, role in zip(
            sides["event_id"], sides["actor_id"], sides["role"], strict=True
        )
    }


def _evidence(selection: Selection) -> dict[str, tuple[pd.DataFrame, list[str]]]:
    """event_id -> (its sources in source_id order, each with the first quote the event
    takes from it; who made its claims, in order of mention)."""
    sources = selection.sources.set_index("source_id")
    found = {}
    for event, rows in selection.event_sources.groupby("event_id", sort=False):
        quotes = rows.drop_duplicates("source_id").set_index("source_id")["quote"]
        cited = sources.loc[sorted(quotes.index)].assign(quote=quotes)
        claimants = list(
            dict.fromkeys(c for cell in rows["attributed_to"] for c in str(cell).split("; "))
        )
        found[event] = (cited, claimants)
    return found


def _source_columns(cited: pd.DataFrame, claimants: list[str]) -> dict[str, str]:
    """A source with publisher, date or headline becomes UCDP's "office,date,headline"
    triple; one with none of them (a free-text citation, as UCDP gives for older events) is
    written as its quote, and an event cited only so has number_of_sources -1, as in GED."""
    offices = [_text(v) for v in cited["publisher"]]
    dates = [_text(v) for v in cited["published_date"]]
    headlines = [_text(v) for v in cited["title"]]
    citations = [
        f'"{o},{d},{h}"' if o or d or h else _text(quote)
        for o, d, h, quote in zip(offices, dates, headlines, cited["quote"], strict=True)
    ]
    free_text_only = not any(offices + dates + headlines)
    return {
        "number_of_sources": "-1" if free_text_only else str(len(cited)),
        "source_article": ";".join(citations),
        "source_office": ";".join(offices),
        "source_date": ";".join(dates),
        "source_headline": ";".join(headlines),
        "source_original": "; ".join(claimants),
    }


def _type_of_violence(
    selection: Selection, event, side_a: pd.Series | None, side_b: pd.Series | None
) -> int | None:
    """UCDP's type of violence for an event, None when UCDP would not count it."""
    crosswalks = selection.crosswalks
    state_side = any(
        side is not None and crosswalks.acled_inter.get(str(side["actor_type"])) == 1
        for side in (side_a, side_b)
    )
    return crosswalks.ucdp_type_of_violence(
        str(event.sub_event_type), bool(event.civilian_targeting), state_side
    )


def left_out(selection: Selection) -> int:
    """How many selected events the export leaves out because UCDP does not count them."""
    sides = _sides(selection)
    return sum(
        _type_of_violence(
            selection,
            event,
            sides.get((event.event_id, "actor1")),
            sides.get((event.event_id, "actor2")),
        )
        is None
        for event in selection.flat.itertuples(index=False)
    )


def rows(selection: Selection) -> list[dict[str, str]]:
    """One dict per selected event UCDP counts, keyed by UCDP GED's column names."""
    sides = _sides(selection)
    evidence = _evidence(selection)
    countries = selection.countries
    out = []
    for event in selection.flat.itertuples(index=False):
        side_a = sides.get((event.event_id, "actor1"))
        side_b = sides.get((event.event_id, "actor2"))
        violence = _type_of_violence(selection, event, side_a, side_b)
        if violence is None:
            continue
        iso3 = str(event.country_iso3)
        latitude, longitude = event.latitude, event.longitude
        located = not (pd.isna(latitude) or pd.isna(longitude))
        row = dict.fromkeys(HEADER, "")
        row |= {
            "id": str(event_number(event.event_id)),
            "year": str(event.event_date.year),
            "type_of_violence": str(violence),
            "side_a_new_id": _text(None if side_a is None else side_a["ucdp_actor_id"]),
            "side_a": _text(event.actor1),
            "side_b_new_id": _text(None if side_b is None else side_b["ucdp_actor_id"]),
            "side_b": _text(event.actor2),
            "where_prec": _text(event.geo_precision),
            "where_coordinates": _text(event.location_name),
            "adm_1": _text(event.admin1),
            "adm_2": _text(event.admin2),
            "latitude": _text(float(latitude)) if located else "",
            "longitude": _text(float(longitude)) if located else "",
            "geom_wkt": (
                f"POINT ({_wkt_number(float(longitude))} {_wkt_number(float(latitude))})"
                if located
                else ""
            ),
            "priogrid_gid": str(priogrid_gid(latitude, longitude)) if located else "",
            "country": country_name(iso3),
            "country_id": _text(countries.gleditsch_ward.get(iso3)),
            "region": _text(countries.ucdp_region.get(iso3)),
            "date_prec": _text(event.date_precision),
            "date_start": _text(event.event_date),
            "date_end": _text(
                event.event_date if pd.isna(event.event_date_end) else event.event_date_end
            ),
            "best": _text(event.fatalities_best),
            "high": _text(event.fatalities_high),
            "low": _text(event.fatalities_low),
            FLAGS: _text(getattr(event, FLAGS, None)),  # none in releases before 0.3
        }
        if event.event_id in evidence:
            row |= _source_columns(*evidence[event.event_id])
        out.append(row)
    return out


def render(selection: Selection) -> str:
    """The CSV text: UCDP's header, then one row per counted event in event_id order, each cell as
    a spreadsheet should read it (formulas.for_spreadsheet: `@MENASTREAM` is written
    `'@MENASTREAM`; `rows` keeps the values themselves)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {column: for_spreadsheet(cell) for column, cell in row.items()} for row in rows(selection)
    )
    return buffer.getvalue()
