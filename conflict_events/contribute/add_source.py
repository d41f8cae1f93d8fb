"""add-source: store an article and register it as the next source, or change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conflict_events.contribute.article import read_article
from conflict_events.contribute.changes import (
    ContributionError,
    append_or_nothing,
    next_free_id,
    require_valid,
)
from conflict_events.metadata import load_package
from conflict_events.metadata.frames import read_tables


def add_source(
    descriptor: Path,
    article_file: Path,
    *,
    publisher: str,
    url: str,
    title: str,
    language: str = "en",
    source_type: str | None = None,
    text_licence: str | None = None,
    archive_url: str = "",
) -> str:
    """Store the article under datasets/ and append its sources row; return its source_id.

    `source_type` and `text_licence` default to the codes the package's schema names
    (`x-default`); they and `archive_url` are checked with the rest of the row, so an
    unknown code or an address that is not http(s) is reported on its cell."""
    require_valid(descriptor)
    article = read_article(article_file.read_bytes(), article_file.name)
    package = load_package(descriptor)
    context = read_tables(package)
    sources = context.tables["sources"].raw
    digest = hashlib.sha256(article.data).hexdigest()
    for column, value, what in (
        ("article_sha256", digest, "the same text"),
        ("url", url, "the same URL"),
    ):
        existing = sources.loc[sources[column] == value, "source_id"]
        if not existing.empty:
            raise ContributionError(
                f"already stored as {existing.iloc[0]} ({what}); nothing was added"
            )
    source_id = next_free_id(context, "sources", "source_id")
    schema = package.resource("sources").schema
    folder = (
        Path(sources["article_path"].dropna().iloc[0]).parent
        if len(sources)
        else Path("datasets/articles")
    )
    article_path = (folder / f"{source_id}.txt").as_posix()
    values = {
        "source_id": source_id,
        "publisher": publisher,
        "title": title,
        "url": url,
        "archive_url": archive_url,
        "published_date": article.published.isoformat(),
        "language": language,
        "section": article.section,
        "credit": article.credit,
        "source_type": source_type or schema.field("source_type").default,
        "article_path": article_path,
        "article_sha256": digest,
        "text_licence": text_licence or schema.field("text_licence").default,
    }
    append_or_nothing(
        descriptor,
        {"sources": [values]},
        {package.basepath / article_path: article.data},
        what="source",
    )
    return source_id
