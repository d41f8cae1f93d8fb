"""Where a build comes from: the git commit and a build time that never reads the clock."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from conflict_events.build.errors import BuildSetupError


def git(folder: Path, *args: str) -> str | None:
    """A git command's output in `folder`; None outside a work tree or when it fails."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def git_commit(folder: Path) -> str | None:
    """The commit checked out where the data live, if they live in a git work tree."""
    return git(folder, "rev-parse", "HEAD")


def uncommitted_changes(folder: Path, paths: list[str]) -> bool:
    """Whether the data files differ from the commit, which the descriptor then says."""
    status = git(folder, "status", "--porcelain", "--", *paths)
    return bool(status)


def build_time(folder: Path, fallback: str) -> datetime:
    """SOURCE_DATE_EPOCH if set, else the commit's time, else the descriptor's `created`.

    Never the wall clock: two builds of the same commit must be byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or git(folder, "log", "-1", "--format=%ct")
    if epoch:
        if not epoch.isdigit():
            raise BuildSetupError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
            )
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.fromisoformat(fallback.replace("Z", "+00:00")).astimezone(UTC)
