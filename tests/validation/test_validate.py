"""The validator as a whole: layers run in order and a failing rule never becomes a traceback."""

from conflict_events import validation


def test_every_layer_runs_and_problems_come_in_layer_order(package):
    package.csv_path("events").write_text(
        package.csv_path("events").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    package.set("locations", 2, "country_iso3", "SYX")
    package.set("events", 2, "fatalities_low", "9")
    package.set("events", 2, "fatalities_best", "1")
    layers = [p.layer for p in package.validate()]
    assert layers == ["structure", "table", "cross-table"]


def test_a_rule_that_breaks_is_reported_as_a_problem(package):
    def broken_rule(context):
        return [context.tables["no such table"]]

    [problem] = validation.validate(package.descriptor, layers={"cross-table": [broken_rule]})
    assert (problem.file, problem.rule, problem.layer) == (
        "datapackage.json",
        "validator-error",
        "cross-table",
    )
    assert "broken_rule: KeyError: 'no such table'" in problem.value
