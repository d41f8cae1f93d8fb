"""The PNG map of the seed release: one marker per placed event, a legend of the types
present, and the events it cannot place said in a note."""

from __future__ import annotations

import pytest

from conflict_events.export import select
from conflict_events.pictures.figures import DPI, png_bytes
from conflict_events.pictures.map_png import MARKER_GID, WIDTH_INCHES, map_figure
from conflict_events.pictures.scene import NothingToDraw, build_scene
from tests.pictures.conftest import placed_event_ids, png_size, rows


def markers(figure) -> list[str]:
    return [
        line.get_gid()[len(MARKER_GID) :]
        for ax in figure.axes
        for line in ax.get_lines()
        if (line.get_gid() or "").startswith(MARKER_GID)
    ]


@pytest.fixture(scope="module")
def figure(selection):
    return map_figure(build_scene(selection))


def test_png_is_an_image_of_the_figures_size(figure, tmp_path):
    path = tmp_path / "map.png"
    path.write_bytes(png_bytes(figure))
    width, height = png_size(path)
    assert width == WIDTH_INCHES * DPI
    assert height == round(figure.get_figheight() * DPI)
    assert 300 < height < 1500


def test_one_marker_per_event_with_coordinates(figure):
    assert sorted(markers(figure)) == sorted(placed_event_ids())
    assert len(markers(figure)) < len(rows("events"))  # the seed has a country-level event


def test_legend_lists_the_event_types_present(figure):
    [ax] = figure.axes
    entries = [text.get_text() for text in ax.get_legend().get_texts()]
    types = sorted({e["event_type"] for e in rows("events")})
    assert [entry.split(" (")[0] for entry in sorted(entries)] == types


def test_title_states_version_count_and_period(figure, selection):
    texts = [t.get_text() for t in figure.texts]
    dates = [e["event_date"] for e in rows("events")] + [
        e["event_date_end"] for e in rows("events") if e["event_date_end"]
    ]
    events = len(rows("events"))
    title = f"conflict-events {selection.version}: {events} events, {min(dates)} to {max(dates)}"
    assert title in texts


def test_events_without_coordinates_are_said_not_shown(figure):
    unplaced = len(rows("events")) - len(placed_event_ids())
    notes = "\n".join(t.get_text() for t in figure.texts)
    assert f"{unplaced} event without coordinates, not shown: Syria" in notes


def test_place_names_are_drawn(figure):
    [ax] = figure.axes
    labels = {t.get_text() for t in ax.texts}
    located = {r["name"] for r in rows("locations") if r["latitude"]}
    assert located <= labels


def test_admin1_lines_are_drawn(figure):
    [ax] = figure.axes
    dashed = [line for line in ax.get_lines() if line.get_linestyle() != "None"]
    assert len(dashed) > 5


def test_filtered_map_draws_only_that_type(seed_release):
    battles = select(source=seed_release, event_type=["Battles"])
    assert len(battles.flat) == sum(e["event_type"] == "Battles" for e in rows("events"))
    figure = map_figure(build_scene(battles))
    assert sorted(markers(figure)) == sorted(placed_event_ids("Battles"))
    [ax] = figure.axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        f"Battles ({len(placed_event_ids('Battles'))})"
    ]


def test_nothing_selected_is_an_error(seed_release):
    empty = select(source=seed_release, start="2100-01-01")
    with pytest.raises(NothingToDraw):
        build_scene(empty)
