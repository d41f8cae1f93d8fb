"""Check a release folder against its own descriptor and SHA256SUMS, file by file."""

from __future__ import annotations

import json
from pathlib import Path

from conflict_events.build.archive import CHECKSUMS, release_files, sha256
from conflict_events.metadata import path_inside


def verify_release(folder: str | Path) -> list[str]:
    """What is wrong with a release folder, one message per file; [] when every file is
    present, has the recorded size and hash, and nothing unlisted lies beside them."""
    folder = Path(folder)
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        listed = (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as exc:
        return [f"{folder}: not a readable release ({exc})"]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("path"), str) for r in resources
    ):
        return [f"{folder}: the descriptor does not list its files as resources with a path"]
    problems = []
    sums = dict(reversed(line.split("  ", 1)) for line in listed if "  " in line)
    for resource in resources:
        path = resource["path"]
        file = path_inside(folder, path)
        if file is None or not file.is_file():
            problems.append(f"{path}: missing")
            continue
        if "bytes" in resource and file.stat().st_size != resource["bytes"]:
            problems.append(
                f"{path}: {file.stat().st_size} bytes, the descriptor says {resource['bytes']}"
            )
        if resource.get("hash", "").removeprefix("sha256:") != sha256(file):
            problems.append(f"{path}: SHA-256 differs from the descriptor's")
    for name in release_files(folder):
        if name == CHECKSUMS:
            continue
        if name not in sums:
            problems.append(f"{name}: not listed in {CHECKSUMS}")
        elif sums[name] != sha256(folder / name):
            problems.append(f"{name}: SHA-256 differs from {CHECKSUMS}")
    problems += [
        f"{name}: listed in {CHECKSUMS} but missing"
        for name in sums
        if not (folder / name).is_file()
    ]
    return problems
