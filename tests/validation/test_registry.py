"""The rule registry is the one list of rules: every rule in it is tested by a test of its
own that breaks data and asserts the report, and is planted in synthetic data."""

import re
from pathlib import Path

import pytest

from conflict_events import validation
from conflict_events.metadata import load_package
from conflict_events.synth import RULE_CLASSES, UNPLANTABLE
from conflict_events.validation.registry import LAYERS, RULES, constraints
from tests.conftest import REPO

TESTS = Path(__file__).resolve().parent.parent


def _test_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))


def test_every_rule_has_an_id_a_known_layer_and_a_title():
    assert RULES
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z][a-zA-Z0-9-]*", rule.id), rule.id
        assert rule.layer in LAYERS and rule.title


def test_the_layers_run_every_declared_rule_and_nothing_else():
    declared = {r.run for r in RULES.values() if not r.on_fields}
    running = {check for checks in validation.LAYERS.values() for check in checks}
    assert running == declared | {validation.table_rules.check}
    assert list(validation.LAYERS) == list(LAYERS)


@pytest.mark.parametrize("rule", sorted(RULES.values(), key=lambda r: r.id), ids=lambda r: r.id)
def test_every_rule_has_a_test_that_asserts_its_report(rule):
    """A test names the rule's id as a report carries it (a quoted string)."""
    sources = _test_sources()
    reported = [id for id in rule.reports if f'"{id}"' in sources]
    assert reported, f"no test asserts a report of {rule.id}"


@pytest.mark.parametrize("rule", sorted(RULES.values(), key=lambda r: r.id), ids=lambda r: r.id)
def test_every_rule_has_a_planted_error_class(rule):
    planted = set(rule.reports) & set(RULE_CLASSES)
    assert planted or rule.id in UNPLANTABLE, f"synth plants no error of {rule.id}"
    assert not (planted and rule.id in UNPLANTABLE)


def test_a_rule_said_to_be_unplantable_is_one_no_schema_makes_plantable_alone():
    assert set(UNPLANTABLE) <= set(RULES)
    schemas = [r.schema for r in load_package(REPO / "datapackage.json").resources]
    used = {
        rule.id
        for rule in constraints()
        for schema in schemas
        for field in schema.fields
        if rule.run(field, schema) is not None
    }
    assert "maxLength" not in used  # no field has one: nothing to plant
