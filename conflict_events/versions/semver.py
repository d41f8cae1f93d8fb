"""Version bumps as the Data Package versioning rules define them."""

from __future__ import annotations

import re
from enum import IntEnum

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


class Bump(IntEnum):
    """How much a change requires the version to move; larger values require more."""

    NONE = 0
    PATCH = 1  # data corrections, retirements, metadata-only changes
    MINOR = 2  # new rows, fields or tables; a looser constraint
    MAJOR = 3  # a field removed, renamed or retyped; a stricter constraint

    def __str__(self) -> str:
        return self.name.lower()


def bumped(version: str, bump: Bump) -> str:
    """The next version: 0.1.0 + minor -> 0.2.0."""
    match = _VERSION.match(version)
    if match is None:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = map(int, match.groups())
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump is Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    if bump is Bump.PATCH:
        return f"{major}.{minor}.{patch + 1}"
    return version
