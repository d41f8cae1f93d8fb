from datetime import date

from conflict_events.draft.dates import dates_in, precision

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def days(sentence: str) -> list[tuple[date, date, int]]:
    return [(w.first, w.last, w.relative_to_event) for w in dates_in(sentence, PUBLISHED)]


def test_a_weekday_is_the_latest_such_day_on_or_before_publication():
    assert days("Rebels attacked the post on Monday.") == [(date(2021, 3, 8), date(2021, 3, 8), 0)]
    assert days("It happened late on Wednesday.") == [(PUBLISHED, PUBLISHED, 0)]


def test_yesterday_and_a_day_of_the_month():
    assert days("Police fired yesterday.") == [(date(2021, 3, 9), date(2021, 3, 9), 0)]
    assert days("The truce of 2 March held.") == [(date(2021, 3, 2), date(2021, 3, 2), 0)]
    # A day after publication belongs to the year before.
    assert days("Talks began on December 20.") == [(date(2020, 12, 20), date(2020, 12, 20), 0)]


def test_last_week_is_a_window_of_precision_three():
    ((first, last, _),) = days("Clashes erupted last week.")
    assert (first, last) == (date(2021, 3, 1), date(2021, 3, 7))
    assert precision(first, last) == 3


def test_the_previous_day_counts_from_the_event():
    assert days("Gunmen had struck the previous day.") == [(PUBLISHED, PUBLISHED, -1)]
    assert days("They returned the following day.") == [(PUBLISHED, PUBLISHED, 1)]


def test_precision_fits_the_window_length():
    assert precision(date(2021, 1, 1), date(2021, 1, 1)) == 1
    assert precision(date(2021, 1, 1), date(2021, 1, 4)) == 2
    assert precision(date(2021, 1, 1), date(2021, 1, 20)) == 4
    assert precision(date(2021, 1, 1), date(2021, 12, 31)) == 5


def test_a_span_of_weekdays_is_a_window():
    (when,) = dates_in(
        "Raids between Thursday and Saturday left the town empty.", date(2022, 6, 15)
    )
    assert (when.first, when.last) == (date(2022, 6, 9), date(2022, 6, 11))


def test_last_week_and_a_month_long_past_are_vague_a_recent_month_is_not():
    published = date(2022, 6, 15)
    assert dates_in("Gunmen struck last week.", published)[0].vague
    assert dates_in("Gunmen struck in January.", published)[0].vague
    (may,) = dates_in("Operations in May killed nine.", published)
    assert (may.first, may.last, may.vague) == (date(2022, 5, 1), date(2022, 5, 31), False)
