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

from conflict_events import characters
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
        f"the text in {article.path} has SHA-256 {article.sha256}: restore that file as it "
        "was coded, or, if the change is intended, update the hash and re-check every quote",
    )


@rule(
    "article-character",
    LAYER,
    "A stored article holds no control, bidirectional or zero-width character (line feeds "
    "and tabs aside)",
)
def article_characters(context: Context) -> Iterator[Problem]:
    """Found by the engine over every text; only the few texts holding one come back, to
    name the first such character and where it stands."""
    sources = context.table("sources")
    if sources is None:
        return
    stored = stored_articles(context, sources)
    texts = stored.texts
    refused = characters.engine_class(characters.LINE_BREAKS)
    held = texts.filter(texts.text.re_search(refused)).select("source_id", "text")
    found = {row["source_id"]: row["text"] for row in held.to_pyarrow().to_pylist()}
    for article in stored.articles:
        text = found.get(article.source_id)
        if text is None:
            continue
        at = characters.first_refused(text, line_breaks=True)
        line = text.count("\n", 0, at) + 1
        yield Problem(
            article.path,
            line,
            None,
            "article-character",
            characters.describe(text[at]),
            f"{characters.kind(text[at])}, after {at} characters of the article (line {line}): "
            "delete it (add-source stores articles without them), then update the "
            "source's article_sha256 and the offsets of the quotes after it",
            LAYER,
        )


def within(start: int, end: int, length: int) -> bool:
    """Whether offsets mark a stretch of a text of `length` characters: a slice would stop
    quietly at the end of the text, so a quote_end past it must be caught here."""
    return 0 <= start < end <= length


def outside(start: int, end: int, length: int) -> str:
    """Why offsets do not mark a stretch of the text, for a hint."""
    if start >= end:
        return f"quote_start {start} is not before quote_end {end}"
    return f"{start}-{end} is not within the article's {length} characters"


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
    "quote-offsets",
    LAYER,
    "Each quote's offsets lie within its article: 0 <= quote_start < quote_end <= its length",
)
def quote_offsets(context: Context) -> Iterator[Problem]:
    cited = _cited(context)
    if cited is None:
        return
    # an offset below its field's minimum (0 and 1) is the minimum constraint's to report
    failing = cited.filter((cited.quote_start >= 0) & (cited.quote_end >= 1) & ~cited.in_text)
    rows = failing.select(ROW, "quote", "text", "quote_start", "quote_end", "length")
    for row in rows.order_by(ROW).to_pyarrow().to_pylist():
        start, end = row["quote_start"], row["quote_end"]
        yield Problem(
            context.tables["event_sources"].file,
            row[ROW],
            "quote_start,quote_end",
            "quote-offsets",
            f"{start}-{end}",
            f"{outside(start, end, row['length'])}: " + where_it_stands(row["text"], row["quote"]),
            LAYER,
        )


@rule(
    "quote-verbatim",
    LAYER,
    "Each quote is the exact text of its article between quote_start and quote_end",
)
def quotes(context: Context) -> Iterator[Problem]:
    cited = _cited(context)
    if cited is None:
        return
    start, end = cited.quote_start, cited.quote_end
    same = cited.text.substr(start, end - start) == cited.quote
    failing = cited.filter((cited.in_text & ~same).fill_null(False))  # else: quote-offsets
    for row in failing.select(ROW, "quote", "text").order_by(ROW).to_pyarrow().to_pylist():
        yield Problem(
            context.tables["event_sources"].file,
            row[ROW],
            "quote",
            "quote-verbatim",
            row["quote"],
            where_it_stands(row["text"], row["quote"]),
            LAYER,
        )


def _cited(context: Context) -> ir.Table | None:
    """Each quote beside the text of its article (a source without a readable UTF-8 text is
    reported by its own rule)."""
    sources, evidence = context.table("sources"), context.table("event_sources")
    columns = ["source_id", "quote", "quote_start", "quote_end"]
    if sources is None or evidence is None or not set(columns) <= set(evidence.typed.columns):
        return None
    texts = stored_articles(context, sources).texts
    typed = evidence.typed
    rows = typed.filter([typed[c].notnull() for c in columns])
    cited = rows.join(texts.filter(texts.text.notnull()), "source_id")
    start, end = cited.quote_start, cited.quote_end
    # the engine's form of `within`: whether the offsets mark a stretch of the text
    return cited.mutate(in_text=(start >= 0) & (start < end) & (end <= cited.length))
