"""Wheel build hook: put the data package's tables and the release of this version inside
the wheel, without any article text the release may not carry.

`conflict_events.load()` reads the release by default, so an installed package has its data
offline. Editable installs skip this: there the loader builds the release into the cache on
first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ReleaseInWheel(BuildHookInterface):
    PLUGIN_NAME = "release-in-wheel"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        self._folder = tempfile.TemporaryDirectory(prefix="conflict-events-wheel-")
        release = Path(self._folder.name) / "release"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "conflict_events",
                "build",
                str(root / "datapackage.json"),
                "--out",
                str(release),
            ],
            cwd=root,
            env=os.environ | {"PYTHONPATH": str(root)},
            check=True,
        )
        shipped = build_data["force_include"]
        # The data package's descriptor, schemas and tables, not its article texts: those
        # are their publishers', kept in the repository to check quotes, never published.
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        for path in ["datapackage.json", "schemas", *(r["path"] for r in descriptor["resources"])]:
            shipped[str(root / path)] = f"conflict_events/_data/{path}"
        # The release's package (what `load()` reads) and its SQLite zip (what `serve`
        # reads); not the main and CSV zips, which repeat it, nor their record.
        for file in sorted(p for p in release.rglob("*") if p.is_file()):
            name = file.relative_to(release).as_posix()
            download = file.parent == release and file.suffix in (".zip", ".sha256")
            if download and not name.endswith("-sqlite.zip"):
                continue
            shipped[str(file)] = f"conflict_events/_data/release/{name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
