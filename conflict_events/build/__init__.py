"""Build a release: validate, then write every table, the joined events_flat view and the
articles table as typed Parquet with a descriptor, README and checksums (the main zip),
the same tables as CSV and as one SQLite database (a zip each), and publish them at once.
With a partition key, the event tables are also written as hive-partitioned Parquet."""

from __future__ import annotations

import json
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from conflict_events import package_version
from conflict_events.build import (
    archive,
    articles,
    atomic,
    flat,
    forms,
    partition,
    provenance,
    sqlite,
)
from conflict_events.build.arrow import to_arrow
from conflict_events.build.descriptor import (
    PARQUET,
    build_facts,
    release_descriptor,
    table_resource,
    write_descriptor,
    write_schema,
)
from conflict_events.build.errors import (
    BuildError,
    BuildInterrupted,
    BuildSetupError,
    ReleaseMismatch,
)
from conflict_events.build.readme import readme
from conflict_events.build.verify import written_problems
from conflict_events.metadata import DataPackage, TableSchema, canonical_tables, load_package
from conflict_events.tables import parse_table
from conflict_events.validation import check
from conflict_events.validation.context import Context, read_tables
from conflict_events.validation.evidence import stored_articles


def check_output(out: Path, package: DataPackage) -> None:
    """Refuse an output that is not a release folder: the build replaces it whole."""
    if out == package.basepath or package.basepath.is_relative_to(out):
        raise BuildSetupError(
            f"{out} holds the data package itself: name a separate release folder"
        )
    if not out.exists():
        return
    if not out.is_dir():
        raise BuildSetupError(f"{out} is a file, not a release folder")
    is_release = (out / archive.CHECKSUMS).is_file() and "x-build" in _descriptor(
        out / "datapackage.json"
    )
    if any(out.iterdir()) and not is_release:
        raise BuildSetupError(
            f"{out} exists and is not a release made by build: name an empty or new folder"
        )


def _descriptor(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


__all__ = ["BuildError", "BuildInterrupted", "BuildSetupError", "build_release", "zip_name"]


# Rows per Parquet row group: each group carries min/max statistics, so a filtered read
# can skip the groups they rule out (only where the rows' order follows the filtered
# column: the tables are in primary-key order); large enough to compress well.
ROW_GROUP_ROWS = 64 * 1024


def zip_name(version: str) -> str:
    """The main zip of a published release of `version`."""
    return archive.main_zip(archive.release_stem(version))


@contextmanager
def _steps(show: bool, seconds: dict[str, float] | None = None) -> Iterator:
    """A step-by-step display on a terminal; nothing at all elsewhere. Each step's time
    is added to `seconds` when given."""
    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=not (show and console.is_terminal),
        transient=False,
    ) as progress:

        @contextmanager
        def step(description: str) -> Iterator[None]:
            task = progress.add_task(description, total=1)
            start = time.perf_counter()
            yield
            if seconds is not None:
                seconds[description] = time.perf_counter() - start
            progress.update(task, completed=1, description=f"{description}: done")

        yield step


def _sorted(
    raw: pd.DataFrame, typed: pd.DataFrame, schema: TableSchema
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows in primary-key order, so the same data always give the same bytes."""
    order = typed.sort_values(schema.primary_key, kind="stable").index
    return raw.loc[order].reset_index(drop=True), typed.loc[order].reset_index(drop=True)


def _write_table(
    folder: Path, name: str, raw: pd.DataFrame, typed: pd.DataFrame, about: sqlite.About
) -> pa.Table:
    """The table as Parquet under data/; the Arrow table written."""
    data = folder / "data"
    data.mkdir(exist_ok=True)
    table = to_arrow(raw, typed, about.schema, about.description)
    pq.write_table(
        table, data / f"{name}.parquet", compression="zstd", row_group_size=ROW_GROUP_ROWS
    )
    return table


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into an exit that runs the clean-up, as SIGINT already does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def build_release(
    descriptor: str | Path,
    out: str | Path,
    show_progress: bool = True,
    partition_by: str | None = None,
    step_seconds: dict[str, float] | None = None,
    all_texts: bool = False,
) -> Path:
    """Validate the package and publish its release at `out`; raise BuildError if invalid.

    `partition_by` ("year" or "country") adds hive-partitioned Parquet of the event tables
    under parquet/ (see conflict_events.build.partition); without it nothing changes.
    `step_seconds`, when given, receives the time of each step (benchmarks/ reads it).
    `all_texts` carries every article text, whatever its licence, for an internal release
    that must not be published; by default a text is carried only where its licence allows.
    """
    out = Path(out).resolve()
    if partition_by is not None:
        try:
            partition.check_key(partition_by)
        except ValueError as exc:
            raise BuildSetupError(str(exc)) from None
    with _terminate_cleanly(), _steps(show_progress, step_seconds) as step:
        with step("validate"):
            package = load_package(descriptor)
            context = read_tables(package)
            problems = check(context)
            if problems:
                raise BuildError(problems)
        check_output(out, package)
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic.clean_leftovers(out)
        work = atomic.temp_folder(out)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        published = []
        try:
            written = _write_release(package, context, work, step, partition_by, all_texts)
            with step("check the release"):
                mistakes = written_problems(work, written)
                if mistakes:  # a bug in the build itself: never publish it
                    raise ReleaseMismatch("the release came out wrong: " + "; ".join(mistakes))
            with step("publish"):
                atomic.publish(work, out, lambda: published.append(True))
        except BaseException as exc:
            shutil.rmtree(work, ignore_errors=True)
            if isinstance(exc, KeyboardInterrupt):
                raise BuildInterrupted(bool(published), 130) from None
            if isinstance(exc, SystemExit):
                raise BuildInterrupted(bool(published), int(exc.code or 1)) from None
            raise
    return out


def _write_release(
    package: DataPackage,
    context: Context,
    work: Path,
    step: Callable,
    partition_by: str | None = None,
    all_texts: bool = False,
) -> dict[str, pa.Table]:
    """Write every file of the release into `work`; return the tables as written."""
    source = package.descriptor
    version = source["version"]
    raw: dict[str, pd.DataFrame] = {}
    arrow: dict[str, pa.Table] = {}
    about: dict[str, sqlite.About] = {}

    def add(name: str, text: pd.DataFrame, typed: pd.DataFrame, table: sqlite.About) -> None:
        about[name], raw[name] = table, text
        arrow[name] = _write_table(work, name, text, typed, table)

    for name in [r.name for r in package.resources if r.name in canonical_tables()]:
        resource = context.tables[name].resource
        with step(f"table {name}"):
            text, typed = _sorted(
                context.tables[name].raw, context.tables[name].typed, resource.schema
            )
            title = resource.descriptor.get("title", name)
            add(
                name,
                text,
                typed,
                sqlite.About(title, resource.descriptor.get("description", ""), resource.schema),
            )
    with step(f"view {flat.NAME}"):
        schema = flat.flat_schema({n: t.resource.schema for n, t in context.tables.items()})
        add(
            flat.NAME,
            *flat.flat_tables(raw, schema),
            sqlite.About("Events (flat)", flat.DESCRIPTION, schema),
        )
    with step("article texts"):
        sources = context.tables["sources"].resource.schema
        schema = articles.articles_schema(sources)
        text = articles.articles_rows(
            raw["sources"],
            stored_articles(context, context.tables["sources"]),
            all_texts,
            articles.redistributable(sources.field(articles.LICENCE)),
        )
        add(
            articles.NAME,
            text,
            parse_table(text, schema),
            sqlite.About(articles.TITLE, articles.description(all_texts), schema),
        )
        carried = text["text"].notna().tolist()
        codes = text[articles.LICENCE].tolist()
        used = [code for code, kept in zip(codes, carried, strict=True) if kept]
        licences = articles.licences(
            sources.field(articles.LICENCE), used, source.get("licenses", [])
        )
        extras = {articles.NAME: {"licenses": licences}}
    if partition_by is not None:
        with step(f"partitions by {partition_by}"):
            keys = partition.event_keys(arrow, partition_by)
            for name in partition.PARTITIONED_TABLES:
                files = partition.write_partitions(work, name, arrow[name], keys, partition_by)
                extras[name] = {"x-partitions": partition.described(name, partition_by, len(files))}
    created, build = _provenance(package, all_texts)
    stem = archive.release_stem(version, all_texts)
    text = readme(
        release_descriptor(source, [], created, build),
        codes,
        carried,
        _downloads(stem, partition_by is not None),
    )
    with step("csv"):
        csv_zip = forms.write_csv_form(
            work,
            stem,
            raw,
            about,
            release_descriptor(source, [], created, dict(build)),
            {articles.NAME: extras[articles.NAME]},
            text,
            created,
        )
    with step("sqlite database"):
        sqlite_zip = forms.write_sqlite_form(work, stem, about, arrow, created)
    with step("descriptor, checksums and zip"):
        resources = []
        for name, table in about.items():
            write_schema(work, name, table.schema)
            path = f"data/{name}.parquet"
            resource = table_resource(work, name, table.title, table.description, path, PARQUET)
            resources.append(resource | extras.get(name, {}))
        build["artifacts"] = [
            forms.artifact(csv_zip, "csv", "The tables as CSV"),
            forms.artifact(sqlite_zip, "sqlite", "The tables as one SQLite database"),
        ]
        write_descriptor(work, release_descriptor(source, resources, created, build))
        (work / "README.md").write_text(text, encoding="utf-8")
        archive.write_records(work, {r["path"]: r["hash"] for r in resources})
        main = archive.write_zip(
            work, archive.package_files(work), work / archive.main_zip(stem), created
        )
        archive.write_sums(
            work / archive.downloads_record(stem),
            {path.name: archive.sha256(path) for path in (main, csv_zip, sqlite_zip)},
        )
    return arrow


def _provenance(package: DataPackage, all_texts: bool) -> tuple[datetime, dict]:
    """The build time (never the clock) and what the descriptor says of the build."""
    created = provenance.build_time(
        package.basepath, package.descriptor.get("created", "1980-01-01T00:00:00Z")
    )
    commit = provenance.git_commit(package.basepath)
    uncommitted = commit is not None and provenance.uncommitted_changes(
        package.basepath, package.data_paths()
    )
    return created, build_facts(commit, uncommitted, package_version(), all_texts)


def _downloads(stem: str, partitioned: bool) -> dict[str, str]:
    """Each download of the release and what it holds, as its README lists them."""
    return {
        archive.main_zip(stem): "the main download: this descriptor, every table as Parquet "
        "under data/, the schemas, this README, SHA256SUMS and MANIFEST.csv"
        + (", and the event tables partitioned under parquet/" if partitioned else ""),
        archive.csv_zip(stem): "the same tables as CSV, with a descriptor of their own",
        archive.sqlite_zip(stem): "every table in one SQLite database",
        archive.downloads_record(stem): "the SHA-256 of each zip",
    }
