"""Verify a release folder whole once, then on every load check only the files loads read.

The first load of a folder runs `verify_release`: every file against the descriptor and
SHA256SUMS. What was verified is then kept in a small marker in the cache,
`<cache>/verified/<hash of the folder's path>.json`, so the check is made once per release,
not once per process. The marker holds, for the descriptor, SHA256SUMS and every table's
Parquet file and schema file, a stamp (size, mtime, ctime and inode), and the tables'
Parquet resources, so a load need not parse the descriptor again.

A later load, in any process, stats those files only:

- the descriptor, SHA256SUMS or a table's schema file not the very file verified (another
  stamp: a release rebuilt, re-extracted or edited in place): the folder is verified whole
  again;
- a Parquet file with another stamp: it is hashed again; with its verified SHA-256 it is
  kept (its new stamp recorded), with another the release is damaged and nothing is loaded.

ctime and inode cannot be set back as mtime can, so a file rewritten with its size and mtime
restored is still caught. A stamp whose mtime is within two seconds of the hash is not
trusted (a change in the same clock tick could leave it as it was): that file is hashed
again on the next load, as git treats "racily clean" files.

Not seen by later loads: changes to files no load reads (partitions, the README, the zips)
and files added beside them, until the descriptor or SHA256SUMS changes or the cache is
cleared. `conflict-events verify` checks every byte whenever asked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from conflict_events import atomic
from conflict_events.loader.read import LoadError, Release
from conflict_events.metadata import DESCRIPTOR_NAME
from conflict_events.releases.archive import CHECKSUMS, sha256
from conflict_events.releases.verify import LEGACY_PARQUET_SUFFIX, verify_release

_FORMAT = 2  # of the marker: a marker of another format is ignored and written anew
# The files that say which release a folder holds and how its tables read (with the tables'
# schema files): any change to one and the release is verified whole again.
_ANCHORS = (DESCRIPTOR_NAME, CHECKSUMS)
_RACY_NS = 2_000_000_000  # coarse file-system clocks (FAT: 2 s) may not show a later change

Stamp = list[int]


def checked(folder: Path, shown: str, markers: Path) -> Release:
    """The release in `folder`, verified whole unless a marker in `markers` says it was."""
    known = remembered(folder, shown, markers)
    if known is not None:
        return known
    record = _verify_whole(folder, shown)
    _write_marker(_marker_path(markers, folder), record)
    return _release(folder, record)


def remembered(folder: Path, shown: str, markers: Path) -> Release | None:
    """The release as verified before, its Parquet files checked; None when it was never
    verified whole or its descriptor or SHA256SUMS is not the file verified."""
    marker = _marker_path(markers, folder)
    record = _read_marker(marker, folder)
    if record is None or any(
        stamp is None or _stamp(folder / name) != stamp for name, stamp in record["anchors"].items()
    ):
        return None
    stamps = _table_stamps(folder, shown, record)
    if stamps != record["stamps"]:
        record["stamps"] = stamps
        _write_marker(marker, record)
    return _release(folder, record)


def _stamp(path: Path) -> Stamp | None:
    """Size, mtime, ctime and inode of a file; None when there is none."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _trusted(before: Stamp | None, after: Stamp | None, started: int) -> Stamp | None:
    """The stamp to record for bytes hashed between `before` and `after`, or None (hash them
    again next time) if the file changed meanwhile or its mtime is too recent to tell."""
    if before is None or before != after or before[1] >= started - _RACY_NS:
        return None
    return before


def _damaged(shown: str, problem: str) -> LoadError:
    return LoadError(f"{shown} is damaged ({problem}); nothing was loaded")


def _table_stamps(folder: Path, shown: str, record: dict[str, Any]) -> dict[str, Stamp | None]:
    """Every table file's stamp, hashing again each one whose stamp changed."""
    stamps = {}
    for name, resource in record["tables"].items():
        recorded = record["stamps"].get(name)
        if recorded is not None and _stamp(folder / resource["path"]) == recorded:
            stamps[name] = recorded
        else:
            stamps[name] = _hashed_again(folder, resource, shown)
    return stamps


def _hashed_again(folder: Path, resource: dict[str, Any], shown: str) -> Stamp | None:
    """The file's new stamp if its bytes are still those verified; damaged if not."""
    path = resource["path"]
    started = time.time_ns()
    before = _stamp(folder / path)
    if before is None:
        raise _damaged(shown, f"{path}: missing")
    if sha256(folder / path) != resource["hash"].removeprefix("sha256:"):
        raise _damaged(shown, f"{path}: SHA-256 differs from the one verified")
    return _trusted(before, _stamp(folder / path), started)


def _contents(folder: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    """The release's version and each table's Parquet resource, by table name; nothing if
    the descriptor is unreadable (verify_release then says why). A 0.1.0 release named them
    `<table>-parquet` and listed each partition file as a resource of its own."""
    try:
        descriptor = json.loads((folder / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
        tables = {
            r["name"].removesuffix(LEGACY_PARQUET_SUFFIX): r
            for r in descriptor["resources"]
            if r.get("format") == "parquet"
            and "x-partition" not in r
            and isinstance(r["path"], str)
        }
        return str(descriptor["version"]), tables
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "", {}


def _verify_whole(folder: Path, shown: str) -> dict[str, Any]:
    """Verify every file of the release; the marker's record of what was verified.

    Stamps are taken before and after the hashing, so a file changed meanwhile is not
    recorded as verified; the descriptor and SHA256SUMS must not change at all, so what was
    read from the descriptor before the hashing is what was verified."""
    started = time.time_ns()
    anchors = {name: _stamp(folder / name) for name in _ANCHORS}
    version, tables = _contents(folder)
    if not tables and (folder / DESCRIPTOR_NAME).is_file():
        raise LoadError(
            f"{shown} holds no Parquet tables: it is not a release's main form (its CSV "
            "form, say); load the release's main zip, conflict-events-<version>.zip"
        )
    schemas = {r["schema"] for r in tables.values() if isinstance(r.get("schema"), str)}
    anchors |= {name: _stamp(folder / name) for name in sorted(schemas)}
    before = {name: _stamp(folder / r["path"]) for name, r in tables.items()}
    problems = verify_release(folder, downloads=False)
    if problems:
        raise _damaged(shown, problems[0])
    if any(_stamp(folder / name) != stamp for name, stamp in anchors.items()):
        raise LoadError(f"{shown} changed while it was being checked; load it again")
    return {
        "format": _FORMAT,
        "folder": str(folder.resolve()),
        "version": version,
        "anchors": {name: _trusted(s, s, started) for name, s in anchors.items()},
        "tables": tables,
        "stamps": {
            name: _trusted(before[name], _stamp(folder / r["path"]), started)
            for name, r in tables.items()
        },
    }


def _release(folder: Path, record: dict[str, Any]) -> Release:
    return Release(folder=folder, version=record["version"], tables=record["tables"])


def _marker_path(markers: Path, folder: Path) -> Path:
    key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return markers / f"{key}.json"


def _read_marker(path: Path, folder: Path) -> dict[str, Any] | None:
    """The record of an earlier verification of this very folder, if any."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    mine = isinstance(record, dict) and record.get("format") == _FORMAT
    return record if mine and record.get("folder") == str(folder.resolve()) else None


def _write_marker(path: Path, record: dict[str, Any]) -> None:
    """Whole or not at all (a concurrent load reads the old marker or the new one); a cache
    that cannot be written only means the next process verifies the release again."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_file(path, json.dumps(record))
