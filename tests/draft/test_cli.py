"""`conflict-events draft`: the JSON form exactly, a stored source id, bad input in one line."""

import json
from pathlib import Path

from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.paths import own_descriptor
from tests.draft.shape import EVENT_KEYS, LOCATION_KEYS


def draft(*args: str):
    return CliRunner().invoke(app, ["draft", *args, "--datapackage", str(own_descriptor())])


def test_json_of_a_stored_source_has_exactly_the_issue_shape():
    result = draft("src_000001", "--format", "json")
    assert result.exit_code == 0, result.output
    drafted = json.loads(result.stdout)
    assert list(drafted) == ["events"]
    assert len(drafted["events"]) == 3
    for event in drafted["events"]:
        assert list(event) == EVENT_KEYS
        assert list(event["location"]) == LOCATION_KEYS
        assert all(list(a) == ["name", "role"] for a in event["actors"])
        assert list(event["fatalities"]) == ["low", "best", "high"]
        assert all(
            list(e) == ["quote", "quote_start", "quote_end", "claimant"] for e in event["evidence"]
        )


def test_text_summary_of_a_file(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(
        " date 2022-06-15 World\n\nTwo soldiers and three militants died in clashes between "
        "Malian troops and gunmen in Gao on Sunday, the army said.\n\nSource: Wire\n",
        encoding="utf-8",
    )
    result = draft(str(article))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "event 1: Armed clash (Battles), 2022-06-12, date precision 1"
    assert "  place: Gao, MLI, geo precision 1" in lines
    assert "  fatalities: 5; civilian targeting: false" in lines


def test_a_file_that_breaks_the_format_is_one_line_naming_the_line(tmp_path: Path):
    article = tmp_path / "bad.txt"
    article.write_text("Gunmen struck.\n", encoding="utf-8")
    result = draft(str(article))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {article}:1: the first line must be ' date YYYY-MM-DD <section>', not 'Gunmen struck.'"
    ]


def test_an_empty_or_non_utf8_file(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert draft(str(empty)).stderr == f"error: {empty}: the file is empty\n"
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b" date 2022-06-15 World\n\nCaf\xe9\n\nSource: Wire\n")
    result = draft(str(latin))
    assert result.exit_code == 2
    assert result.stderr == f"error: {latin}: byte 27 is not UTF-8 text; save the file as UTF-8\n"


def test_an_article_with_no_event_gives_an_empty_draft(tmp_path: Path):
    article = tmp_path / "calm.txt"
    article.write_text(
        " date 2022-06-15 World\n\nThe market reopened in Gao.\n\nSource: Wire\n", encoding="utf-8"
    )
    result = draft(str(article), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"events": []}
    assert result.stderr == f"no event found in {article}: the draft is empty\n"


def test_an_unknown_source_id():
    result = draft("src_999999")
    assert result.exit_code == 2
    assert result.stderr == "error: no source src_999999: add the article with add-source first\n"
