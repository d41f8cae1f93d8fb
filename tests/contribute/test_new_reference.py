"""new-actor and new-location: a row under the next free ID, or a refusal that writes nothing."""

import re

import pytest

from conflict_events.contribute.changes import ContributionError
from conflict_events.contribute.new_reference import add_reference
from tests.contribute.conftest import MILITIA, SAMPLETON, snapshot


def last_row(package, table):
    header, *rows = package.rows(table)
    return dict(zip(header, rows[-1], strict=True))


def test_a_new_actor_and_a_new_place_get_the_next_ids(package):
    assert add_reference(package.descriptor, "actor", MILITIA) == "act_000006"
    assert last_row(package, "actors") == {
        "actor_id": "act_000006",
        "name": "Sampleton Militia",
        "actor_type": "identity_militia",
        "country_iso3": "SYR",
        "parent_actor_id": "",
        "aliases": "",
        "wikidata_id": "",
        "ucdp_actor_id": "",
        "notes": "",
    }
    assert add_reference(package.descriptor, "location", SAMPLETON) == "loc_000004"
    row = last_row(package, "locations")
    assert (row["location_id"], row["latitude"], row["longitude"], row["geonames_id"]) == (
        "loc_000004",
        "",  # unverified coordinates stay empty
        "",
        "",
    )
    assert package.validate() == []


def test_a_name_stored_in_another_country_is_a_different_place(package):
    place = SAMPLETON | {"name": "Aleppo", "country_iso3": "TUR"}
    assert add_reference(package.descriptor, "location", place) == "loc_000004"


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        (
            "actor",
            MILITIA | {"name": "regime forces"},  # an alias of act_000001
            "already stored as act_000001 (Military Forces of Syria); nothing was added",
        ),
        (
            "actor",
            MILITIA | {"aliases": "Sampleton boys;Syrian forces"},  # an alias of act_000001
            "already stored as act_000001 (Military Forces of Syria); nothing was added",
        ),
        (
            "location",
            SAMPLETON | {"name": "aleppo"},
            "already stored as loc_000002 (Aleppo); nothing was added",
        ),
    ],
)
def test_what_is_stored_already_is_refused(package, kind, values, message):
    before = snapshot(package)
    with pytest.raises(ContributionError, match=f"^{re.escape(message)}$"):
        add_reference(package.descriptor, kind, values)
    assert snapshot(package) == before


@pytest.mark.parametrize(
    ("kind", "values", "report"),
    [
        (
            "actor",
            MILITIA | {"actor_type": "militia"},
            [("datasets/actors.csv", 7, "actor_type", "enum")],
        ),
        (
            "location",
            SAMPLETON | {"country_iso3": "SYX"},
            [("datasets/locations.csv", 5, "country_iso3", "codelist")],
        ),
        (
            "location",  # Damascus's coordinates are not in Turkey
            SAMPLETON | {"country_iso3": "TUR", "latitude": "33.5", "longitude": "36.3"},
            [("datasets/locations.csv", 5, "latitude,longitude", "coordinates-in-country")],
        ),
    ],
)
def test_an_invalid_row_is_reported_and_not_written(package, kind, values, report):
    before = snapshot(package)
    with pytest.raises(ContributionError, match=f"the new {kind} would not be valid") as refused:
        add_reference(package.descriptor, kind, values)
    assert [(p.file, p.row, p.column, p.rule) for p in refused.value.problems] == report
    assert snapshot(package) == before


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        (
            "actor",
            "Military Forces of Syria\u200b",  # a zero-width space appended
            "already stored as act_000001 (Military Forces of Syria); nothing was added",
        ),
        (
            "actor",
            "\u202eMILITARY FORCES OF SYRIA",  # case and a right-to-left override
            "already stored as act_000001 (Military Forces of Syria); nothing was added",
        ),
        (
            "actor",
            "\uff2d\uff49\uff4c\uff49\uff54\uff41\uff52\uff59 Forces of Syria",  # fullwidth
            "already stored as act_000001 (Military Forces of Syria); nothing was added",
        ),
        (
            "actor",
            "Military  Forces of Syria",  # two spaces
            "already stored as act_000001 (Military Forces of Syria); nothing was added",
        ),
        (
            "location",
            "Alep\u2060po",  # a word joiner
            "already stored as loc_000002 (Aleppo); nothing was added",
        ),
    ],
)
def test_a_stored_name_with_invisible_characters_case_or_compatibility_forms_is_refused(
    package, kind, name, message
):
    before = snapshot(package)
    values = (MILITIA if kind == "actor" else SAMPLETON) | {"name": name}
    with pytest.raises(ContributionError, match=f"^{re.escape(message)}$"):
        add_reference(package.descriptor, kind, values)
    assert snapshot(package) == before


def test_a_new_name_with_an_invisible_character_is_reported_on_its_cell(package):
    with pytest.raises(ContributionError) as refused:
        add_reference(package.descriptor, "actor", MILITIA | {"name": "Sampleton\u200b Militia"})
    assert [p.as_line() for p in refused.value.problems] == [
        'datasets/actors.csv:7:name  text-character  "U+200B ZERO WIDTH SPACE"  a zero-width '
        "character, which does not show, after 9 characters of the cell: delete it"
    ]
