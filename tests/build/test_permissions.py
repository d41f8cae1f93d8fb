"""A build into a folder it cannot write says so in one line and touches nothing; a folder
it replaces keeps its permissions."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conflict_events.build import build_release
from conflict_events.releases.verify import verify_release

# Permissions do not bind root: as root the build runs without the capabilities that
# override them (setpriv), or the test is skipped.
_AS_ROOT = os.geteuid() == 0
_SETPRIV = shutil.which("setpriv")
_BOUND = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def _build(descriptor: Path, out: Path) -> subprocess.CompletedProcess:
    prefix = _BOUND if _AS_ROOT else []
    command = [*prefix, sys.executable, "-m", "conflict_events", "build", str(descriptor)]
    return subprocess.run(
        [*command, "--out", str(out)], capture_output=True, text=True, timeout=300
    )


def _permissions_bind() -> None:
    if not _AS_ROOT:
        return
    if _SETPRIV is None:
        pytest.skip("running as root, where permissions do not bind, and no setpriv")
    probe = subprocess.run([*_BOUND, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root, and setpriv cannot drop the override capabilities")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _refusal(out: Path, blocked: str = "the folder") -> str:
    return (
        f"error: cannot build into {out}: {blocked} is not writable; make it writable "
        "(chmod u+w) or name another folder with --out\n"
    )


def test_a_read_only_release_folder_is_refused_in_one_line(package, tmp_path):
    _permissions_bind()
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    out.chmod(0o555)
    try:
        result = _build(package.descriptor, out)
        assert (result.returncode, result.stderr) == (2, _refusal(out))
        assert _mode(out) == 0o555 and verify_release(out) == []
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")) == []
    finally:
        out.chmod(0o755)


def test_an_empty_read_only_folder_is_refused_not_replaced(package, tmp_path):
    _permissions_bind()
    out = tmp_path / "empty"
    out.mkdir(mode=0o555)
    result = _build(package.descriptor, out)
    assert (result.returncode, result.stderr) == (2, _refusal(out))
    assert _mode(out) == 0o555 and list(out.iterdir()) == []


def test_a_new_folder_under_a_read_only_one_names_that_folder(package, tmp_path):
    _permissions_bind()
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = _build(package.descriptor, locked / "new" / "dist")
    assert (result.returncode, result.stderr) == (
        2,
        _refusal(locked / "new" / "dist", str(locked)),
    )
    assert list(locked.iterdir()) == []


def test_a_replaced_release_folder_keeps_its_permissions(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    out.chmod(0o750)
    package.set("events", 2, "summary", "NEW SUMMARY of the event.")
    assert build_release(package.descriptor, out, show_progress=False) == out
    assert _mode(out) == 0o750 and verify_release(out) == []
