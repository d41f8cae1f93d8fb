"""The GitHub workflow: what it runs on, and its validation step run here as GitHub runs it."""

import os
import shutil
import subprocess

import yaml

from tests.conftest import REPO, git

WORKFLOW = yaml.safe_load((REPO / ".github" / "workflows" / "validate.yml").read_text())
JOB = WORKFLOW["jobs"]["check"]
STEPS = {step.get("name", step.get("uses")): step for step in JOB["steps"]}


def test_runs_on_pull_requests_and_pushes_with_both_pythons_and_a_pip_cache():
    assert set(WORKFLOW[True]) == {"pull_request", "push"}  # YAML 1.1 reads `on` as True
    assert JOB["strategy"]["matrix"]["python-version"] == ["3.11", "3.12"]
    assert STEPS["actions/setup-python@v5"]["with"]["cache"] == "pip"
    assert STEPS["actions/checkout@v4"]["with"]["fetch-depth"] == 0


def test_tests_run_as_the_readme_says():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for step in ("Install with the test extras", "Tests"):
        assert STEPS[step]["run"] in readme
    assert STEPS["Build"]["run"].startswith("conflict-events build")


def run_validation_step(folder, base, summary):
    env = dict(os.environ, BASE=base, GITHUB_STEP_SUMMARY=str(summary))
    script = STEPS["Validate, listing the rows changed"]["run"]
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=folder, env=env, capture_output=True, text=True
    )


def test_the_validation_step_annotates_and_summarises(package, tmp_path):
    assert shutil.which("conflict-events")
    git(package.root, "init", "-q", "-b", "main")
    git(package.root, "add", ".")
    git(package.root, "commit", "-qm", "base")
    package.set("events", 2, "fatalities_best", "-3")
    summary = tmp_path / "summary.md"
    result = run_validation_step(package.root, "main", summary)
    assert result.returncode == 1
    minus = package.csv_path("events").read_text().splitlines()[1].index(",-3,") + 2
    assert result.stdout.splitlines()[0] == (
        f"::error file=datasets/events.csv,line=2,col={minus},title=minimum::minimum: "
        "must be at least 0 (value: '-3')"
    )
    assert '    ~ evt_00000001  fatalities_best: "" -> "-3"' in result.stdout.splitlines()
    assert summary.read_text(encoding="utf-8").startswith("## :x: datapackage.json: 1 problem(s)")


def test_a_first_push_compares_with_the_first_commit(package, tmp_path):
    git(package.root, "init", "-q", "-b", "main")
    git(package.root, "add", ".")
    git(package.root, "commit", "-qm", "base")
    summary = tmp_path / "summary.md"
    result = run_validation_step(package.root, "0" * 40, summary)  # GitHub's 'before' then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes." in summary.read_text(encoding="utf-8")
