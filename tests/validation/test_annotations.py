"""validate --format github: one annotation per problem, on the file's own line and column."""

import subprocess
import sys

CLI = [sys.executable, "-m", "conflict_events", "validate", "--format", "github"]


def col(package, table, line, cell_text):
    """The character column (from 1) where a cell's text starts on a physical line."""
    text = package.csv_path(table).read_text(encoding="utf-8").split("\n")[line - 1]
    return text.index(cell_text) + 1


def annotations(package):
    result = subprocess.run([*CLI, str(package.descriptor)], capture_output=True, text=True)
    assert result.returncode == 1
    return result.stdout.splitlines()


def test_broken_cells_point_at_their_line_and_column(package):
    package.set("events", 3, "event_date", "2020-02-30")
    package.set("locations", 2, "country_iso3", "SYX")
    assert annotations(package) == [
        f"::error file=datasets/locations.csv,line=2,col={col(package, 'locations', 2, 'SYX')},"
        "title=codelist::codelist: "
        "use an ISO 3166-1 alpha-3 country code, e.g. SYR (value: 'SYX')",
        f"::error file=datasets/events.csv,line=3,col={col(package, 'events', 3, '2020-02-30')},"
        "title=type::type: "
        "write a real date as YYYY-MM-DD, e.g. 2020-01-28 (value: '2020-02-30')",
    ]


def test_a_cell_spanning_two_lines_moves_the_next_rows_line(package):
    package.set("events", 2, "notes", "first line\nsecond line")  # row 2 now takes lines 2-3
    package.set("events", 3, "fatalities_best", "-1")
    assert annotations(package) == [
        f"::error file=datasets/events.csv,line=4,col={col(package, 'events', 4, ',-1,') + 1},"
        "title=minimum::minimum: must be at least 0 (value: '-1')"
    ]


def test_file_level_problems_and_escaping(package):
    package.csv_path("retired_ids").write_text("", encoding="utf-8")
    package.set("events", 2, "summary", "=100% sure:\nyes")
    formula = col(package, "events", 2, '"=100')  # the cell starts at its opening quote
    assert annotations(package) == [
        "::error file=datasets/retired_ids.csv,title=source-error::source-error: "
        "check that the file exists, can be read and has at least its header row (value: 'the source is empty')",
        f"::error file=datasets/events.csv,line=2,col={formula},"
        "title=formula-injection::formula-injection: "
        "a spreadsheet would run this cell as a formula: remove the leading =, +, -, @ or tab, "
        "or reword the cell (value: '=100%25 sure:\\nyes')",
    ]


def test_only_line_feeds_end_lines(package):
    package.set("events", 2, "notes", 'a line separator\u2028inside, and "quotes"')
    package.set("events", 3, "fatalities_best", "-1")
    minus = col(package, "events", 3, ",-1,") + 1
    assert annotations(package) == [
        f"::error file=datasets/events.csv,line=3,col={minus},title=minimum::minimum: "
        "must be at least 0 (value: '-1')"
    ]


def test_a_hint_holding_a_hostile_value_is_escaped_and_cut(package):
    # the sub-event-type hint repeats the event type as written: 10,000 characters here
    package.set("events", 2, "event_type", "Battles\u202e" + "\x01" * 10_000)
    lines = [line for line in annotations(package) if "title=sub-event-type" in line]
    [line] = lines
    assert "\u202e" not in line and "\x01" not in line
    assert "\\u202e\\u0001" in line and len(line) < 800
