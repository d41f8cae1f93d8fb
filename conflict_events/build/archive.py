"""Checksums and the release zip, byte-identical for the same inputs."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import datetime
from pathlib import Path

CHECKSUMS = "SHA256SUMS"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_files(folder: Path) -> list[str]:
    """Every file of a release folder, as sorted relative POSIX paths, zips excluded."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".zip"
    )


def write_checksums(folder: Path, known: dict[str, str]) -> Path:
    """SHA256SUMS in the format `sha256sum -c` reads. `known`: the hashes ("sha256:...")
    already recorded for files, by relative path; only the other files are read."""
    lines = [
        f"{_known(known, name) or sha256(folder / name)}  {name}\n"
        for name in release_files(folder)
        if name != CHECKSUMS
    ]
    target = folder / CHECKSUMS
    target.write_text("".join(lines), encoding="utf-8")
    return target


def _known(known: dict[str, str], name: str) -> str | None:
    recorded = known.get(name)
    return recorded.removeprefix("sha256:") if recorded else None


def write_zip(folder: Path, target: Path, when: datetime) -> Path:
    """Zip the release: entries sorted, one timestamp, fixed permissions and compression."""
    stamp = max(_ZIP_EPOCH, when.timetuple()[:6])
    with zipfile.ZipFile(target, "w") as archive:
        for name in release_files(folder):
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Parquet is compressed already: deflating it again costs time and saves nothing.
            stored = name.endswith(".parquet")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            archive.writestr(info, (folder / name).read_bytes(), compresslevel=6)
    return target
