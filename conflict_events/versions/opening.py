"""Open a data package given as a descriptor, a release folder or a release zip.

A release zip is unpacked member by member against the release's own records, never with
`extractall`: only the files SHA256SUMS lists are written, each only after its size in the
zip's directory was found equal to the one MANIFEST.csv records (so together they are the
release's recorded size, never more) and its compression ratio one that a release's files
can have, and each is hashed as it is written. Every size is checked before the first byte
is written, and the caller removes whatever a refusal leaves.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from conflict_events.metadata import DESCRIPTOR_NAME, PackageError, path_inside
from conflict_events.releases.archive import CHECKSUMS, MANIFEST, read_manifest, read_sums

# The two records are read before anything else is written: a release's are kilobytes.
_RECORD_LIMIT = 64 * 1024 * 1024
_BLOCK = 1 << 20
# Against a zip whose records were forged to match a bomb: no member of a release unpacks
# to more than this many times its compressed size (Parquet barely deflates, text ten
# times or so), nor above the floor unless it is compressed at least that much.
_RATIO, _RATIO_FLOOR = 200, 16 * 1024 * 1024


def _refused(archive: Path, why: str) -> PackageError:
    return PackageError(f"{archive}: {why}; nothing was unpacked")


def _record(
    archive: Path, z: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str
) -> str:
    info = members.get(name)
    if info is None:
        raise _refused(
            archive,
            f"the zip holds no {name} (a release made before 0.2.0 records no sizes: "
            "unzip it and name the folder instead)",
        )
    if info.file_size > _RECORD_LIMIT:
        raise _refused(archive, f"its {name} claims {info.file_size} bytes")
    return z.read(info).decode("utf-8")


class _Records(NamedTuple):
    members: dict[str, zipfile.ZipInfo]
    sums: dict[str, str]  # SHA256SUMS: the members to unpack and their SHA-256
    sizes: dict[str, tuple[int, str]]  # MANIFEST.csv
    sums_text: str


def _listed(archive: Path, z: zipfile.ZipFile, target: Path) -> _Records:
    """The release's records, after checking each listed member's size in the zip against
    its recorded size and their total against the release's recorded size."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in z.infolist():
        if info.filename in members:
            raise _refused(archive, f"member {info.filename!r} appears twice")
        members[info.filename] = info
    try:
        sums_text = _record(archive, z, members, CHECKSUMS)
        sums, sizes = read_sums(sums_text), read_manifest(_record(archive, z, members, MANIFEST))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refused(archive, f"its records cannot be read ({exc})") from exc
    for name in sums:
        if path_inside(target, name) is None or name.startswith("/") or name.endswith("/"):
            raise _refused(archive, f"member {name!r} would land outside the folder")
    for name in sums:
        if name == MANIFEST:
            continue
        if name not in members:
            raise _refused(archive, f"{name} is listed in {CHECKSUMS} but not in the zip")
        if name not in sizes:
            raise _refused(archive, f"{name} is listed in {CHECKSUMS} but not in {MANIFEST}")
        if members[name].file_size != sizes[name][0]:
            raise _refused(
                archive,
                f"member {name} is {members[name].file_size} bytes, the release records "
                f"{sizes[name][0]}",
            )
        if members[name].file_size > max(_RATIO_FLOOR, _RATIO * members[name].compress_size):
            raise _refused(
                archive,
                f"member {name} would unpack {members[name].compress_size} bytes into "
                f"{members[name].file_size}, more than any release's file",
            )
    return _Records(members, sums, sizes, sums_text)


def _unpack(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, size: int, digest: str, archive: Path
) -> None:
    """One member, written block by block; never more bytes than recorded."""
    target.parent.mkdir(parents=True, exist_ok=True)
    hashed, written = hashlib.sha256(), 0
    with z.open(info) as source, target.open("xb") as out:
        while block := source.read(_BLOCK):
            written += len(block)
            if written > size:
                raise _refused(
                    archive, f"member {info.filename} holds more than the {size} bytes recorded"
                )
            hashed.update(block)
            out.write(block)
    if hashed.hexdigest() != digest:
        raise _refused(archive, f"member {info.filename} does not have its recorded SHA-256")


def extract_zip(archive: Path, target: Path) -> None:
    """Unpack a release zip's listed members into `target` (see the module's docstring)."""
    try:
        with zipfile.ZipFile(archive) as z:
            members, sums, sizes, sums_text = _listed(archive, z, target)
            for name in sorted(sums):
                size = members[name].file_size if name == MANIFEST else sizes[name][0]
                _unpack(z, members[name], target / name, size, sums[name], archive)
            (target / CHECKSUMS).write_text(sums_text, encoding="utf-8")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise PackageError(f"{archive}: not a readable zip ({exc})") from exc
    except OSError as exc:  # a member written twice under one name, a full disk
        raise PackageError(f"{archive}: cannot be unpacked ({exc})") from exc


@contextmanager
def opened(path: str | Path) -> Iterator[Path]:
    """The descriptor of the package at `path`, unpacked into a temporary folder if zipped."""
    path = Path(path)
    if path.suffix == ".zip":
        with tempfile.TemporaryDirectory(prefix="conflict-events-") as folder:
            extract_zip(path, Path(folder))
            if not (Path(folder) / DESCRIPTOR_NAME).is_file():
                raise PackageError(f"{path}: the zip holds no {DESCRIPTOR_NAME}")
            yield Path(folder) / DESCRIPTOR_NAME
    else:
        yield path / DESCRIPTOR_NAME if path.is_dir() else path
