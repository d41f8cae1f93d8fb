"""A release's records of its files and its zips, byte-identical for the same inputs.

- `SHA256SUMS`: every file of the package, in the format `sha256sum -c` reads.
- `MANIFEST.csv`: every file's size and SHA-256 (path, bytes, sha256), so a zip can be
  checked member by member before anything is unpacked.
- `conflict-events-<version>.sha256`: the SHA-256 of each zip of the release, recorded
  outside the zips themselves.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

CHECKSUMS = "SHA256SUMS"
MANIFEST = "MANIFEST.csv"
_MANIFEST_HEADER = ["path", "bytes", "sha256"]
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_DOWNLOADS = (".zip", ".sha256")  # a release folder's downloads, beside the package files


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_stem(version: str, all_texts: bool = False) -> str:
    """What every download of a release is named after. An internal release, which carries
    texts that may not be published, says so in each name, so its zips are not taken for a
    public release's."""
    return f"conflict-events-{version}" + ("-internal" if all_texts else "")


def stem_of(descriptor: dict) -> str:
    """The stem of the release a descriptor describes."""
    texts = descriptor.get("x-build", {}).get("texts")
    return release_stem(str(descriptor.get("version", "")), texts == "all")


def main_zip(stem: str) -> str:
    return f"{stem}.zip"


def csv_zip(stem: str) -> str:
    return f"{stem}-csv.zip"


def sqlite_zip(stem: str) -> str:
    return f"{stem}-sqlite.zip"


def downloads_record(stem: str) -> str:
    """The file recording the SHA-256 of each zip of the release."""
    return f"{stem}.sha256"


def package_files(folder: Path) -> list[str]:
    """Every file of the package in a release folder, as sorted relative POSIX paths: all
    but the downloads at its top (the zips and their record)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not (p.parent == folder and p.suffix in _DOWNLOADS)
    )


def write_records(folder: Path, known: dict[str, str]) -> None:
    """MANIFEST.csv, then SHA256SUMS, of every package file. `known`: hashes already
    recorded ("sha256:..."), by relative path; only the other files are read."""
    facts = {}
    for name in package_files(folder):
        if name in (CHECKSUMS, MANIFEST):
            continue
        digest = known[name].removeprefix("sha256:") if name in known else sha256(folder / name)
        facts[name] = ((folder / name).stat().st_size, digest)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_MANIFEST_HEADER)
    writer.writerows([name, size, digest] for name, (size, digest) in facts.items())
    (folder / MANIFEST).write_text(buffer.getvalue(), encoding="utf-8")
    facts[MANIFEST] = (0, sha256(folder / MANIFEST))
    write_sums(folder / CHECKSUMS, {name: digest for name, (_, digest) in sorted(facts.items())})


def write_sums(target: Path, digests: dict[str, str]) -> None:
    lines = "".join(f"{digest}  {name}\n" for name, digest in digests.items())
    target.write_text(lines, encoding="utf-8")


def read_sums(text: str) -> dict[str, str]:
    """path -> SHA-256 from a `sha256sum` file; lines it cannot read are left out."""
    return dict(reversed(line.split("  ", 1)) for line in text.splitlines() if "  " in line)


def read_manifest(text: str) -> dict[str, tuple[int, str]]:
    """path -> (bytes, SHA-256) from MANIFEST.csv; ValueError if it is not one."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != _MANIFEST_HEADER:
        raise ValueError(f"{MANIFEST} does not start with {','.join(_MANIFEST_HEADER)}")
    return {path: (int(size), digest) for path, size, digest in rows[1:]}


def write_zip(folder: Path, names: list[str], target: Path, when: datetime) -> Path:
    """Zip `names` (relative to `folder`): entries sorted, one timestamp, fixed permissions
    and compression, each file streamed rather than read whole. (repro-zipfile does the
    same for SOURCE_DATE_EPOCH only; the time here is the build's, from the commit.)"""
    stamp = max(_ZIP_EPOCH, when.timetuple()[:6])
    with zipfile.ZipFile(target, "w", compresslevel=6) as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Parquet's pages are compressed already, but its footer (the Table Schema and
            # the Arrow schema in its metadata) is text: deflating every member halved the
            # main zip of 20,000 events partitioned by year, in 0.2 s.
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            info.file_size = (folder / name).stat().st_size  # sets Zip64 up front when needed
            with (folder / name).open("rb") as source, archive.open(info, "w") as entry:
                shutil.copyfileobj(source, entry, 1 << 20)
    return target
