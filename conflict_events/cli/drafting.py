"""`conflict-events draft`: propose the events an article reports, for a contributor to confirm."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from conflict_events.console import fail, note
from conflict_events.contribute.article import ArticleError
from conflict_events.draft import draft_article
from conflict_events.draft.report import article_to_draft, as_json, as_text
from conflict_events.metadata import PackageError, default_descriptor, load_package


class DraftFormat(StrEnum):
    text = "text"
    json = "json"


def draft(
    article: Annotated[
        str, typer.Argument(help="An article file (see CONTRIBUTING.md) or a stored source id.")
    ],
    format: Annotated[
        DraftFormat, typer.Option("--format", help="text (a summary) or json (the draft).")
    ] = DraftFormat.text,
    datapackage: Annotated[Path | None, typer.Option(help="Default: ./datapackage.json.")] = None,
) -> None:
    """Propose every event the article reports, each with verbatim evidence; stored actors
    and places are preferred. An actor or place is new when no stored name or alias is its
    name."""
    try:
        package = load_package(datapackage or default_descriptor())
        drafted = draft_article(article_to_draft(article, package), package)
    except (PackageError, ArticleError) as exc:
        fail(str(exc))
    if drafted["events"]:
        typer.echo(as_json(drafted) if format is DraftFormat.json else as_text(drafted))
    else:
        if format is DraftFormat.json:
            typer.echo(as_json(drafted))
        note(f"no event found in {article}: the draft is empty")
