"""Build hook: put the release of this version inside the wheel and the sdist, and the data
package's tables inside the wheel, without any article text the release may not carry.

`conflict_events.load()` reads the release by default, so an installed package has its data
offline. The sdist carries no article text either, so it cannot build the release: it
carries the one built from the repository, and a wheel built from it takes that one.
Editable installs skip this: there the loader builds the release into the cache on first use.

The release is built by this checkout's own code, so the build needs the project's runtime
dependencies: `dependencies()` asks the frontend to put them in its isolated build
environment, and the release build imports them from there, never from the site-packages of
the interpreter that called the frontend.
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

SHIPPED_RELEASE = "conflict_events/_data/release"


class ReleaseInWheel(BuildHookInterface):
    PLUGIN_NAME = "release-in-wheel"

    def dependencies(self) -> list[str]:
        """The runtime dependencies, which the release build imports, listed once in
        [project]; none for a wheel built from an sdist, which only copies its release."""
        if self.target_name == "wheel" and self._release_shipped():
            return []
        return list(self.metadata.core.dependencies)

    def _release_shipped(self) -> bool:
        return (Path(self.root) / SHIPPED_RELEASE / "datapackage.json").is_file()

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name not in ("wheel", "sdist") or version == "editable":
            return
        root = Path(self.root)
        shipped = build_data["force_include"]
        if self.target_name == "wheel":
            # The data package's descriptor, schemas and tables, not its article texts:
            # those are their publishers', kept in the repository to check quotes.
            descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
            paths = ["datapackage.json", "schemas", *(r["path"] for r in descriptor["resources"])]
            for path in paths:
                shipped[str(root / path)] = f"conflict_events/_data/{path}"
            if self._release_shipped():
                return  # built from an sdist: its release is in the package folder already
        release = self._build(root)
        # The release's package (what `load()` reads) and its SQLite zip (what `serve`
        # reads); not the main and CSV zips, which repeat it, nor their record.
        for file in sorted(p for p in release.rglob("*") if p.is_file()):
            name = file.relative_to(release).as_posix()
            download = file.parent == release and file.suffix in (".zip", ".sha256")
            if download and not name.endswith("-sqlite.zip"):
                continue
            shipped[str(file)] = f"{SHIPPED_RELEASE}/{name}"

    def _build(self, root: Path) -> Path:
        self._folder = tempfile.TemporaryDirectory(prefix="conflict-events-wheel-")
        release = Path(self._folder.name) / "release"
        # pip isolates a build by running the caller's interpreter with a PYTHONPATH that
        # swaps its site-packages for the build environment's: the checkout goes in front of
        # that path, never in its place, or the build would import the caller's packages.
        isolation = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
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
            env=os.environ | {"PYTHONPATH": os.pathsep.join([str(root), *isolation])},
            check=True,
        )
        return release

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
