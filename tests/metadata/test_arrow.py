"""Types derived from the Table Schemas, as pandas, pyarrow and DuckDB read them back."""

import json

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.metadata import load_package
from conflict_events.metadata.arrow import arrow_schema
from tests.conftest import REPO

SCHEMAS = {r.name: r.schema for r in load_package(REPO / "datapackage.json").resources}


def test_arrow_types_follow_the_table_schema():
    schema = arrow_schema(SCHEMAS["events"])
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities_best").type == pa.int64()
    assert schema.field("fatalities_best").nullable
    assert not schema.field("event_id").nullable
    assert schema.field("event_type").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("date_precision").type == pa.int64()
    assert schema.field("civilian_targeting").type == pa.bool_()
    assert arrow_schema(SCHEMAS["locations"]).field("latitude").type == pa.float64()


def test_parquet_metadata_carries_descriptions_and_primary_key(seed_release):
    schema = pq.read_schema(seed_release / "data" / "event_sources.parquet")
    assert json.loads(schema.metadata[b"primary_key"]) == ["event_id", "source_id", "quote_start"]
    description = SCHEMAS["event_sources"].field("quote").description
    assert schema.field("quote").metadata[b"description"].decode() == description
    assert json.loads(schema.metadata[b"table_schema"]) == SCHEMAS["event_sources"].descriptor


def test_pyarrow_reads_the_declared_types(seed_release):
    table = pq.read_table(seed_release / "data" / "events.parquet")
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("sub_event_type").type == pa.dictionary(pa.int8(), pa.string())
    assert (
        table.column("sub_event_type").chunk(0).dictionary.to_pylist()
        == SCHEMAS["events"].field("sub_event_type").enum
    )


def test_pandas_reads_nullable_integers_and_full_vocabularies(seed_release):
    events = pd.read_parquet(seed_release / "data" / "events.parquet")
    assert str(events["fatalities_best"].dtype) == "Int64"
    assert events["fatalities_best"].isna().all()  # unknown stays missing, never 0
    assert str(events["civilian_targeting"].dtype) == "boolean"
    assert list(events["event_type"].cat.categories) == SCHEMAS["events"].field("event_type").enum
    assert events["date_precision"].tolist() == [1, 3, 1]
    locations = pd.read_parquet(seed_release / "data" / "locations.parquet")
    assert str(locations["latitude"].dtype) == "Float64"
    assert str(locations["geonames_id"].dtype) == "Int64"


def test_duckdb_reads_the_declared_types(seed_release):
    path = (seed_release / "data" / "events.parquet").as_posix()
    with duckdb.connect() as con:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        unknown = con.execute(
            f"SELECT count(*) FROM read_parquet('{path}') WHERE fatalities_best IS NULL"
        ).fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["event_date"] == "DATE"
    assert types["fatalities_best"] == "BIGINT"
    assert types["civilian_targeting"] == "BOOLEAN"
    assert types["event_type"] == "VARCHAR"
    assert unknown == [(3,)]
