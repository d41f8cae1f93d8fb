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
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from conflict_events import atomic, package_version
from conflict_events.build import (
    articles,
    flat,
    forms,
    partition,
    provenance,
    sqlite,
)
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
from conflict_events.build.written import Written, copy_csv, write_csv, write_parquet
from conflict_events.engine import DEFAULT, Engine, running
from conflict_events.metadata import DataPackage, TableSchema, canonical_tables, load_package
from conflict_events.metadata.arrow import release_batches, release_schema
from conflict_events.metadata.reading import Context, read_package, typed_table
from conflict_events.releases import archive
from conflict_events.releases.verify import written_problems
from conflict_events.tables import ROW
from conflict_events.text import shown
from conflict_events.validation import check, errors
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


def check_writable(out: Path) -> None:
    """Refuse, before any work, a release folder this process cannot replace."""
    blocked = atomic.unwritable(out)
    if blocked is not None:
        what = "the folder" if blocked == out else shown(blocked)
        raise BuildSetupError(
            f"cannot build into {shown(out)}: {what} is not writable; make it writable "
            "(chmod u+w) or name another folder with --out"
        )


def _descriptor(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


__all__ = ["BuildError", "BuildInterrupted", "BuildSetupError", "build_release", "zip_name"]


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
    engine_name: str = DEFAULT,
    engine_options: dict[str, Any] | None = None,
) -> Path:
    """Validate the package and publish its release at `out`; raise BuildError if invalid.

    `partition_by` ("year" or "country") adds hive-partitioned Parquet of the event tables
    under parquet/ (see conflict_events.build.partition); without it nothing changes.
    `step_seconds`, when given, receives the time of each step (benchmarks/ reads it).
    `all_texts` carries every article text, whatever its licence, for an internal release
    that must not be published; by default a text is carried only where its licence allows.
    `engine_name` and `engine_options` choose the engine that reads, checks and writes the
    tables (see conflict_events.engine.connect).
    """
    out = Path(out).resolve()
    if partition_by is not None:
        try:
            partition.check_key(partition_by)
        except ValueError as exc:
            raise BuildSetupError(str(exc)) from None
    with (
        _terminate_cleanly(),
        _steps(show_progress, step_seconds) as step,
        running(engine_name, **_options(engine_name, engine_options)) as engine,
    ):
        with step("validate"):
            package = load_package(descriptor)
            context = read_package(package, engine)
            problems = errors(check(context))  # warnings do not stop a build
            if problems:
                raise BuildError(problems)
        check_output(out, package)
        check_writable(out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            atomic.clean_leftovers(out)
            work = atomic.temp_folder(out)
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
        except OSError as exc:
            raise BuildSetupError(
                f"cannot build into {shown(out)}: {exc.strerror or exc}; name another folder "
                "with --out"
            ) from None
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


def _in_key_order(table: ir.Table, key: list[str]) -> ir.Table:
    return table.order_by([*key, ROW] if ROW in table.columns else key)


def _written_in_key_order(raw: ir.Table, typed: ir.Table, key: list[str]) -> ir.Table:
    """The cells as written, in the order of the typed key (an integer key sorts as a
    number, not as text)."""
    keys = typed.select(typed[ROW], **{f"_key{i}": typed[k] for i, k in enumerate(key)})
    joined = raw.join(keys, ROW)
    return joined.order_by([*(f"_key{i}" for i in range(len(key))), ROW])


def _copyable(file: Path, typed: ir.Table, schema: TableSchema, plain: bool) -> bool:
    """Whether the curated CSV file is byte for byte what the CSV form would write: plainly
    well formed, in key order, LF line ends, no quoted cell (so no cell that needs quotes)
    and no missing-value marker but the empty cell."""
    if not plain or schema.missing_values != [""]:
        return False
    with file.open("rb") as f:
        header = f.readline()
        if header != (",".join(schema.field_names) + "\n").encode("utf-8"):
            return False
        last = b"\n"
        while chunk := f.read(16 << 20):
            if b'"' in chunk or b"\r" in chunk:
                return False
            last = chunk[-1:]
        if last != b"\n":
            return False
    place = ibis.row_number().over(order_by=[*(typed[k] for k in schema.primary_key), typed[ROW]])
    marked = typed.select(typed[ROW], place=place)
    moved = marked.filter(marked.place + 2 != marked[ROW]).count()
    return moved.to_pyarrow().as_py() == 0


def _write_release(
    package: DataPackage,
    context: Context,
    work: Path,
    step: Callable,
    partition_by: str | None = None,
    all_texts: bool = False,
) -> dict[str, Written]:
    """Write every file of the release into `work`; return the tables as written."""
    engine = context.engine
    source = package.descriptor
    version = source["version"]
    written: dict[str, Written] = {}
    about: dict[str, sqlite.About] = {}
    csv_writers: dict[str, Callable[[Path], None]] = {}
    ordered: dict[str, ir.Table] = {}
    # Where a table's data come from, as its resource names them, goes into every form.
    documented = {
        r.name: {"sources": r.descriptor["sources"]}
        for r in package.resources
        if "sources" in r.descriptor
    }

    def add(
        name: str, typed: ir.Table, text: ir.Table, table: sqlite.About, copy: Path | None = None
    ) -> None:
        about[name] = table
        target = release_schema(table.schema, table.description)
        ordered[name] = typed
        written[name] = write_parquet(
            work / "data" / f"{name}.parquet",
            target,
            release_batches(engine.batches(typed), table.schema, target),
        )
        header = table.schema.field_names
        csv_writers[name] = (
            (lambda path, copy=copy: copy_csv(copy, path))
            if copy is not None
            else (lambda path, text=text, header=header: _csv(engine, path, header, text))
        )

    for name in [r.name for r in package.resources if r.name in canonical_tables()]:
        table = context.tables[name]
        resource = table.resource
        key = resource.schema.primary_key
        with step(f"table {name}"):
            file = resource.file(package.basepath)
            copy = (
                file
                if _copyable(file, table.typed, resource.schema, name in context.plain)
                else None
            )
            add(
                name,
                _in_key_order(table.typed, key),
                _written_in_key_order(table.raw, table.typed, key),
                sqlite.About(
                    resource.descriptor.get("title", name),
                    resource.descriptor.get("description", ""),
                    resource.schema,
                ),
                copy,
            )
    raw = {n: t.raw for n, t in context.tables.items()}
    with step(f"view {flat.NAME}"):
        schema = flat.flat_schema({n: t.resource.schema for n, t in context.tables.items()})
        roles = [
            c["value"]
            for c in context.tables["event_actors"].resource.schema.field("role").categories
        ]
        text = engine.keep(flat.NAME, flat.flat_text(raw, schema, roles))
        add(
            flat.NAME,
            _in_key_order(typed_table(text, schema), schema.primary_key),
            _in_key_order(text, schema.primary_key),
            sqlite.About("Events (flat)", flat.DESCRIPTION, schema),
        )
    with step("article texts"):
        sources = context.tables["sources"].resource.schema
        schema = articles.articles_schema(sources)
        licence = sources.field(articles.LICENCE)
        stored = stored_articles(context, context.tables["sources"])
        text = engine.keep(
            articles.NAME,
            articles.articles_text(
                raw["sources"], stored.texts, all_texts, articles.redistributable(licence)
            ),
        )
        add(
            articles.NAME,
            _in_key_order(typed_table(text, schema), schema.primary_key),
            _in_key_order(text, schema.primary_key),
            sqlite.About(articles.TITLE, articles.description(all_texts), schema),
        )
        carried_rows = text.filter(text.text.notnull())
        licences_used = carried_rows.select(articles.LICENCE).distinct().to_pyarrow()
        used = licences_used[articles.LICENCE].to_pylist()
        licences = articles.licences(licence, used, source.get("licenses", []))
        extras = {articles.NAME: {"licenses": licences}} | documented
        facts = text.select(articles.LICENCE, carried=text.text.notnull()).to_pyarrow()
        codes = facts[articles.LICENCE].to_pylist()
        carried = facts["carried"].to_pylist()
    if partition_by is not None:
        with step(f"partitions by {partition_by}"):
            typed = {n: t.typed for n, t in context.tables.items()}
            keys = partition.event_keys(typed, partition_by)
            for name in partition.PARTITIONED_TABLES:
                rows = partition.keyed(ordered[name], keys, partition_by)
                order = about[name].schema.primary_key
                target = written[name].schema
                batches = partition.with_key(
                    engine.batches(rows.order_by(order)),
                    about[name].schema,
                    target,
                    name,
                    partition_by,
                )
                files = partition.write_partitions(
                    work,
                    name,
                    batches,
                    target.append(
                        pa.field(
                            partition_by, rows.schema()[partition_by].to_pyarrow(), nullable=False
                        )
                    ),
                    partition_by,
                )
                extras[name] = extras.get(name, {}) | {
                    "x-partitions": partition.described(name, partition_by, len(files))
                }
    created, build = _provenance(package, all_texts)
    stem = archive.release_stem(version, all_texts)
    readme_text = readme(
        release_descriptor(source, [], created, build),
        codes,
        carried,
        _downloads(stem, partition_by is not None),
    )
    with step("csv"):
        csv_zip = forms.write_csv_form(
            work,
            stem,
            csv_writers,
            about,
            release_descriptor(source, [], created, dict(build)),
            {articles.NAME: extras[articles.NAME]} | documented,
            readme_text,
            created,
        )
    with step("sqlite database"):
        sqlite_zip = forms.write_sqlite_form(work, stem, about, written, created)
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
        (work / "README.md").write_text(readme_text, encoding="utf-8")
        archive.write_records(work, {r["path"]: r["hash"] for r in resources})
        main = archive.write_zip(
            work, archive.package_files(work), work / archive.main_zip(stem), created
        )
        archive.write_sums(
            work / archive.downloads_record(stem),
            {path.name: archive.sha256(path) for path in (main, csv_zip, sqlite_zip)},
        )
    return written


def _csv(engine: Engine, path: Path, header: list[str], text: ir.Table) -> None:
    write_csv(path, header, engine.batches(text))


def _options(engine_name: str, given: dict[str, Any] | None) -> dict[str, Any]:
    """The engine's options for a build: DuckDB gets the larger working memory a build needs."""
    options = dict(given or {})
    if engine_name == "duckdb":
        from conflict_events.engine.duckdb import BUILD_MEMORY_LIMIT

        options.setdefault("memory_limit", BUILD_MEMORY_LIMIT)
    return options


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
