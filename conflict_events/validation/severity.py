"""Severities: every problem is an error unless the package's descriptor relaxes its rule
to a warning.

A package that records a source as the source has it (an import, say) lists, at the top
level of its datapackage.json, the rule ids it accepts breaking:

    "x-warnings": ["date-after-publication", "fatalities-order"]

Their problems are still reported, one line each, but as warnings: they leave the package
valid. The curated package relaxes none. A list the validator cannot use (not a list of
rule ids) is one `relaxed-rule` problem per wrong entry, which is never relaxed itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import replace

from conflict_events.metadata.reading import Context
from conflict_events.validation.problems import ERROR, WARNING, Problem
from conflict_events.validation.registry import RULES, reported_ids, rule

LAYER = "structure"
PROPERTY = "x-warnings"
RULE = "relaxed-rule"


def relaxed(descriptor: dict) -> set[str]:
    """The report ids the descriptor relaxes to warnings: a rule's own id relaxes every id
    that rule reports, another id only itself. Entries that name no rule are left out
    (the `relaxed-rule` check reports them)."""
    named = descriptor.get(PROPERTY)
    if not isinstance(named, list):
        return set()
    ids = set(reported_ids())
    out: set[str] = set()
    for id in named:
        if isinstance(id, str) and id in ids and id != RULE:
            out.update(RULES[id].reports if id in RULES else (id,))
    return out


def with_severities(problems: Iterable[Problem], descriptor: dict) -> list[Problem]:
    """The problems, those of relaxed rules marked as warnings."""
    warned = relaxed(descriptor)
    return [replace(p, severity=WARNING) if p.rule in warned else p for p in problems]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make a package invalid."""
    return [p for p in problems if p.severity == ERROR]


def counted(name: str, problems: list[Problem]) -> str:
    """The verdict: `name: 2 problem(s), 3 warning(s)`, `name: valid, 3 warning(s)`,
    `name: valid`."""
    failing = len(errors(problems))
    warned = len(problems) - failing
    said = f"{failing} problem(s)" if failing else "valid"
    return f"{name}: {said}, {warned} warning(s)" if warned else f"{name}: {said}"


@rule(
    RULE,
    LAYER,
    f"The descriptor's `{PROPERTY}` is a list of the validator's rule ids",
)
def check(context: Context) -> Iterator[Problem]:
    package = context.package
    if PROPERTY not in package.descriptor:
        return
    named = package.descriptor[PROPERTY]
    if not isinstance(named, list):
        yield _problem(
            package.descriptor_file,
            str(named),
            f'{PROPERTY} must be a list of rule ids, such as ["fatalities-order"]',
        )
        return
    ids = reported_ids()
    for id in named:
        if id == RULE:
            yield _problem(package.descriptor_file, id, f"{RULE} cannot be relaxed: remove it")
        elif not isinstance(id, str) or id not in ids:
            close = difflib.get_close_matches(str(id), ids, n=1, cutoff=0.75)
            guess = f" (did you mean {close[0]}?)" if close else ""
            yield _problem(
                package.descriptor_file,
                str(id),
                f"{PROPERTY} names no rule of the validator{guess}: see the rule list "
                "in docs/codebook.md",
            )


def _problem(file: str, value: str, hint: str) -> Problem:
    return Problem(file, None, None, RULE, value, hint, LAYER)
