"""The map as one self-contained HTML page: the scene drawn as inline SVG (no tiles, no
scripts or styles fetched), each marker opening a popup with the event's summary, dates,
actors by role and every evidence quote with its source and who made the claim."""

from __future__ import annotations

from html import escape

import pandas as pd
import shapely

from conflict_events.export import Selection
from conflict_events.pictures.colours import label
from conflict_events.pictures.scene import Scene

WIDTH_PX = 1000
POINTS_TO_PX = 4 / 3
ROLES = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em; color: #222; }
h1 { font-size: 1.3em; font-weight: normal; }
.map { position: relative; display: inline-block; }
svg { border: 1px solid #555; background: #dfeaf2; max-width: 100%; height: auto; }
.land { fill: #f4f1ea; stroke: #555; stroke-width: 1.1; }
.admin1 { fill: none; stroke: #8a8a8a; stroke-width: 0.6; stroke-dasharray: 4 2; }
.country { fill: #9a9a9a; font-weight: bold; font-size: 17px; text-anchor: middle; }
.city { fill: #444; font-size: 11px; }
.place { fill: #000; font-weight: bold; font-size: 15px; paint-order: stroke;
  stroke: #fff; stroke-width: 3px; }
.marker { cursor: pointer; stroke-width: 2.7; }
.marker:hover, .marker:focus { stroke: #000; outline: none; }
.popup { position: absolute; width: 26em; max-height: 30em; overflow: auto; background: #fff;
  border: 1px solid #555; box-shadow: 0 2px 8px #0004; padding: 0.6em 0.9em; }
.popup h2 { font-size: 1.05em; margin: 0.2em 1.5em 0.4em 0; }
.popup dt { font-weight: bold; } .popup dd { margin: 0 0 0.4em 0; }
.popup blockquote { margin: 0.4em 0 0.1em 0; padding-left: 0.6em; border-left: 3px solid #ccc; }
.popup .claim { font-size: 0.9em; color: #555; margin: 0 0 0.5em 0.9em; }
.popup button { position: absolute; top: 0.3em; right: 0.4em; border: none; background: none;
  font-size: 1.2em; cursor: pointer; }
.legend span { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%;
  margin: 0 0.3em 0 1em; vertical-align: -0.1em; }
.notes { font-size: 0.85em; color: #333; }
"""

SCRIPT = """
const map = document.querySelector('.map');
let open = null;
function show(marker) {
  if (open) open.hidden = true;
  open = document.getElementById('popup-' + marker.dataset.event);
  const box = map.getBoundingClientRect(), at = marker.getBoundingClientRect();
  open.hidden = false;
  const left = Math.min(at.right - box.left + 8, box.width - open.offsetWidth);
  open.style.left = Math.max(0, left) + 'px';
  open.style.top = Math.max(0, at.top - box.top - 20) + 'px';
}
for (const marker of document.querySelectorAll('.marker')) {
  marker.addEventListener('click', () => show(marker));
  marker.addEventListener('keydown', (e) => { if (e.key === 'Enter') show(marker); });
}
for (const button of document.querySelectorAll('.popup button')) {
  button.addEventListener('click', () => { button.parentElement.hidden = true; open = null; });
}
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && open) { open.hidden = true; open = null; }
});
"""


def map_html(scene: Scene, selection: Selection) -> str:
    """The whole page; every marker has a popup, and events off the map are listed too."""
    west, south, east, north = scene.extent
    scale = WIDTH_PX / (east - west)
    height = round((north - south) * scale)

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - west) * scale, (north - y) * scale

    tolerance = 0.5 / scale  # half a pixel: the simplified outlines look the same
    svg = [
        f'<svg viewBox="0 0 {WIDTH_PX} {height}" '
        f'width="{WIDTH_PX}" height="{height}" role="img" aria-label="{escape(scene.title)}">'
    ]
    for shape in scene.countries:
        svg.append(f'<path class="land" d="{_polygons(shape.simplify(tolerance), px)}"/>')
    for line in scene.admin1:
        svg.append(f'<path class="admin1" d="{_lines(line.simplify(tolerance), px)}"/>')
    for text in scene.country_labels:
        svg.append(_text("country", text.text, *px(text.x, text.y)))
    for city in scene.cities:
        x, y = px(city.x, city.y)
        svg.append(f'<rect x="{x - 2:.1f}" y="{y - 2:.1f}" width="4" height="4" fill="#444"/>')
        svg.append(_text("city", city.text, x + 5, y - 4))
    for place in scene.places:
        x, y = px(place.x, place.y)
        svg.append(_text("place", place.text, x + 16, y + 5))
    flat = selection.flat.set_index("event_id", drop=False)
    for marker in scene.markers:
        x, y = px(marker.x, marker.y)
        x, y = x + marker.dx * POINTS_TO_PX, y - marker.dy * POINTS_TO_PX
        fill = marker.colour if marker.exact_place else "#fff"
        summary = escape(str(flat.at[marker.event_id, "summary"]))
        svg.append(
            f'<circle class="marker" data-event="{escape(marker.event_id)}" tabindex="0" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="7.5" fill="{fill}" stroke="{marker.colour}">'
            f"<title>{summary}</title></circle>"
        )
    svg.append("</svg>")
    placed = {m.event_id for m in scene.markers}
    popups = [
        _popup(row, selection, "popup") for row in flat.itertuples() if row.event_id in placed
    ]
    elsewhere = [
        _popup(row, selection, "off-map") for row in flat.itertuples() if row.event_id not in placed
    ]
    legend = "".join(
        f'<span style="background:{colour}"></span>{escape(text)}' for text, colour in scene.legend
    )
    notes = "".join(f"<p>{escape(note)}</p>" for note in scene.notes)
    off_map = f"<h2>Not on the map</h2>{''.join(elsewhere)}" if elsewhere else ""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(scene.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(scene.title)}</h1>\n"
        f'<p class="legend">Event type (click a marker for the event and its evidence):'
        f"{legend}</p>\n"
        f'<div class="map">\n{"".join(svg)}\n{"".join(popups)}\n</div>\n'
        f'<div class="notes">{notes}</div>\n{off_map}\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _text(css: str, text: str, x: float, y: float) -> str:
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}">{escape(text)}</text>'


def _polygons(shape: shapely.Geometry, px) -> str:
    rings = []
    for polygon in shapely.get_parts(shape):
        if polygon.geom_type == "Polygon":
            for ring in [polygon.exterior, *polygon.interiors]:
                rings.append(_points(ring.coords, px) + "Z")
    return "".join(rings)


def _lines(shape: shapely.Geometry, px) -> str:
    parts = shapely.get_parts(shape)
    return "".join(_points(p.coords, px) for p in parts if p.geom_type == "LineString")


def _points(coords, px) -> str:
    points = [px(x, y) for x, y in coords]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _popup(row, selection: Selection, css: str) -> str:
    """An event's details: what, when, where, who, and each quote with its source."""
    schema = selection.flat_schema
    event_type = label(schema, "event_type", row.event_type)
    sub_type = label(schema, "sub_event_type", row.sub_event_type)
    when = f"{row.event_date:%Y-%m-%d}"
    if not pd.isna(row.event_date_end):
        when += f" to {row.event_date_end:%Y-%m-%d}"
    when += f" ({label(schema, 'date_precision', row.date_precision)})"
    where = ", ".join(
        str(part) for part in (row.location_name, row.admin1, row.country_iso3) if not pd.isna(part)
    )
    where += f" ({label(schema, 'geo_precision', row.geo_precision)})"
    actors = "".join(
        f"<dd>{escape(schema.field(role).descriptor.get('title', role))}: "
        f"{escape(str(getattr(row, role)))}</dd>"
        for role in ROLES
        if not pd.isna(getattr(row, role))
    )
    items = [
        ("Date", f"<dd>{escape(when)}</dd>"),
        ("Place", f"<dd>{escape(where)}</dd>"),
        ("Summary", f"<dd>{escape(str(row.summary))}</dd>"),
        ("Actors", actors),
        ("Fatalities", f"<dd>{escape(_fatalities(row))}</dd>"),
        ("Evidence", _evidence(row.event_id, selection)),
    ]
    body = "".join(f"<dt>{name}</dt>{value}" for name, value in items)
    hidden = " hidden" if css == "popup" else ""
    close = '<button aria-label="close">&times;</button>' if css == "popup" else ""
    return (
        f'<section class="{css}" id="{css}-{escape(row.event_id)}"{hidden}>{close}'
        f"<h2>{escape(event_type)}: {escape(sub_type)} <small>{escape(row.event_id)}</small></h2>"
        f"<dl>{body}</dl></section>"
    )


def _fatalities(row) -> str:
    """The counts as reported: a bound without the other is said so, none is not zero."""
    best, low, high = (
        None if pd.isna(v) else v
        for v in (row.fatalities_best, row.fatalities_low, row.fatalities_high)
    )
    parts = [] if best is None else [f"best estimate {best}"]
    if low is not None and high is not None:
        parts.append(f"range {low} to {high}")
    elif low is not None:
        parts.append(f"at least {low}")
    elif high is not None:
        parts.append(f"at most {high}")
    return "; ".join(parts) or "no count reported"


def _evidence(event_id: str, selection: Selection) -> str:
    quotes = selection.event_sources[selection.event_sources["event_id"] == event_id]
    sources = selection.sources.set_index("source_id")
    items = []
    for quote in quotes.itertuples():
        source = sources.loc[quote.source_id]
        date = "" if pd.isna(source.published_date) else f", {source.published_date:%Y-%m-%d}"
        link = "" if pd.isna(source.url) else f' <a href="{escape(str(source.url))}">article</a>'
        items.append(
            f"<dd><blockquote>{escape(str(quote.quote))}</blockquote>"
            f'<p class="claim">claimed by {escape(str(quote.attributed_to))}; in '
            f"{escape(str(source.publisher))}, “{escape(str(source.title))}”{date}{link}</p></dd>"
        )
    return "".join(items) or "<dd>no quote recorded</dd>"
