"""How commands end: exit statuses, and reports of one line per problem."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import NoReturn

import typer

from conflict_events.validation import Problem

EXIT_INVALID = 1
EXIT_USAGE = 2


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def stop_with_problems(problems: list[Problem], summary: str) -> NoReturn:
    """One line per problem on stdout, the summary on stderr, exit status 1."""
    for problem in problems:
        typer.echo(problem.as_line())
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_INVALID)


def refuse(message: str) -> NoReturn:
    """A contribution refused for one reason: say it on stderr, exit status 1."""
    typer.echo(f"refused: {message}", err=True)
    raise typer.Exit(EXIT_INVALID)


def fail(message: str, format: ReportFormat = ReportFormat.text) -> NoReturn:
    """Stop with exit status 2, saying why in the report's own format."""
    if format is ReportFormat.json:
        typer.echo(json.dumps({"valid": False, "error": message}, ensure_ascii=False))
    else:
        typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)
