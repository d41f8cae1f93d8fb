"""How commands end: exit statuses, and reports of one line per problem.

Every message goes through `one_line`, so an echoed value or file name can neither fill
the terminal nor print a second line."""

from __future__ import annotations

from typing import NoReturn

import typer

from conflict_events.text import LINE_LIMIT, cut, json_text, one_line
from conflict_events.validation import Problem
from conflict_events.validation.report import ReportFormat

EXIT_INVALID = 1
EXIT_USAGE = 2


def say(message: str) -> None:
    """A line of the report, on standard output."""
    typer.echo(one_line(message))


def note(message: str) -> None:
    """A verdict or remark, on standard error."""
    typer.echo(one_line(message), err=True)


def stop_with_problems(problems: list[Problem], summary: str) -> NoReturn:
    """One line per problem on stdout, the summary on stderr, exit status 1."""
    for problem in problems:
        say(problem.as_line())
    invalid(summary)


def invalid(message: str) -> NoReturn:
    """The data, or the file checked, are not as they should be: say so, exit status 1."""
    note(message)
    raise typer.Exit(EXIT_INVALID)


def refuse(message: str) -> NoReturn:
    """A contribution refused for one reason: say it on stderr, exit status 1."""
    invalid(f"refused: {message}")


def fail(message: str, format: ReportFormat = ReportFormat.text) -> NoReturn:
    """Stop with exit status 2, saying why in the report's own format."""
    if format is ReportFormat.json:
        typer.echo(json_text({"valid": False, "error": cut(message, LINE_LIMIT)}))
    else:
        note(f"error: {message}")
    raise typer.Exit(EXIT_USAGE)


__all__ = [
    "EXIT_INVALID",
    "EXIT_USAGE",
    "ReportFormat",
    "fail",
    "invalid",
    "note",
    "refuse",
    "say",
    "stop_with_problems",
]
