"""The data package as it was at a git revision, for `validate --changed-since REF`."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conflict_events.metadata import DESCRIPTOR_NAME, PackageError


class RevisionError(PackageError):
    """No such revision, or no git repository to find it in."""


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RevisionError(f"git could not run in {folder}: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise PackageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def repository_prefix(folder: Path) -> str:
    """The folder's path inside its git repository ('' at its top, or outside one), so
    reports name files as the repository does."""
    try:
        return _git(folder, "rev-parse", "--show-prefix").decode().strip()
    except PackageError:
        return ""


@contextmanager
def package_at(ref: str, descriptor: Path) -> Iterator[Path]:
    """The descriptor of the package folder's contents at `ref`, exported into a temporary
    folder (the work tree is never touched)."""
    folder = Path(descriptor).resolve()
    folder = folder if folder.is_dir() else folder.parent
    try:
        prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip()
    except PackageError as exc:
        raise RevisionError(f"{folder} is not in a git work tree ({exc})") from None
    try:
        commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except PackageError:
        raise RevisionError(
            f"{ref!r} is not a commit of this repository (fetch it first, e.g. "
            "git fetch origin main)"
        ) from None
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    try:
        archive = _git(top, "archive", "--format=tar", f"{commit.decode().strip()}:{prefix}")
    except PackageError:
        raise PackageError(f"{ref} has no folder {prefix or '/'}") from None
    with tempfile.TemporaryDirectory(prefix="conflict-events-ref-") as target:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")  # refuses members that leave the folder
        except tarfile.TarError as exc:
            raise PackageError(f"the package at {ref} cannot be unpacked: {exc}") from exc
        exported = Path(target) / DESCRIPTOR_NAME
        if not exported.is_file():
            raise PackageError(f"{ref} has no {DESCRIPTOR_NAME} in {prefix or 'the top folder'}")
        yield exported
