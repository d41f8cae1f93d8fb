"""Validate a data package in three layers and report every problem, one line each.

1. structure (frictionless): descriptor, encoding, header, blank rows, cell counts;
2. table rules (pandera, generated from the Table Schemas): types, required, vocabularies,
   code lists, patterns, ranges, uniqueness, primary keys;
3. cross-table and semantic rules: foreign keys, dates, fatalities, evidence, geography.

Each layer is a list of functions from a `Context` to problems, so any one can be given
another engine without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from conflict_events.metadata import PackageError, load_package
from conflict_events.validation import (
    cells,
    crosswalks,
    event_rules,
    evidence,
    geography,
    keys,
    structure,
    table_rules,
)
from conflict_events.validation.context import Context, read_tables
from conflict_events.validation.problems import Problem

Rule = Callable[[Context], Iterable[Problem]]

LAYERS: dict[str, list[Rule]] = {
    structure.LAYER: [structure.check],
    table_rules.LAYER: [table_rules.check],
    keys.LAYER: [
        keys.foreign_keys,
        keys.retired_ids,
        keys.actor_parent_cycles,
        keys.category_counts,
        keys.evidence_present,
        event_rules.fatalities_order,
        event_rules.date_order,
        event_rules.dated_before_sources,
        event_rules.category_parents,
        geography.coordinates,
        evidence.articles,
        evidence.quotes,
        crosswalks.coverage,
        crosswalks.list_codes,
        crosswalks.reverse,
        cells.formula_injection,
    ],
}


def validate(descriptor: str | Path, layers: dict[str, list[Rule]] | None = None) -> list[Problem]:
    """All problems in the package, layer by layer (LAYERS unless others are given).

    Raises PackageError when the descriptor itself is missing or unreadable, or is a
    release's: a release keeps its tables as Parquet and carries only the article texts it
    may publish, so it is checked with `verify` and `check-evidence` instead.
    """
    package = load_package(descriptor)
    if "x-build" in package.descriptor:
        raise PackageError(
            f"{package.descriptor_path} is a release made by build: check its files with "
            "`conflict-events verify` and its evidence with `conflict-events check-evidence`"
        )
    return check(read_tables(package), layers)


def check(context: Context, layers: dict[str, list[Rule]] | None = None) -> list[Problem]:
    """All problems in tables already read: the build reuses them rather than read twice."""
    problems: list[Problem] = []
    for layer, rules in (LAYERS if layers is None else layers).items():
        for rule in rules:
            problems.extend(_run(rule, context, layer))
    return problems


def _run(rule: Rule, context: Context, layer: str) -> list[Problem]:
    """A rule that fails on data nobody foresaw becomes a reported problem, never a traceback."""
    try:
        return list(rule(context))
    except Exception as exc:
        return [
            Problem(
                context.package.descriptor_file,
                None,
                None,
                "validator-error",
                f"{rule.__module__}.{rule.__name__}: {type(exc).__name__}: {exc}",
                "the validator could not apply this rule; please report this line as a bug",
                layer,
            )
        ]


__all__ = ["LAYERS", "Problem", "check", "validate"]
