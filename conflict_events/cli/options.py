"""The options several commands share, and the choices they offer."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class EngineName(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


# The options that choose the engine validate and build run on.
EngineOption = Annotated[
    EngineName,
    typer.Option(
        "--engine",
        help="duckdb (embedded, the default) or spark (pip install 'conflict-events[spark]').",
    ),
]
SparkMasterOption = Annotated[
    str | None,
    typer.Option(help="With --engine spark: the master URL (default local[*])."),
]
SparkConfOption = Annotated[
    list[str] | None,
    typer.Option(
        help="With --engine spark: a SparkSession setting KEY=VALUE (repeat for several)."
    ),
]

# The options that choose a release and filter its events, shared by the commands that read one.
SourceOption = Annotated[
    str | None, typer.Option(help="A release folder, zip, datapackage.json or URL.")
]
VersionOption = Annotated[
    str | None, typer.Option(help="A published version instead of this install's.")
]
CountryOption = Annotated[
    list[str] | None,
    typer.Option(
        help="Only events in this country: an ISO 3166-1 code in any case, or a name (repeat for several)."
    ),
]
StartOption = Annotated[
    str | None, typer.Option(help="Only events on or after this day (YYYY-MM-DD).")
]
EndOption = Annotated[
    str | None, typer.Option(help="Only events on or before this day (YYYY-MM-DD).")
]
EventTypeOption = Annotated[
    list[str] | None,
    typer.Option(help="Only events of this ACLED event type (repeat for several)."),
]
