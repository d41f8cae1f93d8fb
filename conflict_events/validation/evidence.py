"""Rules on the stored articles and the quotes taken from them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

from conflict_events.metadata import paths_inside
from conflict_events.validation.context import Context, Table
from conflict_events.validation.problems import Problem

LAYER = "cross-table"


@dataclass(frozen=True)
class Article:
    """One source's stored text: file None = the path leads outside the package, content
    None = no readable file, text None = not UTF-8 (or unread)."""

    index: int
    source_id: str
    file: str | None
    content: bytes | None
    text: str | None


def _read(file: str) -> bytes | None:
    """The whole file, or None if it cannot be read. Plain os calls: a package holds one
    file per source, and at 200,000 articles open() cost several times as much."""
    try:
        fd = os.open(file, os.O_RDONLY)
    except OSError:
        return None
    try:
        parts = []
        while part := os.read(fd, 1 << 20):
            parts.append(part)
        return b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)


def _decoded(content: bytes | None) -> str | None:
    try:
        return None if content is None else content.decode("utf-8")
    except UnicodeDecodeError:
        return None


def stored_articles(context: Context, sources: Table) -> list[Article]:
    """Each source's article, read once per validation: two rules need every one."""
    if "articles" in context.cache:
        return context.cache["articles"]
    stored = []
    if {"source_id", "article_path"} <= set(sources.typed):
        inside = paths_inside(context.package.basepath)
        rows = sources.typed[["source_id", "article_path"]].dropna()
        for index, source_id, article_path in zip(
            rows.index.tolist(),
            rows["source_id"].tolist(),
            rows["article_path"].tolist(),
            strict=True,
        ):
            file = inside(article_path)
            content = None if file is None else _read(file)
            stored.append(Article(index, source_id, file, content, _decoded(content)))
    context.cache["articles"] = stored
    return stored


def articles(context: Context) -> Iterator[Problem]:
    """Article paths stay inside the package; each file exists, is UTF-8 and matches its hash."""
    sources = context.table("sources")
    if sources is None:
        return
    stored = stored_articles(context, sources)
    hashes = sources.typed.get("article_sha256")
    expected = [None] * len(stored) if hashes is None else hashes[[a.index for a in stored]]
    for article, want in zip(stored, list(expected), strict=True):
        if article.file is None:
            yield sources.problem(
                article.index,
                "article_path",
                "article-path",
                "the path leaves the data package: store the article under datasets/ and give a relative path",
                LAYER,
            )
            continue
        if article.content is None:
            yield sources.problem(
                article.index,
                "article_path",
                "article-missing",
                "no readable file at this path: add the article text or correct the path",
                LAYER,
            )
            continue
        if article.text is None:
            yield sources.problem(
                article.index,
                "article_path",
                "article-encoding",
                "the article is not UTF-8 text: save it as UTF-8",
                LAYER,
            )
        if not isinstance(want, str):
            continue  # no hash given: a table-rules problem
        actual = hashlib.sha256(article.content).hexdigest()
        if want != actual:
            yield sources.problem(
                article.index,
                "article_sha256",
                "article-hash",
                f"the stored text's SHA-256 is {actual}: restore the article as it was coded, "
                "or, if the change is intended, update the hash and re-check every quote",
                LAYER,
            )


def stands(text: str, start: int, end: int, quote: str) -> bool:
    """Whether `quote` is the text between its offsets: both offsets inside the text (a
    slice would stop quietly at its end) and every character the same."""
    return 0 <= start <= end <= len(text) and text[start:end] == quote


def where_it_stands(text: str, quote: str) -> str:
    """The contributor's hint for a quote not at its offsets: where it does stand, if anywhere."""
    found = text.find(quote)
    if found < 0:
        return "these words are not in the article: copy the quote from it character for character"
    return (
        f"the quote stands at {found}-{found + len(quote)} in the article: "
        f"set quote_start={found} and quote_end={found + len(quote)}"
    )


def quotes(context: Context) -> Iterator[Problem]:
    """Each quote is the exact text of its article between quote_start and quote_end."""
    sources, evidence = context.table("sources"), context.table("event_sources")
    columns = ["source_id", "quote", "quote_start", "quote_end"]
    if sources is None or evidence is None or not set(columns) <= set(evidence.typed):
        return
    texts = {a.source_id: a.text for a in stored_articles(context, sources)}
    rows = evidence.typed[columns].dropna()
    cited = [texts.get(source_id) for source_id in rows["source_id"].tolist()]
    quoted = rows["quote"].tolist()
    # One pass over every row; a hint is worked out only for the rows that fail.
    failing = [
        i
        for i, (text, quote, start, end) in enumerate(
            zip(
                cited, quoted, rows["quote_start"].tolist(), rows["quote_end"].tolist(), strict=True
            )
        )
        if text is not None and not stands(text, start, end, quote)  # no text: its own rule
    ]
    for i in failing:
        hint = where_it_stands(cited[i], quoted[i])
        yield evidence.problem(rows.index[i], "quote", "quote-verbatim", hint, LAYER)
