"""add-source: store an article and register it as the next source, or change nothing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conflict_events.contribute.article import read_article
from conflict_events.metadata import Field, load_package
from conflict_events.tables import append_rows
from conflict_events.validation import Problem, validate
from conflict_events.validation.context import read_tables


class ContributionError(Exception):
    """The contribution was refused and nothing was written; `problems` may say more."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def next_id(field: Field, used: set[str]) -> str:
    """The next free ID, in the form the field's pattern gives (e.g. ^src_[0-9]{6}$)."""
    form = re.fullmatch(r"\^(\w+?)\[0-9\]\{(\d+)\}\$", field.pattern or "")
    if form is None:
        raise ContributionError(
            f"cannot allocate IDs for {field.name}: its pattern is {field.pattern!r}"
        )
    prefix, width = form.group(1), int(form.group(2))
    numbers = [int(i[len(prefix) :]) for i in used if re.fullmatch(field.pattern, i)]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def add_source(
    descriptor: Path,
    article_file: Path,
    *,
    publisher: str,
    url: str,
    title: str,
    language: str = "en",
    source_type: str = "news_media",
) -> str:
    """Store the article under datasets/ and append its sources row; return its source_id."""
    problems = validate(descriptor)
    if problems:
        raise ContributionError("the data package has problems already: fix them first", problems)
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
    retired = context.tables["retired_ids"].raw["retired_id"]
    schema = context.tables["sources"].resource.schema
    source_id = next_id(
        schema.field("source_id"), {*sources["source_id"].dropna(), *retired.dropna()}
    )
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
        "published_date": article.published.isoformat(),
        "language": language,
        "section": article.section,
        "credit": article.credit,
        "source_type": source_type,
        "article_path": article_path,
        "article_sha256": digest,
    }
    table_file = package.resource("sources").file(package.basepath)
    stored = package.basepath / article_path
    before = table_file.read_bytes()

    def undo() -> None:
        table_file.write_bytes(before)
        stored.unlink(missing_ok=True)

    try:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(article.data)
        append_rows(table_file, [[values.get(name, "") for name in schema.field_names]])
        problems = validate(descriptor)
    except BaseException:
        undo()
        raise
    if problems:  # the contribution is all or nothing
        undo()
        raise ContributionError("the new source would not be valid; nothing was added", problems)
    return source_id
