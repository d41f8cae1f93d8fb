"""The command line as a user runs it: a real subprocess, its output and exit status."""

import json
import os
import re
import shutil
import subprocess
import sys

from tests.conftest import MAIN_ZIP, REPO

CLI = [sys.executable, "-m", "conflict_events"]


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_console_script_validates_the_repository():
    script = shutil.which("conflict-events")
    assert script is not None, "pip install -e . puts conflict-events on PATH"
    result = subprocess.run([script, "validate"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().endswith("datapackage.json: valid")


def test_invalid_package_exits_1_with_one_line_per_problem(package):
    package.set("events", 3, "event_date", "2020-02-30")
    package.set("event_sources", 2, "quote_start", "29")
    result = run("validate", str(package.descriptor))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'datasets/events.csv:3:event_date  type  "2020-02-30"  '
        "write a real date as YYYY-MM-DD, e.g. 2020-01-28",
        'datasets/event_sources.csv:2:quote  quote-verbatim  "Local media and the Syrian '
        'Observatory for Human Rights said Syrian regime force..."  '
        "the quote stands at 28-200 in the article: set quote_start=28 and quote_end=200",
    ]
    assert "2 problem(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_report(package):
    package.set("locations", 2, "country_iso3", "SYX")
    result = run("validate", str(package.root), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["problems"] == [
        {
            "file": "datasets/locations.csv",
            "row": 2,
            "column": "country_iso3",
            "rule": "codelist",
            "value": "SYX",
            "hint": "use an ISO 3166-1 alpha-3 country code, e.g. SYR",
            "layer": "table",
            "severity": "error",
        }
    ]


def test_valid_json_report():
    result = run("validate", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["problems"] == []


def test_missing_descriptor_is_a_usage_error(tmp_path):
    result = run("validate", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_descriptor_is_a_usage_error(tmp_path):
    bad = tmp_path / "datapackage.json"
    bad.write_text('{\n  "name": \n', encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_garbage_table_is_reported_without_traceback(package):
    package.csv_path("events").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    result = run("validate", str(package.descriptor))
    assert result.returncode == 1
    assert "datasets/events.csv" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_unknown_option_is_a_usage_error():
    result = run("validate", "--format", "xml")
    assert result.returncode == 2


def test_version_follows_the_descriptor():
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert run("--version").stdout.strip() == descriptor["version"]


def test_usage_error_in_json_format_is_json(tmp_path):
    result = run("validate", str(tmp_path / "nope.json"), "--format", "json")
    assert result.returncode == 2
    assert json.loads(result.stdout) == {
        "valid": False,
        "error": f"{tmp_path / 'nope.json'}: no such file",
    }


def test_readme_commands_are_what_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{ci}\n```" in readme


def test_info_lists_tables_row_counts_and_cache(seed_release, tmp_path):
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [*CLI, "info", "--source", str(seed_release)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    rows = dict(re.findall(r"^\s*(\w+)\s+│\s+([\d,]+)\s*$", result.stdout, flags=re.MULTILINE))
    assert rows["events"] == "3" and rows["event_sources"] == "8" and rows["events_flat"] == "3"
    assert f"cache: {tmp_path / 'cache'}" in result.stdout
    unknown = subprocess.run(
        [*CLI, "info", "--version", "9.9.9"], capture_output=True, text=True, env=env
    )
    assert unknown.returncode == 2 and "unknown version '9.9.9'" in unknown.stderr


def test_cache_clear_empties_the_cache(seed_release, tmp_path):
    cache = tmp_path / "cache"
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(cache)}
    subprocess.run(
        [*CLI, "info", "--source", str(seed_release / MAIN_ZIP)],
        env=env,
        check=True,
        capture_output=True,
    )
    assert any(cache.rglob("*.parquet"))
    result = subprocess.run([*CLI, "cache", "clear"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and not cache.exists()
