"""Every rule of the validator, declared once with its id, layer and title.

A rule is declared where it is written, by a decorator: `@rule` on a function that takes
the package as read and yields problems, `@constraint` on a Table Schema constraint that
the table layer turns into a pandera check. The layers, the rule list in the docs and the
tests that every rule is tested and planted in synthetic data all read RULES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

LAYERS = ("structure", "table", "cross-table")


@dataclass(frozen=True)
class Rule:
    """One rule: `id` is the name a report gives it; `also` are further ids the same check
    reports (a missing file and a wrong hash are one rule on articles, say)."""

    id: str
    layer: str
    title: str
    run: Callable[..., Any]
    also: tuple[str, ...] = field(default=())
    on_fields: bool = False  # a Table Schema constraint, run per field by the table layer

    @property
    def reports(self) -> tuple[str, ...]:
        return (self.id, *self.also)


RULES: dict[str, Rule] = {}


def _declare(
    id: str, layer: str, title: str, also: Iterable[str] = (), on_fields: bool = False
) -> Callable:
    if layer not in LAYERS:
        raise ValueError(f"rule {id}: unknown layer {layer!r}")

    def register(run: Callable) -> Callable:
        if id in RULES:
            raise ValueError(f"rule {id} is declared twice")
        RULES[id] = Rule(id, layer, title, run, tuple(also), on_fields)
        return run

    return register


def rule(id: str, layer: str, title: str, also: Iterable[str] = ()) -> Callable:
    """Declare a rule over the whole package: `run(context)` yields its problems."""
    return _declare(id, layer, title, also)


def constraint(id: str, title: str) -> Callable:
    """Declare a table rule: `run(field, schema)` gives the check of one field (None where
    the field has no such constraint), which the table layer runs with pandera."""
    return _declare(id, "table", title, on_fields=True)


def in_layer(layer: str) -> list[Rule]:
    return [r for r in RULES.values() if r.layer == layer]


def constraints() -> list[Rule]:
    return [r for r in RULES.values() if r.on_fields]


def reported_ids() -> list[str]:
    """Every id a report can carry, rule by rule."""
    return [id for r in RULES.values() for id in r.reports]
