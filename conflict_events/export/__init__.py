"""Exports of a release in other datasets' shapes: ACLED's and UCDP GED's flat files and
GeoJSON. Each format module turns a Selection into the file's text with `render`."""

from __future__ import annotations

from importlib import import_module

from conflict_events.export.selection import Selection, select

# Format name -> module whose render(selection) -> str writes it.
FORMATS = {"acled": "acled", "ucdp-ged": "ucdp_ged", "geojson": "geojson"}


def render(selection: Selection, format_name: str) -> str:
    """The export's whole text in the named format."""
    module = import_module(f"conflict_events.export.{FORMATS[format_name]}")
    return module.render(selection)


__all__ = ["FORMATS", "Selection", "render", "select"]
