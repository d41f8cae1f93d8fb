"""Every byte a reader of a published file gets, to show that a text is not in it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def _readable(name: str, blob: bytes) -> Iterator[bytes]:
    yield blob
    if name.endswith(".zip") or name.endswith(".whl"):
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            for member in archive.namelist():
                yield from _readable(member, archive.read(member))
    elif name.endswith(".parquet"):  # compressed pages: the cells, decoded
        table = pq.read_table(io.BytesIO(blob))
        for column in table.columns:
            if pa.types.is_dictionary(column.type):
                column = column.cast(column.type.value_type)
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                yield "\n".join(v for v in column.to_pylist() if v is not None).encode("utf-8")


def everything_in(path: Path) -> Iterator[bytes]:
    """A file's bytes, or every file's under a folder, with the members of each zip (and of
    the zips in it) and the text cells of each Parquet file."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        yield from _readable(file.name, file.read_bytes())
