"""Property: whatever a contributor types into a free-text cell, the report is about that cell."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FORMULA_START = ("=", "+", "@", "\t", "\r")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40))
def test_any_summary_is_read_back_and_judged_on_its_own(package, text):
    package.set("events", 2, "summary", text)
    problems = package.validate()
    expected = []
    if text == "":
        expected = [("datasets/events.csv", 2, "summary", "required")]
    elif text.startswith(FORMULA_START):
        expected = [("datasets/events.csv", 2, "summary", "formula-injection")]
    assert [(p.file, p.row, p.column, p.rule) for p in problems] == expected
