"""The commands that show or hand out a release: info, export, map, timeline, serve."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from conflict_events import __version__, atomic
from conflict_events.cli.options import (
    CountryOption,
    EndOption,
    EventTypeOption,
    SourceOption,
    StartOption,
    VersionOption,
)
from conflict_events.console import fail, note, say
from conflict_events.text import shown

if TYPE_CHECKING:  # the export package pulls in the loader: imported by the commands using it
    from conflict_events.export import Selection


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


def info(
    version: VersionOption = None,
    source: SourceOption = None,
) -> None:
    """Version, tables with their row counts, and the cache folder."""
    from conflict_events.loader import LoadError, cache_dir
    from conflict_events.loader.sources import resolve

    try:
        release = resolve(source, version)
    except LoadError as exc:
        fail(str(exc))
    table = Table(title=f"conflict-events {release.version}", show_edge=False)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in release.tables:
        table.add_row(name, f"{release.row_count(name):,}")
    Console().print(table)
    # Plain lines: a path broken across lines cannot be copied.
    say(f"release: {release.folder}")
    say(f"cache: {cache_dir()}")


def _selected(
    source: str | None,
    version: str | None,
    country: list[str] | None,
    start: str | None,
    end: str | None,
    event_type: list[str] | None,
) -> Selection:
    """The events the release and filter options choose (for export, map and timeline);
    a missing release or a bad filter stops with one line."""
    from conflict_events.export import select
    from conflict_events.loader import LoadError

    filters = {"country": country or None, "start": start, "end": end}
    if event_type:
        filters["event_type"] = event_type
    try:
        return select(source=source, version=version, **filters)
    except LoadError as exc:
        fail(f"{exc} (see --help)")


def _write(out: Path, content: str | bytes, hint: str) -> None:
    """Write the whole file or stop with one line (an existing file stays as it was)."""
    try:
        atomic.write_file(out, content)
    except OSError as exc:
        fail(f"cannot write {shown(out)}: {exc.strerror or exc}; {hint}")


def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="acled or ucdp-ged (their flat files), or geojson.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The file to write (default: standard output)."),
    ] = None,
    source: SourceOption = None,
    version: VersionOption = None,
    country: CountryOption = None,
    start: StartOption = None,
    end: EndOption = None,
    event_type: EventTypeOption = None,
) -> None:
    """Write the events of a release in ACLED's or UCDP GED's shape, or as GeoJSON.

    With --out the file is written whole or not at all: an export that fails leaves an
    existing file as it was. Exit status 2 when the release cannot be read or a filter is
    wrong.
    """
    # Imported here: the loader and its downloaders would slow every other command's start.
    from conflict_events.export import FORMATS, render

    if format not in FORMATS:
        fail(f"no format '{shown(format)}'; choose one of: {', '.join(FORMATS)}")
    selection = _selected(source, version, country, start, end, event_type)
    if selection.crosswalks_from != "release":
        note(
            "note: this release has no crosswalks this version can read; codes are converted "
            f"with conflict-events {__version__}'s own"
        )
    text = render(selection, format)
    if format == "ucdp-ged":
        from conflict_events.export.ucdp_ged import left_out

        if skipped := left_out(selection):
            note(f"{skipped:,} event(s) left out: UCDP GED counts no event of their type")
    if out is None:
        typer.echo(text, nl=False)
        return
    _write(out, text, "check that its folder exists and is writable")
    note(f"{shown(out)}: {len(selection.flat):,} event(s) as {format}")


def map_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="events.png (an image) or events.html (a page).")
    ] = Path("events.png"),
    source: SourceOption = None,
    version: VersionOption = None,
    country: CountryOption = None,
    start: StartOption = None,
    end: EndOption = None,
    event_type: EventTypeOption = None,
) -> None:
    """Draw the events on a map, offline: country and admin-1 outlines, place names, one
    marker per event coloured by event type. A .html page is self-contained, and each
    marker opens the event's summary, dates, actors and evidence quotes."""
    from conflict_events.pictures.scene import NothingToDraw, build_scene

    if out.suffix.lower() not in (".png", ".html"):
        fail(f"cannot draw a map as {shown(out.name)}: give --out a .png or .html file")
    selection = _selected(source, version, country, start, end, event_type)
    try:
        scene = build_scene(selection)
    except NothingToDraw as exc:
        fail(str(exc))
    if out.suffix.lower() == ".html":
        from conflict_events.pictures.map_html import map_html

        content: str | bytes = map_html(scene, selection)
    else:
        from conflict_events.pictures.figures import png_bytes
        from conflict_events.pictures.map_png import map_figure

        content = png_bytes(map_figure(scene))
    _write(out, content, "check that its folder exists")
    say(f"{shown(out)}: {len(scene.markers):,} of {len(selection.flat):,} event(s) on the map")


def timeline(
    out: Annotated[Path, typer.Option("--out", "-o", help="The PNG file to write.")] = Path(
        "timeline.png"
    ),
    source: SourceOption = None,
    version: VersionOption = None,
    country: CountryOption = None,
    start: StartOption = None,
    end: EndOption = None,
    event_type: EventTypeOption = None,
    period: Annotated[
        Period | None,
        typer.Option(help="Count per day, week, month or year (default: by the span of dates)."),
    ] = None,
) -> None:
    """Events per day, week, month or year (by default chosen by the span of dates) stacked
    by event type, and reported fatalities per period below them (unknown counts are not
    drawn as 0)."""
    from conflict_events.pictures.figures import png_bytes
    from conflict_events.pictures.scene import NothingToDraw
    from conflict_events.pictures.timeline import choose_period, timeline_figure

    if out.suffix.lower() != ".png":
        fail(f"cannot draw a timeline as {shown(out.name)}: give --out a .png file")
    selection = _selected(source, version, country, start, end, event_type)
    try:
        figure = timeline_figure(selection, period)
    except NothingToDraw as exc:
        fail(str(exc))
    _write(out, png_bytes(figure), "check that its folder exists")
    chosen = choose_period(selection.flat, period).name
    say(f"{shown(out)}: {len(selection.flat):,} event(s), counted per {chosen}")


def serve(
    source: SourceOption = None,
    version: VersionOption = None,
    port: Annotated[int, typer.Option(help="The port to listen on.", min=1, max=65535)] = 8001,
    host: Annotated[
        str, typer.Option(help="The address to listen on (the default: this machine only).")
    ] = "127.0.0.1",
) -> None:
    """Browse a release's SQLite database in Datasette, read-only, with its titles,
    descriptions, licence and sources. Needs the browse extra; Ctrl-C stops it."""
    # Imported here: Datasette and the loader would slow every other command's start.
    from conflict_events import browse
    from conflict_events.loader import LoadError
    from conflict_events.loader.sources import resolve

    try:
        browse.check_datasette()
        release = resolve(source, version)
        database = browse.database_file(release, source, version)
        metadata = browse.datasette_metadata(release, database)
        browse.check_address(host, port)
    except (LoadError, browse.BrowseError) as exc:
        fail(str(exc))
    note(
        f"conflict-events {release.version}, read-only, at "
        f"http://{shown(host)}:{port}/{browse.ROUTE} "
        "(Ctrl-C stops it)"
    )
    browse.run(database, metadata, host, port)
