"""ACLED's flat file: its 31 columns in its order, with its value conventions.

Every code ACLED has and this project codes differently (time and geographic precision,
disorder type, the actors' inter codes) comes from the crosswalk tables, never from here.
What the export cannot give:

- region: from crosswalk_countries, empty for a country whose ACLED region is not
  verified there;
- source_scale: not coded by this project, left empty;
- fatalities: ACLED has no "unknown". An event without a reported death toll is written
  with 0, so ACLED pipelines keep working, and its tags say so (UNKNOWN_FATALITIES_TAG):
  nothing is silently turned into 0.

The file is made for people opening it in a spreadsheet: a cell starting with a formula
character gets a leading single quote (formulas.for_spreadsheet); signed numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime

import pandas as pd
import pycountry

from conflict_events.export.countries import country_name
from conflict_events.export.selection import Selection
from conflict_events.export.values import FLAGS, event_number, list_items
from conflict_events.formulas import for_spreadsheet

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
HEADER = [*COLUMNS, FLAGS]  # ACLED's columns, then ours
SEPARATOR = "; "  # ACLED's separator inside a cell (associated actors, sources, tags)
UNKNOWN_FATALITIES_TAG = "fatalities unknown (exported as 0)"
CIVILIAN_TARGETING = "Civilian targeting"
# English month names, whatever the machine's locale (strftime's %B follows the locale).
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def render(selection: Selection) -> str:
    """The CSV text: ACLED's header, then one row per selected event in event_id order."""
    crosswalks = selection.crosswalks
    actors = _actors_by_role(selection)
    publishers = _publishers(selection)
    places = selection.locations
    admin3 = dict(zip(places["location_id"], places["admin3"], strict=True))
    tag_delimiter = selection.flat_schema.field("tags").delimiter
    losses = _precision_losses(selection)
    timestamp = _unix_time(selection.created)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for event in selection.flat.sort_values("event_id").itertuples(index=False):
        row = {
            "event_id_cnty": _event_id_cnty(event.event_id, event.country_iso3),
            "event_date": _acled_date(event.event_date),
            "year": event.event_date.year,
            "time_precision": crosswalks.acled_time_precision[int(event.date_precision)],
            "disorder_type": crosswalks.acled_disorder_type[event.sub_event_type],
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            **_actor_columns(actors.get(event.event_id, {}), crosswalks.acled_inter),
            "civilian_targeting": CIVILIAN_TARGETING if _flag(event.civilian_targeting) else "",
            **_country_columns(event.country_iso3),
            "region": selection.countries.acled_region.get(str(event.country_iso3), ""),
            "admin1": _text(event.admin1),
            "admin2": _text(event.admin2),
            "admin3": _text(admin3.get(event.location_id)),
            "location": _text(event.location_name),
            "latitude": _number(event.latitude),
            "longitude": _number(event.longitude),
            "geo_precision": crosswalks.acled_geo_precision[int(event.geo_precision)],
            "source": SEPARATOR.join(publishers.get(event.event_id, [])),
            "source_scale": "",
            "notes": _text(event.summary),
            **_fatalities(
                event.fatalities_best,
                list_items(event.tags, tag_delimiter)
                + losses(event.date_precision, event.geo_precision),
            ),
            "timestamp": timestamp,
            FLAGS: _text(getattr(event, FLAGS, None)),  # none in releases before 0.3
        }
        writer.writerow([for_spreadsheet(str(row[column])) for column in HEADER])
    return out.getvalue()


def _precision_losses(selection: Selection):
    """A function giving, for an event's date and geographic precision, a tag for each that
    ACLED's coarser codes cannot hold (where converting back through the crosswalk would not
    give the same code), e.g. "date precision: within a year (exported as time_precision 3)"."""
    crosswalks, schema = selection.crosswalks, selection.flat_schema
    checks = [
        (
            "date precision",
            "time_precision",
            "date_precision",
            crosswalks.acled_time_precision,
            crosswalks.date_precision_from_acled,
        ),
        (
            "place precision",
            "geo_precision",
            "geo_precision",
            crosswalks.acled_geo_precision,
            crosswalks.geo_precision_from_acled,
        ),
    ]
    labels = {
        column: {c["value"]: c["label"].lower() for c in schema.field(column).categories}
        for _, _, column, _, _ in checks
    }

    def tags(date_precision: object, geo_precision: object) -> list[str]:
        found = []
        for (what, acled_column, column, forward, back), code in zip(
            checks, (int(date_precision), int(geo_precision)), strict=True
        ):
            acled = forward[code]
            if back.get(acled) != code:
                found.append(f"{what}: {labels[column][code]} (exported as {acled_column} {acled})")
        return found

    return tags


def _event_id_cnty(event_id: str, iso3: str) -> str:
    """ACLED's ID: the country's code and the event's number (evt_00000001 -> SYR1)."""
    return f"{iso3}{event_number(event_id)}"


def _acled_date(day: pd.Timestamp) -> str:
    """'28 January 2020' (strftime's '%d %B %Y' in English)."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def _unix_time(created: str) -> int | str:
    """The release's build time as Unix seconds ('' if the release does not say)."""
    if not created:
        return ""
    return int(datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp())


def _actors_by_role(selection: Selection) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """event_id -> role -> [(name, actor_type)], in actor_id order (as events_flat lists them)."""
    links = selection.event_actors.merge(
        selection.actors[["actor_id", "name", "actor_type"]], on="actor_id", how="left"
    ).sort_values(["event_id", "actor_id"])
    found: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for link in links.itertuples(index=False):
        found[link.event_id][str(link.role)].append((link.name, str(link.actor_type)))
    return found


def _actor_columns(roles: dict[str, list[tuple[str, str]]], inter: dict[str, int]) -> dict:
    """actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2 and interaction."""
    first, second = roles.get("actor1", []), roles.get("actor2", [])
    inter1 = inter[first[0][1]] if first else ""
    inter2 = inter[second[0][1]] if second else 0
    if inter1 == "":
        interaction = ""
    elif second:
        interaction = "".join(str(code) for code in sorted((inter1, inter2)))
    else:
        interaction = f"{inter1}0"
    return {
        "actor1": SEPARATOR.join(name for name, _ in first),
        "assoc_actor_1": SEPARATOR.join(name for name, _ in roles.get("assoc_actor_1", [])),
        "inter1": inter1,
        "actor2": SEPARATOR.join(name for name, _ in second),
        "assoc_actor_2": SEPARATOR.join(name for name, _ in roles.get("assoc_actor_2", [])),
        "inter2": inter2,
        "interaction": interaction,
    }


def _publishers(selection: Selection) -> dict[str, list[str]]:
    """event_id -> the publishers of its sources, each once, in source_id order."""
    cited = selection.event_sources[["event_id", "source_id"]].merge(
        selection.sources[["source_id", "publisher"]], on="source_id", how="left"
    )
    cited = cited.sort_values(["event_id", "source_id"], kind="stable")
    found: dict[str, list[str]] = defaultdict(list)
    for event_id, publisher in zip(cited["event_id"], cited["publisher"], strict=True):
        if isinstance(publisher, str) and publisher not in found[event_id]:
            found[event_id].append(publisher)
    return found


def _country_columns(iso3: str) -> dict:
    """ACLED's iso (numeric ISO 3166, unpadded) and country (the common name if there is one)."""
    country = pycountry.countries.get(alpha_3=iso3)
    return {"iso": int(country.numeric) if country else "", "country": country_name(iso3)}


def _fatalities(best: object, tags: list[str]) -> dict:
    """fatalities and tags: an unknown toll is written as 0 and tagged as unknown."""
    if pd.isna(best):
        return {"fatalities": 0, "tags": SEPARATOR.join([*tags, UNKNOWN_FATALITIES_TAG])}
    return {"fatalities": int(best), "tags": SEPARATOR.join(tags)}


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _number(value: object) -> str:
    """A coordinate as written (shortest exact form), '' when missing."""
    return "" if value is None or pd.isna(value) else repr(float(value))


def _flag(value: object) -> bool:
    return value is not None and not pd.isna(value) and bool(value)
