"""The shipped admin-1 extract lies inside the countries it is said to cover."""

from __future__ import annotations

import shapely

from conflict_events.pictures.outlines import (
    ADMIN1_COUNTRIES,
    admin1_lines_in,
    countries_in,
    country_outline,
)


def test_admin1_lines_lie_in_the_listed_countries():
    area = shapely.union_all([country_outline(c) for c in ADMIN1_COUNTRIES]).buffer(0.03)
    lines = admin1_lines_in(area.envelope)
    assert len(lines) > 100
    assert all(area.contains(line) for line in lines)


def test_syria_has_its_governorate_lines():
    syria = country_outline("SYR")
    inside = shapely.union_all(admin1_lines_in(syria.envelope)).intersection(syria)
    assert inside.length > 20  # degrees of internal boundaries: Syria has 14 governorates


def test_countries_are_cut_to_the_box():
    box = shapely.box(35.5, 35.0, 38.0, 37.0)
    found = {c.code for c in countries_in(box)}
    assert {"SYR", "TUR"} <= found
    assert all(box.buffer(1e-9).contains(c.shape) for c in countries_in(box))
