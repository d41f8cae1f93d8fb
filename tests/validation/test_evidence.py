"""Rules on stored articles and quotes: each breaks a copy and asserts the report."""

import hashlib

SOURCES = "datasets/sources.csv"
EVIDENCE = "datasets/event_sources.csv"


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
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVIDENCE,
        rows,
        "quote",
        "quote-verbatim",
    )
    assert f"set quote_start={start} and quote_end={len(text)}" in problem.hint


def test_quote_with_straightened_typography_is_not_verbatim(package):
    quote = package.cell("event_sources", 5, "quote")
    package.set("event_sources", 5, "quote", quote.replace("town's", "town\u2019s"))
    assert package.report() == [(EVIDENCE, 5, "quote", "quote-verbatim")]


def test_article_changed_after_coding(package):
    article = package.root / package.cell("sources", 2, "article_path")
    article.write_bytes(article.read_bytes() + b"\n")
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        SOURCES,
        2,
        "article_sha256",
        "article-hash",
    )
    assert hashlib.sha256(article.read_bytes()).hexdigest() in problem.hint


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
