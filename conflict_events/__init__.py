"""conflict-events: armed-conflict events traceable to the words that report them."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("conflict-events")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
