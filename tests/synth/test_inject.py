"""Detection parity: every planted error is reported, exactly, and so is every error
frictionless-py finds; the validator also finds the cross-table and semantic ones it cannot."""

import pandas as pd
import pytest
from frictionless import validate as frictionless_validate

from conflict_events.synth import RULE_CLASSES, synthesize
from conflict_events.validation import validate


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    descriptor = synthesize(
        tmp_path_factory.mktemp("synth") / "package", 2_000, seed=3, inject_errors=2
    )
    planted = pd.read_csv(descriptor.parent / "injected-errors.csv", keep_default_na=False)
    return descriptor, [tuple(row) for row in planted.itertuples(index=False)]


def test_two_of_every_rule_class_are_planted(injected):
    _, planted = injected
    assert sorted({rule for *_, rule in planted}) == sorted(RULE_CLASSES)
    assert len(planted) == 2 * len(RULE_CLASSES)


def test_the_validator_reports_exactly_what_was_planted(injected):
    descriptor, planted = injected
    reported = [(p.file, p.row, p.column or "", p.rule) for p in validate(descriptor)]
    assert sorted(reported) == sorted(planted)


def test_every_row_frictionless_reports_is_reported_too(injected):
    descriptor, planted = injected
    report = frictionless_validate(descriptor)
    theirs = {
        (f"datasets/{task.name}.csv", error.row_number)
        for task in report.tasks
        for error in task.errors
    }
    ours = {(p.file, p.row) for p in validate(descriptor)}
    assert theirs  # it finds the type, vocabulary, range, key and uniqueness errors
    assert theirs <= ours
    beyond = {(file, row) for file, row, _, rule in planted} - theirs
    beyond_rules = {rule for file, row, _, rule in planted if (file, row) in beyond}
    assert beyond_rules == {  # what only the cross-table and semantic layers express
        "actor-name-shared",
        "actor-parent-cycle",
        "actor-ucdp-id-shared",
        "article-character",
        "article-hash",
        "codelist",
        "coordinates-in-country",
        "date-after-publication",
        "date-order",
        "evidence-missing",
        "fatalities-order",
        "formula-injection",
        "quote-offsets",
        "text-character",
        "quote-verbatim",
        "retired-id-reused",
        "role-count",
        "source-flag",
        "sub-event-type",
    }
