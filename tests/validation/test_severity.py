"""Severities: a rule the descriptor relaxes is reported as a warning, counted, and leaves
the package valid, in every report format and for the build."""

import json
import subprocess
import sys

import pytest

from conflict_events.build import BuildError, build_release
from conflict_events.contribute.changes import ContributionError, require_valid
from conflict_events.metadata import load_package
from conflict_events.validation.report import ReportFormat, validation_report
from conflict_events.validation.severity import PROPERTY
from tests.conftest import REPO

CLI = [sys.executable, "-m", "conflict_events"]
EVENTS = "datasets/events.csv"
WARNING_LINE = (
    f'{EVENTS}:2:fatalities_low  warning fatalities-order  "5"  '
    "fatalities_low (5) is above fatalities_best (3): low <= best <= high"
)


def _relax(package, *ids):
    package.edit_descriptor(lambda d: d.__setitem__(PROPERTY, list(ids)))


def _out_of_order(package):
    package.set("events", 2, "fatalities_low", "5")
    package.set("events", 2, "fatalities_best", "3")


def _validate(package, *args):
    return subprocess.run(
        [*CLI, "validate", str(package.descriptor), *args],
        cwd=package.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_curated_package_relaxes_no_rule():
    assert PROPERTY not in load_package(REPO / "datapackage.json").descriptor


def test_a_relaxed_rule_is_a_warning_and_the_package_stays_valid(package):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    [problem] = package.validate()
    assert (problem.row, problem.rule, problem.severity) == (2, "fatalities-order", "warning")
    assert problem.as_line() == WARNING_LINE
    report = validation_report(package.descriptor)
    assert report.valid
    assert report.lines == [WARNING_LINE]
    assert report.verdict.endswith("datapackage.json: valid, 1 warning(s)")


def test_the_command_prints_warnings_beside_errors_counts_them_and_exits_0_on_warnings(package):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    warned = _validate(package)
    assert warned.returncode == 0, warned.stderr
    assert warned.stdout.splitlines() == [WARNING_LINE]
    assert warned.stderr.strip() == "datapackage.json: valid, 1 warning(s)"
    package.set("events", 3, "event_date", "2020-02-30")
    both = _validate(package)
    assert both.returncode == 1
    assert len(both.stdout.splitlines()) == 2
    assert both.stdout.splitlines()[-1] == WARNING_LINE  # the table layer's error comes first
    assert both.stderr.strip() == "datapackage.json: 1 problem(s), 1 warning(s)"


def test_an_unrelaxed_rule_stays_an_error(package):
    _out_of_order(package)
    _relax(package, "date-order")
    [problem] = package.validate()
    assert (problem.rule, problem.severity) == ("fatalities-order", "error")
    assert not validation_report(package.descriptor).valid


def test_json_carries_the_severity_and_the_counts(package):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    report = json.loads(validation_report(package.descriptor, ReportFormat.json).lines[0])
    assert (report["valid"], report["errors"], report["warnings"]) == (True, 0, 1)
    [problem] = report["problems"]
    assert (problem["rule"], problem["severity"]) == ("fatalities-order", "warning")


def test_github_annotates_a_warning_as_a_warning(package):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    [line] = validation_report(package.descriptor, ReportFormat.github).lines
    assert line.startswith(f"::warning file={EVENTS},line=2,col=")
    assert ",title=fatalities-order::fatalities-order: " in line


def test_the_summary_marks_and_counts_warnings(package, tmp_path):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    summary = tmp_path / "summary.md"
    validation_report(package.descriptor, summary=summary)
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("## :warning: ")
    assert lines[0].endswith("datapackage.json: valid, 1 warning(s)")
    assert lines[4].startswith(f"| `{EVENTS}:2:fatalities_low` | warning fatalities-order | ")


def test_a_rule_relaxes_every_id_it_reports(package):
    package.csv_path("events").write_text(
        package.csv_path("events").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    _relax(package, "structure")
    [problem] = package.validate()
    assert (problem.rule, problem.severity) == ("blank-row", "warning")


def test_a_build_goes_ahead_with_warnings_only(package, tmp_path):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    built = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    release = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    assert release[PROPERTY] == ["fatalities-order"]  # the release says what it relaxes
    package.set("events", 3, "event_date", "2020-02-30")
    with pytest.raises(BuildError) as refused:
        build_release(package.descriptor, tmp_path / "dist2", show_progress=False)
    assert [p.rule for p in refused.value.problems] == ["type"]


def test_an_unknown_rule_is_one_line_naming_it_with_a_guess(package):
    _relax(package, "fatalities-ordr", "no-such-thing")
    assert [p.as_line() for p in package.validate()] == [
        'datapackage.json  relaxed-rule  "fatalities-ordr"  x-warnings names no rule of the '
        "validator (did you mean fatalities-order?): see the rule list in docs/codebook.md",
        'datapackage.json  relaxed-rule  "no-such-thing"  x-warnings names no rule of the '
        "validator: see the rule list in docs/codebook.md",
    ]
    assert _validate(package).returncode == 1


def test_relaxations_that_are_not_a_list_or_relax_the_list_itself_are_errors(package):
    package.edit_descriptor(lambda d: d.__setitem__(PROPERTY, "fatalities-order"))
    assert [(p.rule, p.value, p.severity) for p in package.validate()] == [
        ("relaxed-rule", "fatalities-order", "error")
    ]
    _relax(package, "relaxed-rule")
    assert [(p.rule, p.hint, p.severity) for p in package.validate()] == [
        ("relaxed-rule", "relaxed-rule cannot be relaxed: remove it", "error")
    ]


def test_contributions_go_ahead_on_warnings_only(package):
    _out_of_order(package)
    _relax(package, "fatalities-order")
    require_valid(package.descriptor)  # no error: nothing to refuse
    package.set("events", 3, "event_date", "2020-02-30")
    with pytest.raises(ContributionError) as refused:
        require_valid(package.descriptor)
    assert [p.rule for p in refused.value.problems] == ["type"]
