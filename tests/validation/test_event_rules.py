"""Semantic rules on events: each breaks a copy of the seed package and asserts the report."""

import pandas as pd

EVENTS = "datasets/events.csv"


def test_fatalities_low_above_best(package):
    package.set("events", 2, "fatalities_low", "5")
    package.set("events", 2, "fatalities_best", "3")
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule, problem.value) == (
        EVENTS,
        2,
        "fatalities_low",
        "fatalities-order",
        "5",
    )


def test_fatalities_best_above_high(package):
    package.set("events", 3, "fatalities_best", "10")
    package.set("events", 3, "fatalities_high", "4")
    assert package.report() == [(EVENTS, 3, "fatalities_best", "fatalities-order")]


def test_fatalities_low_above_high_with_best_unknown(package):
    package.set("events", 3, "fatalities_low", "10")
    package.set("events", 3, "fatalities_high", "4")
    assert package.report() == [(EVENTS, 3, "fatalities_low", "fatalities-order")]


def test_a_reported_zero_is_a_count_not_unknown(package):
    """0 is a number a source can give; only an empty cell means unknown."""
    package.set("events", 2, "fatalities_best", "0")
    package.set("events", 2, "fatalities_high", "0")
    assert package.report() == []
    package.set("events", 2, "fatalities_low", "1")
    assert package.report() == [(EVENTS, 2, "fatalities_low", "fatalities-order")]


def test_event_ends_before_it_starts(package):
    package.set("events", 5, "event_date_end", "2011-12-31")
    assert package.report() == [(EVENTS, 5, "event_date_end", "date-order")]


def test_event_dated_after_its_source_was_published(package):
    package.set("events", 2, "event_date", "2020-01-29")
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVENTS,
        2,
        "event_date",
        "date-after-publication",
    )
    assert "src_000001" in problem.hint and "2020-01-28" in problem.hint


def test_event_ending_after_its_source_was_published(package):
    package.set("events", 3, "event_date_end", "2020-03-01")
    assert package.report() == [(EVENTS, 3, "event_date_end", "date-after-publication")]


def test_sub_event_type_of_another_event_type(package):
    package.set("events", 2, "event_type", "Protests")
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVENTS,
        2,
        "sub_event_type",
        "sub-event-type",
    )
    assert "'Government regains territory' belongs to event_type 'Battles'" in problem.hint


def test_the_earliest_dated_source_bounds_the_event():
    from conflict_events.validation.event_rules import _cited, _first_publication, _first_sources

    day = pd.Timestamp
    events = pd.DataFrame(
        {
            "event_id": ["evt_1", "evt_2", "evt_3"],
            "event_date": [day("2020-01-05"), day("2020-01-01"), day("2020-01-01")],
            "event_date_end": [pd.NaT, pd.NaT, pd.NaT],
        },
        index=[7, 3, 5],
    ).astype({"event_id": "string"})
    evidence = pd.DataFrame(
        {
            "event_id": ["evt_1", "evt_1", "evt_1", "evt_2"],
            "source_id": ["s_b", "s_a", "s_c", "s_c"],
        }
    ).astype("string")
    sources = pd.DataFrame(
        {
            "source_id": pd.Series(["s_a", "s_b", "s_c"], dtype="string"),
            "published_date": [day("2020-01-04"), day("2020-01-02"), pd.NaT],
        }
    )
    cited = _cited(evidence, sources)
    joined = _first_publication(events, cited)
    # evt_1: s_b (2 Jan) before s_a (4 Jan), s_c undated; evt_2 has only an undated source;
    # evt_3 has none.
    assert joined.index.tolist() == [7]
    assert joined.at[7, "published_date"] == day("2020-01-02")
    assert _first_sources(cited, ["evt_1"]) == {"evt_1": "s_b"}
