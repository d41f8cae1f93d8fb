"""Property: whatever a contributor types into a free-text cell, the report is about that cell."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_events.characters import first_refused
from conflict_events.formulas import runs_as_formula


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
    elif first_refused(text, line_breaks=True) is not None:
        expected = [("datasets/events.csv", 2, "summary", "text-character")]
    # summary allows tabs, so a leading one is a formula start; test_cells pins the formulas
    if text.startswith("\t") or runs_as_formula(text):
        expected.append(("datasets/events.csv", 2, "summary", "formula-injection"))
    assert [(p.file, p.row, p.column, p.rule) for p in problems] == expected
