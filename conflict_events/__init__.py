"""conflict-events: armed-conflict events traceable to the words that report them."""

import json

from conflict_events.paths import own_descriptor


def package_version() -> str:
    """The data package's version, which this package's version follows (one place only).

    Read afresh on each call, so it is right even just after `release` moved it.
    """
    return json.loads(own_descriptor().read_text(encoding="utf-8"))["version"]


__version__ = package_version()

_LOADER = {"load", "load_package", "events_flat", "connect", "LoadError", "cache_dir"}


def __getattr__(name: str):
    """conflict_events.load(...) and friends, imported on first use to keep imports light."""
    if name in _LOADER:
        from conflict_events import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'conflict_events' has no attribute {name!r}")


__all__ = [
    "LoadError",
    "__version__",
    "cache_dir",
    "connect",
    "events_flat",
    "load",
    "load_package",
    "package_version",
]
