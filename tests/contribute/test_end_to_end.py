"""A contribution as a newcomer makes it, in a git work tree, through the real command line:
store an article, find quotes, add a place, an actor and two events, see what CI reports.
Every refusal on the way leaves datasets/ as it was."""

import subprocess
import sys

import pytest

from tests.conftest import VERSION, git
from tests.contribute.conftest import FIXTURE, snapshot

CLI = [sys.executable, "-m", "conflict_events"]
ARTICLE = FIXTURE.read_text(encoding="utf-8")


@pytest.fixture
def work_tree(package):
    """The package copy as a git repository with one commit, the base of the contribution."""
    git(package.root, "init", "-q", "-b", "main")
    git(package.root, "add", ".")
    git(package.root, "commit", "-qm", "base")
    return package


def run(package, *args):
    return subprocess.run(
        [*CLI, *args], cwd=package.root, capture_output=True, text=True, timeout=120
    )


def added(package, *args):
    result = run(package, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def refused(package, *args, status=1):
    before = snapshot(package)
    result = run(package, *args)
    assert result.returncode == status, result.stdout + result.stderr
    assert snapshot(package) == before
    return result


def validate_as_ci(package, summary):
    """The validation the pull-request workflow runs."""
    return run(
        package,
        "validate",
        "--changed-since",
        "main",
        "--format",
        "github",
        "--summary",
        str(summary),
    )


SOURCE = [
    "--publisher",
    "Example Wire",
    "--url",
    "https://example.org/news/sampleton",
    "--title",
    "Fictional: shelling in Sampleton",
]
SHELLING = [
    "new-event",
    "src_000002",
    "--date",
    "2024-05-14",
    "--sub-event-type",
    "Shelling/artillery/missile attack",
    "--location",
    "Sampleton",
    "--actor1",
    "Sampleton Militia",
    "--no-civilian-targeting",
    "--summary",
    "A militia shelled the village of Sampleton and destroyed three houses.",
    "--quote",
    "Militia forces shelled the village of Sampleton on Tuesday",
    "--attributed-to",
    "Sampleton Monitor",
    "--quote",
    'adding that "three houses were destroyed"',
    "--attributed-to",
    "Sampleton Monitor",
]
FIGHTING = [
    "new-event",
    "src_000002",
    "--date",
    "2024-05-14",
    "--sub-event-type",
    "Armed clash",
    "--location",
    "Exampleville",
    "--geo-precision",
    "2",
    "--actor1",
    "Sampleton Militia",
    "--summary",
    "Fighting continued on the road to Exampleville.",
    "--quote",
    "fighting continued on the road to Exampleville",
    "--attributed-to",
    "head of the Sampleton Monitor",
]


def test_a_second_article_and_two_events(work_tree, tmp_path):
    package = work_tree
    assert added(package, "add-source", str(FIXTURE), *SOURCE) == "added src_000002"
    duplicate = refused(package, "add-source", str(FIXTURE), *SOURCE)
    assert (
        duplicate.stderr
        == "refused: already stored as src_000002 (the same text); nothing was added\n"
    )
    malformed = tmp_path / "malformed.txt"
    malformed.write_text(ARTICLE.replace(" date 2024-05-14", " date 14 May 2024"), encoding="utf-8")
    bad_file = refused(package, "add-source", str(malformed), *SOURCE)
    assert bad_file.stderr.startswith("refused: malformed.txt:1: ")

    found = added(package, "quote", "src_000002", "three houses were destroyed")
    start = ARTICLE.index("three houses were destroyed")
    assert found == f"{start}\t{start + 27}\tthree houses were destroyed"
    missing = refused(package, "quote", "src_000002", "five houses")
    assert missing.stderr == "not found in src_000002: copy the words from the article\n"

    place = ["--country", "SYR", "--location-type", "populated_place"]
    assert added(package, "new-location", "--name", "Sampleton", *place) == "added loc_000004"
    assert added(package, "new-location", "--name", "Exampleville", *place) == "added loc_000005"
    militia = ["new-actor", "--name", "Sampleton Militia", "--actor-type", "identity_militia"]
    assert added(package, *militia) == "added act_000006"
    assert added(package, *SHELLING) == "added evt_00000005"
    assert added(package, *FIGHTING) == "added evt_00000006"

    late = refused(package, *[a if a != "2024-05-14" else "2024-05-20" for a in SHELLING])
    assert late.stdout.startswith(
        'datasets/events.csv:7:event_date  date-after-publication  "2024-05-20"'
    )
    assert late.stderr == "refused: the new event would not be valid; nothing was added\n"

    summary = tmp_path / "summary.md"
    ci = validate_as_ci(package, summary)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    evidence = [ARTICLE.index(w) for w in ("Militia forces", "adding that", "fighting cont")]
    assert ci.stdout.splitlines() == [
        "changes since main:",
        f"  {VERSION} -> {VERSION}",
        "  actors: 1 added, 0 removed, 0 changed",
        "    + act_000006",
        "  event_actors: 2 added, 0 removed, 0 changed",
        "    + evt_00000005, act_000006",
        "    + evt_00000006, act_000006",
        "  event_sources: 3 added, 0 removed, 0 changed",
        f"    + evt_00000005, src_000002, {evidence[0]}",
        f"    + evt_00000005, src_000002, {evidence[1]}",
        f"    + evt_00000006, src_000002, {evidence[2]}",
        "  events: 2 added, 0 removed, 0 changed",
        "    + evt_00000005",
        "    + evt_00000006",
        "  locations: 2 added, 0 removed, 0 changed",
        "    + loc_000004",
        "    + loc_000005",
        "  sources: 1 added, 0 removed, 0 changed",
        "    + src_000002",
        "  required version bump: minor",
        "    minor: 1 row(s) added to actors",
        "    minor: 2 row(s) added to event_actors",
        "    minor: 3 row(s) added to event_sources",
        "    minor: 2 row(s) added to events",
        "    minor: 2 row(s) added to locations",
        "    minor: 1 row(s) added to sources",
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "## :white_check_mark: datapackage.json: valid\n\n## Changes since `main`\n"
    )
    assert "| events | 2 | 0 | 0 |" in text


def test_a_broken_contribution_is_annotated_on_its_lines(work_tree, tmp_path):
    package = work_tree
    added(package, "add-source", str(FIXTURE), *SOURCE)
    added(
        package,
        "new-location",
        "--name",
        "Sampleton",
        "--country",
        "SYR",
        "--location-type",
        "populated_place",
    )
    added(package, "new-actor", "--name", "Sampleton Militia", "--actor-type", "identity_militia")
    added(package, *SHELLING)
    # edited by hand afterwards, as contributors do: a date that does not exist, and a
    # quote whose offsets no longer match
    package.set("events", 5, "event_date", "2024-05-32")
    package.set("event_sources", 10, "quote_start", "0")
    summary = tmp_path / "summary.md"
    ci = validate_as_ci(package, summary)
    assert ci.returncode == 1
    lines = ci.stdout.splitlines()
    # GitHub's columns count characters: where the cell starts on its line
    date_col = package.csv_path("events").read_text().splitlines()[4].index("2024-05-32") + 1
    quote_line = package.csv_path("event_sources").read_text().splitlines()[9]
    quote_col = quote_line.index("Militia forces") + 1
    assert lines[:2] == [
        f"::error file=datasets/events.csv,line=5,col={date_col},title=type::type: "
        "write a real date as YYYY-MM-DD, e.g. 2020-01-28 (value: '2024-05-32')",
        f"::error file=datasets/event_sources.csv,line=10,col={quote_col},title=quote-verbatim::"
        f"quote-verbatim: the quote stands at {ARTICLE.index('Militia forces')}-"
        f"{ARTICLE.index('Militia forces') + 58} in the article: set quote_start="
        f"{ARTICLE.index('Militia forces')} and quote_end={ARTICLE.index('Militia forces') + 58} "
        "(value: 'Militia forces shelled the village of Sampleton on Tuesday')",
    ]
    assert "    + evt_00000005" in lines
    assert ci.stderr == "datapackage.json: 2 problem(s)\n"
    assert summary.read_text(encoding="utf-8").startswith(
        "## :x: datapackage.json: 2 problem(s)\n\n| where | rule | value | what to do |\n"
        '|---|---|---|---|\n| `datasets/events.csv:5:event_date` | type | "2024-05-32" |'
    )


def test_an_unknown_base_revision_is_an_error(work_tree):
    result = run(work_tree, "validate", "--changed-since", "origin/main")
    assert result.returncode == 2
    assert result.stderr == (
        "error: 'origin/main' is not a commit of this repository "
        "(fetch it first, e.g. git fetch origin main)\n"
    )
