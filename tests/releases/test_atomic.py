"""An interrupted build harms nothing: a real build process is killed at several points."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conflict_events.build import build_release
from conflict_events.releases.verify import verify_release


def _tmp_folders(out: Path) -> list[Path]:
    return list(out.parent.glob(f".{out.name}.tmp-*"))


def _reached(out: Path, point: str) -> bool:
    """Whether the running build has got this far, judged from what it has written."""
    for work in _tmp_folders(out):
        if point == "started":
            return True
        if point == "tables" and len(list(work.glob("data/*.parquet"))) >= 3:
            return True
        if point == "zip" and list(work.glob("*.zip")):
            return True
    return False


def _interrupt(package_descriptor: Path, out: Path, point: str, sig: signal.Signals) -> int | None:
    """Start a build, send `sig` once it reaches `point`; the exit status, None if missed."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conflict_events",
            "build",
            str(package_descriptor),
            "--out",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _reached(out, point):
            process.send_signal(sig)
            break
        time.sleep(0.0005)
    status = process.wait(timeout=120)
    return None if status == 0 else status


def _version_marker(out: Path) -> str:
    summaries = pq.read_table(out / "data" / "events.parquet", columns=["summary"])
    return (
        "NEW SUMMARY" if "NEW SUMMARY of the event." in summaries["summary"].to_pylist() else "old"
    )


@pytest.mark.parametrize("point", ["started", "tables", "zip"])
def test_sigkill_leaves_a_whole_release(package, tmp_path, point):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    package.set("events", 2, "summary", "NEW SUMMARY of the event.")
    status = _interrupt(package.descriptor, out, point, signal.SIGKILL)
    assert status == -signal.SIGKILL  # killed mid-build, not after it finished
    assert verify_release(out) == []
    assert _version_marker(out) == "old"  # the previous release, whole
    # The next build clears what the killed one left and publishes the new release.
    build_release(package.descriptor, out, show_progress=False)
    assert _tmp_folders(out) == []
    assert verify_release(out) == [] and _version_marker(out) == "NEW SUMMARY"


def test_sigint_cleans_up_and_keeps_the_old_release(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    before = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package.set("events", 2, "summary", "NEW SUMMARY of the event.")
    status = _interrupt(package.descriptor, out, "tables", signal.SIGINT)
    assert status == 130
    assert _tmp_folders(out) == []  # nothing half-written left behind
    assert verify_release(out) == []
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8")) == before


def test_sigterm_cleans_up_too(package, tmp_path):
    out = build_release(package.descriptor, tmp_path / "dist", show_progress=False)
    package.set("events", 2, "summary", "NEW SUMMARY of the event.")
    status = _interrupt(package.descriptor, out, "tables", signal.SIGTERM)
    assert status == 128 + signal.SIGTERM
    assert _tmp_folders(out) == []
    assert verify_release(out) == [] and _version_marker(out) == "old"
