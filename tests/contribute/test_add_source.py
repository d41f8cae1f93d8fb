"""add-source: a second article stored and registered, or a clear refusal that changes nothing."""

import hashlib
import re
import subprocess
import sys

import pytest

from conflict_events.contribute.add_source import add_source
from conflict_events.contribute.changes import ContributionError
from conflict_events.metadata import load_package
from tests.conftest import REPO
from tests.contribute.conftest import FIXTURE, snapshot
from tests.contribute.conftest import SOURCE_OPTIONS as OPTIONS


def test_a_second_article_becomes_src_000002(package):
    source_id = add_source(package.descriptor, FIXTURE, **OPTIONS)
    assert source_id == "src_000002"
    row = dict(zip(package.rows("sources")[0], package.rows("sources")[2], strict=True))
    assert row == {
        "source_id": "src_000002",
        "publisher": "Example Wire",
        "title": "Fictional: shelling in Sampleton",
        "url": "https://example.org/news/sampleton",
        "archive_url": "",
        "published_date": "2024-05-14",
        "language": "en",
        "section": "World",
        "credit": "Example Wire",
        "source_type": "news_media",
        "article_path": "datasets/articles/src_000002.txt",
        "article_sha256": hashlib.sha256(FIXTURE.read_bytes()).hexdigest(),
        "text_licence": "all-rights-reserved",
    }
    assert (package.root / row["article_path"]).read_bytes() == FIXTURE.read_bytes()
    assert package.validate() == []


@pytest.mark.parametrize(
    ("article", "options", "message"),
    [
        (
            REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt",
            {},
            "already stored as src_000001 (the same text)",
        ),
        (
            FIXTURE,
            {
                "url": "https://www.trtworld.com/middle-east/syrian-regime-takes-major-town-south-of-idlib-city-war-monitor-33292"
            },
            "already stored as src_000001 (the same URL)",
        ),
        (FIXTURE, {"language": "xx"}, "the new source would not be valid"),
    ],
)
def test_refusals_leave_datasets_unchanged(package, article, options, message):
    before = snapshot(package)
    with pytest.raises(ContributionError, match=re.escape(message)):
        add_source(package.descriptor, article, **(OPTIONS | options))
    assert snapshot(package) == before


def test_cli_add_source_then_quote(package, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(FIXTURE.read_bytes().replace(b"Source: Example Wire", b"Example Wire"))
    cli = [sys.executable, "-m", "conflict_events"]
    before = snapshot(package)
    refused = subprocess.run(
        [
            *cli,
            "add-source",
            str(broken),
            "--publisher",
            "Example Wire",
            "--url",
            OPTIONS["url"],
            "--title",
            "x",
            "--datapackage",
            str(package.descriptor),
        ],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert (
        refused.stderr.strip()
        == "refused: broken.txt:9: the last line must be 'Source: <credit>', not 'Example Wire'"
    )
    assert snapshot(package) == before
    added = subprocess.run(
        [
            *cli,
            "add-source",
            str(FIXTURE),
            "--publisher",
            "Example Wire",
            "--url",
            OPTIONS["url"],
            "--title",
            OPTIONS["title"],
            "--datapackage",
            str(package.descriptor),
        ],
        capture_output=True,
        text=True,
    )
    assert (added.returncode, added.stdout.strip()) == (0, "added src_000002")
    found = subprocess.run(
        [
            *cli,
            "quote",
            "src_000002",
            'adding that "three houses were destroyed"',
            "--datapackage",
            str(package.descriptor),
        ],
        capture_output=True,
        text=True,
    )
    text = FIXTURE.read_text(encoding="utf-8")
    start = text.index("adding that")
    end = start + len("adding that \u201cthree houses were destroyed\u201d")
    assert found.stdout == f"{start}\t{end}\t{text[start:end]}\n"


def test_licence_and_archived_copy_are_recorded(package):
    archived = "https://web.archive.org/web/20240514000000/https://example.org/news/sampleton"
    add_source(
        package.descriptor, FIXTURE, **OPTIONS, text_licence="CC-BY-2.5", archive_url=archived
    )
    assert package.cell("sources", 3, "text_licence") == "CC-BY-2.5"
    assert package.cell("sources", 3, "archive_url") == archived
    assert package.validate() == []


def test_the_default_licence_is_the_schemas_and_keeps_the_text_out_of_releases(package):
    field = load_package(package.descriptor).resource("sources").schema.field("text_licence")
    [category] = [c for c in field.categories if c["value"] == field.default]
    assert (field.default, category["x-redistributable"]) == ("all-rights-reserved", False)
    add_source(package.descriptor, FIXTURE, **OPTIONS)
    assert package.cell("sources", 3, "text_licence") == field.default


@pytest.mark.parametrize(
    ("option", "value", "rule"),
    [("text_licence", "CC-BY-5.0", "enum"), ("archive_url", "ftp://example.org/a", "pattern")],
)
def test_an_unknown_licence_or_a_non_http_archive_is_refused_in_one_line(
    package, tmp_path, option, value, rule
):
    before = snapshot(package)
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "add-source",
            str(FIXTURE),
            *[item for key, val in OPTIONS.items() for item in (f"--{key}", val)],
            f"--{option.replace('_', '-')}",
            value,
            "--datapackage",
            str(package.descriptor),
        ],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    [line] = refused.stdout.splitlines()
    assert line.startswith(f'datasets/sources.csv:3:{option}  {rule}  "{value}"  ')
    assert refused.stderr.strip() == "refused: the new source would not be valid; nothing was added"
    assert snapshot(package) == before


def test_a_file_in_the_way_is_never_overwritten(package):
    stray = package.root / "datasets" / "articles" / "src_000002.txt"
    stray.write_text("precious", encoding="utf-8")
    before = snapshot(package)
    with pytest.raises(
        ContributionError, match=re.escape("src_000002.txt exists already: move it away")
    ):
        add_source(package.descriptor, FIXTURE, **OPTIONS)
    assert snapshot(package) == before


def test_an_article_is_stored_and_hashed_without_its_invisible_characters(package, tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("Sampleton", "Sampleton\u200b\u202e", 1)
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    assert add_source(package.descriptor, dirty, **OPTIONS) == "src_000002"
    row = dict(zip(package.rows("sources")[0], package.rows("sources")[2], strict=True))
    assert (package.root / row["article_path"]).read_bytes() == FIXTURE.read_bytes()
    assert row["article_sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert package.validate() == []
