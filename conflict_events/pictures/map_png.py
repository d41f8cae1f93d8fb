"""The map as a matplotlib figure (saved as PNG): outlines, place names, one marker per
placed event coloured by event type, a legend, the title and the notes."""

from __future__ import annotations

import textwrap

import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import offset_copy

from conflict_events.pictures.figures import new_figure
from conflict_events.pictures.scene import Scene

WIDTH_INCHES = 10.0
MARKER_GID = "event:"  # each event marker's gid is this and its event_id
LAND, SEA = "#f4f1ea", "#dfeaf2"


def map_figure(scene: Scene) -> Figure:
    """The map of a scene: the figure is WIDTH_INCHES wide and as tall as the map needs."""
    west, south, east, north = scene.extent
    notes = [line for note in scene.notes for line in textwrap.wrap(note, 130)]
    map_height = WIDTH_INCHES * (north - south) / (east - west)
    top, bottom = 0.5, 0.25 + 0.17 * len(notes)  # inches for the title and the notes
    height = map_height + top + bottom
    figure = new_figure(WIDTH_INCHES, height)
    ax = figure.add_axes((0, bottom / height, 1, map_height / height))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect("equal")
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for shape in scene.countries:
        ax.add_patch(PathPatch(_path(shape), facecolor=LAND, edgecolor="#555555", lw=1.1))
    for line in scene.admin1:
        for part in getattr(line, "geoms", [line]):
            x, y = part.xy
            ax.plot(x, y, color="#8a8a8a", lw=0.6, ls=(0, (4, 2)), zorder=2)
    for label in scene.country_labels:
        ax.text(
            label.x,
            label.y,
            label.text,
            color="#9a9a9a",
            fontsize=13,
            ha="center",
            va="center",
            fontweight="bold",
            zorder=3,
        )
    for city in scene.cities:
        ax.plot(city.x, city.y, "s", color="#444444", ms=3, zorder=4)
        ax.annotate(
            city.text,
            (city.x, city.y),
            xytext=(4, 3),
            textcoords="offset points",
            fontsize=8,
            color="#444444",
            zorder=4,
        )
    for place in scene.places:
        ax.annotate(
            place.text,
            (place.x, place.y),
            xytext=(12, -4),
            textcoords="offset points",
            fontsize=11,
            fontweight="bold",
            zorder=6,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    for marker in scene.markers:
        shifted = offset_copy(ax.transData, figure, x=marker.dx, y=marker.dy, units="points")
        ax.plot(
            marker.x,
            marker.y,
            "o",
            ms=11,
            mew=2,
            transform=shifted,
            zorder=5,
            mfc=marker.colour if marker.exact_place else "white",
            mec=marker.colour,
            gid=MARKER_GID + marker.event_id,
        )
    handles = [
        Line2D([], [], ls="", marker="o", ms=10, color=colour, label=text)
        for text, colour in scene.legend
    ]
    ax.legend(handles=handles, title="Event type", loc="upper left", framealpha=0.9)
    figure.text(0.5, 1 - 0.3 / height, scene.title, ha="center", va="center", fontsize=14)
    figure.text(
        0.01,
        (bottom - 0.15) / height,
        "\n".join(notes),
        va="top",
        fontsize=8,
        color="#333333",
        linespacing=1.4,
    )
    return figure


def _path(shape: shapely.Geometry) -> MplPath:
    """The polygons of a shape, holes included, as one matplotlib path (a country cut to
    the map may leave stray lines or points too: those are not outlines)."""
    vertices, codes = [], []
    for polygon in shapely.get_parts(shape):
        if polygon.geom_type != "Polygon":
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            points = list(ring.coords)
            vertices += points
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(vertices, codes)
