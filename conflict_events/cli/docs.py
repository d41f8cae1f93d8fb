"""`conflict-events docs`: the codebook, written or checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflict_events.console import fail, invalid, note


def docs(
    datapackage: Annotated[
        Path | None,
        typer.Argument(
            help="datapackage.json (or its folder), with CONTRIBUTING.md beside it. "
            "Default: ./datapackage.json, else this install's."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Default: docs/codebook.md beside datapackage.json."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the file is not what it would be."),
    ] = False,
) -> None:
    """Write the codebook from the schemas, the crosswalk tables and CONTRIBUTING.md.

    With --check, exit status 1 when the codebook is missing or out of date (for CI).
    Exit status 2 when the package or CONTRIBUTING.md cannot be read.
    """
    from conflict_events.docs.codebook import CodebookError
    from conflict_events.docs.update import PageStale, update_codebook

    try:
        note(update_codebook(datapackage, out, check))
    except PageStale as exc:
        invalid(str(exc))
    except CodebookError as exc:
        fail(str(exc))
