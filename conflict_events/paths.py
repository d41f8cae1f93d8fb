"""Where this install's own data package lives: inside the wheel, or in the source tree."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_SHIPPED = PACKAGE_DIR / "_data"  # the wheel carries datapackage.json, schemas/ and datasets/ here


def is_installed() -> bool:
    """Whether this is an installed wheel (its data under _data/) rather than a checkout."""
    return (_SHIPPED / "datapackage.json").is_file()


def own_root() -> Path:
    """The folder holding this install's datapackage.json and schemas/."""
    return _SHIPPED if is_installed() else PACKAGE_DIR.parent


def own_descriptor() -> Path:
    return own_root() / "datapackage.json"
