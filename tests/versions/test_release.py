"""release: the bump is checked against what changed; version, changelog and build follow."""

import json
import subprocess
import sys

from conflict_events.build import build_release
from conflict_events.releases.verify import verify_release
from conflict_events.versions.semver import Bump, bumped
from tests.conftest import VERSION
from tests.versions.scenario import edit_add_retire

NEXT_MINOR = bumped(VERSION, Bump.MINOR)


def release(package, out, bump):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "release",
            "--bump",
            bump,
            str(package.descriptor),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )


def version_of(path):
    return json.loads(path.read_text(encoding="utf-8"))["version"]


def test_too_small_a_bump_is_refused_and_changes_nothing(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    edit_add_retire(package)
    before = package.descriptor.read_bytes()
    result = release(package, out, "patch")
    assert result.returncode == 1
    assert "refused: these changes require at least a minor bump" in result.stderr
    assert package.descriptor.read_bytes() == before
    assert not (package.root / "CHANGELOG.md").exists()
    assert version_of(out / "datapackage.json") == VERSION


def test_release_updates_version_changelog_and_builds(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    edit_add_retire(package)
    result = release(package, out, "minor")
    assert result.returncode == 0, result.stderr
    assert version_of(package.descriptor) == NEXT_MINOR
    assert version_of(out / "datapackage.json") == NEXT_MINOR
    assert (out / f"conflict-events-{NEXT_MINOR}.zip").is_file()
    assert verify_release(out) == []
    changelog = (package.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (
        f"## {NEXT_MINOR} (" in changelog
        and "removed `evt_00000003` (retired: erroneous)" in changelog
    )
    again = release(package, out, "patch")
    assert again.returncode == 1 and "nothing changed since the previous release" in again.stderr


def test_removal_without_retirement_is_refused(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    for table in ("event_actors", "event_sources", "events"):
        package.write_rows(table, [r for r in package.rows(table) if r[0] != "evt_00000003"])
    result = release(package, out, "major")
    assert result.returncode == 1
    assert "evt_00000003 was removed without being listed in retired_ids" in result.stderr


def test_no_previous_release_is_refused(package, tmp_path):
    result = release(package, tmp_path / "none", "patch")
    assert result.returncode == 1
    assert "no previous release" in result.stderr
    assert version_of(package.descriptor) == VERSION


def git(folder, *args):
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_in_git_the_release_is_committed_tagged_and_recorded(package, tmp_path):
    git(package.root, "init", "-q")
    git(package.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(
        package.root,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "commit",
        "-q",
        "-m",
        "seed",
    )
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    edit_add_retire(package)
    assert "refused: commit the changes" in release(package, out, "minor").stderr
    env_commit = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    git(package.root, *env_commit, "commit", "-q", "-am", "data")
    git(package.root, "config", "user.name", "t")
    git(package.root, "config", "user.email", "t@example.org")
    result = release(package, out, "minor")
    assert result.returncode == 0, result.stderr
    assert git(package.root, "log", "-1", "--format=%s") == f"Release {NEXT_MINOR}"
    assert git(package.root, "tag") == f"v{NEXT_MINOR}"
    build = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["x-build"]
    assert build["commit"] == git(package.root, "rev-parse", "HEAD")
    assert build["uncommitted_changes"] is False
