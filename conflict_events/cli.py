"""The `conflict-events` command line."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import pyarrow.parquet as pq
import typer
from rich.console import Console
from rich.table import Table

from conflict_events import __version__
from conflict_events.build import BuildError, BuildInterrupted, BuildSetupError, build_release
from conflict_events.console import (
    EXIT_INVALID,
    EXIT_USAGE,
    ReportFormat,
    fail,
    stop_with_problems,
)
from conflict_events.contribute import commands as contribute
from conflict_events.engine import EngineError
from conflict_events.metadata import PackageError, default_descriptor
from conflict_events.releases.verify import verify_release, verify_zip
from conflict_events.validation import validate as validate_package

if TYPE_CHECKING:  # the export package pulls in the loader: imported by the commands using it
    from conflict_events.export import Selection
from conflict_events.validation.annotations import github_annotation
from conflict_events.validation.summary import markdown_summary
from conflict_events.versions.diff import PackageDiff, diff_packages
from conflict_events.versions.git_ref import RevisionError, package_at
from conflict_events.versions.release import ReleaseError, cut_release
from conflict_events.versions.report import as_json, as_markdown, as_text
from conflict_events.versions.semver import Bump

app = typer.Typer(
    help="Validate, build and load the conflict-events data package.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class BumpChoice(StrEnum):
    patch = "patch"
    minor = "minor"
    major = "major"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


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


def engine_options(engine: EngineName, master: str | None, conf: list[str] | None) -> dict:
    """The options conflict_events.engine.connect takes, from the command line's."""
    if engine is not EngineName.spark:
        if master or conf:
            fail("--spark-master and --spark-conf go with --engine spark", ReportFormat.text)
        return {}
    settings = {}
    for item in conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--spark-conf takes KEY=VALUE, not {item!r}", ReportFormat.text)
        settings[key] = value
    return {"conf": settings} | ({"master": master} if master else {})


# The options that choose a release and filter its events, shared by the commands that read one.
SourceOption = Annotated[
    str | None, typer.Option(help="A release folder, zip, datapackage.json or URL.")
]
VersionOption = Annotated[
    str | None, typer.Option(help="A published version instead of this install's.")
]
CountryOption = Annotated[
    list[str] | None,
    typer.Option(help="Only events in this country (ISO alpha-3; repeat for several)."),
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


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


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


@app.command()
def validate(
    datapackage: Annotated[
        Path | None,
        typer.Argument(
            help="datapackage.json (or its folder). Default: ./datapackage.json, "
            "else, in a checkout, the repository's."
        ),
    ] = None,
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text lines, json, or github workflow annotations."),
    ] = ReportFormat.text,
    changed_since: Annotated[
        str | None,
        typer.Option(
            help="A git revision (e.g. origin/main): also list the rows added, changed or "
            "retired since then."
        ),
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option(help="Append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)."),
    ] = None,
    engine: EngineOption = EngineName.duckdb,
    spark_master: SparkMasterOption = None,
    spark_conf: SparkConfOption = None,
) -> None:
    """Check a data package: structure, table rules, cross-table and semantic rules.

    One line per problem: file:row:column  rule  value  hint. Exit status 0 when valid,
    1 when the data are invalid, 2 when the descriptor is missing or unreadable or the
    revision unknown.
    """
    descriptor = datapackage or default_descriptor()
    options = engine_options(engine, spark_master, spark_conf)
    try:
        changes = _changes_since(changed_since, descriptor) if changed_since else None
        problems = validate_package(descriptor, engine=engine.value, **options)
    except (PackageError, EngineError) as exc:
        fail(str(exc), format)
    except Exception as exc:  # last resort: a one-line report, never a traceback
        fail(f"internal error while validating {descriptor}: {type(exc).__name__}: {exc}", format)
    shown = _shown(descriptor)
    verdict = f"{shown}: {len(problems)} problem(s)" if problems else f"{shown}: valid"
    if format is ReportFormat.json:
        report = {
            "datapackage": str(descriptor),
            "valid": not problems,
            "problems": [p.as_dict() for p in problems],
        }
        if changes is not None:
            diff, why_not = changes
            report["changed_since"] = changed_since
            report["changes"] = (
                json.loads(as_json(diff)) if diff else {"listed": False, "why": why_not}
            )
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        if format is ReportFormat.github:
            folder = Path(descriptor).resolve()
            folder = folder if folder.is_dir() else folder.parent
            prefix = _repository_prefix(folder)
            lines = [github_annotation(problem, folder, prefix) for problem in problems]
        else:
            lines = [problem.as_line() for problem in problems]
        if changes is not None:
            diff, why_not = changes
            lines.append(f"changes since {changed_since}:")
            lines += ["  " + line for line in (as_text(diff) if diff else why_not).splitlines()]
        for line in lines:
            typer.echo(line)
        typer.echo(verdict, err=True)
    if summary is not None:
        listed = None
        if changes is not None:
            diff, why_not = changes
            title = f"Changes since `{changed_since}`"
            listed = as_markdown(diff, title) if diff else f"## {title}\n\n{why_not}"
        try:
            with summary.open("a", encoding="utf-8") as out:
                out.write(markdown_summary(shown, problems, listed))
        except OSError as exc:
            fail(f"cannot write the summary to {summary}: {exc.strerror}", format)
    if problems:
        raise typer.Exit(EXIT_INVALID)


def _shown(descriptor: Path) -> str:
    """The descriptor as reports name it: relative to the current folder when inside it."""
    try:
        return str(Path(descriptor).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(descriptor)


def _changes_since(ref: str, descriptor: Path) -> tuple[PackageDiff | None, str]:
    """The diff from `ref` to the work tree, or why it cannot be listed (no package at
    `ref`, a table the validator reports as unreadable). An unknown `ref` raises."""
    try:
        with package_at(ref, descriptor) as before:
            return diff_packages(before, descriptor), ""
    except RevisionError:
        raise  # no such revision, or no git: the command cannot do what was asked
    except PackageError as exc:  # no package at the revision, or a side that cannot be read
        return None, f"not listed: {exc}"


@app.command()
def build(
    datapackage: Annotated[
        Path | None, typer.Argument(help="datapackage.json to release (default as for validate).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The release folder.")] = Path("dist"),
    partition_by: Annotated[
        str | None,
        typer.Option(
            "--partition-by",
            help="Also write the event tables as hive-partitioned Parquet under parquet/, "
            "by 'year' (of event_date) or 'country' (country_iso3 of the location).",
        ),
    ] = None,
    all_texts: Annotated[
        bool,
        typer.Option(
            "--all-texts",
            help="Carry every article text, whatever its licence: an internal release, "
            "not for publication (its descriptor and README say so).",
        ),
    ] = False,
    engine: EngineOption = EngineName.duckdb,
    spark_master: SparkMasterOption = None,
    spark_conf: SparkConfOption = None,
) -> None:
    """Validate, then publish a release folder: every table, events_flat and the articles
    table as Parquet with their schemas, a checksummed datapackage.json and README (the
    main zip), and a CSV zip and a SQLite zip beside it.

    Article texts are carried only where their licence allows. Nothing is published when
    the data are invalid, and an interrupted build leaves the previous release untouched.
    """
    descriptor = datapackage or default_descriptor()
    options = engine_options(engine, spark_master, spark_conf)
    try:
        folder = build_release(
            descriptor,
            out,
            partition_by=partition_by,
            all_texts=all_texts,
            engine_name=engine.value,
            engine_options=options,
        )
    except BuildError as exc:
        stop_with_problems(
            exc.problems, f"{descriptor}: {len(exc.problems)} problem(s); nothing was built"
        )
    except (PackageError, BuildSetupError, EngineError) as exc:
        fail(str(exc), ReportFormat.text)
    except BuildInterrupted as exc:
        _interrupted(exc, out)
    typer.echo(str(folder))


@app.command()
def verify(
    release: Annotated[
        Path, typer.Argument(help="A release folder made by build, or a release's main zip.")
    ] = Path("dist"),
) -> None:
    """Check every file and zip of a release against its recorded size and SHA-256."""
    zipped = release.suffix == ".zip" and release.is_file()
    problems = verify_zip(release) if zipped else verify_release(release)
    for problem in problems:
        typer.echo(problem)
    typer.echo(
        f"{release}: {'intact' if not problems else f'{len(problems)} problem(s)'}", err=True
    )
    if problems:
        raise typer.Exit(EXIT_INVALID)


@app.command("check-evidence")
def check_evidence(
    release: Annotated[
        str | None,
        typer.Argument(
            help="A release folder, zip, datapackage.json or URL (default: this install's)."
        ),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option(
            help="A folder of article texts you hold: each is matched to its source by its "
            "SHA-256, else by its name, <source_id>.txt."
        ),
    ] = None,
    version: VersionOption = None,
) -> None:
    """Check every quote of a release against the article texts it carries and those in
    --texts: each text's SHA-256, size and length, and each quote at its offsets.

    Exit status 0 when the evidence holds, 1 when a text or quote does not, 2 when the
    release or the folder cannot be read or holds no text to check.
    """
    from conflict_events.evidence.check import check_evidence as check
    from conflict_events.loader import LoadError
    from conflict_events.loader.sources import resolve

    if texts is not None and not texts.is_dir():
        fail(f"{texts}: no such folder of article texts")
    try:
        found = resolve(release, version)
        outcome = check(found, texts)
    except LoadError as exc:
        fail(str(exc))
    for problem in outcome.problems:
        typer.echo(problem.as_line())
    if not outcome.checked and not outcome.problems:
        fail(outcome.nothing_to_check(found.version, texts))
    typer.echo(outcome.summary(found.version, texts), err=True)
    if outcome.problems:
        raise typer.Exit(EXIT_INVALID)


@app.command()
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
    render = {DiffFormat.text: as_text, DiffFormat.markdown: as_markdown, DiffFormat.json: as_json}
    typer.echo(render[format](result))
    if not result.identical:
        raise typer.Exit(EXIT_INVALID)


@app.command()
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
            exc.problems, f"{descriptor}: {len(exc.problems)} problem(s); nothing was released"
        )
    except ReleaseError as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except (PackageError, BuildSetupError, EngineError) as exc:
        fail(str(exc), ReportFormat.text)
    except BuildInterrupted as exc:
        _interrupted(exc, out)
    typer.echo(f"released {version} at {out}")


@app.command()
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
    typer.echo(f"registered {version} in {registry_file()}")


@app.command()
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
        fail(str(exc), ReportFormat.text)
    table = Table(title=f"conflict-events {release.version}", show_edge=False)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in release.tables:
        rows = pq.ParquetFile(release.path(name)).metadata.num_rows
        table.add_row(name, f"{rows:,}")
    Console().print(table)
    # Plain lines: a path broken across lines cannot be copied.
    typer.echo(f"release: {release.folder}")
    typer.echo(f"cache: {cache_dir()}")


@app.command()
def synth(
    events: Annotated[int, typer.Option(help="How many events.", min=1)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of the synthetic package.")],
    seed: Annotated[int, typer.Option(help="Same seed, same bytes.")] = 0,
    inject_errors: Annotated[
        int,
        typer.Option(
            help="Plant this many errors of every rule class, listed in injected-errors.csv.", min=0
        ),
    ] = 0,
) -> None:
    """Write a synthetic package (marked so in its descriptor) for benchmarks and tests:
    all six tables consistent, every quote in its generated article."""
    from conflict_events.synth import synthesize

    with Console(stderr=True).status(f"writing {events:,} synthetic events to {out}"):
        try:
            descriptor = synthesize(out, events, seed, inject_errors)
        except ValueError as exc:
            fail(str(exc))
    typer.echo(str(descriptor))


@app.command()
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
        fail(f"no format {format!r}; choose one of: {', '.join(FORMATS)}", ReportFormat.text)
    selection = _selected(source, version, country, start, end, event_type)
    if selection.crosswalks_from != "release":
        typer.echo(
            "note: this release has no crosswalks this version can read; codes are converted "
            f"with conflict-events {__version__}'s own",
            err=True,
        )
    text = render(selection, format)
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        _write_whole(out, text)
    except OSError as exc:
        fail(
            f"cannot write {out}: {exc.strerror or exc}; check that its folder exists and is "
            "writable",
            ReportFormat.text,
        )
    typer.echo(f"{out}: {len(selection.flat):,} event(s) as {format}", err=True)


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
        fail(f"{exc} (see --help)", ReportFormat.text)


def _write_whole(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to a new file beside `path` and rename it into
    place, so `path` is never half written; it keeps the permissions of the file it
    replaces, and a new file gets those a plain open would give."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with open(descriptor, "wb") as file:
            file.write(content.encode("utf-8") if isinstance(content, str) else content)
            file.flush()
            os.fsync(file.fileno())
        if path.is_file():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


import_app = typer.Typer(
    help="Other datasets' files as conflict-events tables, in a package of their own.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("ucdp-ged")
def import_ucdp_ged(
    file: Annotated[Path, typer.Argument(help="A UCDP GED CSV file, e.g. GEDEvent_v23_1.csv.")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Folder for the new data package (never datasets/)."),
    ],
) -> None:
    """Convert UCDP GED rows into this project's six tables, as a separate data package.

    Every row is imported or listed, with the reason, in OUT/import-report.csv; the package
    passes `conflict-events validate`. Exit status 2 when the file cannot be imported at all.
    """
    from collections import Counter

    from conflict_events.importers.package import REPORT, ImportFailure, import_ged

    with Console(stderr=True).status(f"importing {file}"):
        try:
            result = import_ged(file, out)
        except ImportFailure as exc:
            fail(str(exc))
    typer.echo(f"{result.descriptor}: {result.imported:,} of {result.rows:,} rows imported")
    if result.reported:
        table = Table("rule", "rows not imported", box=None)
        for rule, count in Counter(r.rule for r in result.reported).most_common():
            table.add_row(rule, f"{count:,}")
        Console().print(table)
        typer.echo(f"each with its reason in {out / REPORT}")


@app.command()
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
    from conflict_events.docs.codebook import CodebookError, codebook
    from conflict_events.metadata import load_package

    try:
        package = load_package(datapackage or default_descriptor())
    except PackageError as exc:
        fail(str(exc))
    guide_file = package.basepath / "CONTRIBUTING.md"
    try:
        guide = guide_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {guide_file} ({exc}); the codebook is written in a checkout")
    target = out or package.basepath / "docs" / "codebook.md"
    root = Path(os.path.relpath(package.basepath, target.resolve().parent)).as_posix()
    try:
        text = codebook(package, guide, root)
    except CodebookError as exc:
        fail(str(exc))
    if check:
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            state = "is missing" if current is None else "is out of date"
            typer.echo(f"{_shown(target)} {state}: run conflict-events docs", err=True)
            raise typer.Exit(EXIT_INVALID)
        typer.echo(f"{_shown(target)}: up to date", err=True)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(target, text)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    typer.echo(f"wrote {_shown(target)}", err=True)


@app.command("map")
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
        fail(f"cannot draw a map as {out.name}: give --out a .png or .html file")
    selection = _selected(source, version, country, start, end, event_type)
    try:
        scene = build_scene(selection)
    except NothingToDraw as exc:
        fail(str(exc))
    try:
        if out.suffix.lower() == ".html":
            from conflict_events.pictures.map_html import map_html

            _write_whole(out, map_html(scene, selection))
        else:
            from conflict_events.pictures.figures import png_bytes
            from conflict_events.pictures.map_png import map_figure

            _write_whole(out, png_bytes(map_figure(scene)))
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}; check that its folder exists")
    typer.echo(f"{out}: {len(scene.markers):,} of {len(selection.flat):,} event(s) on the map")


@app.command()
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
        fail(f"cannot draw a timeline as {out.name}: give --out a .png file")
    selection = _selected(source, version, country, start, end, event_type)
    try:
        figure = timeline_figure(selection, period)
    except NothingToDraw as exc:
        fail(str(exc))
    try:
        _write_whole(out, png_bytes(figure))
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}; check that its folder exists")
    chosen = choose_period(selection.flat, period).name
    typer.echo(f"{out}: {len(selection.flat):,} event(s), counted per {chosen}")


@app.command()
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
        fail(str(exc), ReportFormat.text)
    typer.echo(
        f"conflict-events {release.version}, read-only, at "
        f"http://{host}:{port}/{browse.ROUTE} "
        "(Ctrl-C stops it)",
        err=True,
    )
    browse.run(database, metadata, host, port)


cache_app = typer.Typer(help="The per-user cache of downloaded releases.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every downloaded or built release from the cache."""
    from conflict_events.loader import cache_dir

    folder = cache_dir()
    shutil.rmtree(folder, ignore_errors=True)
    typer.echo(f"cleared {folder}")


for name, command in contribute.COMMANDS.items():
    app.command(name)(command)


def _interrupted(exc: BuildInterrupted, out: Path) -> NoReturn:
    if exc.published:
        typer.echo(f"interrupted after the new release was published at {out}", err=True)
    else:
        typer.echo(f"interrupted: {out} is as it was before the build", err=True)
    raise typer.Exit(exc.status)


def _repository_prefix(folder: Path) -> str:
    """The package folder's path inside its git repository ('' at the top), so annotations
    name files as GitHub shows them."""
    from conflict_events.build import provenance

    return provenance.git(folder, "rev-parse", "--show-prefix") or ""


def run() -> None:
    """The console entry point: an unforeseen failure is reported in one line, never as a
    traceback (set CONFLICT_EVENTS_DEBUG=1 to see the traceback)."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("CONFLICT_EVENTS_DEBUG"):
            raise
        typer.echo(f"error: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_USAGE)
