"""conflict-events: armed-conflict events traceable to the words that report them."""

import json

from conflict_events.paths import own_descriptor


def _version() -> str:
    """The data package's version, which this package's version follows (one place only)."""
    return json.loads(own_descriptor().read_text(encoding="utf-8"))["version"]


__version__ = _version()

__all__ = ["__version__"]
