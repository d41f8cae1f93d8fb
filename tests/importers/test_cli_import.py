"""`conflict-events import ucdp-ged`: a summary of what was imported and why the rest was
not, and a file that cannot be imported reported in one line."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from conflict_events.cli import app
from tests.importers.test_ucdp_ged import SAMPLE


def test_import_says_how_many_rows_and_why_the_others_not(tmp_path):
    out = tmp_path / "ucdp"
    result = CliRunner().invoke(app, ["import", "ucdp-ged", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "945 of 1,000 rows imported" in result.stdout
    with (out / "import-report.csv").open(encoding="utf-8") as handle:
        report = list(csv.DictReader(handle))
    for rule in {row["rule"] for row in report}:
        count = sum(row["rule"] == rule for row in report)
        assert any(line.split() == [rule, str(count)] for line in result.stdout.splitlines())
    validated = CliRunner().invoke(app, ["validate", str(out / "datapackage.json")])
    assert validated.exit_code == 0, validated.output


def test_a_file_that_is_not_ged_is_one_error_line(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", "ucdp-ged", str(other), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {other}: not a UCDP GED file, it lacks the column(s) id,")
    assert "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["other.csv"]  # nothing half written
