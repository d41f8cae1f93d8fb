"""The HTML map of the seed release: one self-contained page, one marker element per
placed event, each with a popup holding the event's evidence."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conflict_events.pictures.map_html import map_html
from conflict_events.pictures.scene import build_scene
from tests.pictures.conftest import placed_event_ids, rows


class Page(HTMLParser):
    """Markers (by event), the text of each popup section, and every src/href."""

    def __init__(self) -> None:
        super().__init__()
        self.markers: list[str] = []
        self.popups: dict[str, list[str]] = {}
        self.links: list[tuple[str, str, str]] = []
        self._section: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "marker" in (attrs.get("class") or "").split():
            self.markers.append(attrs["data-event"])
        if tag == "section":
            self._section = attrs["id"]
            self.popups[self._section] = []
        for name in ("src", "href"):
            if name in attrs:
                self.links.append((tag, name, attrs[name]))

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None

    def handle_data(self, data):
        if self._section:
            self.popups[self._section].append(data)

    def popup(self, event_id: str) -> str:
        return " ".join(self.popups[f"popup-{event_id}"])


@pytest.fixture(scope="module")
def html(selection):
    return map_html(build_scene(selection), selection)


@pytest.fixture(scope="module")
def page(html):
    parser = Page()
    parser.feed(html)
    return parser


def test_one_marker_per_placed_event(page):
    assert sorted(page.markers) == sorted(placed_event_ids())


def test_each_marker_has_a_popup_with_its_quotes_and_sources(page):
    sources = {s["source_id"]: s for s in rows("sources")}
    quotes = rows("event_sources")
    for event_id in placed_event_ids():
        text = page.popup(event_id)
        event = next(e for e in rows("events") if e["event_id"] == event_id)
        assert event["summary"] in text
        assert event["event_date"] in text
        for quote in (q for q in quotes if q["event_id"] == event_id):
            assert quote["quote"] in text
            assert f"claimed by {quote['attributed_to']}" in text
            assert sources[quote["source_id"]]["publisher"] in text


def test_popup_names_actors_by_role(page):
    text = page.popup("evt_00000001")
    assert "Primary actor: Military Forces of Syria" in text
    assert "Associated with the primary actor: Military Forces of Russia" in text
    assert "Second actor: Syrian insurgents" in text
    assert "no count reported" in text


def test_events_off_the_map_are_listed_with_their_details(page):
    unplaced = {e["event_id"] for e in rows("events")} - placed_event_ids()
    assert {f"off-map-{e}" for e in unplaced} == {
        key for key in page.popups if key.startswith("off-map-")
    }


def test_nothing_is_fetched_when_viewed(html, page):
    # Only links a reader follows (the articles) may point outside; no script, style,
    # image or tile is loaded from anywhere.
    assert all(tag == "a" for tag, _, _ in page.links)
    assert not re.search(r"""(src|@import|url\()\s*=?\s*["']?\s*(https?:)?//""", html)
    assert "<link" not in html
