"""The Markdown summary for a pull request: verdict, one table row per problem, changes."""

from conflict_events.validation import Problem
from conflict_events.validation.summary import markdown_summary


def test_valid_with_changes():
    assert markdown_summary("datapackage.json", [], "## Changes since `main`\n\nNo changes.") == (
        "## :white_check_mark: datapackage.json: valid\n\n## Changes since `main`\n\nNo changes.\n"
    )


def test_each_problem_is_one_row_whatever_its_text():
    problem = Problem(
        "datasets/events.csv", 3, "summary", "formula-injection", "=a|b\nc", "fix | it"
    )
    assert markdown_summary("datapackage.json", [problem]).splitlines() == [
        "## :x: datapackage.json: 1 problem(s)",
        "",
        "| where | rule | value | what to do |",
        "|---|---|---|---|",
        '| `datasets/events.csv:3:summary` | formula-injection | "=a\\|b\\\\nc" | fix \\| it |',
    ]
