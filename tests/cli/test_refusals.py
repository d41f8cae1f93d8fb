"""Every refusal is one clean line: an echoed value is cut short, and a file name with a
newline or an escape sequence is printed escaped, in every command and report format."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A file name whose second line would read like a verdict, in colour.
HOSTILE = "h\n\x1b[32mx: valid"
SHOWN = "h\\n\\u001b[32mx: valid"
BIG = "A" * 20_971_600  # a 20 MB line


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(cwd / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "conflict_events", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", HOSTILE], f"{SHOWN}: no such file"),
        (["validate", HOSTILE, "-f", "github"], f"{SHOWN}: no such file"),
        (["build", HOSTILE], f"{SHOWN}: no such file"),
        (["check-evidence", "--texts", HOSTILE], f"{SHOWN}: no such folder of article texts"),
        (["diff", HOSTILE, HOSTILE], f"{SHOWN}: no such file"),
        (["release", "--bump", "patch", HOSTILE], f"{SHOWN}: no such file"),
        (["docs", HOSTILE], f"{SHOWN}: no such file"),
        (["import", "ucdp-ged", HOSTILE, "--out", "o"], f"{SHOWN}: no such file"),
        (
            ["info", "--source", HOSTILE],
            f"{SHOWN}: no such release folder, zip or datapackage.json",
        ),
        (
            ["serve", "--source", HOSTILE],
            f"{SHOWN}: no such release folder, zip or datapackage.json",
        ),
        (
            ["map", "--out", HOSTILE + ".txt"],
            f"cannot draw a map as {SHOWN}.txt: give --out a .png or .html file",
        ),
        (
            ["timeline", "--out", HOSTILE + ".txt"],
            f"cannot draw a timeline as {SHOWN}.txt: give --out a .png file",
        ),
        (
            ["export", "-f", "x" * 100_000],
            f"no format '{'x' * 200}...'; choose one of: acled, ucdp-ged, geojson",
        ),
        (["quote", "src_000001", "words", "--datapackage", HOSTILE], f"{SHOWN}: no such file"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else "",
)
def test_a_hostile_name_or_value_is_refused_in_one_clean_line(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"error: {message}\n")


def test_a_hostile_name_in_json_format(tmp_path):
    result = run("validate", HOSTILE, "-f", "json", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == ""
    assert result.stdout == f'{{"valid": false, "error": "{SHOWN}: no such file"}}\n'
    assert json.loads(result.stdout)["error"] == f"{HOSTILE}: no such file"


def test_an_export_to_a_hostile_name_is_refused_in_one_line(seed_release, tmp_path):
    result = run(
        "export",
        "-f",
        "acled",
        "--source",
        str(seed_release),
        "-o",
        HOSTILE + "/x.csv",
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (
        2,
        f"error: cannot write {SHOWN}/x.csv: No such file or directory; check that its folder "
        "exists and is writable\n",
    )


def test_verify_names_a_hostile_folder_on_one_line(tmp_path):
    result = run("verify", HOSTILE, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        f"{SHOWN}: not a readable release ([Errno 2] No such file or directory: "
        "'h\\n\\x1b[32mx: valid/datapackage.json')\n"
    )
    assert result.stderr == f"{SHOWN}: 1 problem(s)\n"


def test_add_source_does_not_echo_a_20_mb_line(package, tmp_path):
    article = tmp_path / "a\nb: valid.txt"
    article.write_text(BIG + "\n", encoding="utf-8")
    result = run(
        "add-source",
        str(article.name),
        "--publisher",
        HOSTILE,
        "--url",
        "https://example.org/a",
        "--title",
        "T",
        "--datapackage",
        str(package.descriptor),
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "refused: a\\nb: valid.txt:1: the first line must be ' date YYYY-MM-DD <section>', "
        f"not '{'A' * 80}...'\n"
    )


@pytest.fixture
def hostile_cell(package):
    """A 20 MB cell that starts with a right-to-left override, an escape and a newline."""
    package.set("locations", 2, "country_iso3", "S\u202eY\x1bX\n" + "Z" * 20_000_000)
    return package


_VALUE = "S\\u202eY\\u001bX\\n" + "Z" * 74 + "..."
_HINT = "use an ISO 3166-1 alpha-3 country code, e.g. SYR"


_CHARACTER = (
    "datasets/locations.csv:2:country_iso3  text-character  "
    '"U+202E RIGHT-TO-LEFT OVERRIDE"  a bidirectional control, which reorders the text as '
    "it is displayed, after 1 characters of the cell: delete it"
)


def test_a_hostile_value_in_every_report_format(hostile_cell):
    root = hostile_cell.root
    text = run("validate", "datapackage.json", "--summary", "summary.md", cwd=root)
    assert text.returncode == 1 and text.stderr == "datapackage.json: 3 problem(s)\n"
    lines = text.stdout.splitlines()
    assert lines[:2] == [
        _CHARACTER,
        f'datasets/locations.csv:2:country_iso3  codelist  "{_VALUE}"  {_HINT}',
    ]
    assert len(lines) == 3 and lines[2].startswith(
        f'datasets/locations.csv:2:country_iso3  pattern  "{_VALUE}"  '
    )
    summary = (root / "summary.md").read_text(encoding="utf-8").splitlines()
    assert (
        f"| `datasets/locations.csv:2:country_iso3` | codelist | "
        f'"{_VALUE.replace(chr(92), chr(92) * 2)}" | {_HINT} |'
    ) in summary
    github = run("validate", "datapackage.json", "-f", "github", cwd=root)
    [codelist] = [line for line in github.stdout.splitlines() if "::codelist:" in line]
    assert codelist.endswith(f"::codelist: {_HINT} (value: 'S\\u202eY\\x1bX\\n{'Z' * 74}...')")
    document = run("validate", "datapackage.json", "-f", "json", cwd=root)
    assert f'      "value": "{_VALUE}",' in document.stdout.splitlines()
    [value] = [
        p["value"] for p in json.loads(document.stdout)["problems"] if p["rule"] == "codelist"
    ]
    assert value == "S\u202eY\x1bX\n" + "Z" * 74 + "..."
