"""The drafter on the seed article: the three events as coded, the retired 2012 background
aside, every quote verbatim at its offsets."""

from pathlib import Path

import pytest

from conflict_events.contribute.article import read_article
from conflict_events.draft import draft_article
from conflict_events.metadata import load_package
from conflict_events.paths import own_descriptor, own_root

SEED = own_root() / "datasets" / "articles" / "000_0625744bc0b20f8b.txt"


@pytest.fixture(scope="module")
def article():
    return read_article(SEED.read_bytes(), SEED.name)


@pytest.fixture(scope="module")
def drafted(article):
    return draft_article(article, load_package(own_descriptor()))["events"]


def coded(event: dict) -> tuple:
    place = event["location"]
    return (
        event["event_type"],
        event["sub_event_type"],
        event["event_date"],
        event["event_date_end"],
        event["date_precision"],
        place["name"],
        place["country_iso3"],
        place["geo_precision"],
        tuple((a["name"], a["role"]) for a in event["actors"]),
        tuple(event["fatalities"].values()),
        event["civilian_targeting"],
    )


def test_the_seed_events_are_proposed_as_coded(drafted):
    syria, russia, insurgents = (
        "Military Forces of Syria",
        "Military Forces of Russia",
        "Syrian insurgents",
    )
    assert [coded(e) for e in drafted] == [
        (
            "Battles",
            "Government regains territory",
            "2020-01-28",
            None,
            1,
            "Maarat al-Numan",
            "SYR",
            1,
            ((syria, "actor1"), (russia, "assoc_actor_1"), (insurgents, "actor2")),
            (None, None, None),
            False,
        ),
        (
            "Battles",
            "Armed clash",
            "2020-01-22",
            "2020-01-28",
            3,
            "Aleppo",
            "SYR",
            2,
            ((syria, "actor1"), (insurgents, "actor2")),
            (None, None, None),
            False,
        ),
        (
            "Strategic developments",
            "Agreement",
            "2020-01-12",
            None,
            1,
            "Syria",
            "SYR",
            6,
            (("Government of Turkey", "actor1"), ("Government of Russia", "actor2")),
            (None, None, None),
            False,
        ),
    ]


def test_every_quote_is_verbatim_at_its_offsets(drafted, article):
    for event in drafted:
        assert event["evidence"]
        for evidence in event["evidence"]:
            assert (
                article.text[evidence["quote_start"] : evidence["quote_end"]] == evidence["quote"]
            )


def test_the_stored_evidence_of_the_takeover_is_found(drafted):
    starts = {e["quote_start"] for e in drafted[0]["evidence"]}
    assert {28, 539, 1015, 1210, 1474} <= starts
    first = drafted[0]["evidence"][0]
    assert first["claimant"] == "Local media; Syrian Observatory for Human Rights"


def test_threats_displacement_and_background_years_are_not_events(tmp_path: Path):
    text = (
        " date 2022-06-15 World\n\n"
        "The army warned it would attack rebel positions in Gao.\n\n"
        "Thousands of civilians fled Gao after clashes, the UN said.\n\n"
        "The rebels have held the town of Gao since 2012.\n\n"
        "Source: Wire\n"
    )
    assert draft_article(read_article(text.encode(), "fictional")) == {"events": []}


def test_a_fictional_attack_with_its_count(tmp_path: Path):
    text = (
        " date 2022-06-15 World\n\n"
        "Gunmen attacked the village of Malakal on Monday, killing at least 7 civilians, "
        "local officials said.\n\n"
        "Source: Wire\n"
    )
    (event,) = draft_article(read_article(text.encode(), "fictional"))["events"]
    assert event["event_date"] == "2022-06-13"
    assert event["location"]["name"] == "Malakal"
    assert event["fatalities"] == {"low": 7, "best": 7, "high": None}
    assert event["evidence"][0]["claimant"] == "local officials"


def test_the_dateline_is_neither_the_place_nor_the_day():
    text = (
        " date 2022-06-15 World\n\n"
        "JUBA, South Sudan, June 15 (Wire) - Gunmen attacked the village of Malakal on Monday, "
        "killing 4 villagers, officials said.\n\n"
        "Source: Wire\n"
    )
    (event,) = draft_article(read_article(text.encode(), "fictional"))["events"]
    assert (event["event_date"], event["location"]["name"]) == ("2022-06-13", "Malakal")
    assert event["fatalities"] == {"low": 4, "best": 4, "high": 4}
    assert event["evidence"][0]["quote"].startswith("Gunmen attacked")


def _fictional(*paragraphs: str) -> list[dict]:
    text = " date 2022-06-15 World\n\n" + "\n\n".join(paragraphs) + "\n\nSource: Wire\n"
    return draft_article(read_article(text.encode(), "fictional"))["events"]


def test_a_claim_names_the_attacker_and_a_denial_does_not():
    (event,) = _fictional(
        "A roadside bomb hit a bus near Malakal on Monday.",
        "The Southern Border Front (SBF) said its fighters had carried out the attack.",
    )
    assert event["actors"][0] == {"name": "SBF", "role": "actor1"}
    (event,) = _fictional(
        "A roadside bomb hit a bus near Malakal on Monday.",
        "The Southern Border Front (SBF) denied it had carried out the attack.",
    )
    assert event["actors"][0] == {
        "name": "Unidentified Armed Group (South Sudan)",
        "role": "actor1",
    }


def test_a_protest_has_its_protesters_and_no_other_side():
    (event,) = _fictional("Traders blocked the main road into Malakal on Monday as police watched.")
    assert (event["sub_event_type"], event["actors"]) == (
        "Peaceful protest",
        [{"name": "Protesters (South Sudan)", "role": "actor1"}],
    )


def test_who_reports_an_event_is_not_a_party_to_it():
    (event,) = _fictional(
        "Gunmen attacked the village of Malakal on Monday, killing 4 villagers, "
        "soldiers at a nearby base said."
    )
    assert [a["name"] for a in event["actors"]] == [
        "Unidentified Armed Group (South Sudan)",
        "Civilians (South Sudan)",
    ]


def test_a_toll_told_in_the_next_sentence_belongs_to_the_event_and_dates_it():
    (event,) = _fictional(
        "Gunmen attacked the village of Malakal, officials said on Wednesday.",
        "A nurse said 6 villagers had been killed in the raid on Monday night.",
    )
    assert (event["event_date"], event["fatalities"]) == (
        "2022-06-13",
        {"low": 6, "best": 6, "high": 6},
    )


def test_what_residents_have_repeatedly_done_is_background():
    assert _fictional("Residents of Malakal have repeatedly protested against the curfew.") == []


def test_a_riot_and_the_police_s_answer_are_one_event():
    (event,) = _fictional(
        "Rioters torched shops in Malakal on Monday.",
        "Police fired tear gas in Malakal on Monday to disperse them.",
    )
    assert event["sub_event_type"] == "Violent demonstration"


def test_a_town_the_gazetteer_lacks_leaves_the_event_in_the_article_s_country():
    (event,) = _fictional(
        "NAIROBI, Kenya, June 15 (Wire) - Kenyan troops recaptured the village of Qorxumo "
        "from Al Shabaab fighters on Monday."
    )
    assert (event["location"]["name"], event["location"]["geo_precision"]) == ("Kenya", 6)
    assert event["actors"] == [
        {"name": "Military Forces of Kenya", "role": "actor1"},
        {"name": "Al Shabaab", "role": "actor2"},
    ]


def test_protests_staged_since_last_month_named_are_background():
    assert _fictional("Teachers in Malakal have staged several protests since last March.") == []


def test_a_dateline_without_an_agency_gives_no_day_and_its_town_only_breaks_ties():
    (event,) = _fictional(
        "KHARTOUM, June 15 - Gunmen killed 3 villagers near Malakal on Monday, officials said."
    )
    assert (event["event_date"], event["location"]["name"]) == ("2022-06-13", "Malakal")
    assert event["evidence"][0]["quote"].startswith("Gunmen killed")
    (event,) = _fictional("NAIROBI (Wire) - Fighting in Malakal killed 5 soldiers on Monday.")
    assert event["location"]["country_iso3"] == "SSD"


def test_soldiers_and_the_fighters_they_killed_are_two_sides_not_allies():
    (event,) = _fictional(
        "On Monday, soldiers killed six Southern Border Front fighters who had attacked an "
        "army post near Malakal."
    )
    assert {a["name"]: a["role"] for a in event["actors"]} == {
        "Military Forces of South Sudan": "actor1",
        "Southern Border Front": "actor2",
    }


def test_gangs_men_and_protesters_who_burn_or_stone():
    (event,) = _fictional("Rival gangs fought in Malakal on Monday, killing 4 people.")
    assert event["actors"][0] == {
        "name": "Unidentified Armed Group (South Sudan)",
        "role": "actor1",
    }
    (event,) = _fictional("A mob in Malakal lynched two men on Monday.")
    assert event["sub_event_type"] == "Mob violence"
    assert {"name": "Civilians (South Sudan)", "role": "actor2"} in event["actors"]
    (event,) = _fictional(
        "Protesters burned tyres and stoned police vehicles in Malakal on Monday."
    )
    assert event["sub_event_type"] == "Violent demonstration"


def test_a_toll_updated_on_a_later_day_keeps_the_attack_s_own_day():
    (event,) = _fictional(
        "The death toll from a suicide bombing at a market in Malakal rose to 14 on Wednesday.",
        "The bomber blew himself up on Monday, killing 6 people.",
        "The Southern Border Front has carried out similar attacks in recent years.",
    )
    assert event["event_date"] == "2022-06-13"
    assert event["fatalities"] == {"low": 14, "best": 14, "high": 14}
    assert event["actors"][0] == {
        "name": "Unidentified Armed Group (South Sudan)",
        "role": "actor1",
    }


def test_protesters_who_riot_are_rioters_acting_on_the_police():
    (event,) = _fictional("In Malakal, protesters stoned police vehicles on Monday.")
    assert {a["name"]: a["role"] for a in event["actors"]} == {
        "Rioters (South Sudan)": "actor1",
        "Police Forces of South Sudan": "actor2",
    }


def test_rubber_bullets_disperse_a_protest_and_supporters_who_fight_riot():
    (event,) = _fictional("Police fired rubber bullets at striking workers in Malakal on Monday.")
    assert event["sub_event_type"] == "Protest with intervention"
    (event,) = _fictional(
        "In Malakal, supporters of two rival parties clashed with sticks on Monday, killing 2."
    )
    assert event["sub_event_type"] == "Mob violence"


def test_the_sides_of_fighting_between_two_groups_are_not_allies():
    (event,) = _fictional(
        "Fighting between Kobra militiamen and soldiers in Malakal on Monday killed 9 people."
    )
    assert {a["name"]: a["role"] for a in event["actors"]} == {
        "Kobra": "actor1",
        "Military Forces of South Sudan": "actor2",
    }
