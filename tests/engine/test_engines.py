"""The same report on every engine: a synthetic package with an error of every rule class
planted, validated on DuckDB and on a real local Spark session."""

import pandas as pd
import pytest

from conflict_events.engine import EngineError, connect
from conflict_events.synth import synthesize
from conflict_events.validation import validate


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
