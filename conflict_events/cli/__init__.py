"""The `conflict-events` command line: each command parses its options and calls the one
function of the job's package that does the work (see the modules of this package)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from conflict_events import __version__
from conflict_events.cli import accuracy, data, docs, drafting, output, versions
from conflict_events.cli.cache import cache_app
from conflict_events.cli.importing import import_app
from conflict_events.console import EXIT_USAGE, note
from conflict_events.contribute import commands as contribute

app = typer.Typer(
    help="Validate, build and load the conflict-events data package.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help as Markdown: paragraphs rewrap to the terminal (rich mode keeps the docstrings'
    # line breaks, and would take [spark] for a style).
    rich_markup_mode="markdown",
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Validate, build and load the conflict-events data package."""


# In the order `conflict-events --help` lists them.
for command in (data.validate, data.build, data.verify):
    app.command()(command)
app.command("check-evidence")(data.check_evidence)
for command in (versions.diff, versions.release, versions.register, output.info, data.synth):
    app.command()(command)
app.command()(output.export)
app.add_typer(import_app, name="import")
app.command()(docs.docs)
app.command("draft-accuracy")(accuracy.draft_accuracy)
app.command("map")(output.map_command)
app.command()(output.timeline)
app.command()(output.serve)
app.add_typer(cache_app, name="cache")
for name, command in contribute.COMMANDS.items():
    app.command(name)(command)
app.command()(drafting.draft)


def run() -> None:
    """The console entry point: an unforeseen failure is reported in one line, never as a
    traceback (set CONFLICT_EVENTS_DEBUG=1 to see the traceback)."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("CONFLICT_EVENTS_DEBUG"):
            raise
        note(f"error: internal error: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_USAGE)
