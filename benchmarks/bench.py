"""Benchmark conflict_events against plain baselines, side by side, in one run.

    python benchmarks/bench.py --events 1000000 --repeats 3 --out benchmarks/RESULTS.md

    python benchmarks/bench.py --scale-package /tmp/ce-10m --scale-only

Comparisons (each side run --repeats times, each run in a fresh Python subprocess):

* validate: conflict_events.validation.validate (all layers, on DuckDB) vs
  frictionless.validate of the same descriptor vs pyarrow.csv.read_csv of every table's
  CSV; then validate on Spark (local[2], its startup included) once, its report
  compared with DuckDB's;
* build: conflict_events.build.build_release vs pyarrow read CSV + write Parquet (zstd) of
  every table;
* load: conflict_events.loader.load("events", source=<release>) vs pandas.read_parquet of
  the release's events Parquet file; filtered loads (one year, one country) vs the full one;
* release: the size of every download of a default build (main, CSV and SQLite zips, the
  package uncompressed) and of the main zip of an --all-texts build vs the same tables
  written by pyarrow as zstd Parquet (the build baseline's output) and the source
  package's datasets/ folder; the descriptor and partition files of a --partition-by year
  build, and frictionless.validate of that release vs of the source package.

Scale (--scale-package, an already synthesized package, e.g. of 10,000,000 events):
validate and build once each, and pyarrow's parse and read+write once each, for their time
and peak memory; written to --scale-out and the JSON beside it (and, when the normal run
is measured too, added to --out as a section); with --scale-only nothing else is measured.

The time of an operation is measured inside its subprocess, around the call alone (the
interpreter's start and the imports are excluded; the imports are timed separately). Peak
memory is the subprocess's own ru_maxrss, so it includes the interpreter and the imports.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parent.parent
GIB = 1024**3
MIB = 1024**2
TARGET_EVENTS = 1_000_000
RELEASE_TARGET_EVENTS = 20_000  # the issue states the descriptor and its validation here
# frictionless.validate of: a package; a --partition-by year release (Parquet); the same
# release's CSV form; the package that release was built from (all at --release-events).
FRICTIONLESS_OPS = (
    "fl_validate",
    "fl_validate_release",
    "fl_validate_release_csv",
    "fl_validate_small",
)

# --------------------------------------------------------------------------------------
# Worker side: one operation in this (fresh) process, result as JSON in a file.
# --------------------------------------------------------------------------------------


def _csv_paths(descriptor: Path) -> dict[str, Path]:
    """Every tabular resource's CSV file, by name."""
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    base = descriptor.parent
    return {
        r["name"]: base / r["path"]
        for r in data["resources"]
        if r.get("format", "csv") == "csv" and isinstance(r.get("path"), str)
    }


def _rchar() -> int | None:
    """Bytes this process has read through system calls so far (page cache included)."""
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("rchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _import(op: str) -> None:
    if op in ("ce_validate", "ce_validate_steps"):
        import conflict_events.validation
    elif op == "ce_validate_spark":
        import pyspark  # noqa: F401

        import conflict_events.validation
    elif op in FRICTIONLESS_OPS:
        import frictionless  # noqa: F401
    elif op in ("pa_parse", "pa_build"):
        import pyarrow.csv
        import pyarrow.parquet
    elif op in BUILD_OPTIONS:
        import conflict_events.build
    elif op.startswith("ce_load"):
        import conflict_events.loader  # noqa: F401
    elif op == "pd_read":
        import pandas  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    else:
        raise SystemExit(f"unknown operation {op}")


# The builds measured and the build_release options of each.
BUILD_OPTIONS: dict[str, dict] = {
    "ce_build": {},
    "ce_build_year": {"partition_by": "year"},
    "ce_build_all_texts": {"all_texts": True},
}


def _frame_bytes(frame) -> int:
    return int(frame.memory_usage(deep=True, index=True).sum())


# validate on Spark: the master the issue states its target for
SPARK_MASTER = "local[2]"


def _report_of(problems: list) -> dict:
    """The number of problems and a SHA-256 of the report's lines, to compare engines."""
    lines = "\n".join(problem.as_line() for problem in problems)
    return {
        "problems": len(problems),
        "report_sha256": hashlib.sha256(lines.encode("utf-8")).hexdigest(),
    }


def _run(op: str, args: dict) -> dict:
    """The operation itself; returns what it processed."""
    if op == "ce_validate":
        from conflict_events.validation import validate

        return _report_of(validate(args["descriptor"]))
    if op == "ce_validate_spark":
        from conflict_events.validation import validate

        # the JVM starts inside the call: Spark's startup is part of the time
        return {
            **_report_of(validate(args["descriptor"], engine="spark", master=SPARK_MASTER)),
            "master": SPARK_MASTER,
        }
    if op == "ce_validate_steps":
        return {"steps": _validate_steps(args["descriptor"])}
    if op in FRICTIONLESS_OPS:
        import frictionless

        report = frictionless.validate(args["descriptor"])
        rows = sum((task.stats or {}).get("rows") or 0 for task in report.tasks)
        return {
            "valid": report.valid,
            "rows": rows,
            "errors": len(report.flatten(["type"])),
            "resources": len(report.tasks),
            # frictionless's own time per resource: the profile of a target missed
            "task_seconds": {
                task.name: (task.stats or {}).get("seconds") or 0.0 for task in report.tasks
            },
        }
    if op == "pa_parse":
        import pyarrow.csv as pv

        rows = {}
        for name, path in _csv_paths(Path(args["descriptor"])).items():
            rows[name] = pv.read_csv(path).num_rows
        return {"rows": sum(rows.values()), "table_rows": rows}
    if op in BUILD_OPTIONS:
        from conflict_events.build import build_release

        steps: dict[str, float] = {}
        build_release(
            args["descriptor"],
            args["out"],
            show_progress=False,
            step_seconds=steps,
            **BUILD_OPTIONS[op],
        )
        return {"steps": steps}
    if op == "pa_build":
        import pyarrow.csv as pv
        import pyarrow.parquet as pq

        out = Path(args["out"])
        out.mkdir(parents=True, exist_ok=True)
        rows = 0
        for name, path in _csv_paths(Path(args["descriptor"])).items():
            table = pv.read_csv(path)
            pq.write_table(table, out / f"{name}.parquet", compression="zstd")
            rows += table.num_rows
        return {"rows": rows, "bytes": _size(out)}  # the release comparison's baseline
    if op.startswith("ce_load"):
        from conflict_events.loader import load
        from conflict_events.loader.sources import CACHE_ENV

        os.environ[CACHE_ENV] = args["cache"]
        filters = args.get("filters") or {}
        before = _rchar()
        frame = load("events", source=args["release"], **filters)
        read = _rchar()
        result = {
            "rows": len(frame),
            "result_bytes": _frame_bytes(frame),
            "bytes_read": None if before is None else read - before,
        }
        return result
    if op == "pd_read":
        import pandas as pd

        before = _rchar()
        frame = pd.read_parquet(args["parquet"])
        return {
            "rows": len(frame),
            "result_bytes": _frame_bytes(frame),
            "bytes_read": None if before is None else _rchar() - before,
        }
    raise SystemExit(f"unknown operation {op}")


def _validate_steps(descriptor: str) -> dict[str, float]:
    """Seconds per step of one validation on the default engine (DuckDB), as validate
    runs it: the engine's start, reading every table into it, then each rule."""
    from conflict_events.engine import running
    from conflict_events.metadata import load_package
    from conflict_events.metadata.reading import read_package
    from conflict_events.validation import LAYERS

    start = time.perf_counter()
    package = load_package(descriptor)
    with running() as engine:
        steps = {"load the descriptor, start the engine": time.perf_counter() - start}
        start = time.perf_counter()
        context = read_package(package, engine)
        steps["read every table into the engine"] = time.perf_counter() - start
        for layer, rules in LAYERS.items():
            for rule in rules:
                start = time.perf_counter()
                list(rule(context))
                name = f"{layer}: {rule.__module__.rsplit('.', 1)[-1]}.{rule.__name__}"
                steps[name] = time.perf_counter() - start
        start = time.perf_counter()
    steps["close the engine"] = time.perf_counter() - start
    return steps


def _setup(op: str, args: dict) -> float | None:
    """Untimed preparation: the loads other than ce_load_first load once first, so the
    timed load finds the release verified in its cache, as every load after a release's
    first does (in this process or any other)."""
    if not op.startswith("ce_load") or op == "ce_load_first":
        return None
    from conflict_events.loader import load
    from conflict_events.loader.sources import CACHE_ENV

    os.environ[CACHE_ENV] = args["cache"]
    start = time.perf_counter()
    load("events", source=args["release"])
    return time.perf_counter() - start


def _teardown(op: str) -> None:
    """Untimed: stop Spark's JVM (which outlives its session) and wait for it, so that
    RUSAGE_CHILDREN gives its peak memory."""
    if op != "ce_validate_spark":
        return
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    process = getattr(gateway, "proc", None)
    if gateway is None or process is None:
        return
    try:
        gateway.shutdown()
    finally:
        if process.stdin:
            process.stdin.close()  # the gateway server exits when its stdin closes
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker(op: str, args_json: str, result_file: str) -> None:
    import resource

    unit = 1 if sys.platform == "darwin" else 1024  # Linux reports ru_maxrss in KiB
    args = json.loads(args_json)
    start = time.perf_counter()
    _import(op)
    imported = time.perf_counter()
    setup = _setup(op, args)
    begun = time.perf_counter()
    info = _run(op, args)
    done = time.perf_counter()
    _teardown(op)
    info.update(
        setup_seconds=setup,
        seconds=done - begun,
        import_seconds=imported - start,
        import_excludes_setup=True,
        peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit,
        # the largest child waited for: Spark's JVM, once _teardown has stopped it
        children_peak_rss=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit,
    )
    Path(result_file).write_text(json.dumps(info), encoding="utf-8")


# --------------------------------------------------------------------------------------
# Driver side
# --------------------------------------------------------------------------------------


@dataclass
class Side:
    """One operation measured --repeats times."""

    key: str
    label: str
    runs: list[dict] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r["seconds"] for r in self.runs)

    @property
    def all_seconds(self) -> list[float]:
        return [r["seconds"] for r in self.runs]

    @property
    def import_seconds(self) -> float:
        # results.json files written before the fix counted the setup in the imports
        return statistics.median(
            r["import_seconds"]
            - (0 if r.get("import_excludes_setup") else r.get("setup_seconds") or 0)
            for r in self.runs
        )

    @property
    def peak_rss(self) -> int:
        return max(r["peak_rss"] for r in self.runs)

    def last(self, name: str):
        return self.runs[-1].get(name)


def new_sides() -> dict[str, Side]:
    return {
        "ce_validate": Side("ce_validate", "conflict_events validate (all layers)"),
        "fl_validate": Side("fl_validate", "frictionless.validate(descriptor)"),
        "pa_parse": Side("pa_parse", "pyarrow.csv.read_csv, every table"),
        "ce_validate_steps": Side("ce_validate_steps", "validate, timed step by step (one run)"),
        "ce_validate_spark": Side(
            "ce_validate_spark", f"validate on Spark {SPARK_MASTER} (one run, startup included)"
        ),
        "ce_build": Side("ce_build", "conflict_events build_release"),
        "pa_build": Side("pa_build", "pyarrow read CSV + write Parquet (zstd)"),
        "ce_load_first": Side(
            "ce_load_first", "load('events'), a release's first (verified whole)"
        ),
        "ce_load": Side("ce_load", "conflict_events load('events'), the release verified"),
        "pd_read": Side("pd_read", "pandas.read_parquet(events.parquet)"),
        "ce_load_year": Side("ce_load_year", "load('events', start=, end=) one year"),
        "ce_load_country": Side("ce_load_country", "load('events', country=) one country"),
        "ce_build_year": Side("ce_build_year", "build_release(..., partition_by='year')"),
        "ce_build_all_texts": Side("ce_build_all_texts", "build_release(..., all_texts=True)"),
        "fl_validate_release": Side(
            "fl_validate_release", "frictionless.validate(partitioned release)"
        ),
        "fl_validate_release_csv": Side(
            "fl_validate_release_csv", "frictionless.validate(its CSV form, unzipped)"
        ),
        "fl_validate_small": Side(
            "fl_validate_small", "frictionless.validate(the package it was built from)"
        ),
    }


def run_worker(op: str, args: dict, timeout: float | None, log) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_file = handle.name
    command = [sys.executable, str(HERE), "--worker", op, json.dumps(args), result_file]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO)
        if done.returncode != 0:
            raise RuntimeError(f"{op} failed ({done.returncode}):\n{done.stderr[-4000:]}")
        result = json.loads(Path(result_file).read_text(encoding="utf-8"))
    finally:
        Path(result_file).unlink(missing_ok=True)
    log(f"  {op:<19} {result['seconds']:9.2f} s   peak {result['peak_rss'] / MIB:8.0f} MiB")
    return result


def measure(
    sides: list[Side], args_of, repeats: int, timeout, log, after=None, progress=None
) -> None:
    """Run the sides round-robin (a, b, c, a, b, c, ...) so drift hits all of them alike."""
    for repeat in range(repeats):
        log(f"repeat {repeat + 1}/{repeats}")
        for side in sides:
            side.runs.append(run_worker(side.key, args_of(side.key, repeat), timeout, log))
            if progress is not None:
                with progress.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps({side.key: side.runs[-1]}) + "\n")
            if after:
                after(side.key, repeat)


def machine_info() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def mem_total() -> int | None:
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return None

    def cpu_model() -> str:
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or "unknown"

    from conflict_events import package_version

    # The data package's version, not the install's metadata, which an editable install
    # keeps from the day it was installed.
    versions = {"conflict-events": package_version()}
    for name in ("pyarrow", "pandas", "frictionless", "pandera", "numpy"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count()
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "cpu_model": cpu_model(),
        "ram": mem_total(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        **_code_state(),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.rstrip("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _code_state() -> dict:
    """The commit and the uncommitted changes of the package code the workers import."""
    return {
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": _git("status", "--porcelain", "--", "conflict_events").splitlines(),
    }


def synthesize(events: int, folder: Path, log) -> tuple[Path, float]:
    log(f"conflict-events synth --events {events} --out {folder} --seed 1")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "synth",
            "--events",
            str(events),
            "--out",
            str(folder),
            "--seed",
            "1",
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    return folder / "datapackage.json", time.perf_counter() - start


def _row_groups(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).num_row_groups


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def release_sizes(folder: Path) -> dict:
    """The bytes of each download of a release folder (the names build_release gives
    them), of the package its main zip holds, of its descriptor and of its partition files,
    and how many article texts it carries."""
    import pyarrow.parquet as pq

    from conflict_events.releases import archive

    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    version, stem = descriptor["version"], archive.stem_of(descriptor)
    downloads = {
        "main_zip": archive.main_zip(stem),
        "csv_zip": archive.csv_zip(stem),
        "sqlite_zip": archive.sqlite_zip(stem),
    }
    package = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not (p.parent == folder and p.suffix in (".zip", ".sha256"))
    ]
    partitions = sorted((folder / "parquet").rglob("*.parquet"))
    by_table: dict[str, int] = {}
    for path in partitions:
        table = path.relative_to(folder / "parquet").parts[0]
        by_table[table] = by_table.get(table, 0) + 1
    texts = pq.read_table(folder / "data" / "articles.parquet", columns=["text"]).column("text")
    return {
        "version": version,
        "names": downloads,
        **{key: _size(folder / name) for key, name in downloads.items()},
        "package": sum(p.stat().st_size for p in package),
        "package_files": len(package),
        "descriptor": _size(folder / "datapackage.json"),
        "partition_files": len(partitions),
        "partition_bytes": sum(p.stat().st_size for p in partitions),
        "partition_files_by_table": by_table,
        "articles": len(texts),
        "texts_carried": len(texts) - texts.null_count,
    }


def source_sizes(descriptor: Path) -> dict:
    """The source package's datasets/ folder (CSV and article files) and its CSVs alone."""
    folder = descriptor.parent / "datasets"
    if not folder.is_dir():  # a package laid out otherwise: the whole folder
        folder = descriptor.parent
    return {
        "folder": folder.name,
        "bytes": _size(folder),
        "csv_bytes": sum(_size(p) for p in _csv_paths(descriptor).values()),
    }


def choose_filters(events_parquet: Path) -> dict[str, dict]:
    """One year (the median event's) and one country (the one with most locations)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    dates = pq.read_table(events_parquet, columns=["event_date"]).column("event_date")
    years = pc.year(dates).combine_chunks().to_numpy(zero_copy_only=False)
    year = int(sorted(years)[len(years) // 2])
    locations = pq.read_table(
        events_parquet.with_name("locations.parquet"), columns=["country_iso3"]
    )
    counts = pc.value_counts(locations.column("country_iso3").combine_chunks().cast("string"))
    country = max(counts.to_pylist(), key=lambda c: c["counts"])["values"]
    return {
        "year": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "country": {"country": country},
    }


# --------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def fmt_rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f}" if seconds > 0 else "-"


def fmt_mib(n: int | None) -> str:
    return "-" if n is None else f"{n / MIB:,.0f} MiB"


def fmt_bytes(n: int | None) -> str:
    if n is None:
        return "-"
    return f"{n / MIB:,.1f} MiB" if n >= MIB else f"{n / 1024:,.1f} KiB"


def fmt_mb(n: int) -> str:
    """Decimal units, as the issue states its size targets (1 MB = 1,000,000 bytes)."""
    return f"{n / 1e6:,.2f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} KB"


@dataclass
class Target:
    text: str
    measured: str
    met: bool
    at: int = TARGET_EVENTS  # the number of events the issue states the target for
    measured_at: int = 0  # the events it was measured at; 0: the run's --events


def evaluate(s: dict[str, Side], ctx: dict) -> list[Target]:
    v, fl, pa = s["ce_validate"], s["fl_validate"], s["pa_parse"]
    b, pb = s["ce_build"], s["pa_build"]
    ld, pd_ = s["ce_load"], s["pd_read"]
    speedup = fl.seconds / v.seconds
    return [
        Target(
            "validate >= 25x faster than frictionless validate",
            f"{speedup:.2f}x faster" if speedup >= 1 else f"{1 / speedup:.2f}x slower",
            speedup >= 25,
        ),
        Target(
            "validate <= 6x the pyarrow CSV parse of every table",
            f"{v.seconds / pa.seconds:.1f}x the parse",
            v.seconds / pa.seconds <= 6,
        ),
        Target(
            "validate peak RSS <= 1.5 GiB",
            fmt_mib(v.peak_rss),
            v.peak_rss <= 1.5 * GIB,
        ),
        Target(
            "build (validation included) <= 4x pyarrow read CSV + write Parquet",
            f"{b.seconds / pb.seconds:.1f}x",
            b.seconds / pb.seconds <= 4,
        ),
        Target(
            "build peak RSS <= 2 GiB",
            fmt_mib(b.peak_rss),
            b.peak_rss <= 2 * GIB,
        ),
        Target(
            "load within 1.3x of pandas.read_parquet",
            f"{ld.seconds / pd_.seconds:.2f}x",
            ld.seconds / pd_.seconds <= 1.3,
        ),
        *_spark_targets(s, ctx),
        *_release_targets(s, ctx),
    ]


def _spark_same(s: dict[str, Side]) -> bool | None:
    """Whether Spark's report is DuckDB's, line for line; None when either is unknown."""
    spark, duckdb = s["ce_validate_spark"], s["ce_validate"]
    if not spark.runs or not duckdb.runs:
        return None
    theirs, ours = spark.last("report_sha256"), duckdb.last("report_sha256")
    return None if theirs is None or ours is None else theirs == ours


def _spark_targets(s: dict[str, Side], ctx: dict) -> list[Target]:
    """Spark's target; none for results measured before Spark was."""
    spark, duckdb = s["ce_validate_spark"], s["ce_validate"]
    text = f"Spark {SPARK_MASTER} on the same package gives the identical report"
    if ctx.get("spark_error"):
        return [Target(text, f"failed: {ctx['spark_error'].splitlines()[0][:80]}", False)]
    if not spark.runs:
        return []
    same = _spark_same(s)
    verdict = {True: "identical", False: "DIFFERENT", None: "not compared"}[same]
    return [
        Target(
            text,
            f"{verdict}; {fmt_s(spark.seconds)} s, "
            f"{spark.seconds / duckdb.seconds:.1f}x DuckDB's median",
            same is True,
        )
    ]


def _release_targets(s: dict[str, Side], ctx: dict) -> list[Target]:
    """The release's targets; none for results measured before the release comparison."""
    release = ctx.get("release")
    flr, flc = s["fl_validate_release"], s["fl_validate_release_csv"]
    if not release or not flr.runs:
        return []
    at = ctx.get("release_events", 0)
    descriptor = release["year"]["descriptor"]
    main_zip = release["default"]["main_zip"]

    def waited(side: Side) -> float:
        return side.seconds + side.import_seconds  # the CLI waits for the call and the imports

    targets = [
        Target(
            "release descriptor (--partition-by year) < 200 KB (was 2.86 MB)",
            f"{fmt_mb(descriptor)} ({descriptor:,} bytes)",
            descriptor < 200_000,
            RELEASE_TARGET_EVENTS,
            at,
        ),
        Target(
            "frictionless validate of that release < 30 s (was 3 min 08 s)",
            f"{fmt_s(waited(flr))} s (call {fmt_s(flr.seconds)} + import {flr.import_seconds:.2f})",
            waited(flr) < 30,
            RELEASE_TARGET_EVENTS,
            at,
        ),
    ]
    if flc.runs:
        targets.append(
            Target(
                "the same, of that release's CSV form (its CSV zip, unzipped)",
                f"{fmt_s(waited(flc))} s",
                waited(flc) < 30,
                RELEASE_TARGET_EVENTS,
                at,
            )
        )
    targets.append(
        Target("main zip (default build) <= 150 MB", fmt_mb(main_zip), main_zip <= 150_000_000)
    )
    return targets


def side_rows(sides: list[Side], rows: int) -> list[list[str]]:
    out = []
    for side in sides:
        out.append(
            [
                side.label,
                fmt_s(side.seconds),
                ", ".join(fmt_s(x) for x in side.all_seconds),
                fmt_rate(rows, side.seconds),
                fmt_mib(side.peak_rss),
                f"{side.import_seconds:.2f}",
            ]
        )
    return out


SIDE_HEADER = ["operation", "median s", "runs (s)", "rows/s", "peak RSS", "import s"]


def _describe_code(state: dict) -> str:
    dirty = state["dirty"]
    if not dirty:
        return state["commit"]
    files = ", ".join(line[3:] for line in dirty)
    return (
        f"{state['commit']} with {len(dirty)} uncommitted change(s) under conflict_events/: {files}"
    )


def _code_state_of(machine: dict) -> dict:
    return {"commit": machine["commit"], "dirty": machine["dirty"]}


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _machine_section(ctx: dict) -> list[str]:
    m = ctx["machine"]
    return [
        "## Machine",
        "",
        md_table(
            ["", ""],
            [
                ["CPU", f"{m['cpu_model']} ({m['cpu_count']} logical, {m['cpus_usable']} usable)"],
                ["RAM", fmt_mib(m["ram"]) if m["ram"] else "unknown"],
                ["OS", m["platform"]],
                [
                    "load average (1, 5, 15 min)",
                    "at start "
                    + ", ".join(f"{x:.2f}" for x in ctx["loadavg"][0])
                    + "; at end "
                    + ", ".join(f"{x:.2f}" for x in ctx["loadavg"][1]),
                ],
                ["Python", m["python"]],
                *[[k, v] for k, v in m["versions"].items()],
                [
                    "code (at start)",
                    _describe_code(m),
                ],
                *(
                    [["code (at end)", _describe_code(ctx["code_at_end"])]]
                    if "code_at_end" in ctx
                    else []
                ),
            ],
        ),
        "",
        *(
            [
                "> **The package code changed while this benchmark ran** (commit or "
                "uncommitted changes differ between start and end): each run imported the "
                "code as it was when that run started.",
                "",
            ]
            if "code_at_end" in ctx and ctx["code_at_end"] != _code_state_of(m)
            else []
        ),
    ]


def targets_table(targets: list[Target], n: int) -> str:
    """The targets as the results list them; `n` the size a target without its own was measured at."""
    return md_table(
        ["target (issue)", "stated at", "measured at", "measured", "met?"],
        [
            [
                t.text,
                f"{t.at:,} events",
                f"{t.measured_at or n:,} events",
                t.measured,
                "met" if t.met else "**missed**",
            ]
            for t in targets
        ],
    )


def report(ctx: dict, s: dict[str, Side], targets: list[Target]) -> str:
    n = ctx["events"]
    total_rows = ctx["total_rows"]
    out = [
        "# conflict-events benchmark results",
        "",
        f"Measured {ctx['finished']} with **{n:,} events** and **--repeats {ctx['repeats']}** "
        f"(median of {ctx['repeats']} runs per side; each run a fresh subprocess).",
    ]
    elsewhere = [t for t in targets if t.at != (t.measured_at or n)]
    if elsewhere:
        out += [
            "",
            "> **Some targets are measured at another size than the issue states them "
            "for**: "
            + "; ".join(
                f"{t.text}: stated at {t.at:,}, measured at {t.measured_at or n:,}"
                for t in elsewhere
            )
            + ". Met or missed is judged at the measured size.",
        ]
    out += [
        "",
        "Reproduce:",
        "",
        "```sh",
        ctx["command"],
        "```",
        "",
        *_machine_section(ctx),
        "## Input",
        "",
        f"Synthetic package `{ctx['package']}` "
        + (
            f"(made by `conflict-events synth --events {n} --seed 1` in {ctx['synth_seconds']:.0f} s)"
            if ctx["synth_seconds"] is not None
            else "(reused with --package)"
        )
        + f": {fmt_bytes(ctx['package_bytes'])} on disk, {total_rows:,} rows in "
        f"{len(ctx['table_rows'])} tables ("
        + ", ".join(f"{k} {v:,}" for k, v in ctx["table_rows"].items())
        + "). Release built by the build benchmark: "
        f"{fmt_bytes(ctx['release_bytes'])}; its events.parquet "
        f"{fmt_bytes(ctx['events_parquet_bytes'])}"
        + (f" in {ctx['events_row_groups']} row group(s)." if "events_row_groups" in ctx else "."),
        "",
        "rows/s counts the rows of every table for validate and build, the events read for load.",
        "Peak RSS is the subprocess's ru_maxrss (interpreter and imports included), the highest of "
        "the runs. `import s` (excluded from the timings) is the median time to import the "
        "modules the operation needs.",
        "",
        "## Targets",
        "",
        targets_table(targets, n),
        "",
        *_before_section(ctx, s),
        "## Validate",
        "",
        md_table(
            SIDE_HEADER,
            side_rows([s[k] for k in VALIDATE_KEYS if s[k].runs], total_rows),
        ),
        "",
        f"- frictionless / conflict_events: **{s['fl_validate'].seconds / s['ce_validate'].seconds:.2f}**"
        f" (target >= 25)",
        f"- conflict_events / pyarrow parse: **{s['ce_validate'].seconds / s['pa_parse'].seconds:.1f}**"
        f" (target <= 6)",
        f"- conflict_events peak RSS: **{fmt_mib(s['ce_validate'].peak_rss)}** "
        "(target <= 1.5 GiB = 1,536 MiB)",
        f"- conflict_events found {s['ce_validate'].last('problems')} problem(s); frictionless: "
        f"valid={s['fl_validate'].last('valid')}, {s['fl_validate'].last('errors')} error(s), "
        f"{s['fl_validate'].last('rows'):,} rows.",
        *_spark_lines(ctx, s),
        "",
        *_steps_section(
            "Where validate spends its time (one run, timed step by step)",
            s["ce_validate_steps"].runs[-1].get("steps") if s["ce_validate_steps"].runs else None,
        ),
        "## Build",
        "",
        md_table(SIDE_HEADER, side_rows([s["ce_build"], s["pa_build"]], total_rows)),
        "",
        f"- build_release (validation included) / pyarrow read+write: "
        f"**{s['ce_build'].seconds / s['pa_build'].seconds:.1f}** (target <= 4)",
        f"- build_release peak RSS: **{fmt_mib(s['ce_build'].peak_rss)}** "
        "(target <= 2 GiB = 2,048 MiB)",
        *_writing_ratio(s["ce_build"], s["pa_build"]),
        "",
        *_steps_section(
            "Where build spends its time (the median run, step by step)",
            _median_run(s["ce_build"]).get("steps"),
        ),
        "## Load",
        "",
        md_table(
            [*SIDE_HEADER, "rows", "result size", "bytes read"],
            [
                [
                    *r,
                    f"{x.last('rows'):,}",
                    fmt_bytes(x.last("result_bytes")),
                    fmt_bytes(x.last("bytes_read")),
                ]
                for r, x in zip(
                    side_rows([s[k] for k in LOAD_KEYS], ctx["events_rows"]),
                    [s[k] for k in LOAD_KEYS],
                    strict=True,
                )
            ],
        ),
        "",
        f"- load / pandas.read_parquet: **{s['ce_load'].seconds / s['pd_read'].seconds:.2f}**"
        " (target <= 1.3)",
        f"- a release's first load (in an empty cache: every file of the release checked "
        f"against its SHA-256, once) / pandas.read_parquet: "
        f"**{s['ce_load_first'].seconds / s['pd_read'].seconds:.2f}**; every later load, in "
        "any process, checks the size and times of the files it reads (see "
        "`conflict_events/loader/verified.py`).",
        f"- filtered / full load: year {ctx['filters']['year']['start'][:4]}: "
        f"{s['ce_load_year'].seconds / s['ce_load'].seconds:.2f} of the time, "
        f"{s['ce_load_year'].last('rows') / max(1, s['ce_load'].last('rows')):.1%} of the rows; "
        f"country {ctx['filters']['country']['country']}: "
        f"{s['ce_load_country'].seconds / s['ce_load'].seconds:.2f} of the time, "
        f"{s['ce_load_country'].last('rows') / max(1, s['ce_load'].last('rows')):.1%} of the rows.",
        "- bytes read: the `rchar` growth of /proc/self/io during the call (page-cache reads "
        "included): Parquet pages, the cache's record of the verified release and, on a "
        "release's first load, every file the verification hashes.",
        "",
        *_release_section(ctx, s),
        *(scale_section(ctx["scale"]) if ctx.get("scale") else []),
        f"Total benchmark time: {ctx['total_seconds'] / 60:.1f} min.",
        "",
    ]
    if ctx.get("notes"):  # added to the results JSON by hand, then --render
        out += ["## Notes on this run", ""] + [f"- {note}" for note in ctx["notes"]] + [""]
    return "\n".join(out)


VALIDATE_KEYS = ["ce_validate", "fl_validate", "pa_parse", "ce_validate_spark"]


def _spark_lines(ctx: dict, s: dict[str, Side]) -> list[str]:
    """Spark's run against DuckDB's: the same report, and the time it took."""
    if ctx.get("spark_error"):
        return [f"- validate on Spark {SPARK_MASTER} **failed**: `{ctx['spark_error'][:300]}`"]
    spark, duckdb = s["ce_validate_spark"], s["ce_validate"]
    if not spark.runs:
        return []
    same = _spark_same(s)
    jvm = spark.last("children_peak_rss")
    return [
        f"- Spark ({spark.last('master') or SPARK_MASTER}), one run: "
        f"{spark.last('problems')} problem(s); its report is "
        + {
            True: "**identical** to DuckDB's (the same SHA-256 of the report lines, "
            f"`{spark.last('report_sha256')[:16]}…`)",
            False: f"**different** from DuckDB's (SHA-256 `{spark.last('report_sha256')[:16]}…` "
            f"against `{duckdb.last('report_sha256')[:16]}…`)",
            None: "not compared (a report hash is missing)",
        }[same]
        + f". Time **{fmt_s(spark.seconds)} s**, **{spark.seconds / duckdb.seconds:.1f}x** "
        f"DuckDB's median of {fmt_s(duckdb.seconds)} s. The time includes Spark's startup "
        "(the JVM and the session, about 2-10 s), which happens inside the call; the "
        "import of pyspark is excluded, as every side's import is. Its peak RSS is the "
        "Python process's"
        + (f"; the JVM's own peak was {fmt_mib(jvm)}." if jvm else "; the JVM's is not counted.")
        + (
            " Both reports are empty (the package is clean), so identical here means only "
            "that neither engine reports a problem the other does not; a package made with "
            "`synth --inject-errors` compares the reports line by line."
            if same and not spark.last("problems")
            else ""
        ),
    ]


# The previous figures, 0.2.0 on pandas: benchmarks/RESULTS.md at commit 7dd56d9, measured
# at 1,000,000 events on the same machine (2 cores, 24 GiB).
BEFORE_COMMIT = "7dd56d9"
BEFORE = {
    "ce_validate": (14.4, 1_800 * MIB),
    "ce_build": (145.5, 5_573 * MIB),
    "fl_validate": (153.1, None),
    "pa_parse": (1.447, None),
    "pa_build": (1.766, None),
    "ce_load": (0.162, None),
}


def _before_section(ctx: dict, s: dict[str, Side]) -> list[str]:
    """The previous release's figures (pandas) beside this run's (the engine)."""
    n = ctx["events"]
    rows = []

    def now(key: str) -> Side | None:
        return s[key] if key in s and s[key].runs else None

    def add(label: str, before: float, measured: float | None, fmt) -> None:
        rows.append(
            [
                label,
                fmt(before),
                "-" if measured is None else fmt(measured),
                "-" if measured is None or not before else f"{measured / before:.2f}",
            ]
        )

    labels = {
        "ce_validate": "validate",
        "ce_build": "build (validation included)",
        "fl_validate": "frictionless validate",
        "pa_parse": "pyarrow CSV parse, every table",
        "pa_build": "pyarrow read CSV + write Parquet",
        "ce_load": "load('events'), the release verified",
    }
    for key, (seconds, peak) in BEFORE.items():
        side = now(key)
        add(f"{labels[key]}, s", seconds, side and side.seconds, fmt_s)
        if peak is not None:
            add(f"{labels[key]}, peak RSS", peak, side and side.peak_rss, fmt_mib)
    v, fl, pa, b, pb = (
        now(k) for k in ("ce_validate", "fl_validate", "pa_parse", "ce_build", "pa_build")
    )
    before_v, before_fl, before_pa = (
        BEFORE["ce_validate"][0],
        BEFORE["fl_validate"][0],
        BEFORE["pa_parse"][0],
    )
    before_b, before_pb = BEFORE["ce_build"][0], BEFORE["pa_build"][0]
    ratios = [
        (
            "frictionless / validate (target >= 25)",
            before_fl / before_v,
            fl and v and fl.seconds / v.seconds,
        ),
        (
            "validate / pyarrow parse (target <= 6)",
            before_v / before_pa,
            v and pa and v.seconds / pa.seconds,
        ),
        (
            "build / pyarrow read+write (target <= 4)",
            before_b / before_pb,
            b and pb and b.seconds / pb.seconds,
        ),
    ]
    for label, before, measured in ratios:
        rows.append([label, f"{before:.1f}", "-" if measured is None else f"{measured:.1f}", "-"])
    return [
        "## Before (0.2.0, pandas) and now",
        "",
        f"'before' is the previous results (benchmarks/RESULTS.md at commit {BEFORE_COMMIT}, "
        f"conflict-events 0.2.0, validation and build on pandas), measured at "
        f"{TARGET_EVENTS:,} events on the same machine; 'now' is this run, on the engine "
        f"(DuckDB), at {n:,} events"
        + (
            "."
            if n == TARGET_EVENTS
            else ": **not the same size**, so now / before compares unlike with unlike."
        ),
        "",
        md_table(["", "before (0.2.0, pandas)", "now", "now / before"], rows),
        "",
    ]


def _median_run(side: Side) -> dict:
    runs = sorted(side.runs, key=lambda r: r["seconds"])
    return runs[len(runs) // 2] if runs else {}


def _steps_section(title: str, steps: dict[str, float] | None) -> list[str]:
    """A table of steps, slowest first, with each one's share of the whole."""
    if not steps:
        return []
    total = sum(steps.values())
    rows = [
        [name, fmt_s(seconds), f"{seconds / total:.0%}"]
        for name, seconds in sorted(steps.items(), key=lambda item: -item[1])
    ]
    return [f"### {title}", "", md_table(["step", "s", "share"], rows), ""]


def _writing_ratio(build: Side, pyarrow: Side) -> list[str]:
    """Build without its validation step against pyarrow: the part of the target that
    compares like with like (pyarrow neither validates nor writes CSV, articles or a zip)."""
    steps = _median_run(build).get("steps")
    if not steps or "validate" not in steps:
        return []
    writing = _median_run(build)["seconds"] - steps["validate"]
    return [
        f"- build without its validation step: {fmt_s(writing)} s, "
        f"**{writing / pyarrow.seconds:.1f}x** pyarrow read+write (it also writes the "
        "events_flat view, the articles table, the CSV and SQLite zips, the checksums and "
        "the main zip)"
    ]


LOAD_KEYS = ["ce_load_first", "ce_load", "pd_read", "ce_load_year", "ce_load_country"]
RELEASE_BUILD_KEYS = ["ce_build", "ce_build_year", "ce_build_all_texts"]
RELEASE_VALIDATE_KEYS = ["fl_validate_release", "fl_validate_release_csv", "fl_validate_small"]


def _ratio(size: int, of: int | None) -> str:
    return f"{size / of:.2f}" if of else "-"


def _release_section(ctx: dict, s: dict[str, Side]) -> list[str]:
    """Sizes of the downloads, the partitioned release's descriptor and its validation by
    frictionless; nothing for results measured before the release comparison."""
    release = ctx.get("release")
    flr = s["fl_validate_release"]
    if not release or not flr.runs:
        return []
    validated = [s[k] for k in RELEASE_VALIDATE_KEYS if s[k].runs]
    fls = s["fl_validate_small"] if s["fl_validate_small"].runs else s["fl_validate"]
    at = ctx.get("release_events") or ctx["events"]
    n = ctx["events"]
    default, texts, year, source = (
        release["default"],
        release["all_texts"],
        release["year"],
        release["source"],
    )
    baseline = s["pa_build"].last("bytes")
    names = default["names"]

    def row(label: str, size: int | None, compared: bool = True) -> list[str]:
        if size is None:
            return [label, "-", "-", "-", "-"]
        ratios = [_ratio(size, baseline), _ratio(size, source["bytes"])] if compared else ["-", "-"]
        return [label, f"{size:,}", fmt_bytes(size), *ratios]

    sizes = [
        row(f"main zip `{names['main_zip']}`", default["main_zip"]),
        row(f"CSV zip `{names['csv_zip']}`", default["csv_zip"]),
        row(f"SQLite zip `{names['sqlite_zip']}`", default["sqlite_zip"]),
        row(
            f"the package uncompressed ({default['package_files']} files, what the main zip holds)",
            default["package"],
        ),
        row("main zip of an `--all-texts` build (every text carried)", texts["main_zip"]),
        row(
            f"main zip of a `--partition-by year` build of {ctx.get('release_events') or n:,} "
            "events (the package it was built from is not the one above)",
            year["main_zip"],
            compared=(ctx.get("release_events") or n) == n,
        ),
        row("*baseline:* pyarrow zstd Parquet of every source CSV (no articles)", baseline),
        row(
            f"*scale:* the source package's {source['folder']}/ (CSV "
            f"{fmt_bytes(source['csv_bytes'])}, article files and the rest "
            f"{fmt_bytes(source['bytes'] - source['csv_bytes'])})",
            source["bytes"],
        ),
    ]
    scale = TARGET_EVENTS / n if n else 0
    scaled = [
        ("main zip", default["main_zip"]),
        ("with `--all-texts`", texts["main_zip"]),
        ("CSV zip", default["csv_zip"]),
        ("SQLite zip", default["sqlite_zip"]),
    ]
    by_table = ", ".join(f"{k} {v:,}" for k, v in year["partition_files_by_table"].items())
    partition_step = (_median_run(s["ce_build_year"]).get("steps") or {}).get("partitions by year")
    out = [
        "## Release",
        "",
        "The downloads of a default build (the build benchmark's last release) and the main "
        "zip of an `--all-texts` build, against the same tables written by pyarrow alone as "
        "zstd Parquet (the build baseline's output) and, for scale, the source package's "
        f"{source['folder']}/ folder:",
        "",
        md_table(
            ["download", "bytes", "size", "/ pyarrow Parquet", f"/ source {source['folder']}/"],
            sizes,
        ),
        "",
        f"- article texts carried: {default['texts_carried']:,} of {default['articles']:,} in "
        f"the default build (those whose licence allows), {texts['texts_carried']:,} with "
        f"`--all-texts`, whose main zip is {texts['main_zip'] / default['main_zip']:.3f} times "
        "the default's. The baseline has no articles table and no events_flat view.",
        "- size targets are in decimal units (1 MB = 1,000,000 bytes); MiB and KiB elsewhere.",
        *(
            [
                f"- scaled linearly to {TARGET_EVENTS:,} events, a rough guide and likely "
                "high (the schemas, the crosswalks and each Parquet file's metadata do not "
                "grow with the events): "
                + ", ".join(f"{label} {size * scale / 1e6:,.0f} MB" for label, size in scaled)
                + "."
            ]
            if n != TARGET_EVENTS
            else []
        ),
        "",
        "### The partitioned release (`--partition-by year`)",
        "",
        md_table(
            ["", ""],
            [
                [
                    "descriptor (datapackage.json)",
                    f"{year['descriptor']:,} bytes ({fmt_mb(year['descriptor'])}); a default "
                    f"build's: {default['descriptor']:,} bytes",
                ],
                [
                    "partition files under parquet/",
                    f"{year['partition_files']:,} ({by_table}), "
                    f"{fmt_bytes(year['partition_bytes'])}",
                ],
                ["package files (all listed in SHA256SUMS)", f"{year['package_files']:,}"],
            ],
        ),
        "",
        md_table(
            SIDE_HEADER,
            [
                row
                if key != "ce_build_year" or (ctx.get("release_events") or n) == n
                # built from the smaller package: its rows are not the ones counted here
                else [*row[:3], "-", *row[4:]]
                for key, row in zip(
                    RELEASE_BUILD_KEYS,
                    side_rows([s[k] for k in RELEASE_BUILD_KEYS], ctx["total_rows"]),
                    strict=True,
                )
            ],
        ),
        "",
        f"- the default build is the Build section's (median of {ctx['repeats']}); the other "
        f"two are one run each, the partitioned one of {ctx.get('release_events') or n:,} events"
        + (f"; writing the partitions took {fmt_s(partition_step)} s." if partition_step else "."),
        "",
        f"### frictionless validate: the partitioned release of {at:,} events, its CSV form, "
        "and the package it was built from",
        "",
        md_table(
            [*SIDE_HEADER, "rows", "resources"],
            [
                [
                    *side_rows([x], x.last("rows") or 0)[0],
                    f"{x.last('rows'):,}",
                    str(x.last("resources") or "-"),
                ]
                for x in validated
            ],
        ),
        "",
        "- `frictionless.validate(<descriptor>)`, frictionless-py's Python API, in a fresh "
        "subprocess per run; the call is timed and its import shown apart. The CLI "
        "`frictionless validate` also starts an interpreter and prints the report; the target "
        "is judged on the call plus the import.",
        f"- release: valid={flr.last('valid')}, {flr.last('errors')} error(s). frictionless "
        "reads the resources (data/*.parquet), not the partition files, which the descriptor "
        "describes in `x-partitions` only. Its CSV form is the release's CSV zip, unzipped: "
        "the same tables, the articles and events_flat included.",
        f"- release / the package it was built from: **{flr.seconds / fls.seconds:.2f}** of "
        f"the time, {flr.peak_rss / fls.peak_rss:.2f} of the peak memory. frictionless-py "
        "5.21 reads a Parquet resource through pandas row by row (`iterrows`, then a "
        "`Series.to_dict()` of the whole row for each cell), a CSV one with its own parser.",
        "",
        *_steps_section(
            "Where frictionless validate of the release spends its time (the median run, "
            "frictionless's seconds per resource)",
            _median_run(flr).get("task_seconds"),
        ),
    ]
    return out


def print_table(s: dict[str, Side], targets: list[Target], ctx: dict) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # plain text if rich is missing
        for side in (side for side in s.values() if side.runs):
            print(f"{side.label:<55} {fmt_s(side.seconds):>9} s  {fmt_mib(side.peak_rss)}")
        for t in targets:
            print(f"{t.text:<55} {t.measured:>20}  {'met' if t.met else 'MISSED'}")
        return
    console = Console() if sys.stdout.isatty() else Console(width=130)
    table = Table(
        title=f"conflict-events benchmark: {ctx['events']:,} events, median of {ctx['repeats']}"
    )
    for column in SIDE_HEADER:
        table.add_column(column, justify="left" if column == "operation" else "right")
    groups = [
        (VALIDATE_KEYS, ctx["total_rows"]),
        (["ce_build", "pa_build"], ctx["total_rows"]),
        (LOAD_KEYS, ctx["events_rows"]),
        (["ce_build_year", "ce_build_all_texts"], ctx["total_rows"]),
        *[([key], s[key].last("rows") or 0) for key in RELEASE_VALIDATE_KEYS if s[key].runs],
    ]
    for keys, rows in groups:
        for row in side_rows([s[k] for k in keys if s[k].runs], rows):
            table.add_row(*row)
        table.add_section()
    console.print(table)
    goals = Table(title=f"targets (issue; measured at {ctx['events']:,})")
    goals.add_column("target")
    goals.add_column("stated at", justify="right")
    goals.add_column("measured", justify="right")
    goals.add_column("met?")
    for t in targets:
        goals.add_row(
            t.text, f"{t.at:,}", t.measured, "[green]met[/]" if t.met else "[red]missed[/]"
        )
    console.print(goals)


def write_results(out: Path, ctx: dict, s: dict[str, Side]) -> None:
    """Print the tables, write the Markdown and, beside it, every run as JSON."""
    targets = evaluate(s, ctx)
    print_table(s, targets, ctx)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(ctx, s, targets), encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps(
            {
                **ctx,
                "runs": {k: side.runs for k, side in s.items()},
                "targets": [t.__dict__ for t in targets],
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


def render(results_json: Path, out: Path, scale_out: Path) -> None:
    """Write the tables and the Markdown again from a results JSON, without measuring:
    a scale JSON to scale_out, the others to out."""
    data = json.loads(results_json.read_text(encoding="utf-8"))
    if data.get("kind") == "scale":
        write_scale(scale_out, data)
        return
    runs = data.pop("runs")
    data.pop("targets", None)
    s = new_sides()
    for key, side in s.items():
        side.runs = runs.get(key, [])
    write_results(out, data, s)


def compare(options, work: Path, log, started: float, command: str) -> tuple[dict, dict]:
    """The normal run: every side at the main size; its context and its sides."""
    machine = machine_info()
    load_before = os.getloadavg()
    if options.package:
        package = options.package
        descriptor = package if package.is_file() else package / "datapackage.json"
        synth_seconds = None
    else:
        descriptor, synth_seconds = synthesize(options.events, work / "package", log)
        log(f"synthesized in {synth_seconds:.0f} s")
    descriptor = descriptor.resolve()
    s = new_sides()
    base = {"descriptor": str(descriptor)}

    log("validate: conflict_events vs frictionless vs pyarrow parse")
    measure(
        [s["ce_validate"], s["fl_validate"], s["pa_parse"]],
        lambda key, i: base,
        options.repeats,
        options.timeout,
        log,
        progress=work / "runs.jsonl",
    )
    log("validate, step by step (one run, for the profile)")
    measure([s["ce_validate_steps"]], lambda key, i: base, 1, options.timeout, log)
    log(f"validate on Spark {SPARK_MASTER} (one run; startup included)")
    spark_error = None
    try:
        measure(
            [s["ce_validate_spark"]],
            lambda key, i: base,
            1,
            options.timeout,
            log,
            progress=work / "runs.jsonl",
        )
    except (RuntimeError, subprocess.TimeoutExpired) as exc:  # the rest is still measured
        spark_error = str(exc).strip() or type(exc).__name__
        log(f"validate on Spark failed: {spark_error[-2000:]}")
    table_rows = s["pa_parse"].last("table_rows")
    events_rows = table_rows.get("events", 0)

    log("build: build_release vs pyarrow read+write")
    release = work / "release"

    def build_args(key: str, i: int) -> dict:
        out = work / (f"release-{i}" if key == "ce_build" else f"pyarrow-{i}")
        shutil.rmtree(out, ignore_errors=True)
        return {**base, "out": str(out)}

    def after_build(key: str, i: int) -> None:
        out = work / (f"release-{i}" if key == "ce_build" else f"pyarrow-{i}")
        if key == "ce_build" and i == options.repeats - 1:
            shutil.rmtree(release, ignore_errors=True)
            out.rename(release)  # the last release is the one the loads read
        else:
            shutil.rmtree(out, ignore_errors=True)

    measure(
        [s["ce_build"], s["pa_build"]],
        build_args,
        options.repeats,
        options.timeout,
        log,
        after_build,
        progress=work / "runs.jsonl",
    )

    events_parquet = release / "data" / "events.parquet"
    filters = choose_filters(events_parquet)
    log(f"load: filters {filters}")
    load_args = {
        "ce_load_first": {"release": str(release)},
        "ce_load": {"release": str(release)},
        "pd_read": {"parquet": str(events_parquet)},
        "ce_load_year": {"release": str(release), "filters": filters["year"]},
        "ce_load_country": {"release": str(release), "filters": filters["country"]},
    }

    def load_run(key: str, i: int) -> dict:
        """Each run its own empty cache: a first load verifies the release whole."""
        cache = work / f"cache-{key}-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        return {**load_args[key], "cache": str(cache)}

    measure(
        [s[k] for k in LOAD_KEYS],
        load_run,
        options.repeats,
        options.timeout,
        log,
        progress=work / "runs.jsonl",
    )

    log("release: an --all-texts build, and the sizes of both")
    release_facts = {
        "default": release_sizes(release),
        "source": source_sizes(descriptor),
    }
    if options.release_events == options.events and not options.package:
        small = descriptor
    else:
        small, _ = synthesize(options.release_events, work / "package-small", log)
    extra = {"ce_build_year": "year", "ce_build_all_texts": "all_texts"}
    built_from = {"ce_build_year": {"descriptor": str(small)}, "ce_build_all_texts": base}

    def extra_args(key: str, i: int) -> dict:
        out = work / f"release-{extra[key]}"
        shutil.rmtree(out, ignore_errors=True)
        return {**built_from[key], "out": str(out)}

    def after_extra(key: str, i: int) -> None:
        out = work / f"release-{extra[key]}"
        release_facts[extra[key]] = release_sizes(out)
        if key == "ce_build_all_texts":  # sized: only the partitioned one is read again
            shutil.rmtree(out, ignore_errors=True)

    log(f"release: a --partition-by year build of {options.release_events:,} events")
    measure(
        [s["ce_build_year"], s["ce_build_all_texts"]],
        extra_args,
        1,
        options.timeout,
        log,
        after_extra,
        progress=work / "runs.jsonl",
    )
    partitioned = work / "release-year"
    csv_form = work / "release-year-csv"
    shutil.rmtree(csv_form, ignore_errors=True)
    with zipfile.ZipFile(next(partitioned.glob("*-csv.zip"))) as archive:
        archive.extractall(csv_form)
    log("release: frictionless validate of the partitioned release, its CSV form, its source")
    validated = {
        "fl_validate_release": partitioned / "datapackage.json",
        "fl_validate_release_csv": csv_form / "datapackage.json",
        "fl_validate_small": small,
    }
    measure(
        [s[key] for key in validated],
        lambda key, i: {"descriptor": str(validated[key])},
        options.repeats,
        options.timeout,
        log,
        progress=work / "runs.jsonl",
    )

    ctx = {
        "machine": machine,
        "events": events_rows,
        "repeats": options.repeats,
        "command": command,
        "package": str(descriptor.parent),
        "synth_seconds": synth_seconds,
        "package_bytes": _size(descriptor.parent),
        "table_rows": table_rows,
        "total_rows": sum(table_rows.values()),
        "events_rows": events_rows,
        "release_bytes": _size(release),
        "events_parquet_bytes": _size(events_parquet),
        "events_row_groups": _row_groups(events_parquet),
        "filters": filters,
        "release": release_facts,
        "release_events": options.release_events,
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "total_seconds": time.perf_counter() - started,
        "loadavg": (load_before, os.getloadavg()),
        "code_at_end": _code_state(),
        "spark_error": spark_error,
    }
    return ctx, s


# --------------------------------------------------------------------------------------
# Scale: validate and build once each on a large package (e.g. 10,000,000 events)
# --------------------------------------------------------------------------------------

SCALE_TIMEOUT = 3 * 3600.0
SCALE_PEAK_TARGET = 4 * GIB  # validate's and build's peak RSS, each
SCALE_TARGET_EVENTS = 10_000_000  # the size the issue states them for
# Run in this order, each once in a fresh subprocess; the parse first counts the rows.
SCALE_KEYS = ["pa_parse", "ce_validate", "pa_build", "ce_build"]


def measure_scale(package: Path, work: Path, options, log, command: str) -> dict:
    """Each of SCALE_KEYS once on the package; a run that fails or times out is noted and
    the others still run."""
    descriptor = (package if package.is_file() else package / "datapackage.json").resolve()
    work.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    load_before = os.getloadavg()
    started = time.perf_counter()
    runs: dict[str, list[dict]] = {}
    errors: dict[str, str] = {}
    log(f"scale: {descriptor}, each side once (timeout {options.scale_timeout:.0f} s per run)")
    for key in SCALE_KEYS:
        args = {"descriptor": str(descriptor)}
        out = work / key
        if key in ("pa_build", "ce_build"):
            shutil.rmtree(out, ignore_errors=True)
            args["out"] = str(out)
        try:
            runs[key] = [run_worker(key, args, options.scale_timeout, log)]
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            errors[key] = str(exc).strip() or type(exc).__name__
            log(f"  {key} failed: {errors[key][-2000:]}")
        finally:
            shutil.rmtree(out, ignore_errors=True)  # a 10M release is gigabytes
        with (work / "runs.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({key: runs.get(key), "error": errors.get(key)}) + "\n")
    table_rows = runs["pa_parse"][0]["table_rows"] if "pa_parse" in runs else {}
    return {
        "kind": "scale",
        "machine": machine,
        "command": command,
        "package": str(descriptor.parent),
        "package_bytes": _size(descriptor.parent),
        "table_rows": table_rows,
        "total_rows": sum(table_rows.values()),
        "events": table_rows.get("events", 0),
        "timeout": options.scale_timeout,
        "runs": runs,
        "errors": errors,
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "total_seconds": time.perf_counter() - started,
        "loadavg": (load_before, os.getloadavg()),
        "code_at_end": _code_state(),
    }


def _scale_sides(scale: dict) -> dict[str, Side]:
    sides = new_sides()
    return {key: Side(key, sides[key].label, scale["runs"].get(key) or []) for key in SCALE_KEYS}


def scale_targets(scale: dict) -> list[Target]:
    sides = _scale_sides(scale)
    n = scale["events"]
    targets = []
    for key, what in (("ce_validate", "validate"), ("ce_build", "build")):
        side = sides[key]
        text = f"{what} peak RSS <= 4 GiB"
        if side.runs:
            measured, met = fmt_mib(side.peak_rss), side.peak_rss <= SCALE_PEAK_TARGET
        else:
            measured, met = "failed (see below)", False
        targets.append(Target(text, measured, met, SCALE_TARGET_EVENTS, n))
    return targets


def scale_section(scale: dict) -> list[str]:
    """## Scale: the runs at the large size, their targets and where build spent its time."""
    n, total_rows = scale["events"], scale["total_rows"]
    sides = _scale_sides(scale)
    measured = [
        sides[k] for k in ("ce_validate", "pa_parse", "ce_build", "pa_build") if sides[k].runs
    ]
    v, pa, b, pb = (sides[k] for k in ("ce_validate", "pa_parse", "ce_build", "pa_build"))
    ratios = []
    if v.runs and pa.runs:
        ratios.append(f"validate / pyarrow parse: **{v.seconds / pa.seconds:.1f}**")
    if b.runs and pb.runs:
        ratios.append(
            f"build (validation included) / pyarrow read+write: **{b.seconds / pb.seconds:.1f}**"
        )
    targets = scale_targets(scale)
    out = [
        f"## Scale: {n:,} events",
        "",
        f"Package `{scale['package']}` (reused with --scale-package): "
        f"{fmt_bytes(scale['package_bytes'])} on disk, {total_rows:,} rows in "
        f"{len(scale['table_rows'])} tables ("
        + ", ".join(f"{k} {v_:,}" for k, v_ in scale["table_rows"].items())
        + f"). Each operation **once**, in a fresh subprocess (timeout "
        f"{scale['timeout'] / 3600:.1f} h); validate and build on DuckDB, the default engine. "
        "Peak RSS is the subprocess's ru_maxrss (interpreter and imports included); "
        "4 GiB = 4 x 1024^3 bytes = 4,096 MiB.",
        "",
        md_table(
            ["operation", "s", "rows/s", "peak RSS", "import s"],
            [[r[0], r[1], r[3], r[4], r[5]] for r in side_rows(measured, total_rows)],
        ),
        "",
        targets_table(targets, n),
        "",
        *(
            ["- for comparison (no target at this size): " + "; ".join(ratios) + "."]
            if ratios
            else []
        ),
        *[
            f"- **{key} failed**: `{error.splitlines()[0][:300] if error else ''}`"
            + (f" … `{error.splitlines()[-1][:300]}`" if len(error.splitlines()) > 1 else "")
            for key, error in scale["errors"].items()
        ],
        "",
        *_steps_section(
            f"Where build spends its time at {n:,} events (the one run, step by step)",
            b.last("steps") if b.runs else None,
        ),
    ]
    return out


def write_scale(out: Path, scale: dict) -> None:
    """The scale results as Markdown, and as JSON beside them."""
    n = scale["events"]
    lines = [
        "# conflict-events benchmark results: scale",
        "",
        f"Measured {scale['finished']} with **{n:,} events**, each operation once.",
        "",
        "Reproduce (the package made first by `conflict-events synth --events "
        f"{n} --out <folder> --seed 1`):",
        "",
        "```sh",
        scale["command"],
        "```",
        "",
        *_machine_section(scale),
        *scale_section(scale),
        f"Total scale time: {scale['total_seconds'] / 60:.1f} min.",
        "",
    ]
    for t in scale_targets(scale):
        print(f"{t.text:<40} {t.measured:>20}  {'met' if t.met else 'MISSED'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps({**scale, "targets": [t.__dict__ for t in scale_targets(scale)]}, indent=1)
        + "\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events")
    parser.add_argument("--repeats", type=int, default=3, help="runs per side (median)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    parser.add_argument("--package", type=Path, help="reuse this package (folder or descriptor)")
    parser.add_argument("--work", type=Path, help="scratch folder (default: new one in /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--timeout", type=float, help="seconds allowed per run")
    parser.add_argument(
        "--release-events",
        type=int,
        default=RELEASE_TARGET_EVENTS,
        help="synthetic events of the --partition-by year release that frictionless validates",
    )
    parser.add_argument(
        "--render", type=Path, metavar="JSON", help="only rewrite --out from a results JSON"
    )
    parser.add_argument(
        "--scale-package",
        type=Path,
        metavar="PATH",
        help="also measure validate and build once each (and pyarrow's parse and "
        "read+write) on this already synthesized package (folder or descriptor), e.g. of "
        "10,000,000 events: time and peak RSS against the scale targets",
    )
    parser.add_argument(
        "--scale-only",
        action="store_true",
        help="with --scale-package: measure the scale runs only, nothing else",
    )
    parser.add_argument(
        "--scale-out",
        type=Path,
        default=REPO / "benchmarks" / "RESULTS-scale.md",
        help="the scale results (Markdown, and JSON beside it); never --out",
    )
    parser.add_argument(
        "--scale-timeout",
        type=float,
        default=SCALE_TIMEOUT,
        help="seconds allowed per scale run (default: 3 hours)",
    )
    options = parser.parse_args(argv)
    if options.render:
        render(options.render, options.out, options.scale_out)
        return
    if options.scale_only and not options.scale_package:
        parser.error("--scale-only needs --scale-package")
    if options.scale_package and options.scale_out.resolve() == options.out.resolve():
        parser.error("--scale-out must not be --out: a scale run never overwrites the results")

    started = time.perf_counter()
    command = "python benchmarks/bench.py " + " ".join(
        shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])
    )

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    work = options.work or Path(tempfile.mkdtemp(prefix="ce-bench-", dir="/tmp"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        ctx = s = None
        if not options.scale_only:
            ctx, s = compare(options, work, log, started, command)
            write_results(options.out, ctx, s)
            log(f"wrote {options.out} and {options.out.with_suffix('.json')}")
        if options.scale_package:
            scale = measure_scale(options.scale_package, work / "scale", options, log, command)
            write_scale(options.scale_out, scale)
            log(f"wrote {options.scale_out} and {options.scale_out.with_suffix('.json')}")
            if ctx is not None:  # the main results carry the scale section too
                ctx["scale"] = scale
                ctx["total_seconds"] = time.perf_counter() - started
                write_results(options.out, ctx, s)
                log(f"wrote {options.out} again, with the scale section")
    except BaseException:
        log(f"failed: the scratch folder {work} is kept (runs so far in its runs.jsonl)")
        raise
    else:
        if not options.keep and not options.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:])
    else:
        main()
