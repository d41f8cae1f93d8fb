"""The commands that check and make the data: validate, build, verify, check-evidence, synth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from conflict_events.build import BuildError, BuildInterrupted, BuildSetupError, build_release
from conflict_events.cli.options import (
    EngineName,
    EngineOption,
    SparkConfOption,
    SparkMasterOption,
    VersionOption,
)
from conflict_events.console import EXIT_INVALID, fail, invalid, note, say, stop_with_problems
from conflict_events.engine import EngineError, command_line_options
from conflict_events.metadata import PackageError, default_descriptor
from conflict_events.releases.verify import verify_any
from conflict_events.text import shown
from conflict_events.validation.report import ReportFormat, SummaryError, validation_report


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

    One line per problem: file:row:column  rule  value  hint; a rule the descriptor's
    x-warnings relaxes is reported as `warning rule`. Exit status 0 when valid (warnings
    allowed), 1 when the data are invalid, 2 when the descriptor is missing or unreadable
    or the revision unknown.
    """
    descriptor = datapackage or default_descriptor()
    try:
        options = command_line_options(engine.value, spark_master, spark_conf)
        report = validation_report(
            descriptor, format, changed_since, summary, engine.value, options
        )
    except (PackageError, EngineError, SummaryError) as exc:
        fail(str(exc), format)
    except Exception as exc:  # last resort: a one-line report, never a traceback
        fail(f"internal error while validating {descriptor}: {type(exc).__name__}: {exc}", format)
    for line in report.lines:  # one line each, or one JSON document, made safe to print
        typer.echo(line)
    if report.verdict:
        note(report.verdict)
    if not report.valid:
        raise typer.Exit(EXIT_INVALID)


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
    try:
        folder = build_release(
            descriptor,
            out,
            partition_by=partition_by,
            all_texts=all_texts,
            engine_name=engine.value,
            engine_options=command_line_options(engine.value, spark_master, spark_conf),
        )
    except BuildError as exc:
        stop_with_problems(
            exc.problems, f"{shown(descriptor)}: {len(exc.problems)} problem(s); nothing was built"
        )
    except (PackageError, BuildSetupError, EngineError) as exc:
        fail(str(exc))
    except BuildInterrupted as exc:
        interrupted(exc, out)
    say(str(folder))


def interrupted(exc: BuildInterrupted, out: Path) -> NoReturn:
    """Ctrl-C or SIGTERM stopped a build: say whether the new release got out."""
    if exc.published:
        note(f"interrupted after the new release was published at {shown(out)}")
    else:
        note(f"interrupted: {shown(out)} is as it was before the build")
    raise typer.Exit(exc.status)


def verify(
    release: Annotated[
        Path, typer.Argument(help="A release folder made by build, or a release's main zip.")
    ] = Path("dist"),
) -> None:
    """Check every file and zip of a release against its recorded size and SHA-256."""
    problems = verify_any(release)
    for problem in problems:
        say(problem)
    if problems:
        invalid(f"{shown(release)}: {len(problems)} problem(s)")
    note(f"{shown(release)}: intact")


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
    from conflict_events.evidence.check import check_release
    from conflict_events.loader import LoadError

    try:
        found, outcome = check_release(release, version, texts)
    except LoadError as exc:
        fail(str(exc))
    if not outcome.checked and not outcome.problems:
        fail(outcome.nothing_to_check(found.version, texts))
    for problem in outcome.problems:
        say(problem.as_line())
    if outcome.problems:
        invalid(outcome.summary(found.version, texts))
    note(outcome.summary(found.version, texts))


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

    with Console(stderr=True).status(f"writing {events:,} synthetic events to {shown(out)}"):
        try:
            descriptor = synthesize(out, events, seed, inject_errors)
        except ValueError as exc:
            fail(str(exc))
    say(str(descriptor))
