"""`conflict-events export`: to standard output or a file written whole, filters applied,
and a bad filter or a missing release reported in one line."""

from __future__ import annotations

import csv
import io
import json
import shutil

from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.releases.archive import write_records


def export(release, *args):
    return CliRunner().invoke(app, ["export", "--source", str(release), *args])


def ids(text: str) -> list[str]:
    return [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(text))]


def test_out_writes_the_file_and_says_so(seed_release, tmp_path):
    out = tmp_path / "acled.csv"
    result = export(seed_release, "--format", "acled", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert ids(out.read_text(encoding="utf-8")) == ["SYR1", "SYR2", "SYR3"]
    assert "3 event(s)" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled.csv"]  # no temporary left


def test_without_out_the_export_goes_to_stdout(seed_release):
    result = export(seed_release, "--format", "geojson")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["features"]) == 3


def test_filters_apply(seed_release):
    battles = export(seed_release, "-f", "acled", "--event-type", "Battles")
    assert ids(battles.stdout) == ["SYR1", "SYR2"]
    turkey = export(seed_release, "-f", "acled", "--country", "TUR")
    assert turkey.exit_code == 0 and ids(turkey.stdout) == []
    assert turkey.stdout.startswith("event_id_cnty,")
    syria = export(seed_release, "-f", "acled", "--country", "TUR", "--country", "SYR")
    assert len(ids(syria.stdout)) == 3
    since = export(seed_release, "-f", "acled", "--start", "2020-01-20")
    assert ids(since.stdout) == ["SYR1", "SYR2"]
    window = export(seed_release, "-f", "geojson", "--start", "2020-01-01", "--end", "2020-01-22")
    assert [f["id"] for f in json.loads(window.stdout)["features"]] == [
        "evt_00000002",
        "evt_00000003",
    ]
    both = export(
        seed_release, "-f", "acled", "--event-type", "Battles", "--event-type", "Agreement"
    )
    assert both.exit_code != 0  # Agreement is a sub-event type, not an event type


def _one_line_error(result) -> None:
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_bad_start_is_one_line_and_leaves_the_file(seed_release, tmp_path):
    out = tmp_path / "acled.csv"
    out.write_text("an earlier export\n", encoding="utf-8")
    result = export(seed_release, "--format", "acled", "--start", "2020-13-01", "--out", str(out))
    _one_line_error(result)
    assert "YYYY-MM-DD" in result.stderr
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled.csv"]


def test_missing_release_and_unknown_format_are_one_line(seed_release, tmp_path):
    _one_line_error(export(tmp_path / "no-release", "--format", "acled"))
    _one_line_error(export(seed_release, "--format", "shapefile"))
    _one_line_error(export(seed_release, "--format", "acled", "--country", "XXX"))


def test_unwritable_out_is_one_line(seed_release, tmp_path):
    result = export(seed_release, "--format", "acled", "--out", str(tmp_path / "no" / "x.csv"))
    _one_line_error(result)
    assert "cannot write" in result.stderr


def test_a_failed_rename_leaves_no_temporary(seed_release, tmp_path):
    taken = tmp_path / "taken"
    (taken / "inside").mkdir(parents=True)  # a folder where the file should go
    _one_line_error(export(seed_release, "--format", "geojson", "--out", str(taken)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert [p.name for p in taken.iterdir()] == ["inside"]


def test_a_release_without_crosswalks_is_exported_with_this_installs(seed_release, tmp_path):
    """Releases built before the crosswalks were tables of the package can be exported."""
    older = tmp_path / "older"
    shutil.copytree(seed_release, older)
    descriptor = json.loads((older / "datapackage.json").read_text(encoding="utf-8"))
    kept = [r for r in descriptor["resources"] if not r["name"].startswith("crosswalk_")]
    for resource in descriptor["resources"]:
        if resource not in kept:
            (older / resource["path"]).unlink()
            (older / resource["schema"]).unlink()
    descriptor["resources"] = kept
    (older / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_records(older, {})
    result = export(older, "--format", "acled")
    assert result.exit_code == 0, result.output
    assert "no crosswalks this version can read" in result.stderr
    assert result.stdout == export(seed_release, "--format", "acled").stdout


def test_a_country_is_a_code_in_any_case_or_a_name(seed_release):
    for written in ("SYR", "syr", "Syria"):
        result = export(seed_release, "-f", "acled", "--country", written)
        assert result.exit_code == 0, result.output
        assert ids(result.stdout) == ["SYR1", "SYR2", "SYR3"]


def test_a_misspelt_country_and_reversed_dates_are_one_line(seed_release):
    misspelt = export(seed_release, "-f", "acled", "--country", "Syra")
    _one_line_error(misspelt)
    assert misspelt.stderr == (
        "error: country= 'Syra' is not an ISO 3166-1 country code or name; "
        "did you mean SYR (Syria)? (see --help)\n"
    )
    reversed_dates = export(
        seed_release, "-f", "acled", "--start", "2020-02-01", "--end", "2020-01-01"
    )
    _one_line_error(reversed_dates)
    assert reversed_dates.stderr == (
        "error: start= 2020-02-01 is after end= 2020-01-01: no event can match; "
        "give the earlier day as start= (see --help)\n"
    )
