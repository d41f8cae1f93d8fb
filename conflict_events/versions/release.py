"""Cut a release: check the bump against what changed, update version and changelog, build."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from conflict_events.build import BuildError, build_release, provenance
from conflict_events.metadata import DESCRIPTOR_NAME, load_package
from conflict_events.validation import errors, validate
from conflict_events.versions.diff import PackageDiff, diff_packages
from conflict_events.versions.report import as_markdown
from conflict_events.versions.semver import Bump, bumped

CHANGELOG = "CHANGELOG.md"
_CHANGELOG_HEAD = (
    "# Changelog\n\nEach release of the data package, newest first, with what changed.\n"
)


class ReleaseError(Exception):
    """The release was refused; nothing was changed."""


def _previous_release(out: Path, previous: Path | None) -> Path:
    if previous is not None:
        return previous
    if (out / DESCRIPTOR_NAME).is_file():
        return out
    raise ReleaseError(
        f"no previous release at {out}: publish the first one with `conflict-events build`, "
        "or name the previous release with --previous"
    )


def _data_committed(descriptor: Path) -> None:
    """In a git work tree, the data must be committed: the release records that commit."""
    package = load_package(descriptor)
    if provenance.uncommitted_changes(package.basepath, package.data_paths()):
        raise ReleaseError(f"commit the changes to the data in {package.basepath} first")


def _commit_release(folder: Path, files: list[Path], version: str) -> None:
    """Commit the new version and changelog and tag them v<version>, so the build records
    the commit the release can be rebuilt from."""
    names = [str(f.relative_to(folder)) for f in files]
    for args in (
        ["add", "--", *names],
        ["commit", "-q", "-m", f"Release {version}", "--", *names],
        ["tag", f"v{version}"],
    ):
        if provenance.git(folder, *args) is None:
            raise ReleaseError(f"git {args[0]} failed while committing release {version}")


def _undo_commit(folder: Path, version: str) -> None:
    provenance.git(folder, "tag", "-d", f"v{version}")
    provenance.git(folder, "reset", "-q", "--soft", "HEAD~1")


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


def changelog_entry(version: str, day: str, diff: PackageDiff) -> str:
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
    problems = errors(validate(descriptor))
    if problems:
        raise BuildError(problems)
    folder = descriptor.parent
    in_git = provenance.git_commit(folder) is not None
    if in_git:
        _data_committed(descriptor)
    diff = diff_packages(_previous_release(Path(out), previous), descriptor)
    check_bump(diff, bump)
    version = bumped(diff.old_version, bump)
    changelog = folder / CHANGELOG
    saved = {p: p.read_bytes() for p in (descriptor, changelog) if p.exists()}
    committed = False
    try:
        set_version(descriptor, version)
        day = datetime.now(tz=UTC).strftime("%Y-%m-%d")
        add_to_changelog(changelog, changelog_entry(version, day, diff))
        if in_git:
            _commit_release(folder, [descriptor, changelog], version)
            committed = True
        build_release(descriptor, out)
    except BaseException:
        if committed:
            _undo_commit(folder, version)
        for path, content in saved.items():
            path.write_bytes(content)
        if changelog not in saved:
            changelog.unlink(missing_ok=True)
        if in_git:
            provenance.git(
                folder,
                "reset",
                "-q",
                "--",
                *(str(p.relative_to(folder)) for p in (descriptor, changelog)),
            )
        raise
    return version
