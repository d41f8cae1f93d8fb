"""Validate a data package in three layers and report every problem, one line each.

1. structure (frictionless): descriptor, encoding, header, blank rows, cell counts;
2. table rules (pandera on the engine's tables, generated from the Table Schemas): types,
   required, vocabularies, code lists, patterns, ranges, uniqueness, primary keys;
3. cross-table and semantic rules (Ibis expressions): foreign keys, dates, fatalities,
   evidence, geography.

A problem is an error, or a warning where the package's descriptor relaxes its rule
(validation.severity): warnings are reported but leave the package valid.

Every rule is declared once (validation.registry) and runs on any engine Ibis drives:
DuckDB, embedded, by default; Apache Spark with `engine="spark"`. Rows are numbered from
the file, so every engine gives the same report.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from conflict_events.engine import DEFAULT, running
from conflict_events.metadata import PackageError, load_package
from conflict_events.metadata.reading import Context, read_package
from conflict_events.validation import table_rules
from conflict_events.validation.problems import Problem
from conflict_events.validation.registry import LAYERS as LAYER_NAMES
from conflict_events.validation.registry import RULES
from conflict_events.validation.severity import errors, with_severities

Check = Callable[[Context], Iterable[Problem]]

# The modules that declare rules; within a layer, rules run in this order, then in the
# order each module declares them.
_RULE_MODULES = (
    "severity",  # imported above: its descriptor check runs first
    "structure",
    "table_rules",
    "keys",
    "actors",
    "event_rules",
    "geography",
    "evidence",
    "crosswalks",
    "cells",
)
for _module in _RULE_MODULES:
    importlib.import_module(f"{__name__}.{_module}")


def _layers() -> dict[str, list[Check]]:
    """Each layer's checks, in the order the rules are declared; the table layer runs its
    declared constraints through one pandera pass per table."""
    layers: dict[str, list[Check]] = {name: [] for name in LAYER_NAMES}
    layers[table_rules.LAYER].append(table_rules.check)
    for declared in RULES.values():
        if not declared.on_fields:
            layers[declared.layer].append(declared.run)
    return layers


LAYERS = _layers()


def validate(
    descriptor: str | Path,
    layers: dict[str, list[Check]] | None = None,
    engine: str = DEFAULT,
    **options: Any,
) -> list[Problem]:
    """All problems in the package, layer by layer (LAYERS unless others are given), found
    on `engine` (see conflict_events.engine.connect for its options).

    Raises PackageError when the descriptor itself is missing or unreadable, or is a
    release's: a release keeps its tables as Parquet and carries only the article texts it
    may publish, so it is checked with `verify` and `check-evidence` instead. Raises
    EngineError when the engine cannot start.
    """
    package = load_package(descriptor)
    if "x-build" in package.descriptor:
        raise PackageError(
            f"{package.descriptor_path} is a release made by build: check its files with "
            "`conflict-events verify` and its evidence with `conflict-events check-evidence`"
        )
    with running(engine, **options) as started:
        return check(read_package(package, started), layers)


def check(context: Context, layers: dict[str, list[Check]] | None = None) -> list[Problem]:
    """All problems in tables already read: the build reuses them rather than read twice.
    Those of rules the descriptor relaxes are warnings."""
    problems: list[Problem] = []
    for layer, rules in (LAYERS if layers is None else layers).items():
        for rule in rules:
            problems.extend(_run(rule, context, layer))
    return with_severities(problems, context.package.descriptor)


def _run(rule: Check, context: Context, layer: str) -> list[Problem]:
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


__all__ = ["LAYERS", "Problem", "check", "errors", "validate"]
