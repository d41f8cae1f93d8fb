"""Countries as people write them: codes in any case and names are one country; anything
else gets the countries it may mean."""

import pytest

from conflict_events.loader.countries import iso3, label, suggestions


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("SYR", "SYR"),
        ("syr", "SYR"),
        ("sy", "SYR"),
        ("760", "SYR"),
        ("Syria", "SYR"),
        ("SYRIAN ARAB REPUBLIC", "SYR"),
        ("Bolivia", "BOL"),
        ("Plurinational State of Bolivia", "BOL"),
        ("Congo", "COG"),
        ("côte d'ivoire", "CIV"),
        ("  Iraq\n", "IRQ"),
    ],
)
def test_codes_in_any_case_and_names_are_the_country(written, code):
    assert iso3(written) == code


@pytest.mark.parametrize("written", ["Syra", "Korea", "UK", "Kosovo", "", "XXX", "SYR, IRQ"])
def test_what_is_not_a_code_or_name_is_no_country(written):
    assert iso3(written) is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Syra", ["SYR"]),
        ("syrie", ["SYR"]),
        ("Turkey", ["TUR"]),  # close to Türkiye once accents are set aside
        ("Korea", ["KOR", "PRK"]),  # a word of both names
        ("Russia", ["RUS"]),  # the start of a word of Russian Federation
        ("guin", ["GIN", "GNB", "GNQ", "PNG"]),
        ("Irak", ["IRQ", "IRN"]),
        ("UK", []),  # too short to be the start of a word; not a code (GB is)
        ("Kosovo", []),  # not in ISO 3166-1
        ("", []),
    ],
)
def test_suggestions_are_the_countries_it_may_mean(written, meant):
    assert suggestions(written) == meant


def test_at_most_four_suggestions():
    assert len(suggestions("Islands")) == 4


def test_a_label_is_the_code_and_the_name_people_use():
    assert [label(c) for c in ("SYR", "BOL", "IRQ")] == [
        "SYR (Syria)",
        "BOL (Bolivia)",
        "IRQ (Iraq)",
    ]
