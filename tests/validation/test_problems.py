"""A problem's one-line and JSON forms stay short whatever its value and hint hold."""

from conflict_events.validation import Problem


def test_the_json_form_cuts_the_value_and_the_hint():
    problem = Problem("datasets/events.csv", 2, "summary", "rule", "v" * 1000, "h" * 10_000)
    form = problem.as_dict()
    assert form["value"] == "v" * 80 + "..."
    assert form["hint"] == "h" * 500 + "..."
    assert (form["file"], form["row"], form["column"]) == ("datasets/events.csv", 2, "summary")


def test_a_line_of_a_file_without_a_column_has_no_trailing_colon():
    assert Problem("a.txt", 14, None, "r", "v", "h").location == "a.txt:14"
    assert Problem("a.csv", None, "x", "r", "v", "h").location == "a.csv::x"
    assert Problem("datapackage.json", None, None, "r", "v", "h").location == "datapackage.json"
