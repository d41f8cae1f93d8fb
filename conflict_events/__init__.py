"""conflict-events: armed-conflict events traceable to the words that report them."""

import json

from conflict_events.paths import own_descriptor


def package_version() -> str:
    """The data package's version, which this package's version follows (one place only).

    Read afresh on each call, so it is right even just after `release` moved it.
    """
    return json.loads(own_descriptor().read_text(encoding="utf-8"))["version"]


__version__ = package_version()

__all__ = ["__version__", "package_version"]
