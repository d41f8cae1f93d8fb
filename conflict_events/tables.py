"""Read a table's CSV file and turn its text cells into typed columns, as its schema says.

Reading keeps every cell as text first, so a bad cell can be reported on its own row;
parsing then gives each column its type, with unparseable cells left missing. Row labels
are kept: the frame's index + 2 is the row number a spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import csv
import functools
import io
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pacsv

from conflict_events import atomic
from conflict_events.metadata import Field, TableSchema
from conflict_events.metadata.types import TYPES

HEADER_ROWS = 1


def row_number(index_label: int) -> int:
    """Spreadsheet row number of a data row: the header is row 1."""
    return int(index_label) + HEADER_ROWS + 1


ROW = "_row"  # the column the engine's tables carry: each row's number in its file


def _csv_options(schema: TableSchema, invalid: list) -> dict:
    names = schema.field_names
    return dict(
        parse_options=pacsv.ParseOptions(
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=lambda row: invalid.append(row) or "skip",
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            null_values=schema.missing_values,
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )


class Plainness:
    """Whether the whole stream turned out plainly well formed: known once it is read."""

    plain = True


def plainly_framed(path: Path, schema: TableSchema) -> bool:
    """Whether the file may be read by a fast parallel reader: UTF-8 without a byte-order
    mark, its first record exactly the schema's field names, and no empty line, which such
    readers pass over without counting it (a row's number would then be wrong), and no NUL
    byte (DuckDB's reader is told to take a cell of one NUL as missing, so that it takes
    no other cell so). Cells are still checked by the reader."""
    try:
        with path.open("rb") as f:
            head = f.readline()
            if head.startswith(b"\xef\xbb\xbf") or not head.endswith(b"\n"):
                return False
            if next(csv.reader([head.decode("utf-8")]), None) != schema.field_names:
                return False
            previous = b"\n"
            while chunk := f.read(16 << 20):
                if (
                    b"\x00" in chunk
                    or b"\n\n" in chunk
                    or b"\n\r\n" in chunk
                    or (previous + chunk[:2]).startswith((b"\n\n", b"\n\r\n"))
                ):
                    return False
                previous = chunk[-1:]
        return True
    except (OSError, UnicodeDecodeError, csv.Error):
        return False


def plain_batches(path: Path, schema: TableSchema) -> tuple[pa.RecordBatchReader, Plainness] | None:
    """The file's cells as text, in Arrow batches of bounded size, each row with its
    spreadsheet number in `_row`, if the file starts plainly well formed: UTF-8 without a
    byte-order mark, the header exactly the schema's field names. None otherwise.

    A row with too few or too many cells, a blank row or bad bytes found further down end
    the stream early and leave `plain` False: the reader then falls back to read_raw.
    """
    verdict = Plainness()
    invalid: list = []
    try:
        with path.open("rb") as f:
            if f.read(3) == b"\xef\xbb\xbf":
                return None
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=8 << 20),
            **_csv_options(schema, invalid),
        )
        if reader.schema.names != schema.field_names:
            return None
    except (ValueError, OSError):  # Arrow's parse errors, undecodable bytes
        return None
    numbered = reader.schema.append(pa.field(ROW, pa.int64()))

    def batches():
        first = HEADER_ROWS + 1
        try:
            for batch in reader:
                if invalid or (
                    batch.num_rows
                    and pc.any(
                        functools.reduce(pc.and_, (pc.is_null(c) for c in batch.columns))
                    ).as_py()
                ):
                    verdict.plain = False
                    return
                rows = pa.array(range(first, first + batch.num_rows), pa.int64())
                first += batch.num_rows
                yield pa.RecordBatch.from_arrays([*batch.columns, rows], schema=numbered)
        except (ValueError, OSError):  # a parse error or bad bytes further down
            verdict.plain = False
        verdict.plain = verdict.plain and not invalid

    return pa.RecordBatchReader.from_batches(numbered, batches()), verdict


def raw_batches(frame: pd.DataFrame, schema: TableSchema) -> pa.RecordBatchReader:
    """A frame read by read_raw as the engine takes it: text cells and `_row`."""
    arrays = [
        pa.array(frame[n].astype(object).where(frame[n].notna(), None), pa.string())
        for n in schema.field_names
    ]
    arrays.append(pa.array([row_number(i) for i in frame.index], pa.int64()))
    table = pa.Table.from_arrays(arrays, names=[*schema.field_names, ROW])
    return table.to_reader()


def read_plain(path: Path, schema: TableSchema) -> pd.DataFrame | None:
    """All cells as text, read by pyarrow, if the file is plainly well formed (see
    plain_batches); None for any other file, which read_raw reads and the structure layer
    scans row by row. About 4x faster than pandas' reader at 1M rows.
    """
    read = plain_batches(path, schema)
    if read is None:
        return None
    table = read[0].read_all()
    return table.drop_columns([ROW]).to_pandas() if read[1].plain else None


def read_raw(path: Path, schema: TableSchema) -> pd.DataFrame:
    """All cells as text (missing values as NA); blank rows dropped, row labels kept.

    A row with more cells than the header is cut to the header's width rather than
    dropped, so later rows keep their numbers; the structure layer reports the extra cells.
    """
    skipped = _leading_blank_lines(path)
    options = dict(
        dtype=str,
        index_col=False,
        skiprows=skipped,
        keep_default_na=False,
        na_values=schema.missing_values,
        skip_blank_lines=False,
        encoding="utf-8",
    )
    try:
        with warnings.catch_warnings():  # extra cells on every row: cut, and reported by layer 1
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            frame = pd.read_csv(path, **options)
    except pd.errors.ParserError:
        header = pd.read_csv(path, nrows=0, **options).columns
        frame = pd.read_csv(
            path,
            engine="python",
            on_bad_lines=lambda cells: cells[: len(header)],
            **options,
        )
    frame.index += skipped
    return frame.dropna(how="all")


def _leading_blank_lines(path: Path) -> int:
    """Blank lines before the header, which CSV readers (frictionless too) pass over."""
    count = 0
    with path.open(encoding="utf-8", newline="") as f:
        for line in f:
            if line.strip():
                break
            count += 1
    return count


def parse_column(raw: pd.Series, field: Field) -> pd.Series:
    """The column in its schema type; cells that do not parse become missing."""
    text = raw.astype("string")
    if field.type == "integer":
        return _numbers(text, TYPES["integer"].cell, pa.int64(), pd.Int64Dtype())
    if field.type == "number":
        numbers = _numbers(text, TYPES["number"].cell, pa.float64(), pd.Float64Dtype())
        return numbers.where(numbers.abs() != float("inf"))
    if field.type == "date":
        written = text.str.fullmatch(TYPES["date"].cell) & ~text.str.startswith("0000")
        ok = written.fillna(False).astype(bool)
        return pd.to_datetime(text.where(ok), format="%Y-%m-%d", errors="coerce")
    if field.type == "boolean":
        mapping = {v: True for v in field.true_values} | {v: False for v in field.false_values}
        return text.map(mapping).astype("boolean")
    if field.type == "list":
        return text.str.split(field.delimiter)
    return text


def _numbers(
    text: pd.Series, pattern: str, kind: pa.DataType, dtype: pd.api.extensions.ExtensionDtype
) -> pd.Series:
    """The cells that match `pattern` whole, converted by Arrow (pandas' to_numeric took
    3.5 s on the numbers of 1M events); any other cell is missing."""
    cells = pa.array(text, from_pandas=True)
    whole = pc.match_substring_regex(cells, f"^(?:{pattern})$")
    kept = pc.if_else(whole, pc.replace_substring_regex(cells, r"^\+", ""), None)
    return pd.Series(dtype.__from_arrow__(pc.cast(kept, kind)), index=text.index)


def parse_table(raw: pd.DataFrame, schema: TableSchema, lists: bool = True) -> pd.DataFrame:
    """Typed copy of the columns the schema knows; row labels unchanged. `lists=False`
    keeps list fields as their delimited text, for writers that store them so anyway
    (splitting 1M cells into Python lists takes seconds)."""
    typed = {
        f.name: parse_column(raw[f.name], f) if lists or f.type != "list" else raw[f.name]
        for f in schema.fields
        if f.name in raw
    }
    return pd.DataFrame(typed, index=raw.index)


def csv_text(rows: list[list[str]], carriage_returns: bool = True) -> str:
    """Rows as UTF-8 CSV text with LF line ends, quoting only where needed.

    Python's csv module leaves a cell with a lone carriage return unquoted when lines end
    in LF, and readers would split the row there: such rows are written fully quoted.
    `carriage_returns=False` says no cell has one, which skips looking for them row by row.
    """
    buffer = io.StringIO()
    minimal = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    if not carriage_returns:
        minimal.writerows(rows)
        return buffer.getvalue()
    for row in rows:
        (quoted if any("\r" in cell for cell in row) else minimal).writerow(row)
    return buffer.getvalue()


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """A frame of text cells as a CSV file, header first; missing cells are empty."""
    text = frame.astype("string")
    returns = any(text[c].str.contains("\r", regex=False).any() for c in text)
    cells = text.astype(object).where(text.notna(), "").to_numpy().tolist()
    header = list(map(str, frame.columns))
    path.write_text(csv_text([header, *cells], returns), encoding="utf-8", newline="")


def append_rows(path: Path, rows: list[list[str]]) -> None:
    """Add rows at the end of a CSV file, all at once: the file is replaced whole, never left
    half-written."""
    existing = path.read_bytes()
    if existing and not existing.endswith(b"\n"):
        existing += b"\n"
    atomic.write_file(path, existing + csv_text(rows).encode("utf-8"))
