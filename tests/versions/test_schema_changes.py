"""Each kind of schema change and the version bump the versioning rules give it."""

import copy

import pytest

from conflict_events.metadata import TableSchema
from conflict_events.versions.schema_changes import schema_changes
from conflict_events.versions.semver import Bump, bumped

BASE = {
    "fields": [
        {"name": "id", "type": "string", "description": "x", "constraints": {"required": True}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
        {"name": "n", "type": "integer", "constraints": {"minimum": 0, "maximum": 10}},
    ],
    "primaryKey": ["id"],
}


def changed(edit):
    new = copy.deepcopy(BASE)
    edit(new)
    return [(c.where, c.bump) for c in schema_changes("t", TableSchema(BASE), TableSchema(new))]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s["fields"].pop(2), [("t.n", Bump.MAJOR)]),
        (lambda s: s["fields"].append({"name": "m", "type": "string"}), [("t.m", Bump.MINOR)]),
        (lambda s: s["fields"][2].update(type="number"), [("t.n", Bump.MAJOR)]),
        (lambda s: s["fields"][1]["constraints"].update(enum=["a"]), [("t.kind", Bump.MAJOR)]),
        (
            lambda s: s["fields"][1]["constraints"].update(enum=["a", "b", "c"]),
            [("t.kind", Bump.MINOR)],
        ),
        (lambda s: s["fields"][2]["constraints"].update(minimum=1), [("t.n", Bump.MAJOR)]),
        (lambda s: s["fields"][2]["constraints"].update(maximum=20), [("t.n", Bump.MINOR)]),
        (lambda s: s["fields"][0]["constraints"].pop("required"), [("t.id", Bump.MINOR)]),
        (lambda s: s["fields"][0].update(description="clearer"), [("t.id", Bump.PATCH)]),
        (lambda s: s["fields"][1].update(categoriesOrdered=True), [("t.kind", Bump.PATCH)]),
        (lambda s: s["fields"][1].update({"x-default": "a"}), [("t.kind", Bump.PATCH)]),
        (lambda s: s["fields"][1].update({"x-unknown": 1}), [("t.kind", Bump.MAJOR)]),
        (lambda s: s["fields"][0].update({"x-multiline": True}), [("t.id", Bump.MINOR)]),
        (lambda s: s.update(primaryKey=["id", "kind"]), [("t", Bump.MAJOR)]),
    ],
)
def test_change_and_bump(edit, expected):
    assert changed(edit) == expected


def test_withdrawing_line_breaks_is_major():
    multiline = copy.deepcopy(BASE)
    multiline["fields"][0]["x-multiline"] = True
    changes = schema_changes("t", TableSchema(multiline), TableSchema(BASE))
    assert [(c.where, c.what, c.bump) for c in changes] == [
        ("t.id", "line breaks and tabs no longer allowed (x-multiline)", Bump.MAJOR)
    ]


def test_bumped_versions():
    assert bumped("0.1.0", Bump.PATCH) == "0.1.1"
    assert bumped("0.1.3", Bump.MINOR) == "0.2.0"
    assert bumped("0.4.3", Bump.MAJOR) == "1.0.0"
    with pytest.raises(ValueError):
        bumped("v1", Bump.PATCH)
