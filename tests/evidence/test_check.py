"""check-evidence: a reader who holds an article's text checks a release's quotes against it."""

import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conflict_events.build import build_release
from tests.conftest import REPO, VERSION

ARTICLE = REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt"
CLI = [sys.executable, "-m", "conflict_events", "check-evidence"]


def _run(*args):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True)


def _quotes(release):
    return pq.read_table(release / "data/event_sources.parquet").to_pylist()


def test_without_a_text_to_check_it_says_what_to_do(seed_release, tmp_path):
    result = _run(seed_release)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: nothing to check: release {VERSION} carries no text; name a folder of the "
        "texts you hold with --texts (a file is matched by its SHA-256, else named "
        "<source_id>.txt)\n"
    )
    (tmp_path / "unrelated.txt").write_text("another article", encoding="utf-8")
    result = _run(seed_release, "--texts", tmp_path)
    assert result.returncode == 2
    assert f"and no file in {tmp_path} is one of its 1 article(s)" in result.stderr


def test_an_unreadable_file_is_named_and_the_others_still_checked(seed_release, tmp_path):
    (tmp_path / "saved.txt").write_bytes(ARTICLE.read_bytes())
    (tmp_path / "locked.txt").write_text("x", encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    result = _run(seed_release, "--texts", tmp_path)
    readable_by_root = os.access(tmp_path / "locked.txt", os.R_OK)
    expected = [] if readable_by_root else [f"{tmp_path / 'locked.txt'}  unreadable"]
    assert [line.split('  "')[0] for line in result.stdout.splitlines()] == expected
    assert result.returncode == (0 if readable_by_root else 1)
    assert "1 from" in result.stderr


def test_a_saved_copy_found_by_its_hash_bears_out_every_quote(seed_release, tmp_path):
    (tmp_path / "trt-article.txt").write_bytes(ARTICLE.read_bytes())
    result = _run(seed_release, "--texts", tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    quotes = len(_quotes(seed_release))
    assert result.stderr == (
        f"release {VERSION}: 1 text(s) checked (0 carried by the release, 1 from {tmp_path}), "
        f"{quotes} quote(s): the evidence holds\n"
    )


def test_a_copy_that_differs_is_named_and_each_quote_it_no_longer_bears_out(seed_release, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    edited = text.replace("regime", "government", 1)
    held = tmp_path / "src_000001.txt"
    held.write_text(edited, encoding="utf-8")
    result = _run(seed_release, "--texts", tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f'{held}  article-hash  "')
    assert lines[0].endswith(
        "not the text src_000001 was coded from (SHA-256 "
        f"{pq.read_table(seed_release / 'data/articles.parquet')['article_sha256'][0]}, "
        f"{ARTICLE.stat().st_size} bytes): its quotes are checked against it as it is"
    )
    failing = [
        (row, q)
        for row, q in enumerate(_quotes(seed_release), start=2)
        if edited[q["quote_start"] : q["quote_end"]] != q["quote"]
    ]
    assert failing and len(lines) == 1 + len(failing)
    for line, (row, quote) in zip(lines[1:], failing, strict=True):
        found = edited.find(quote["quote"])
        where = (
            f"the words stand at {found}-{found + len(quote['quote'])} instead"
            if found >= 0
            else "the words are nowhere in it"
        )
        assert line.startswith(f"data/event_sources.csv:{row}:quote  quote-verbatim  ")
        assert line.endswith(
            f"not at {quote['quote_start']}-{quote['quote_end']} of {held}: {where}"
        )


def test_a_copy_that_is_not_utf8_says_so(seed_release, tmp_path):
    (tmp_path / "src_000001.txt").write_bytes(
        ARTICLE.read_bytes().replace(b"regime", b"r\xe9gime", 1)
    )
    lines = _run(seed_release, "--texts", tmp_path).stdout.splitlines()
    assert lines[0].startswith(f'{tmp_path / "src_000001.txt"}  article-encoding  "byte ')
    assert lines[1].startswith(f"{tmp_path / 'src_000001.txt'}  article-hash  ")
    assert len(lines) == 2  # an undecodable text has no quotes to check


def test_texts_the_release_carries_are_checked_without_a_folder(package, tmp_path):
    package.set("sources", 2, "text_licence", "CC-BY-4.0")
    release = build_release(package.descriptor, tmp_path / "open", show_progress=False)
    result = _run(release)
    assert result.returncode == 0
    assert result.stderr.startswith(
        f"release {VERSION}: 1 text(s) checked (1 carried by the release)"
    )


@pytest.mark.parametrize("where", ["missing-folder", "no-release"])
def test_an_unreadable_folder_or_release_is_one_line(seed_release, tmp_path, where):
    args = (
        (seed_release, "--texts", tmp_path / "nope")
        if where == "missing-folder"
        else (tmp_path / "nope",)
    )
    result = _run(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: ")


def test_a_shorter_copy_reports_the_offsets_past_its_end(seed_release, tmp_path):
    """A slice would stop quietly at the end of the copy: offsets past it are their own rule."""
    text = ARTICLE.read_text(encoding="utf-8")
    held = tmp_path / "src_000001.txt"
    held.write_text(text[:300], encoding="utf-8")
    lines = _run(seed_release, "--texts", tmp_path).stdout.splitlines()
    past = [
        (row, q) for row, q in enumerate(_quotes(seed_release), start=2) if q["quote_end"] > 300
    ]
    assert past and lines[1:] == [
        f"data/event_sources.csv:{row}:quote_start,quote_end  quote-offsets  "
        f'"{q["quote_start"]}-{q["quote_end"]}"  {q["quote_start"]}-{q["quote_end"]} is not '
        f"within the article's 300 characters of {held}"
        for row, q in past
    ]
