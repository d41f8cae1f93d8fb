"""Rules on stored articles and quotes: each breaks a copy and asserts the report."""

import hashlib

import pytest

SOURCES = "datasets/sources.csv"
EVIDENCE = "datasets/event_sources.csv"
BIDI = "a bidirectional control, which reorders the text as it is displayed"
ZERO_WIDTH = "a zero-width character, which does not show"


def test_quote_at_wrong_offsets_names_the_right_ones(package):
    start = int(package.cell("event_sources", 2, "quote_start"))
    end = int(package.cell("event_sources", 2, "quote_end"))
    package.set("event_sources", 2, "quote_start", str(start + 1))
    package.set("event_sources", 2, "quote_end", str(end + 1))
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVIDENCE,
        2,
        "quote",
        "quote-verbatim",
    )
    assert f"set quote_start={start} and quote_end={end}" in problem.hint


def test_quote_not_in_the_article(package):
    quote = package.cell("event_sources", 3, "quote")
    package.set("event_sources", 3, "quote", quote.replace("took control", "seized"))
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVIDENCE,
        3,
        "quote",
        "quote-verbatim",
    )
    assert "not in the article" in problem.hint


def test_a_quote_ending_past_the_end_of_the_article_is_refused(package):
    """A slice stops quietly at the end of the text: the last words of the article, with a
    quote_end 500 characters past it, would read as the quote."""
    text = (package.root / package.cell("sources", 2, "article_path")).read_text(encoding="utf-8")
    start = len(text) - 30
    package.copy_row(
        "event_sources",
        2,
        quote=text[start:],
        quote_start=str(start),
        quote_end=str(len(text) + 500),
    )
    rows = len(package.rows("event_sources"))
    assert [p.as_line() for p in package.validate()] == [
        f'{EVIDENCE}:{rows}:quote_start,quote_end  quote-offsets  "{start}-{len(text) + 500}"  '
        f"{start}-{len(text) + 500} is not within the article's {len(text)} characters: the "
        f"quote stands at {start}-{len(text)} in the article: set quote_start={start} and "
        f"quote_end={len(text)}"
    ]


def test_a_quote_start_not_before_its_end_is_refused(package):
    start = package.cell("event_sources", 2, "quote_start")
    package.set("event_sources", 2, "quote_end", start)
    assert [p.as_line() for p in package.validate()] == [
        f'{EVIDENCE}:2:quote_start,quote_end  quote-offsets  "{start}-{start}"  quote_start '
        f"{start} is not before quote_end {start}: the quote stands at 28-200 in the article: "
        "set quote_start=28 and quote_end=200"
    ]


def test_an_offset_below_its_minimum_is_reported_once_by_the_minimum(package):
    package.set("event_sources", 2, "quote_start", "-1")
    assert package.report() == [(EVIDENCE, 2, "quote_start", "minimum")]


def test_quote_with_straightened_typography_is_not_verbatim(package):
    quote = package.cell("event_sources", 5, "quote")
    package.set("event_sources", 5, "quote", quote.replace("town's", "town\u2019s"))
    assert package.report() == [(EVIDENCE, 5, "quote", "quote-verbatim")]


def test_article_changed_after_coding_is_reported_naming_its_file(package):
    path = package.cell("sources", 2, "article_path")
    expected = package.cell("sources", 2, "article_sha256")
    article = package.root / path
    article.write_bytes(article.read_bytes() + b"\n")
    assert [p.as_line() for p in package.validate()] == [
        f'{SOURCES}:2:article_sha256  article-hash  "{expected}"  the text in {path} has '
        f"SHA-256 {hashlib.sha256(article.read_bytes()).hexdigest()}: restore that file as it "
        "was coded, or, if the change is intended, update the hash and re-check every quote"
    ]


def _store(package, text: str) -> str:
    """The seed article replaced by `text`, its hash updated; returns its path."""
    path = package.cell("sources", 2, "article_path")
    (package.root / path).write_bytes(text.encode("utf-8"))
    package.set("sources", 2, "article_sha256", hashlib.sha256(text.encode("utf-8")).hexdigest())
    return path


@pytest.mark.parametrize(
    ("character", "named", "what"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE", BIDI),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE", BIDI),
        ("\u200b", "U+200B ZERO WIDTH SPACE", ZERO_WIDTH),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE", ZERO_WIDTH),
        ("\x00", "U+0000 NULL", "a control character"),
        ("\r", "U+000D CARRIAGE RETURN", "a control character"),
    ],
)
def test_a_refused_character_in_an_article_is_named_with_where_it_stands(
    package, character, named, what
):
    """Added at the end, after every quote, so the offsets still hold."""
    text = (package.root / package.cell("sources", 2, "article_path")).read_text(encoding="utf-8")
    path = _store(package, text + "Read more" + character + "\n")
    at, line = len(text) + len("Read more"), text.count("\n") + 1
    assert [p.as_line() for p in package.validate()] == [
        f'{path}:{line}  article-character  "{named}"  {what}, after {at} characters of the '
        f"article (line {line}): delete it (add-source stores articles without them), then "
        "update the source's article_sha256 and the offsets of the quotes after it"
    ]


def test_tabs_and_line_feeds_in_an_article_are_kept(package):
    text = (package.root / package.cell("sources", 2, "article_path")).read_text(encoding="utf-8")
    _store(package, text + "\tindented\n\n")
    assert package.report() == []


def test_article_path_leaving_the_package(package):
    (package.root.parent / "outside.txt").write_text("x", encoding="utf-8")
    package.set("sources", 2, "article_path", "../outside.txt")
    assert package.report() == [(SOURCES, 2, "article_path", "article-path")]


def test_article_file_missing(package):
    package.set("sources", 2, "article_path", "datasets/articles/missing.txt")
    assert package.report() == [(SOURCES, 2, "article_path", "article-missing")]


def test_article_not_utf8(package):
    stored = package.root / "datasets/articles/latin1.txt"
    stored.write_bytes("Ma\u00e2rat".encode("latin-1"))
    package.set("sources", 2, "article_path", "datasets/articles/latin1.txt")
    package.set("sources", 2, "article_sha256", hashlib.sha256(stored.read_bytes()).hexdigest())
    assert package.report() == [(SOURCES, 2, "article_path", "article-encoding")]
