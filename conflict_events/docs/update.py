"""`conflict-events docs`: write the codebook, or check that the one on disk is current."""

from __future__ import annotations

import os
from pathlib import Path

from conflict_events import atomic
from conflict_events.docs.codebook import CodebookError, codebook
from conflict_events.metadata import PackageError, default_descriptor, load_package
from conflict_events.text import relative


class PageStale(Exception):
    """A generated page on disk is missing or not what its command would write (--check)."""


def write_page(target: Path, text: str, check: bool, command: str) -> str:
    """Write a generated page and say so; with `check`, write nothing and say it is up to
    date, or raise PageStale naming `command`. OSError when it cannot be written."""
    if check:
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            state = "is missing" if current is None else "is out of date"
            raise PageStale(f"{relative(target)} {state}: run {command}")
        return f"{relative(target)}: up to date"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_file(target, text)
    return f"wrote {relative(target)}"


def update_codebook(datapackage: Path | None, out: Path | None, check: bool = False) -> str:
    """Write the codebook of `datapackage` to `out` (default docs/codebook.md beside it)
    and say so; with `check`, write nothing and say it is up to date, or raise
    PageStale. CodebookError when the package or CONTRIBUTING.md cannot be read or
    the file cannot be written."""
    try:
        package = load_package(datapackage or default_descriptor())
    except PackageError as exc:
        raise CodebookError(str(exc)) from None
    guide_file = package.basepath / "CONTRIBUTING.md"
    try:
        guide = guide_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(
            f"cannot read {guide_file} ({exc}); the codebook is written in a checkout"
        ) from None
    target = out or package.basepath / "docs" / "codebook.md"
    root = Path(os.path.relpath(package.basepath, target.resolve().parent)).as_posix()
    text = codebook(package, guide, root)
    try:
        return write_page(target, text, check, "conflict-events docs")
    except OSError as exc:
        raise CodebookError(f"cannot write {target}: {exc.strerror or exc}") from None
