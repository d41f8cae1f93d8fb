"""`conflict-events import`: other datasets' files as a package of this project's tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from conflict_events.console import fail, say
from conflict_events.text import shown

import_app = typer.Typer(
    help="Other datasets' files as conflict-events tables, in a package of their own.",
    no_args_is_help=True,
)


@import_app.command("ucdp-ged")
def import_ucdp_ged(
    file: Annotated[Path, typer.Argument(help="A UCDP GED CSV file, e.g. GEDEvent_v23_1.csv.")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Folder for the new data package (never datasets/)."),
    ],
) -> None:
    """Convert UCDP GED rows into this project's six tables, as a separate data package.

    Every row is imported or listed, with the reason, in OUT/import-report.csv. A row that
    breaks a rule of the curated data as UCDP publishes it (a date after its source, say) is
    kept as UCDP has it and flagged: the package relaxes those rules to warnings, and passes
    `conflict-events validate`. Exit status 2 when the file cannot be imported at all.
    """
    from conflict_events.importers.package import REPORT, ImportFailure, import_ged

    with Console(stderr=True).status(f"importing {shown(file)}"):
        try:
            result = import_ged(file, out)
        except ImportFailure as exc:
            fail(str(exc))
    flagged = len({r.row for r in result.flagged})
    said = f"{result.descriptor}: {result.imported:,} of {result.rows:,} rows imported"
    say(f"{said}, {flagged:,} of them flagged" if flagged else said)
    for heading, counts in (
        ("rows kept as UCDP has them, flagged", result.rules_flagged()),
        ("rows not imported", result.rules_not_imported()),
    ):
        if counts:
            table = Table("rule", heading, box=None)
            for rule, count in counts:
                table.add_row(rule, f"{count:,}")
            Console().print(table)
    if result.flagged or result.reported:
        say(f"each with its reason in {out / REPORT}")
