"""select(): the events an export, map or timeline shows, chosen by the loader's filters."""

import pytest

from conflict_events.export import select
from conflict_events.loader import LoadError


def test_countries_are_codes_in_any_case_or_names(seed_release):
    by_code = select(source=seed_release, country=["SYR"]).flat["event_id"].tolist()
    assert by_code
    for written in (["syr"], ["Syria"], ["sy", "tur"]):
        assert select(source=seed_release, country=written).flat["event_id"].tolist() == by_code


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (
            {"country": ["Syra"]},
            "country= 'Syra' is not an ISO 3166-1 country code or name; did you mean SYR (Syria)?",
        ),
        (
            {"start": "2020-02-01", "end": "2020-01-01"},
            "start= 2020-02-01 is after end= 2020-01-01: no event can match; "
            "give the earlier day as start=",
        ),
        ({"end": "2023-02-30"}, "end= '2023-02-30' is not a day of the calendar (YYYY-MM-DD)"),
    ],
)
def test_a_filter_that_cannot_match_is_one_line(seed_release, filters, message):
    with pytest.raises(LoadError) as raised:
        select(source=seed_release, **filters)
    assert str(raised.value) == message
