"""Figures drawn with matplotlib's Agg backend: no display here, and no pyplot state
shared between pictures."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 100


def new_figure(width: float, height: float, **options) -> Figure:
    """A figure of this size in inches (DPI pixels each), drawn by Agg."""
    figure = Figure(figsize=(width, height), dpi=DPI, **options)
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """The figure as a PNG file's bytes (written whole by the caller, never half)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
