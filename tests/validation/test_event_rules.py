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
    package.set("events", 3, "event_date_end", "2020-01-21")  # evt_00000002 starts 01-22
    assert package.report() == [(EVENTS, 3, "event_date_end", "date-order")]


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


def test_the_earliest_dated_source_bounds_the_event(package):
    # event 2 is reported by its source; a second, earlier-published source citing it
    # bounds it, and is the one the hint names, even when the event cites it second
    source = package.cell("event_sources", 2, "source_id")
    published = package.cell("sources", 2, "published_date")
    event = package.cell("event_sources", 2, "event_id")
    [row] = [i + 1 for i, r in enumerate(package.rows("events")) if r[0] == event]
    package.set("events", row, "event_date", published)
    package.set("events", row, "event_date_end", "")
    assert package.report() == []
    day_before = (pd.Timestamp(published) - pd.Timedelta(days=1)).date().isoformat()
    package.append(
        "sources",
        **dict(zip(package.rows("sources")[0], package.rows("sources")[1], strict=True))
        | {"source_id": "src_000099", "published_date": day_before, "url": "https://example.org/b"},
    )
    package.append(
        "event_sources",
        **dict(zip(package.rows("event_sources")[0], package.rows("event_sources")[1], strict=True))
        | {"source_id": "src_000099"},
    )
    [problem] = [p for p in package.validate() if p.rule == "date-after-publication"]
    assert (problem.row, problem.column) == (row, "event_date")
    assert problem.hint.startswith(
        f"source src_000099, which reports this event, was published on {day_before}"
    )
    assert source != "src_000099"


def test_a_curated_event_carries_no_source_flag(package):
    """The curated package relaxes no rule, so no event may excuse one."""
    package.set("events", 3, "source_flags", "fatalities-order")
    assert package.report() == [(EVENTS, 3, "source_flags", "source-flag")]
    assert [p.as_line() for p in package.validate()] == [
        'datasets/events.csv:3:source_flags  source-flag  "fatalities-order"  fatalities-order: '
        "not a rule the package relaxes (x-warnings: none); remove the flag, or fix the data it "
        "excuses"
    ]


def test_a_flag_names_a_rule_the_package_relaxes(package):
    """Of an event's flags, those the descriptor does not relax are named; a relaxed rule's
    flag is accepted, and the rule's problem stays, as a warning."""
    package.edit_descriptor(lambda d: d.update({"x-warnings": ["fatalities-order"]}))
    package.set("events", 2, "fatalities_low", "5")
    package.set("events", 2, "fatalities_best", "3")
    package.set("events", 2, "source_flags", "fatalities-order;date-order;fatalities-order")
    package.set("events", 3, "source_flags", "fatalities-order")
    problems = package.validate()
    assert [(p.as_line(), p.severity) for p in problems] == [
        (
            'datasets/events.csv:2:fatalities_low  warning fatalities-order  "5"  '
            "fatalities_low (5) is above fatalities_best (3): low <= best <= high",
            "warning",
        ),
        (
            'datasets/events.csv:2:source_flags  source-flag  "fatalities-order;date-order;'
            'fatalities-order"  date-order: not a rule the package relaxes (x-warnings: '
            "fatalities-order); remove the flag, or fix the data it excuses",
            "error",
        ),
    ]
