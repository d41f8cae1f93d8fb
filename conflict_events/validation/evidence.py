"""Rules on the stored articles and the quotes taken from them.

The texts are read once, by Python (they are files on disk), hashed, and handed to the
engine as a table of (source_id, text) in batches, so the quotes are compared with the
texts by the engine, however many there are.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

import ibis.expr.types as ir
import pyarrow as pa

from conflict_events.metadata import paths_inside
from conflict_events.metadata.reading import Context, Table
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem
from conflict_events.validation.registry import rule

LAYER = "cross-table"
_BATCH = 2_000  # texts handed to the engine at a time


@dataclass(frozen=True)
class Article:
    """What is known of one source's stored text, the text itself being in the engine:
    file None = the path leads outside the package, sha256 None = no readable file, utf8
    False = not UTF-8."""

    row: int
    source_id: str
    path: str
    file: str | None
    sha256: str | None
    utf8: bool
    expected: str | None  # the hash sources.csv gives


@dataclass(frozen=True)
class Stored:
    articles: list[Article]
    # source_id, text (null where not UTF-8), bytes and length (characters), per readable file
    texts: ir.Table


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


def _read_and_hash(file: str | None) -> tuple[bytes | None, str | None]:
    content = None if file is None else _read(file)
    return content, None if content is None else hashlib.sha256(content).hexdigest()


_TEXTS = pa.schema(
    [
        ("source_id", pa.string()),
        ("text", pa.string()),
        ("bytes", pa.int64()),
        ("length", pa.int64()),
    ]
)


def stored_articles(context: Context, sources: Table) -> Stored:
    """Each source's article, read once per validation: two rules and the build need them."""
    if "articles" in context.cache:
        return context.cache["articles"]
    wanted = [
        c
        for c in (ROW, "source_id", "article_path", "article_sha256")
        if c in sources.typed.columns
    ]
    listed = []
    if {"source_id", "article_path"} <= set(wanted):
        typed = sources.typed
        present = typed.filter(typed.source_id.notnull() & typed.article_path.notnull())
        listed = present.select(*wanted).order_by(ROW).to_pyarrow().to_pylist()
    inside = paths_inside(context.package.basepath)
    articles: list[Article] = []

    files = [inside(entry["article_path"]) for entry in listed]

    def batches() -> Iterator[pa.RecordBatch]:
        ids, texts, sizes, lengths = [], [], [], []
        read = map(_read_and_hash, files)
        for entry, file, (content, digest) in zip(listed, files, read, strict=True):
            text = None
            if content is not None:
                with contextlib.suppress(UnicodeDecodeError):
                    text = content.decode("utf-8")
                ids.append(entry["source_id"])
                texts.append(text)
                sizes.append(len(content))
                lengths.append(None if text is None else len(text))
            articles.append(
                Article(
                    entry[ROW],
                    entry["source_id"],
                    entry["article_path"],
                    file,
                    digest,
                    text is not None,
                    entry.get("article_sha256"),
                )
            )
            if len(ids) >= _BATCH:
                yield pa.record_batch([ids, texts, sizes, lengths], schema=_TEXTS)
                ids, texts, sizes, lengths = [], [], [], []
        yield pa.record_batch([ids, texts, sizes, lengths], schema=_TEXTS)

    texts = context.engine.ingest(
        "article_texts", pa.RecordBatchReader.from_batches(_TEXTS, batches())
    )
    context.cache["articles"] = Stored(articles, texts)
    return context.cache["articles"]


@rule(
    "article-hash",
    LAYER,
    "Article paths stay inside the package; each file exists, is UTF-8 and matches its hash",
    also=["article-path", "article-missing", "article-encoding"],
)
def articles(context: Context) -> Iterator[Problem]:
    sources = context.table("sources")
    if sources is None:
        return
    for article in stored_articles(context, sources).articles:
        yield from _article_problems(sources, article)


def _article_problems(sources: Table, article: Article) -> Iterator[Problem]:
    def problem(column: str, rule_id: str, value: str, hint: str) -> Problem:
        return Problem(sources.file, article.row, column, rule_id, value, hint, LAYER)

    if article.file is None:
        yield problem(
            "article_path",
            "article-path",
            article.path,
            "the path leaves the data package: store the article under datasets/ and give a relative path",
        )
        return
    if article.sha256 is None:
        yield problem(
            "article_path",
            "article-missing",
            article.path,
            "no readable file at this path: add the article text or correct the path",
        )
        return
    if not article.utf8:
        yield problem(
            "article_path",
            "article-encoding",
            article.path,
            "the article is not UTF-8 text: save it as UTF-8",
        )
    if article.expected is None or article.expected == article.sha256:
        return  # no hash given: a table-rules problem
    yield problem(
        "article_sha256",
        "article-hash",
        article.expected,
        f"the stored text's SHA-256 is {article.sha256}: restore the article as it was coded, "
        "or, if the change is intended, update the hash and re-check every quote",
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


@rule(
    "quote-verbatim",
    LAYER,
    "Each quote is the exact text of its article between quote_start and quote_end",
)
def quotes(context: Context) -> Iterator[Problem]:
    sources, evidence = context.table("sources"), context.table("event_sources")
    columns = ["source_id", "quote", "quote_start", "quote_end"]
    if sources is None or evidence is None or not set(columns) <= set(evidence.typed.columns):
        return
    texts = stored_articles(context, sources).texts
    typed = evidence.typed
    rows = typed.filter([typed[c].notnull() for c in columns])
    cited = rows.join(texts.filter(texts.text.notnull()), "source_id")  # no text: its own rule
    start, end = cited.quote_start, cited.quote_end
    inside = (start >= 0) & (start <= end) & (end <= cited.text.length())
    same = cited.text.substr(start, end - start) == cited.quote
    failing = cited.filter(~(inside & same).fill_null(False))
    for row in failing.select(ROW, "quote", "text").order_by(ROW).to_pyarrow().to_pylist():
        yield Problem(
            evidence.file,
            row[ROW],
            "quote",
            "quote-verbatim",
            row["quote"],
            where_it_stands(row["text"], row["quote"]),
            LAYER,
        )
