"""The commands of versions and releases: diff, release, register."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from conflict_events.build import BuildError, BuildInterrupted, BuildSetupError
from conflict_events.cli.data import interrupted
from conflict_events.console import EXIT_INVALID, fail, refuse, say, stop_with_problems
from conflict_events.engine import EngineError
from conflict_events.metadata import PackageError, default_descriptor
from conflict_events.text import shown
from conflict_events.validation.report import ReportFormat
from conflict_events.versions.diff import diff_packages
from conflict_events.versions.release import ReleaseError, cut_release
from conflict_events.versions.report import as_json, as_markdown, as_text
from conflict_events.versions.semver import Bump


class BumpChoice(StrEnum):
    patch = "patch"
    minor = "minor"
    major = "major"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


_RENDER = {DiffFormat.text: as_text, DiffFormat.markdown: as_markdown, DiffFormat.json: as_json}


def diff(
    old: Annotated[
        Path, typer.Argument(help="Earlier version: release folder, zip or datapackage.json.")
    ],
    new: Annotated[
        Path, typer.Argument(help="Later version: release folder, zip or datapackage.json.")
    ],
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, markdown or json.")
    ] = DiffFormat.text,
) -> None:
    """Rows added, removed and changed per table (matched by primary key), schema changes,
    retired IDs, and the version bump the changes require.

    Exit status 0 when identical, 1 when different, 2 when either side cannot be read.
    """
    try:
        result = diff_packages(old, new)
    except PackageError as exc:
        fail(str(exc), ReportFormat.json if format is DiffFormat.json else ReportFormat.text)
    typer.echo(_RENDER[format](result))
    if not result.identical:
        raise typer.Exit(EXIT_INVALID)


def release(
    bump: Annotated[BumpChoice, typer.Option("--bump", help="How far to move the version.")],
    datapackage: Annotated[Path | None, typer.Argument(help="datapackage.json to release.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The release folder.")] = Path("dist"),
    previous: Annotated[
        Path | None,
        typer.Option(help="The previous release to compare with (default: the one at --out)."),
    ] = None,
) -> None:
    """Cut the next release: refuse a bump smaller than the changes require (or IDs removed
    without retirement), then update the version and CHANGELOG.md, and build."""
    descriptor = datapackage or default_descriptor()
    try:
        version = cut_release(descriptor, Bump[bump.name.upper()], out, previous)
    except BuildError as exc:
        stop_with_problems(
            exc.problems,
            f"{shown(descriptor)}: {len(exc.problems)} problem(s); nothing was released",
        )
    except ReleaseError as exc:
        refuse(str(exc))
    except (PackageError, BuildSetupError, EngineError) as exc:
        fail(str(exc))
    except BuildInterrupted as exc:
        interrupted(exc, out)
    say(f"released {version} at {shown(out)}")


def register(
    release: Annotated[Path, typer.Argument(help="A release folder made by build.")] = Path("dist"),
) -> None:
    """Record a published release's zips and their SHA-256 in this install's
    releases.json, so load(version=...) can fetch and check them. Run it once the zips are
    published; commit releases.json."""
    from conflict_events.loader.sources import registry_file
    from conflict_events.versions.registry import RegistryError
    from conflict_events.versions.registry import register as record

    try:
        version = record(release, registry_file())
    except RegistryError as exc:
        fail(str(exc))
    say(f"registered {version} in {registry_file()}")
