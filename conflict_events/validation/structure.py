"""Layer 1, structure: the descriptor and each file's shape, checked by frictionless-py.

Only structural errors are taken from frictionless here (descriptor, encoding, header,
blank rows, cell counts, quoting). Types, constraints and keys are the table-rules and
cross-table layers' job, so frictionless is told to skip those; swapping this engine
means replacing `check`, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator

import frictionless
from frictionless import Checklist

from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem

LAYER = "structure"

# Reported by the later layers, which name the row and the rule precisely.
_LEFT_TO_LATER_LAYERS = [
    "type-error",
    "constraint-error",
    "unique-error",
    "primary-key",
    "foreign-key",
]

_HINTS = {
    "package-error": "fix the descriptor so it follows the Data Package standard",
    "resource-error": "fix this resource's entry in the descriptor (a relative path inside the package)",
    "schema-error": "fix the Table Schema file this resource points to",
    "scheme-error": "check that the file exists at the path the descriptor gives",
    "source-error": "check that the file exists and can be read",
    "format-error": "save the table as CSV",
    "encoding-error": "save the file as UTF-8",
    "blank-row": "delete the empty row",
    "extra-cell": "this row has more cells than the header: remove the extra cell or quote a value containing a comma",
    "blank-label": "give every column a header",
    "duplicate-label": "each column header must appear once",
    "incorrect-label": "rename the header to the field name the schema gives at this position",
    "missing-label": "add the missing column, in the order the schema gives",
    "extra-label": "remove the column, or add it to the table's schema first",
    "hash-count": "the file changed: update its hash in the descriptor",
    "byte-count": "the file changed: update its byte count in the descriptor",
}


def check(context: Context) -> Iterator[Problem]:
    package = context.package
    report = frictionless.validate(
        str(package.descriptor_path),
        checklist=Checklist(skip_errors=_LEFT_TO_LATER_LAYERS),
        limit_errors=10_000,
    )
    for error in report.errors:
        yield _problem(package.descriptor_file, error)
    for task in report.tasks:
        for error in task.errors:
            yield _problem(task.place, error)
    for name, reason in context.unreadable.items():
        if not any(task.name == name and task.errors for task in report.tasks):
            resource = package.resource(name)
            yield Problem(
                resource.path if resource else name,
                None,
                None,
                "unreadable",
                reason,
                "save the table as UTF-8 CSV with one header row",
                LAYER,
            )
    for resource in package.resources:
        if resource.schema_error:
            yield Problem(
                package.descriptor_file,
                None,
                None,
                "schema-error",
                resource.name,
                f"{resource.schema_error}: point the resource at a readable Table Schema",
                LAYER,
            )


def _problem(file: str, error: frictionless.errors.Error) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    value = getattr(error, "cell", None) or getattr(error, "label", None) or error.note or ""
    hint = _HINTS.get(error.type, error.message)
    return Problem(file, row, column, error.type, str(value), hint, LAYER)
