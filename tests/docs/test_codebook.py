"""docs/codebook.md: committed as the generator writes it, complete (every table, field,
code and crosswalk row), with links that land, and changed by any change to the schemas."""

from __future__ import annotations

import csv
import json
import re

import pytest

from conflict_events.build.flat import flat_schema
from conflict_events.docs.codebook import CodebookError, codebook
from conflict_events.docs.markdown import headings, text
from conflict_events.metadata import load_package
from tests.conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
PACKAGE = load_package(REPO / "datapackage.json")
TABLES = [r for r in PACKAGE.resources if r.schema is not None]
BOOK = codebook(PACKAGE, GUIDE)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def section(title: str, book: str = BOOK) -> str:
    """The text under a heading, up to the next heading of its level or above."""
    marks = list(headings(book))
    lines = book.splitlines()
    [start] = [h for h in marks if h.title == title]
    end = next((h.line for h in marks if h.line > start.line and h.level <= start.level), None)
    return "\n".join(lines[start.line + 1 : end])


def cells(line: str) -> list[str]:
    """A Markdown table row's cells (an escaped \\| stays inside its cell)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_the_committed_codebook_is_what_the_generator_writes():
    committed = (REPO / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert committed == BOOK, "run `conflict-events docs` and commit docs/codebook.md"


def test_the_output_is_deterministic():
    assert codebook(load_package(REPO / "datapackage.json"), GUIDE) == BOOK


def test_every_table_has_a_section_in_the_descriptors_order():
    titles = [h.title for h in headings(BOOK) if h.level == 3]
    assert titles[: len(TABLES)] == [f"`{r.name}`" for r in TABLES]


@pytest.mark.parametrize("resource", TABLES, ids=[r.name for r in TABLES])
def test_every_field_of_the_table_is_in_its_section(resource):
    part = section(f"`{resource.name}`")
    rows = [cells(line) for line in part.splitlines() if line.startswith("| `")]
    assert [row[0] for row in rows] == [f"`{n}`" for n in resource.schema.field_names]
    for row, field in zip(rows, resource.schema.fields, strict=True):
        assert row[3] == ("yes" if field.required else "no")
        assert row[-1] == text(field.description)


def test_every_column_of_events_flat_is_in_its_section():
    schema = flat_schema({r.name: r.schema for r in TABLES})
    part = section("The `events_flat` view")
    assert schema.field_names  # the view has columns to check
    for name in schema.field_names:
        assert f"\n| `{name}` |" in part


def test_every_vocabulary_code_appears_with_its_label():
    vocabularies = [(r, f) for r in TABLES for f in r.schema.fields if f.categories]
    assert len(vocabularies) >= 10
    for resource, field in vocabularies:
        part = section(f"`{resource.name}.{field.name}`")
        for category in field.categories:
            assert f"| `{category['value']}` | {text(category['label'])} |" in part


def test_sub_event_types_name_their_parent_event_type():
    part = section("`events.sub_event_type`")
    assert "| code | label | definition | parent |" in part
    assert (
        "| `Air/drone strike` | Air/drone strike | Attack by aircraft or drones. | `Explosions/Remote violence` |"
        in part
    )


def test_roles_say_how_many_rows_an_event_may_have():
    part = section("`event_actors.role`")
    assert part.count("| `actor1` |") == 1
    assert "(ACLED actor1). Exactly one per event. | exactly 1 |" in part
    assert "| needs a row with `actor2` |" in part


def test_every_crosswalk_row_is_shown_with_its_labels():
    crosswalks = [r for r in TABLES if r.name.startswith("crosswalk_")]
    assert len(crosswalks) == 5
    for resource in crosswalks:
        with (REPO / resource.path).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        part = section(text(resource.descriptor["title"]))
        shown = [cells(line) for line in part.splitlines() if line.startswith("| ")][1:]
        assert len(shown) == len(rows)
        key = resource.schema.primary_key[0]
        for cell, row in zip(shown, rows, strict=True):
            assert len(cell) == len(resource.schema.fields)
            assert cell[0].startswith(f"`{row[key]}`")
            if "note" in row:
                assert cell[-1] == text(row["note"])
    part = section("Crosswalk: actor types")
    assert "| `government` Government body | `1` State forces | false |" in part
    part = section("Crosswalk: sub-event types")
    assert (
        "| `Armed clash` | `Political violence` | `1` State-based conflict; `2` Non-state conflict | true |"
        in part
    )


def test_codes_lists_and_patterns_are_described_from_the_schema():
    sources = section("`sources`")
    assert "pattern `^[a-z]{2}$`; an ISO 639-1 language code, e.g. en" in sources
    retired = section("`retired_ids`")
    assert r"pattern `^(src\|loc\|act)_[0-9]{6}$\|^evt_[0-9]{8}$`" in retired  # | escaped
    crosswalk = section("`crosswalk_geo_precision`")
    assert "a code of [`locations.location_type`](#locationslocation_type)" in crosswalk
    assert "`true` on the one row each `acled_geo_precision` code converts back to" in crosswalk


def test_links_to_the_guide_point_at_its_headings():
    anchors = {h.anchor for h in headings(GUIDE)}
    targets = [t for t in LINK.findall(BOOK) if t.startswith("../CONTRIBUTING.md#")]
    assert {t.partition("#")[2] for t in targets} <= anchors
    assert "../CONTRIBUTING.md#5-code-each-event" in targets  # the anchor GitHub gives it
    assert "[5. Code each event](../CONTRIBUTING.md#5-code-each-event)" in section("`events`")
    assert "Date, Place, Actors and roles, Evidence" in section("Coding rules")


def test_links_inside_the_codebook_and_to_files_resolve():
    anchors = {h.anchor for h in headings(BOOK)}
    targets = LINK.findall(BOOK)
    inside = [t[1:] for t in targets if t.startswith("#")]
    assert len(inside) > 50
    assert set(inside) <= anchors
    files = [t.partition("#")[0] for t in targets if t.startswith("../")]
    assert all((REPO / "docs" / f).resolve().is_file() for f in files)
    assert "../schemas/events.schema.json" in files


def test_a_changed_description_changes_the_codebook(package):
    schema_file = package.root / "schemas" / "events.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    [summary] = [f for f in schema["fields"] if f["name"] == "summary"]
    old = summary["description"]
    summary["description"] = "What happened | in a few words."
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    changed = codebook(load_package(package.descriptor), GUIDE)
    assert changed != BOOK
    assert r"| What happened \| in a few words. |" in section("`events`", changed)
    assert old not in section("`events`", changed)
    assert old in section("`events`", BOOK)


def test_a_new_code_appears_in_its_vocabulary(package):
    schema_file = package.root / "schemas" / "sources.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    [kind] = [f for f in schema["fields"] if f["name"] == "source_type"]
    kind["categories"].append({"value": "podcast", "label": "Podcast", "description": "Audio."})
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    changed = codebook(load_package(package.descriptor), GUIDE)
    assert "| `podcast` | Podcast | Audio. |" in section("`sources.source_type`", changed)


def test_the_provenance_section_names_only_fields_that_exist(package):
    part = section("Provenance: evidence and claims")
    assert "[`event_sources.attributed_to`](#event_sources)" in part
    schema_file = package.root / "schemas" / "event_sources.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "attributed_to"]
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"event_sources\.attributed_to"):
        codebook(load_package(package.descriptor), GUIDE)
