"""The release's SQLite database: every table, typed, keyed and described as the schemas say."""

import copy
import csv
import json
import sqlite3
import zipfile

import pyarrow.parquet as pq
import pytest

import conflict_events.build.sqlite as sqlite_module
from conflict_events.build import ReleaseMismatch, build_release
from conflict_events.build.sqlite import About, write_database
from conflict_events.build.written import Written
from conflict_events.metadata import Field, TableSchema, canonical_tables, load_package
from tests.conftest import REPO, VERSION

TABLES = [*canonical_tables(), "events_flat", "articles"]
EVENTS = load_package(REPO / "datapackage.json").resource("events").schema
# The integer vocabularies of the events table: each has a lookup table of its name.
LOOKUPS = {f.name: f for f in EVENTS.fields if f.type == "integer" and f.categories}
DATABASE = f"conflict-events-{VERSION}.sqlite"
SQLITE_ZIP = f"conflict-events-{VERSION}-sqlite.zip"


@pytest.fixture(scope="module")
def unpacked(seed_release, tmp_path_factory):
    """The release's database and its CSV copies, unzipped."""
    folder = tmp_path_factory.mktemp("forms")
    for name in (SQLITE_ZIP, f"conflict-events-{VERSION}-csv.zip"):
        with zipfile.ZipFile(seed_release / name) as archive:
            archive.extractall(folder)
    return folder


@pytest.fixture
def database(unpacked):
    connection = sqlite3.connect(f"{(unpacked / DATABASE).as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()


def _schemas(release):
    """Each table's resource with its schema read from its file, as schemas/ wrote it."""
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    resources = {}
    for r in descriptor["resources"]:
        schema = json.loads((release / r["schema"]).read_text(encoding="utf-8"))
        fields = [Field(f).descriptor for f in schema["fields"]]
        resources[r["name"]] = r | {"schema": schema | {"fields": fields}}
    return resources


def test_every_table_holds_the_rows_of_its_parquet_file(seed_release, database):
    names = {n for (n,) in database.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert LOOKUPS, "the events table has integer vocabularies (date and geo precision)"
    assert names == {*TABLES, *LOOKUPS, "_tables", "_columns"}
    for name in TABLES:
        rows = database.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert rows == pq.read_metadata(seed_release / f"data/{name}.parquet").num_rows, name


def test_rows_equal_the_csv_cells_with_null_for_empty(seed_release, unpacked, database):
    """Every cell as the CSV writes it, read back through the column's SQLite type; an
    empty cell is NULL, never 0 or ''."""
    for name, resource in _schemas(seed_release).items():
        schema = TableSchema(resource["schema"])
        with (unpacked / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            expected = list(csv.DictReader(f))
        stored = database.execute(f'SELECT * FROM "{name}"').fetchall()
        assert len(stored) == len(expected), name
        for row, cells in zip(stored, expected, strict=True):
            for field, value in zip(schema.fields, row, strict=True):
                cell = cells[field.name]
                if cell == "":
                    assert value is None, (name, field.name)
                elif field.type == "integer":
                    assert value == int(cell), (name, field.name)
                elif field.type == "number":
                    assert value == float(cell), (name, field.name)
                elif field.type == "boolean":
                    assert value == (1 if cell in field.true_values else 0), (name, field.name)
                else:  # text, lists as their delimited string, dates as YYYY-MM-DD
                    assert value == cell, (name, field.name)


def test_an_unknown_death_toll_is_null_and_dates_are_iso_text(database):
    best, date, kind = database.execute(
        "SELECT fatalities_best, event_date, typeof(event_date) FROM events "
        "WHERE event_id = 'evt_00000001'"
    ).fetchone()
    assert (best, date, kind) == (None, "2020-01-28", "text")
    assert database.execute("SELECT count(*) FROM events WHERE fatalities_best = 0").fetchone() == (
        0,
    )


def test_columns_take_their_sqlite_type_from_the_schema(seed_release, database):
    expected = {"string": "TEXT", "list": "TEXT", "date": "TEXT", "integer": "INTEGER"}
    expected |= {"number": "REAL", "boolean": "INTEGER"}
    for name, resource in _schemas(seed_release).items():
        fields = resource["schema"]["fields"]
        declared = database.execute(f'PRAGMA table_info("{name}")').fetchall()
        assert [(c[1], c[2]) for c in declared] == [
            (f["name"], expected[f["type"]]) for f in fields
        ]
        key = resource["schema"]["primaryKey"]
        assert [c[1] for c in sorted(declared, key=lambda c: c[5]) if c[5]] == key
        required = {f["name"] for f in fields if f.get("constraints", {}).get("required")}
        assert {c[1] for c in declared if c[3]} == required


def test_foreign_keys_are_declared_and_hold(seed_release, database):
    for name, resource in _schemas(seed_release).items():
        declared = {
            (row[2], row[3], row[4])
            for row in database.execute(f'PRAGMA foreign_key_list("{name}")')
        }
        in_schema = {
            (fk["reference"].get("resource", name), field, ref)  # none: the table itself
            for fk in resource["schema"].get("foreignKeys", [])
            for field, ref in zip(fk["fields"], fk["reference"]["fields"], strict=True)
        }
        assert declared == in_schema | _coded(resource["schema"]), name
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def _coded(schema):
    """(lookup table, column, "code") for each column taking an events vocabulary's codes:
    the field itself, or a crosswalk key naming it."""
    coded = set()
    for field in schema["fields"]:
        named = field.get("x-vocabulary", "").removeprefix("events.")
        if field["name"] in LOOKUPS and field.get("categories"):
            coded.add((field["name"], field["name"], "code"))
        elif named in LOOKUPS:
            coded.add((named, field["name"], "code"))
    return coded


def test_each_integer_vocabulary_has_a_lookup_table_of_its_codes(database):
    for name, vocabulary in LOOKUPS.items():
        columns = [c[1:6] for c in database.execute(f'PRAGMA table_info("{name}")')]
        assert columns == [
            ("code", "INTEGER", 1, None, 1),
            ("label", "TEXT", 1, None, 0),
            ("description", "TEXT", 0, None, 0),
        ]
        rows = database.execute(f'SELECT * FROM "{name}" ORDER BY code').fetchall()
        assert rows == [
            (c["value"], c["label"], c.get("description")) for c in vocabulary.categories
        ]
        users = {
            (table, column)
            for (table,) in database.execute("SELECT name FROM sqlite_master WHERE type='table'")
            for _, _, target, column, *_ in database.execute(f'PRAGMA foreign_key_list("{table}")')
            if target == name
        }
        assert {("events", name), ("events_flat", name)} <= users
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_join_gives_each_event_the_label_of_its_date_precision(seed_release, database):
    labels = {c["value"]: c["label"] for c in LOOKUPS["date_precision"].categories}
    events = pq.read_table(seed_release / "data/events.parquet").to_pylist()
    joined = database.execute(
        "SELECT e.event_id, d.label FROM events e "
        "JOIN date_precision d ON d.code = e.date_precision ORDER BY e.event_id"
    ).fetchall()
    assert joined == sorted((e["event_id"], labels[e["date_precision"]]) for e in events)


def test_a_field_of_a_vocabulary_name_with_other_categories_is_refused(seed_release, tmp_path):
    resources = _schemas(seed_release)
    about = {
        name: About(resources[name]["title"], "", TableSchema(resources[name]["schema"]))
        for name in ("events", "events_flat")
    }
    flat = copy.deepcopy(resources["events_flat"]["schema"])
    [field] = [f for f in flat["fields"] if f["name"] == "date_precision"]
    field["categories"] = field["categories"][:-1]
    about["events_flat"] = about["events_flat"]._replace(schema=TableSchema(flat))
    data = {name: _written(seed_release / f"data/{name}.parquet") for name in about}
    with pytest.raises(ValueError, match=r"events_flat\.date_precision and events\.date_precision"):
        write_database(tmp_path / "a.sqlite", about, data)


def _written(path):
    """A Parquet file of the release as the build's later steps see it."""
    metadata = pq.read_metadata(path)
    return Written(path, pq.read_schema(path), metadata.num_rows)


def test_key_and_date_columns_are_indexed(seed_release, database):
    for name, resource in _schemas(seed_release).items():
        schema = resource["schema"]
        key = schema["primaryKey"]
        types = {f["name"]: f["type"] for f in schema["fields"]}
        integer_key = len(key) == 1 and types[key[0]] == "integer"
        leading = set(key if integer_key else [])  # an INTEGER PRIMARY KEY is the rowid itself
        for index in database.execute(f'PRAGMA index_list("{name}")').fetchall():
            columns = database.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
            leading.add(min(columns)[2])
        wanted = {schema["primaryKey"][0]}
        wanted |= {fk["fields"][0] for fk in schema.get("foreignKeys", [])}
        wanted |= {f["name"] for f in schema["fields"] if f["type"] == "date"}
        assert wanted <= leading, (name, wanted - leading)
    plan = database.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM events WHERE event_date >= '2020-01-01'"
    ).fetchall()
    assert "idx_events_event_date" in str(plan)


def test_titles_and_descriptions_are_in_the_database(seed_release, database):
    tables = dict(
        (name, (title, description))
        for name, title, description in database.execute("SELECT * FROM _tables")
    )
    assert set(tables) == {*TABLES, *LOOKUPS}
    for name, vocabulary in LOOKUPS.items():
        title, description = tables[name]
        assert title.startswith(vocabulary.descriptor["title"])
        assert description == f"The codes of events.{name}: {vocabulary.description}"
        described = database.execute(
            "SELECT column_name, description FROM _columns WHERE table_name = ? ORDER BY position",
            (name,),
        ).fetchall()
        assert [c for c, _ in described] == ["code", "label", "description"]
        assert all(d for _, d in described)
    columns = {
        (t, c): (title, kind, description)
        for t, c, _, title, kind, description in database.execute("SELECT * FROM _columns")
    }
    for name, resource in _schemas(seed_release).items():
        assert tables[name] == (resource["title"], resource["description"])
        for field in resource["schema"]["fields"]:
            assert columns[name, field["name"]] == (
                field.get("title"),
                field["type"],
                field.get("description"),
            )


def test_a_database_missing_a_row_is_not_published(package, tmp_path, monkeypatch):
    written = sqlite_module.write_database

    def losing_a_row(path, about, data):
        written(path, about, data)
        with sqlite3.connect(path) as connection:
            connection.execute("DELETE FROM events WHERE event_id = 'evt_00000003'")
        connection.close()
        return path

    monkeypatch.setattr(sqlite_module, "write_database", losing_a_row)
    with pytest.raises(ReleaseMismatch, match="events: 2 rows in the database, 3 written"):
        build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    assert not (tmp_path / "dist").exists() and list(tmp_path.glob(".dist*")) == []


def test_the_same_rows_give_the_same_bytes(seed_release, tmp_path):
    resources = _schemas(seed_release)
    about = {
        name: About(r["title"], r["description"], TableSchema(r["schema"]))
        for name, r in resources.items()
    }
    data = {name: _written(seed_release / f"data/{name}.parquet") for name in about}
    first = write_database(tmp_path / "a.sqlite", about, data)
    second = write_database(tmp_path / "b.sqlite", about, data)
    assert first.read_bytes() == second.read_bytes()
