"""Cut a release: check the bump against what changed, update version and changelog, build."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from conflict_events.build import BuildError, build_release
from conflict_events.metadata import DESCRIPTOR_NAME, load_package
from conflict_events.validation import validate
from conflict_events.versions.diff import PackageDiff, diff_packages
from conflict_events.versions.report import as_markdown
from conflict_events.versions.semver import Bump, bumped

CHANGELOG = "CHANGELOG.md"
_CHANGELOG_HEAD = (
    "# Changelog\n\nEach release of the data package, newest first, with what changed.\n"
)


class ReleaseError(Exception):
    """The release was refused; nothing was changed."""


def _previous_release(out: Path, previous: Path | None) -> Path | None:
    if previous is not None:
        return previous
    return out if (out / DESCRIPTOR_NAME).is_file() else None


def check_bump(diff: PackageDiff, bump: Bump) -> None:
    """Refuse a release that removes IDs unretired, changes nothing, or bumps too little."""
    if diff.violations:
        raise ReleaseError("; ".join(diff.violations))
    if diff.identical:
        raise ReleaseError("nothing changed since the previous release")
    if bump < diff.required_bump:
        why = "; ".join(w for b, w in diff.reasons() if b == diff.required_bump)
        raise ReleaseError(
            f"these changes require at least a {diff.required_bump} bump ({why}), not {bump}"
        )


def set_version(descriptor_path: Path, version: str) -> None:
    """Rewrite only the version line, keeping the descriptor's own formatting."""
    text = descriptor_path.read_text(encoding="utf-8")
    updated, count = re.subn(r'("version"\s*:\s*)"[^"]*"', rf'\g<1>"{version}"', text, count=1)
    if count != 1:
        raise ReleaseError(f"{descriptor_path}: no version to update")
    json.loads(updated)  # still valid JSON
    descriptor_path.write_text(updated, encoding="utf-8")


def changelog_entry(version: str, day: str, diff: PackageDiff | None) -> str:
    if diff is None:
        return f"## {version} ({day})\n\nFirst release.\n"
    body = as_markdown(diff).split("\n", 2)[2]  # the diff without its own heading
    return f"## {version} ({day})\n\n{body}"


def add_to_changelog(path: Path, entry: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else _CHANGELOG_HEAD
    head, _, rest = text.partition("\n## ")
    rest = f"\n## {rest}" if rest else ""
    path.write_text(f"{head.rstrip()}\n\n{entry.rstrip()}\n{rest}", encoding="utf-8")


def cut_release(descriptor: Path, bump: Bump, out: Path, previous: Path | None = None) -> str:
    """Release the package at `descriptor` as the next version; returns that version."""
    descriptor = Path(descriptor)
    problems = validate(descriptor)
    if problems:
        raise BuildError(problems)
    earlier = _previous_release(Path(out), previous)
    diff = diff_packages(earlier, descriptor) if earlier else None
    if diff is not None:
        check_bump(diff, bump)
    base = diff.old_version if diff else load_package(descriptor).descriptor["version"]
    version = bumped(base, bump)
    changelog = descriptor.parent / CHANGELOG
    saved = {p: p.read_bytes() for p in (descriptor, changelog) if p.exists()}
    try:
        set_version(descriptor, version)
        day = datetime.now(tz=UTC).strftime("%Y-%m-%d")
        add_to_changelog(changelog, changelog_entry(version, day, diff))
        build_release(descriptor, out)
    except BaseException:
        for path, content in saved.items():
            path.write_bytes(content)
        if changelog not in saved:
            changelog.unlink(missing_ok=True)
        raise
    return version
