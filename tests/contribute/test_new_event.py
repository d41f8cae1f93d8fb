"""new-event: an event with its actors and evidence appended, or a refusal that writes nothing."""

import re

import pytest

from conflict_events.contribute.changes import ContributionError
from conflict_events.contribute.new_event import EventDraft, Evidence, new_event
from tests.contribute.conftest import FIXTURE, snapshot

ARTICLE = FIXTURE.read_text(encoding="utf-8")
SHELLING = "Militia forces shelled the village of Sampleton on Tuesday"
DESTROYED = "adding that \u201cthree houses were destroyed\u201d"


def draft(**changes) -> EventDraft:
    values = {
        "source_id": "src_000002",
        "event_date": "2024-05-14",
        "sub_event_type": "Shelling/artillery/missile attack",
        "location": "sampleton",  # names are matched whatever their case
        "actor1": "Sampleton Militia",
        "summary": "A militia shelled Sampleton, destroying three houses.",
        "evidence": [
            Evidence(SHELLING, "Sampleton Monitor"),
            Evidence('adding that "three houses were destroyed"', "Sampleton Monitor"),
        ],
    }
    return EventDraft(**(values | changes))


def rows_of(package, table, event_id):
    header, *rows = package.rows(table)
    return [dict(zip(header, row, strict=True)) for row in rows if row[0] == event_id]


def test_event_rows_with_offsets_and_text_from_the_article(second_article):
    package = second_article
    assert new_event(package.descriptor, draft(actor2="act_000003")) == "evt_00000005"
    assert rows_of(package, "events", "evt_00000005") == [
        {
            "event_id": "evt_00000005",
            "event_date": "2024-05-14",
            "event_date_end": "",
            "date_precision": "1",
            "event_type": "Explosions/Remote violence",  # the sub-event type's parent
            "sub_event_type": "Shelling/artillery/missile attack",
            "location_id": "loc_000004",
            "geo_precision": "1",
            "fatalities_low": "",  # unknown stays empty, never 0
            "fatalities_best": "",
            "fatalities_high": "",
            "civilian_targeting": "false",
            "tags": "",
            "summary": "A militia shelled Sampleton, destroying three houses.",
            "notes": "",
            "source_flags": "",  # a contribution excuses no rule
        }
    ]
    assert rows_of(package, "event_actors", "evt_00000005") == [
        {"event_id": "evt_00000005", "actor_id": "act_000006", "role": "actor1"},
        {"event_id": "evt_00000005", "actor_id": "act_000003", "role": "actor2"},
    ]
    shelling, destroyed = ARTICLE.index(SHELLING), ARTICLE.index(DESTROYED)
    assert [
        (r["quote"], r["quote_start"], r["quote_end"], r["attributed_to"])
        for r in rows_of(package, "event_sources", "evt_00000005")
    ] == [
        (SHELLING, str(shelling), str(shelling + len(SHELLING)), "Sampleton Monitor"),
        # typed with straight quotes, stored with the article's curly ones
        (DESTROYED, str(destroyed), str(destroyed + len(DESTROYED)), "Sampleton Monitor"),
    ]
    assert package.validate() == []


def test_optional_values_are_written_as_the_schema_reads_them(second_article):
    package = second_article
    event_id = new_event(
        package.descriptor,
        draft(
            civilian_targeting=True,
            fatalities_best=0,
            tags=["houses", "shelling"],
            assoc_actor_1=["Syrian insurgents"],
            event_date="2024-05-13",
            event_date_end="2024-05-14",
            date_precision=2,
        ),
    )
    (event,) = rows_of(package, "events", event_id)
    assert (event["civilian_targeting"], event["fatalities_best"], event["tags"]) == (
        "true",
        "0",  # a count the source gives is kept, even zero
        "houses;shelling",
    )
    assert (event["event_date_end"], event["date_precision"]) == ("2024-05-14", "2")
    assert [r["role"] for r in rows_of(package, "event_actors", event_id)] == [
        "actor1",
        "assoc_actor_1",
    ]


def test_retired_event_ids_are_never_given_again(second_article):
    package = second_article
    package.append(
        "retired_ids",
        retired_id="evt_00000005",
        table="events",
        retired_on="2024-06-01",
        reason="erroneous",
    )
    assert new_event(package.descriptor, draft()) == "evt_00000006"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"source_id": "src_000009"},
            "no source src_000009: add the article with add-source first",
        ),
        (
            {"actor1": "Nobody"},
            "no actor 'Nobody' in actors (add it with new-actor)",
        ),
        (
            {"actor1": "Military"},
            "no actor 'Military' in actors; did you mean act_000001 Military Forces of Syria; "
            "act_000002 Military Forces of Russia? (add it with new-actor)",
        ),
        (
            {"actor1": "Sampleton Militias"},  # a slip of a letter
            "no actor 'Sampleton Militias' in actors; did you mean act_000006 Sampleton Militia? "
            "(add it with new-actor)",
        ),
        (
            {"actor1": "Syrian regime force"},  # nearly an alias
            "no actor 'Syrian regime force' in actors; did you mean act_000001 Military Forces "
            "of Syria? (add it with new-actor)",
        ),
        (
            {"location": "Exampleville"},
            "no location 'Exampleville' in locations (add it with new-location)",
        ),
        (
            {"evidence": [Evidence("houses were burnt", "Sampleton Monitor")]},
            "quote 1 is not in src_000002: copy the words from the article ('houses were burnt')",
        ),
        (
            {"evidence": [Evidence("Sampleton", "Sampleton Monitor")]},
            f"quote 1 stands 2 times in src_000002 (at {ARTICLE.index('Sampleton')}, "
            f"{ARTICLE.index('Sampleton', ARTICLE.index('Sampleton') + 1)}): "
            "add words until it is found once",
        ),
        ({"evidence": []}, "an event needs at least one quote from its source"),
        (
            {"sub_event_type": "Skirmish"},
            "sub-event type 'Skirmish' is not one of: Armed clash; Government regains territory;",
        ),
    ],
)
def test_refusals_name_the_reason_and_write_nothing(second_article, changes, message):
    before = snapshot(second_article)
    with pytest.raises(ContributionError, match=f"^{re.escape(message)}"):
        new_event(second_article.descriptor, draft(**changes))
    assert snapshot(second_article) == before


@pytest.mark.parametrize(
    ("changes", "report"),
    [
        (
            {"event_type": "Protests"},  # not the parent of a shelling
            [("datasets/events.csv", 5, "sub_event_type", "sub-event-type")],
        ),
        (
            {"event_date": "2024-05-14", "event_date_end": "2024-05-13", "date_precision": 2},
            [("datasets/events.csv", 5, "event_date_end", "date-order")],
        ),
        (
            {"event_date": "2024-05-20"},  # after the article was published
            [("datasets/events.csv", 5, "event_date", "date-after-publication")],
        ),
    ],
)
def test_an_invalid_event_is_reported_by_the_validator_and_not_written(
    second_article, changes, report
):
    before = snapshot(second_article)
    with pytest.raises(ContributionError, match="the new event would not be valid") as refused:
        new_event(second_article.descriptor, draft(**changes))
    assert [(p.file, p.row, p.column, p.rule) for p in refused.value.problems] == report
    assert snapshot(second_article) == before
