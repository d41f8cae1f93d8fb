"""The registry of published releases (conflict_events/releases.json): each version with
the SHA-256 of every zip of it, which `load(version=...)` and `serve --version` check the
downloads against. A version is registered once its zips are published where
CONFLICT_EVENTS_RELEASES points."""

from __future__ import annotations

import json
from pathlib import Path

from conflict_events.metadata import DESCRIPTOR_NAME
from conflict_events.releases.archive import downloads_record, read_sums, stem_of
from conflict_events.releases.verify import verify_release


class RegistryError(Exception):
    """The release cannot be registered; nothing was changed."""


def register(release: Path, registry: Path) -> str:
    """Record the release's zips, as its `.sha256` file lists them, under its version;
    refuse a damaged or internal release, and a version registered before with other zips."""
    problems = verify_release(release)
    if problems:
        raise RegistryError(f"{release} is damaged ({problems[0]}): build it again")
    try:
        descriptor = json.loads((release / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
        version = descriptor["version"]
        zips = read_sums(
            (release / downloads_record(stem_of(descriptor))).read_text(encoding="utf-8")
        )
    except (OSError, ValueError, KeyError) as exc:
        raise RegistryError(f"{release} is not a release that records its zips ({exc})") from exc
    if descriptor.get("x-build", {}).get("texts") == "all":
        raise RegistryError(
            f"{release} is an internal release: it carries article texts that may not be "
            "published; build the release without --all-texts"
        )
    known = json.loads(registry.read_text(encoding="utf-8")) if registry.is_file() else {}
    if known.get(version, zips) != zips:
        raise RegistryError(
            f"{version} is registered already, with other zips: a published version never "
            "changes; release a new version instead"
        )
    known[version] = zips
    text = json.dumps(dict(sorted(known.items())), indent=2, sort_keys=True) + "\n"
    registry.write_text(text, encoding="utf-8")
    return version
