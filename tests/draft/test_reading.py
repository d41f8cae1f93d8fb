"""A draft edited into something invalid is refused field by field, one line each."""

import copy
import json

import pytest

from conflict_events.draft.reading import DraftError, read_draft
from conflict_events.metadata import load_package
from tests.conftest import REPO

ARTICLE = (REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt").read_text(encoding="utf-8")
EVENT = {
    "event_date": "2020-01-28",
    "event_date_end": None,
    "date_precision": 1,
    "event_type": "Battles",
    "sub_event_type": "Government regains territory",
    "location": {
        "name": "Maarat al-Numan",
        "country_iso3": "SYR",
        "admin1": "Idlib",
        "latitude": None,
        "longitude": None,
        "geonames_id": None,
        "geo_precision": 1,
    },
    "actors": [{"name": "Syrian regime forces", "role": "actor1"}],
    "fatalities": {"low": None, "best": None, "high": None},
    "civilian_targeting": False,
    "evidence": [
        {
            "quote": "regime and Russian warplanes are pounding the area",
            "quote_start": 1421,
            "quote_end": 1471,
            "claimant": "Rami Abdul Rahman",
        }
    ],
}


@pytest.fixture(scope="module")
def seed():
    return load_package(REPO / "datapackage.json")


def lines(tmp_path, seed, text):
    path = tmp_path / "draft.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError) as refused:
        read_draft(path, seed, ARTICLE)
    return [p.as_line().replace(str(path), "draft.json") for p in refused.value.problems]


def broken(change):
    event = copy.deepcopy(EVENT)
    change(event)
    return json.dumps({"events": [EVENT, event]})


def test_a_valid_draft_is_read(tmp_path, seed):
    path = tmp_path / "draft.json"
    path.write_text(json.dumps({"events": [EVENT]}), encoding="utf-8")
    [event] = read_draft(path, seed, ARTICLE)
    assert (event.location.name, event.actors[0].role, event.fatalities_best) == (
        "Maarat al-Numan",
        "actor1",
        None,
    )
    assert event.evidence[0].quote == ARTICLE[1421:1471]


def test_a_syntax_error_names_its_line_and_column(tmp_path, seed):
    assert lines(tmp_path, seed, '{"events": [\n  {"event_date": 1,}\n]}') == [
        'draft.json:2:20  draft-json  "  {\\"event_date\\": 1,}"  '
        "not JSON: Expecting property name enclosed in double quotes"
    ]


def test_the_top_level_is_events_only(tmp_path, seed):
    assert lines(tmp_path, seed, '{"events": [], "extra": 1}') == [
        'draft.json::  draft-keys  "[\\"events\\", \\"extra\\"]"  '
        'the draft must be {"events": [...]} and nothing else'
    ]


def test_every_problem_of_every_event_is_reported(tmp_path, seed):
    def change(event):
        event["event_date"] = "2020-02-30"
        event["date_precision"] = 9
        event["location"]["geo_precision"] = 0
        event["location"]["latitude"] = 95
        event["location"]["elevation"] = 3
        event["fatalities"] = {"low": 5, "best": 2, "high": -1}
        del event["civilian_targeting"]

    assert lines(tmp_path, seed, broken(change)) == [
        'draft.json:2:events[1].civilian_targeting  draft-keys  ""  '
        "missing: give civilian_targeting (null if unknown)",
    ]
    event = copy.deepcopy(EVENT)
    change(event)
    event["civilian_targeting"] = None
    text = json.dumps({"events": [EVENT, event]})
    assert lines(tmp_path, seed, text) == [
        'draft.json:2:events[1].event_date  draft-field  "2020-02-30"  must be a real date, YYYY-MM-DD',
        'draft.json:2:events[1].date_precision  draft-field  "9"  '
        "not a code of date_precision: 1, 2, 3, 4, 5",
        'draft.json:2:events[1].location.elevation  draft-keys  "3"  '
        "unknown key; the keys are name, country_iso3, admin1, latitude, longitude, "
        "geonames_id, geo_precision",
        'draft.json:2:events[1].location.latitude  draft-field  "95"  must be a number from -90 to 90, or null',
        'draft.json:2:events[1].location.geo_precision  draft-field  "0"  '
        "not a code of geo_precision: 1, 2, 3, 4, 5, 6, 7",
        'draft.json:2:events[1].fatalities.high  draft-field  "-1"  '
        "must be a whole number >= 0, or null if not given",
    ]


def test_fields_of_a_complete_event(tmp_path, seed):
    def change(event):
        event["event_date_end"] = "2020-01-27"
        event["event_type"] = "Protests"
        event["location"]["geo_precision"] = 0
        event["location"]["latitude"] = 95
        event["actors"] = [{"name": "Russia", "role": "actor3"}]
        event["fatalities"] = {"low": 5, "best": 2, "high": -1}
        event["evidence"][0]["quote_start"] = 1420

    assert lines(tmp_path, seed, broken(change)) == [
        'draft.json:2:events[1].event_date_end  draft-dates  "2020-01-27"  before event_date 2020-01-28',
        'draft.json:2:events[1].event_type  draft-event-type  "Protests"  '
        "'Government regains territory' is a sub-event type of 'Battles'",
        'draft.json:2:events[1].location.latitude  draft-field  "95"  must be a number from -90 to 90, or null',
        'draft.json:2:events[1].location.geo_precision  draft-field  "0"  '
        "not a code of geo_precision: 1, 2, 3, 4, 5, 6, 7",
        'draft.json:2:events[1].actors[0].role  draft-field  "actor3"  '
        "not a code of role: actor1, assoc_actor_1, actor2, assoc_actor_2",
        'draft.json:2:events[1].actors  draft-actor1  "0"  an event has exactly one actor1',
        'draft.json:2:events[1].fatalities.high  draft-field  "-1"  '
        "must be a whole number >= 0, or null if not given",
        "draft.json:2:events[1].evidence[0].quote  draft-quote  "
        '"regime and Russian warplanes are pounding the area"  the article has '
        "' regime and Russian warplanes are pounding the area' at 1420-1471: copy its words and offsets",
    ]


def test_counts_in_order_and_evidence_required(tmp_path, seed):
    def change(event):
        event["fatalities"] = {"low": 5, "best": 2, "high": None}
        event["evidence"] = []

    assert lines(tmp_path, seed, broken(change)) == [
        'draft.json:2:events[1].fatalities.best  draft-fatalities  "2"  less than low (5): low <= best <= high',
        'draft.json:2:events[1].evidence  draft-evidence  "[]"  '
        "give at least one quote: {quote, quote_start, quote_end, claimant}",
    ]
