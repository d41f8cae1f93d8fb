"""Wheel build hook: put the release of this version inside the wheel.

`conflict_events.load()` reads it by default, so an installed package has its data offline.
Editable installs skip this: there the loader builds the release into the cache on first use.
"""

from __future__ import annotations

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
        build_data["force_include"][str(release)] = "conflict_events/_data/release"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
