"""The curated data say what the seed article says, and nothing more."""

import csv
import hashlib

from tests.conftest import REPO

DATASETS = REPO / "datasets"
SEED = REPO.parent / "shared" / "seed-articles" / "000_0625744bc0b20f8b.txt"
# SHA-256 of the seed article as received (shared/seed-articles), so the check runs anywhere.
SEED_SHA256 = "0dd0ccfbfa4299781413d32230a7ad9b6a8ac9b5e5b16e3648fb39ab45cb7820"


def table(name: str) -> list[dict[str, str]]:
    with (DATASETS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_article_is_stored_byte_for_byte():
    stored = (DATASETS / "articles" / SEED.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == SEED_SHA256
    if SEED.exists():  # beside a checkout of the project, compare with the original too
        assert stored == SEED.read_bytes()


def test_first_source_carries_the_known_facts():
    [source] = table("sources")
    assert source["source_id"] == "src_000001"
    assert source["publisher"] == "TRT World"
    assert source["title"] == "Syrian regime takes major town south of Idlib city - war monitor"
    assert source["url"].endswith(
        "/syrian-regime-takes-major-town-south-of-idlib-city-war-monitor-33292"
    )
    assert (source["published_date"], source["language"]) == ("2020-01-28", "en")
    assert (source["section"], source["credit"]) == ("Fast News", "TRTWorld and agencies")
    stored = (REPO / source["article_path"]).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == source["article_sha256"]


def test_no_fatality_count_is_invented():
    """The article gives no death toll for any event: every count stays empty, never 0."""
    for event in table("events"):
        for column in ("fatalities_low", "fatalities_best", "fatalities_high"):
            assert event[column] == "", (event["event_id"], column)


def test_background_events_keep_their_own_dates():
    events = {e["event_id"]: e for e in table("events")}
    assert events["evt_00000003"]["event_date"] == "2020-01-12"  # the ceasefire deal


def test_background_known_only_to_the_year_is_retired_not_coded():
    """ "in opposition and militant hands since 2012" gives no day: not an event (CONTRIBUTING,
    section 4), so the seed's event for it is retired, its ID never reused."""
    assert "evt_00000004" not in {e["event_id"] for e in table("events")}
    assert "evt_00000004" not in {r["event_id"] for r in table("event_actors")}
    assert "evt_00000004" not in {r["event_id"] for r in table("event_sources")}
    (retired,) = [r for r in table("retired_ids") if r["retired_id"] == "evt_00000004"]
    assert (retired["table"], retired["reason"], retired["successor_id"]) == (
        "events",
        "erroneous",
        "",
    )
    assert "a year or a vague period is not an event" in retired["note"]


def test_places_use_gazetteer_facts_and_honest_precision():
    places = {p["location_id"]: p for p in table("locations")}
    maarat = places["loc_000001"]
    assert (maarat["geonames_id"], maarat["latitude"], maarat["longitude"]) == (
        "167611",
        "35.6483",
        "36.67693",
    )
    aleppo = places["loc_000002"]
    assert (aleppo["geonames_id"], aleppo["latitude"], aleppo["longitude"]) == (
        "170063",
        "36.20124",
        "37.16117",
    )
    events = {e["event_id"]: e for e in table("events")}
    aleppo_advance = events["evt_00000002"]
    # "came as ... were also advancing": under way on 28 January, start not stated
    assert (aleppo_advance["event_date"], aleppo_advance["event_date_end"]) == (
        "2020-01-22",
        "2020-01-28",
    )
    assert aleppo_advance["date_precision"] == "3"
    precision = {e["event_id"]: e["geo_precision"] for e in events.values()}
    assert precision["evt_00000002"] == "2"  # "west of the city of Aleppo": near, not at
    assert precision["evt_00000003"] == "6"  # the deal's place is not stated


def test_disagreeing_claims_are_kept_apart():
    claims = [row for row in table("event_sources") if row["event_id"] == "evt_00000001"]
    by_claimant = {row["attributed_to"]: row["quote"] for row in claims}
    assert '"liberated most of the town\'s districts."' in by_claimant["SANA"]
    assert '"took full control"' in by_claimant["Syrian Observatory for Human Rights"]


def test_supporting_force_is_an_associate_of_the_government_side():
    links = {(r["event_id"], r["actor_id"]): r["role"] for r in table("event_actors")}
    assert links[("evt_00000001", "act_000001")] == "actor1"  # Military Forces of Syria
    assert links[("evt_00000001", "act_000002")] == "assoc_actor_1"  # Military Forces of Russia
