"""The Arrow column operations agree with pandas, which they replace for speed."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.validation.columns import beyond, repeats, within

cells = st.one_of(st.none(), st.sampled_from(["a", "b", "a\x1fb", "b\x1fc", "c", ""]))


@given(st.lists(st.tuples(cells, cells), max_size=30))
def test_repeats_are_pandas_duplicated_keep_first(rows):
    frame = pd.DataFrame(rows, columns=["x", "y"], dtype="string")
    frame.index = frame.index * 3 + 5  # row labels that are not positions
    assert repeats(frame).tolist() == frame.duplicated(keep="first").tolist()
    assert repeats(frame[["x"]]).tolist() == frame[["x"]].duplicated(keep="first").tolist()


def test_a_separator_inside_values_does_not_make_a_repeat():
    frame = pd.DataFrame({"x": ["a\x1fb", "a"], "y": ["c", "b\x1fc"]}, dtype="string")
    assert repeats(frame).tolist() == [False, False]


@given(st.lists(cells, max_size=20), st.lists(cells.filter(lambda c: c is not None), max_size=5))
def test_within_is_isin_and_missing_is_never_within(values, allowed):
    series = pd.Series(values, dtype="string")
    expected = [v is not None and v in allowed for v in values]
    assert within(series, allowed).tolist() == expected
    assert within(series, pd.Series(allowed, dtype="string")).tolist() == expected


@given(st.lists(cells, max_size=30), st.integers(min_value=0, max_value=3))
def test_beyond_is_a_groupwise_count_past_the_limit(values, limit):
    series = pd.Series(values, dtype="string")
    seen: dict[str, int] = {}
    expected = []
    for value in values:
        seen[value] = seen.get(value, 0) + 1
        expected.append(value is not None and seen[value] > limit)
    assert beyond(series, limit).tolist() == expected
