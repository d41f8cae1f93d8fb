"""Open a data package given as a descriptor, a release folder or a release zip."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conflict_events.metadata import DESCRIPTOR_NAME, PackageError, path_inside


def extract_zip(archive: Path, target: Path) -> None:
    """Unpack a release zip, refusing any member that would land outside `target`."""
    try:
        with zipfile.ZipFile(archive) as z:
            for member in z.infolist():
                if path_inside(target, member.filename) is None or member.filename.startswith("/"):
                    raise PackageError(
                        f"{archive}: member {member.filename!r} would land outside the folder"
                    )
            z.extractall(target)
    except zipfile.BadZipFile as exc:
        raise PackageError(f"{archive}: not a readable zip ({exc})") from exc


@contextmanager
def opened(path: str | Path) -> Iterator[Path]:
    """The descriptor of the package at `path`, unpacked into a temporary folder if zipped."""
    path = Path(path)
    if path.suffix == ".zip":
        with tempfile.TemporaryDirectory(prefix="conflict-events-") as folder:
            extract_zip(path, Path(folder))
            found = sorted(Path(folder).rglob(DESCRIPTOR_NAME), key=lambda p: len(p.parts))
            if not found:
                raise PackageError(f"{path}: the zip holds no {DESCRIPTOR_NAME}")
            yield found[0]
    elif path.is_dir():
        yield path / DESCRIPTOR_NAME
    else:
        yield path
