"""A package copy with the fictional second article stored, and the place and group it names."""

import pytest

from conflict_events.contribute.add_source import add_source
from conflict_events.contribute.new_reference import add_reference
from tests.conftest import REPO

FIXTURE = REPO / "tests" / "contribute" / "fixtures" / "fictional_article.txt"
SOURCE_OPTIONS = {
    "publisher": "Example Wire",
    "url": "https://example.org/news/sampleton",
    "title": "Fictional: shelling in Sampleton",
}
# Fictional: a place with no verified coordinates (they stay empty) and an armed group.
SAMPLETON = {
    "name": "Sampleton",
    "country_iso3": "SYR",
    "location_type": "populated_place",
    "notes": "Fictional place of the test article.",
}
MILITIA = {"name": "Sampleton Militia", "actor_type": "identity_militia", "country_iso3": "SYR"}


def snapshot(package):
    """Every file under datasets/, to show that a refusal wrote nothing."""
    return {p: p.read_bytes() for p in (package.root / "datasets").rglob("*") if p.is_file()}


@pytest.fixture
def second_article(package):
    """The package with src_000002 (the fictional article), loc_000004 and act_000006."""
    assert add_source(package.descriptor, FIXTURE, **SOURCE_OPTIONS) == "src_000002"
    assert add_reference(package.descriptor, "location", SAMPLETON) == "loc_000004"
    assert add_reference(package.descriptor, "actor", MILITIA) == "act_000006"
    return package
