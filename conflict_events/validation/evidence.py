"""Rules on the stored articles and the quotes taken from them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from conflict_events.metadata import paths_inside
from conflict_events.validation.context import Context, Table
from conflict_events.validation.problems import Problem

LAYER = "cross-table"


def _stored_articles(
    context: Context, sources: Table
) -> list[tuple[int, str, Path | None, bytes | None]]:
    """(row label, source_id, file, bytes) per source; file None = outside, bytes None =
    unreadable. Read once per validation: two rules need every article."""
    if "articles" in context.cache:
        return context.cache["articles"]
    stored = []
    if {"source_id", "article_path"} <= set(sources.typed):
        inside = paths_inside(context.package.basepath)
        for index, source_id, article_path in (
            sources.typed[["source_id", "article_path"]].dropna().itertuples()
        ):
            file = inside(article_path)
            try:
                content = file.read_bytes() if file is not None else None
            except OSError:
                content = None
            stored.append((index, source_id, file, content))
    context.cache["articles"] = stored
    return stored


def articles(context: Context) -> Iterator[Problem]:
    """Article paths stay inside the package; each file exists, is UTF-8 and matches its hash."""
    sources = context.table("sources")
    if sources is None:
        return
    for index, _, file, content in _stored_articles(context, sources):
        if file is None:
            yield sources.problem(
                index,
                "article_path",
                "article-path",
                "the path leaves the data package: store the article under datasets/ and give a relative path",
                LAYER,
            )
            continue
        if content is None:
            yield sources.problem(
                index,
                "article_path",
                "article-missing",
                "no readable file at this path: add the article text or correct the path",
                LAYER,
            )
            continue
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            yield sources.problem(
                index,
                "article_path",
                "article-encoding",
                "the article is not UTF-8 text: save it as UTF-8",
                LAYER,
            )
        if "article_sha256" in sources.typed:
            expected = sources.typed.at[index, "article_sha256"]
            actual = hashlib.sha256(content).hexdigest()
            if pd.notna(expected) and expected != actual:
                yield sources.problem(
                    index,
                    "article_sha256",
                    "article-hash",
                    f"the stored text's SHA-256 is {actual}: restore the article as it was coded, "
                    "or, if the change is intended, update the hash and re-check every quote",
                    LAYER,
                )


def quotes(context: Context) -> Iterator[Problem]:
    """Each quote is the exact text of its article between quote_start and quote_end."""
    sources, evidence = context.table("sources"), context.table("event_sources")
    columns = {"source_id", "quote", "quote_start", "quote_end"}
    if sources is None or evidence is None or not columns <= set(evidence.typed):
        return
    texts = {}
    for _, source_id, _, content in _stored_articles(context, sources):
        try:
            texts[source_id] = content.decode("utf-8") if content is not None else None
        except UnicodeDecodeError:
            texts[source_id] = None
    rows = evidence.typed[["source_id", "quote", "quote_start", "quote_end"]].dropna()
    for index, source_id, quote, start, end in rows.itertuples():
        text = texts.get(source_id)
        if text is None:
            continue  # unknown source or unreadable article: reported by their own rules
        if text[int(start) : int(end)] == quote:
            continue
        found = text.find(quote)
        if found >= 0:
            hint = (
                f"the quote stands at {found}-{found + len(quote)} in the article: "
                f"set quote_start={found} and quote_end={found + len(quote)}"
            )
        else:
            hint = (
                "these words are not in the article: copy the quote from it character for character"
            )
        yield evidence.problem(index, "quote", "quote-verbatim", hint, LAYER)
