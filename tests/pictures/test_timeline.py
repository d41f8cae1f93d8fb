"""The timeline of the seed release: events per period stacked by type, and the honest
fatalities panel (no event of the seed has a count)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from matplotlib.container import ErrorbarContainer

from conflict_events.build import build_release
from conflict_events.export import select
from conflict_events.pictures.colours import event_type_colours
from conflict_events.pictures.figures import DPI, png_bytes
from conflict_events.pictures.timeline import (
    EVENTS_GID,
    FATALITIES_GID,
    SIZE_INCHES,
    choose_period,
    timeline_figure,
)
from tests.pictures.conftest import png_size, rows


def bars(ax, prefix: str) -> dict[str, float]:
    return {
        p.get_gid(): p.get_height() for p in ax.patches if (p.get_gid() or "").startswith(prefix)
    }


def whiskers(ax) -> list[ErrorbarContainer]:
    return [c for c in ax.containers if isinstance(c, ErrorbarContainer)]


@pytest.fixture(scope="module")
def figure(selection):
    return timeline_figure(selection)


def test_png_has_the_figures_size(figure, tmp_path):
    path = tmp_path / "timeline.png"
    path.write_bytes(png_bytes(figure))
    assert png_size(path) == (SIZE_INCHES[0] * DPI, SIZE_INCHES[1] * DPI)


def test_bars_count_the_events_of_each_period(figure, selection):
    top, _ = figure.axes
    period = choose_period(selection.flat)
    assert period.name == "day"  # the seed spans 12 to 28 January 2020
    expected = Counter(e["event_date"] for e in rows("events"))
    drawn: Counter[str] = Counter()
    for gid, height in bars(top, EVENTS_GID).items():
        drawn[gid.split(":")[1]] += height
    assert drawn == expected
    per_type = Counter((e["event_date"], e["event_type"]) for e in rows("events"))
    assert len(bars(top, EVENTS_GID)) == len(per_type)  # one bar per day and type


def test_bars_have_the_maps_colours(figure, selection):
    top, _ = figure.axes
    colours = event_type_colours(selection.flat_schema)
    for patch in top.patches:
        if (patch.get_gid() or "").startswith(EVENTS_GID):
            code = patch.get_gid().split(":")[2]
            assert patch.get_facecolor()[:3] == pytest.approx(
                tuple(int(colours[code][i : i + 2], 16) / 255 for i in (1, 3, 5))
            )


def test_a_date_known_only_to_a_longer_span_is_hatched(figure):
    top, _ = figure.axes
    spans = [p for p in top.patches if (p.get_gid() or "").endswith(":span")]
    longer = [e for e in rows("events") if e["event_date_end"] not in ("", e["event_date"])]
    assert len(spans) == len(longer) == 1  # evt_00000002: some day of 22 to 28 January
    assert all(p.get_hatch() for p in spans)


def test_a_date_known_only_to_its_year_is_hatched_per_month(package, tmp_path):
    package.set("events", 4, "event_date", "2019-01-01")  # the ceasefire deal, made yearly
    package.set("events", 4, "event_date_end", "2019-12-31")
    package.set("events", 4, "date_precision", "5")
    release = build_release(package.descriptor, tmp_path / "release", show_progress=False)
    selection = select(source=release)
    assert choose_period(selection.flat).name == "week"
    top, _ = timeline_figure(selection, "month").axes
    [span] = [p for p in top.patches if (p.get_gid() or "").endswith(":span")]
    assert span.get_gid().split(":")[1] == "2019-01-01" and span.get_hatch()


def test_no_count_is_said_so_not_drawn_as_zero(figure):
    _, bottom = figure.axes
    assert all(e["fatalities_best"] == "" for e in rows("events"))
    assert bars(bottom, FATALITIES_GID) == {}
    assert [t.get_text() for t in bottom.texts] == [
        f"No best estimate of deaths for any of these {len(rows('events'))} events"
    ]


def test_counts_and_ranges_where_known(package, tmp_path):
    package.set("events", 2, "fatalities_low", "3")
    package.set("events", 2, "fatalities_best", "5")
    package.set("events", 2, "fatalities_high", "9")
    package.set("events", 3, "fatalities_best", "2")
    release = build_release(package.descriptor, tmp_path / "release", show_progress=False)
    figure = timeline_figure(select(source=release), "month")
    _, bottom = figure.axes
    # Both counted events are in January 2020; one has no range, so no whisker is drawn.
    assert bars(bottom, FATALITIES_GID) == {f"{FATALITIES_GID}2020-01-01": 7}
    assert not whiskers(bottom)
    assert "1 of 3 events: no count reported (not drawn)" in [t.get_text() for t in bottom.texts]

    only_ranged = select(source=release, start="2020-01-28", end="2020-01-28")
    _, bottom = timeline_figure(only_ranged).axes
    assert bars(bottom, FATALITIES_GID) == {f"{FATALITIES_GID}2020-01-28": 5}
    [whisker] = whiskers(bottom)
    [segment] = whisker.lines[2][0].get_segments()  # the vertical whisker
    low, high = segment[:, 1]
    assert (low, high) == (3, 9)


def test_short_spans_are_counted_per_day(seed_release):
    january = select(source=seed_release, start="2020-01-01", end="2020-01-31")
    assert choose_period(january.flat).name == "day"
    top, _ = timeline_figure(january).axes
    days = Counter(e["event_date"] for e in rows("events") if e["event_date"].startswith("2020-01"))
    drawn = Counter({gid.split(":")[1]: h for gid, h in bars(top, EVENTS_GID).items()})
    assert drawn == days


def test_a_low_or_high_count_alone_is_said_not_hidden(package, tmp_path):
    """ "At least 10 killed" is a count: the panel must not claim none was reported."""
    package.set("events", 2, "fatalities_low", "10")
    release = build_release(package.descriptor, tmp_path / "release", show_progress=False)
    _, bottom = timeline_figure(select(source=release)).axes
    assert [t.get_text() for t in bottom.texts] == [
        f"No best estimate of deaths for any of these {len(rows('events'))} events; "
        "1 with only a low or high count"
    ]


def test_the_period_can_be_chosen(selection):
    top, _ = timeline_figure(selection, "week").axes
    weeks = {gid.split(":")[1] for gid in bars(top, EVENTS_GID)}
    expected = {
        (pd.Timestamp(e["event_date"]).to_period("W").start_time).strftime("%Y-%m-%d")
        for e in rows("events")
    }
    assert weeks == expected
    assert top.get_ylabel().startswith("events per week")
