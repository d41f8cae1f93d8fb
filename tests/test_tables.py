"""Reading CSV tables as text and parsing them into their schema types."""

import pandas as pd
import pytest

from conflict_events.metadata import Field, TableSchema
from conflict_events.tables import parse_column, read_plain, read_raw, row_number


def column(values):
    return pd.Series(values, dtype="str")


def test_dates_parse_per_cell():
    parsed = parse_column(
        column(["2020-01-28", "2020-13-01", None, "28/01/2020"]),
        Field({"name": "d", "type": "date"}),
    )
    assert parsed.iloc[0] == pd.Timestamp("2020-01-28")
    assert parsed.iloc[1:].isna().all()
    assert str(parsed.dtype).startswith("datetime64")


def test_integers_stay_integers_and_missing_stays_missing():
    parsed = parse_column(column(["3", None, "2.5", "-1"]), Field({"name": "n", "type": "integer"}))
    assert str(parsed.dtype) == "Int64"
    assert parsed.tolist()[0] == 3 and parsed.tolist()[3] == -1
    assert parsed.isna().tolist() == [False, True, True, False]


def test_booleans_follow_table_schema_defaults():
    parsed = parse_column(
        column(["true", "FALSE", "1", "yes"]), Field({"name": "b", "type": "boolean"})
    )
    assert parsed.tolist()[:3] == [True, False, True]
    assert pd.isna(parsed.iloc[3])


def test_lists_split_on_the_delimiter():
    parsed = parse_column(
        column(["a;b", None]), Field({"name": "l", "type": "list", "delimiter": ";"})
    )
    assert parsed.iloc[0] == ["a", "b"]


def test_blank_lines_keep_row_numbers(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,x\n\n2,y\n", encoding="utf-8")
    schema = TableSchema(
        {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "string"}]}
    )
    raw = read_raw(path, schema)
    assert [row_number(i) for i in raw.index] == [2, 4]
    assert raw["b"].tolist() == ["x", "y"]


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        (b"a,b\n1,2\n", True),
        (b'a,b\n"two\nlines",2\n', True),
        (b"a,b\n", True),
        (b"\xef\xbb\xbfa,b\n1,2\n", False),  # byte-order mark
        (b"a,b\n1,2\n\n3,4\n", False),  # blank line
        (b"a,b\n1,2\n,\n", False),  # a row of empty cells
        (b"a,b\n1\n", False),  # short row
        (b"a,b\n1,2,3\n", False),  # long row
        (b"b,a\n1,2\n", False),  # header not the schema's
        (b"a,b\n\xff,2\n", False),  # not UTF-8
    ],
)
def test_only_plainly_well_formed_files_are_read_by_pyarrow(tmp_path, text, clean):
    """These skip the structure layer's row scan; what pyarrow reads, pandas reads the same."""
    file = tmp_path / "t.csv"
    file.write_bytes(text)
    schema = TableSchema({"fields": [{"name": "a"}, {"name": "b"}]})
    plain = read_plain(file, schema)
    assert (plain is not None) is clean
    if clean:
        pd.testing.assert_frame_equal(plain, read_raw(file, schema))
