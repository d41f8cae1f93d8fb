"""Table rules generated from the Table Schemas: a representative break of each kind."""

import json

import pytest

from conflict_events.metadata import load_package
from conflict_events.validation import table_rules

EVENTS = "datasets/events.csv"


def test_bad_date_is_reported_on_its_own_row_and_other_dates_still_checked(package):
    package.set("events", 3, "event_date", "2020-02-30")
    package.set("events", 4, "event_date_end", "2011-12-31")  # still caught: the column was parsed
    problems = package.validate()
    assert [(p.file, p.row, p.column, p.rule, p.value) for p in problems] == [
        (EVENTS, 3, "event_date", "type", "2020-02-30"),
        (EVENTS, 4, "event_date_end", "date-order", "2011-12-31"),
    ]
    assert problems[0].hint == "write a real date as YYYY-MM-DD, e.g. 2020-01-28"


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "rule"),
    [
        ("events", 2, "summary", "", "required"),
        ("events", 2, "date_precision", "one", "type"),
        ("events", 2, "civilian_targeting", "yes", "type"),
        ("event_sources", 2, "quote_end", "12.5", "type"),
        ("events", 3, "sub_event_type", "Armed clashes", "enum"),
        ("events", 2, "geo_precision", "8", "enum"),
        ("actors", 4, "actor_type", "Rebel groups", "enum"),
        ("locations", 2, "country_iso3", "SYX", "codelist"),
        ("sources", 2, "language", "xx", "codelist"),
        ("actors", 2, "wikidata_id", "123", "pattern"),
        ("events", 2, "fatalities_best", "-1", "minimum"),
        ("sources", 2, "url", "www.trtworld.com/x", "pattern"),
        ("sources", 2, "text_licence", "CC-BY-5.0", "enum"),
        ("sources", 2, "text_licence", "", "required"),
        ("sources", 2, "archive_url", "ftp://archive.example.org/x", "pattern"),
    ],
)
def test_one_broken_cell_one_problem(package, table, row, column, value, rule):
    package.set(table, row, column, value)
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule, problem.value) == (
        f"datasets/{table}.csv",
        row,
        column,
        rule,
        value,
    )


def test_out_of_range_latitude_is_reported_as_such(package):
    package.set("locations", 3, "latitude", "91")
    assert package.report() == [
        ("datasets/locations.csv", 3, "latitude", "maximum"),
        ("datasets/locations.csv", 3, "latitude,longitude", "coordinates-in-country"),
    ]


def test_enum_hint_lists_the_codes(package):
    package.set("events", 2, "geo_precision", "8")
    [problem] = package.validate()
    assert problem.hint == "use one of the codes of geo_precision: 1, 2, 3, 4, 5, 6, 7"


def test_unique_field_repeated(package):
    # A source copied under a new ID repeats its three unique fields (an actor's name has
    # a rule of its own, actor-name-shared: tests/validation/test_actors.py).
    row = package.copy_row("sources", 2, source_id="src_000002")
    assert package.report() == [
        ("datasets/sources.csv", row, column, "unique")
        for column in ("url", "article_path", "article_sha256")
    ]


def test_primary_key_repeated(package):
    row = package.copy_row("events", 3)
    assert package.report() == [(EVENTS, row, "event_id", "primary-key")]


def test_composite_primary_key_repeated(package):
    row = package.copy_row("event_actors", 3)  # an assoc_actor_1 link, listed twice
    assert package.report() == [
        ("datasets/event_actors.csv", row, "event_id,actor_id", "primary-key")
    ]


def test_schemas_are_generated_from_the_table_schema(package):
    """The checks are exactly the constraints the Table Schema defines, field by field."""
    resource = load_package(package.descriptor).resource("events")
    tests = table_rules.field_tests(resource.schema, resource.schema.field_names)
    checks: dict[str, list[str]] = {}
    for rule, field, _ in tests:
        checks.setdefault(field.name, []).append(rule)
    assert checks["event_id"] == ["required", "text-character", "pattern", "primary-key"]
    assert checks["sub_event_type"] == ["required", "text-character", "enum"]
    assert checks["fatalities_best"] == ["type", "minimum"]
    assert checks["summary"] == ["required", "text-character"]
    assert checks["notes"] == ["text-character"]
    assert checks["event_date"] == ["required", "type"]
    assert [c.name for c in table_rules._schema(tests, ["event_id"]).checks] == [
        "table-rules",
        "primary-key:event_id",
    ]


def test_a_text_shorter_than_its_minimum_length(package):
    """The package's one field with a minimum length (quote) is also required, so an empty
    quote is a required problem: here the schema gives summary a minimum length."""
    path = package.root / "schemas" / "events.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    [summary] = [f for f in schema["fields"] if f["name"] == "summary"]
    written = package.cell("events", 3, "summary")
    summary["constraints"]["minLength"] = len(written) + 1
    path.write_text(json.dumps(schema), encoding="utf-8")
    shorter = [
        (EVENTS, i + 1, "summary", "minLength", row[0])
        for i, row in enumerate(package.rows("events"))
        if i and len(row[package.rows("events")[0].index("summary")]) <= len(written)
    ]
    problems = package.validate()
    assert [(p.file, p.row, p.column, p.rule, p.value) for p in problems] == [
        (f, r, c, rule, package.cell("events", r, "summary")) for f, r, c, rule, _ in shorter
    ]
    assert (EVENTS, 3, "summary", "minLength", written) in [
        (p.file, p.row, p.column, p.rule, p.value) for p in problems
    ]
    assert problems[0].hint == f"must be at least {len(written) + 1} characters long"


_BIDI = "a bidirectional control, which reorders the text as it is displayed"
_ZERO_WIDTH = "a zero-width character, which does not show"
_CONTROL = "a control character"


@pytest.mark.parametrize(
    ("table", "column", "cell", "named", "hint"),
    [
        (
            "actors",
            "name",
            "Militia\u202e",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
            f"{_BIDI}, after 7 characters",
        ),
        (
            "actors",
            "name",
            "\u2069Militia",
            "U+2069 POP DIRECTIONAL ISOLATE",
            f"{_BIDI}, after 0 characters",
        ),
        (
            "actors",
            "aliases",
            "a;b\u200d",
            "U+200D ZERO WIDTH JOINER",
            f"{_ZERO_WIDTH}, after 3 characters",
        ),
        (
            "locations",
            "name",
            "Alep\u2060po",
            "U+2060 WORD JOINER",
            f"{_ZERO_WIDTH}, after 4 characters",
        ),
        ("events", "summary", "A NUL \x00 here.", "U+0000 NULL", f"{_CONTROL}, after 6 characters"),
        ("events", "summary", "\x00", "U+0000 NULL", f"{_CONTROL}, after 0 characters"),
        (
            "events",
            "notes",
            "Two\r\nlines.",
            "U+000D CARRIAGE RETURN",
            f"{_CONTROL}, after 3 characters",
        ),
        (
            "events",
            "notes",
            "An escape \x1b[31m",
            "U+001B ESCAPE",
            f"{_CONTROL}, after 10 characters",
        ),
        (
            "events",
            "notes",
            "C1 \x85 next line",
            "U+0085 CONTROL CHARACTER",
            f"{_CONTROL}, after 3 characters",
        ),
        ("sources", "title", "Two\nlines", "U+000A LINE FEED", f"{_CONTROL}, after 3 characters"),
        (
            "event_sources",
            "attributed_to",
            "SOHR\tSANA",
            "U+0009 CHARACTER TABULATION",
            f"{_CONTROL}, after 4 characters",
        ),
    ],
)
def test_a_refused_character_in_a_text_cell_is_named_with_where_it_stands(
    package, table, column, cell, named, hint
):
    package.set(table, 2, column, cell)
    one_line = (
        f" ({column} is one line, without tabs)"
        if named[7:] in ("LINE FEED", "CHARACTER TABULATION")
        else ""
    )
    assert [p.as_line() for p in package.validate()] == [
        f'datasets/{table}.csv:2:{column}  text-character  "{named}"  {hint} of the cell: '
        f"delete it{one_line}"
    ]


def test_only_the_first_refused_character_of_a_cell_is_reported(package):
    package.set("actors", 2, "notes", "\u200bone and \u202etwo")
    [problem] = package.validate()
    assert (problem.rule, problem.value) == ("text-character", "U+200B ZERO WIDTH SPACE")


def test_a_field_marked_multiline_holds_line_feeds_and_tabs(package):
    for table, column in (("events", "summary"), ("events", "notes"), ("actors", "notes")):
        package.set(table, 2, column, "First line.\n\tSecond, indented.")
    assert package.report() == []
