"""`conflict-events import ucdp-ged`: a summary of what was imported, flagged and not
imported, and a file that cannot be imported reported in one line, with nothing written."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from conflict_events.cli import app
from tests.importers.test_ucdp_ged import SAMPLE


def test_import_says_how_many_rows_were_kept_flagged_and_why(tmp_path):
    out = tmp_path / "ucdp"
    result = CliRunner().invoke(app, ["import", "ucdp-ged", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "import-report.csv").open(encoding="utf-8") as handle:
        report = list(csv.DictReader(handle))
    flagged = {row["row"] for row in report if row["outcome"] == "kept, flagged"}
    assert f"1,000 of 1,000 rows imported, {len(flagged)} of them flagged" in result.stdout
    for rule in {row["rule"] for row in report}:
        count = sum(row["rule"] == rule for row in report)
        assert any(line.split() == [rule, str(count)] for line in result.stdout.splitlines())
    validated = CliRunner().invoke(app, ["validate", str(out / "datapackage.json")])
    assert validated.exit_code == 0, validated.output
    assert validated.stderr.strip().endswith(
        f"valid, {len(validated.stdout.splitlines())} warning(s)"
    )


def _refused(tmp_path, content: bytes) -> str:
    """The one line an import of `content` ends with; nothing may be written."""
    given = tmp_path / "given.csv"
    given.write_bytes(content)
    result = CliRunner().invoke(
        app, ["import", "ucdp-ged", str(given), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given.csv"]  # nothing half written
    [line] = result.stderr.splitlines()
    return line


def test_a_file_that_is_not_ged_is_one_error_line(tmp_path):
    line = _refused(tmp_path, b"a,b\n1,2\n")
    assert line.startswith(
        f"error: {tmp_path / 'given.csv'}: not a UCDP GED file, it lacks the column(s) id,"
    )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "the file is empty, not a UCDP GED file"),
        ("header only", "the file has a header but no rows: nothing to import"),
        ("latin-1", "not UTF-8 text (invalid continuation byte at byte "),
    ],
)
def test_an_empty_or_undecodable_file_is_one_error_line(tmp_path, content, said):
    header = SAMPLE.read_bytes().split(b"\n", 1)[0] + b"\n"
    if content == "header only":
        content = header
    elif content == "latin-1":
        row = SAMPLE.read_bytes().split(b"\n")[1].replace(b"Syria", "Syrie é".encode("latin-1"))
        content = header + row + b"\n"
    line = _refused(tmp_path, content)
    assert line.startswith(f"error: {tmp_path / 'given.csv'}: {said}")
