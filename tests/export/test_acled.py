"""The ACLED export of the seed release: ACLED's header and its value conventions, checked
against the seed's facts (datasets/*.csv)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import pytest

from conflict_events.export import render, select
from conflict_events.export.acled import UNKNOWN_FATALITIES_TAG
from tests.export.one_sided import insurgents_alone

# ACLED's codebook: its 31 columns, in its order.
ACLED_HEADER = [
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


@pytest.fixture(scope="module")
def selection(seed_release):
    return select(source=seed_release)


@pytest.fixture(scope="module")
def text(selection):
    return render(selection, "acled")


@pytest.fixture(scope="module")
def one_sided_in_2012(selection):
    """The seed's second event (SYR2) known only to the year 2012, with one actor."""
    flat = selection.flat.copy()
    flat.loc[1, ["event_date", "event_date_end"]] = [
        pd.Timestamp("2012-01-01"),
        pd.Timestamp("2012-12-31"),
    ]
    flat.loc[1, "date_precision"] = 5
    changed = insurgents_alone(replace(selection, flat=flat))
    return {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(render(changed, "acled")))}


@pytest.fixture(scope="module")
def rows(text):
    return {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(text))}


def test_header_is_acleds_then_the_source_flags_and_one_row_per_event(text):
    lines = text.split("\n")
    assert lines[0] == ",".join([*ACLED_HEADER, "source_flags"])
    assert text.endswith("\n") and "\r" not in text
    records = list(csv.reader(io.StringIO(text)))
    assert records[0][:-1] == ACLED_HEADER
    assert len(ACLED_HEADER) == 31
    assert [r[0] for r in records[1:]] == ["SYR1", "SYR2", "SYR3"]
    assert all(len(r) == 32 and r[-1] == "" for r in records[1:])  # curated: no flags


def test_battle_with_an_associated_actor(rows):
    row = rows["SYR1"]
    assert row["event_date"] == "28 January 2020"
    assert row["year"] == "2020"
    assert row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert row["event_type"] == "Battles"
    assert row["sub_event_type"] == "Government regains territory"
    assert row["actor1"] == "Military Forces of Syria"
    assert row["assoc_actor_1"] == "Military Forces of Russia"
    assert row["actor2"] == "Syrian insurgents"
    assert row["assoc_actor_2"] == ""
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "2", "12")
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["country"], row["region"]) == ("760", "Syria", "Middle East")
    assert (row["admin1"], row["admin2"], row["admin3"]) == (
        "Idlib",
        "Al Ma'ra",
        "Ma'arrat An Nu'man",
    )
    assert row["location"] == "Maarat al-Numan"
    assert (float(row["latitude"]), float(row["longitude"])) == (35.6483, 36.67693)
    assert row["geo_precision"] == "1"
    assert row["source"] == "TRT World"
    assert row["source_scale"] == ""
    assert row["notes"].startswith("Syrian government forces, backed by Russian air strikes")
    assert row["fatalities"] == "0"
    assert row["tags"] == f"air support; {UNKNOWN_FATALITIES_TAG}"


def test_precisions_come_from_the_crosswalks(rows, one_sided_in_2012):
    # evt_00000002: date precision 3 (within a week), geo precision 2 (near Aleppo).
    assert rows["SYR2"]["event_date"] == "22 January 2020"
    assert rows["SYR2"]["time_precision"] == "2"
    assert rows["SYR2"]["geo_precision"] == "2"
    # evt_00000003: country level (6) is ACLED's coarsest, 3; no coordinates.
    assert rows["SYR3"]["geo_precision"] == "3"
    assert (rows["SYR3"]["latitude"], rows["SYR3"]["longitude"]) == ("", "")
    # known to the year (5), exported as ACLED's month precision (3).
    assert one_sided_in_2012["SYR2"]["time_precision"] == "3"
    assert one_sided_in_2012["SYR2"]["event_date"] == "01 January 2012"
    assert one_sided_in_2012["SYR2"]["year"] == "2012"


def test_agreement_between_governments(rows):
    row = rows["SYR3"]
    assert row["disorder_type"] == "Strategic developments"
    assert (row["actor1"], row["actor2"]) == ("Government of Turkey", "Government of Russia")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "1", "11")
    assert row["tags"] == (
        f"ceasefire; place precision: country (exported as geo_precision 3); "
        f"{UNKNOWN_FATALITIES_TAG}"
    )
    assert row["admin1"] == row["admin2"] == row["admin3"] == ""


def test_event_without_a_second_actor(one_sided_in_2012):
    row = one_sided_in_2012["SYR2"]
    assert row["actor1"] == "Syrian insurgents"
    assert row["actor2"] == ""
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "0", "20")
    # ACLED has no year precision: what the month-precise code cannot say is in the tags.
    assert row["tags"] == (
        f"date precision: within a year (exported as time_precision 3); {UNKNOWN_FATALITIES_TAG}"
    )


def test_timestamp_is_the_release_build_time(rows, selection):
    created = datetime.strptime(selection.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert {row["timestamp"] for row in rows.values()} == {str(int(created.timestamp()))}


def test_values_the_seed_does_not_have(selection):
    changed = selection.flat.copy()
    changed["fatalities_best"] = changed["fatalities_best"].astype("Int64")
    changed.loc[0, "fatalities_best"] = 7
    changed.loc[1, "fatalities_best"] = 0
    changed.loc[1, "civilian_targeting"] = True
    rows = list(csv.DictReader(io.StringIO(render(replace(selection, flat=changed), "acled"))))
    assert (rows[0]["fatalities"], rows[0]["tags"]) == ("7", "air support")
    assert (rows[1]["fatalities"], rows[1]["tags"]) == ("0", "")
    assert rows[1]["civilian_targeting"] == "Civilian targeting"
    assert rows[0]["civilian_targeting"] == ""
    assert rows[2]["tags"].endswith(f"; {UNKNOWN_FATALITIES_TAG}")


def test_codes_are_read_from_the_crosswalks(selection):
    """Change a crosswalk and the export follows: no mapping is restated in code."""
    crosswalks = replace(
        selection.crosswalks,
        acled_inter={**selection.crosswalks.acled_inter, "state_forces": 4, "rebel_group": 3},
        acled_time_precision={**selection.crosswalks.acled_time_precision, 1: 2},
    )
    text = render(replace(selection, crosswalks=crosswalks), "acled")
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(text))}
    # actor1's code is now the higher one: the interaction still puts the lower first.
    assert (rows["SYR1"]["inter1"], rows["SYR1"]["inter2"]) == ("4", "3")
    assert rows["SYR1"]["interaction"] == "34"
    assert rows["SYR1"]["time_precision"] == "2"


def test_a_cell_starting_with_a_formula_character_is_neutralised(selection):
    """The file is for people in spreadsheets: such a cell gets a leading single quote, and
    signed numbers stay numbers."""
    changed = selection.flat.copy()
    changed.loc[0, "summary"] = '=HYPERLINK("http://example.org")'
    changed.loc[1, "summary"] = "-5 km from the town, as reported."
    changed.loc[2, "summary"] = "@MENASTREAM reports clashes."
    changed.loc[0, "latitude"] = -12.5
    rows = list(csv.DictReader(io.StringIO(render(replace(selection, flat=changed), "acled"))))
    assert [row["notes"] for row in rows] == [
        '\'=HYPERLINK("http://example.org")',
        "'-5 km from the town, as reported.",
        "'@MENASTREAM reports clashes.",
    ]
    assert rows[0]["latitude"] == "-12.5"
    assert rows[2]["actor1"] == "Government of Turkey"  # a cell starting otherwise stays
