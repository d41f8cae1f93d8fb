"""Layer 1, structure: the descriptor and each file's shape, checked by frictionless-py.

Only structural errors are taken from frictionless here (descriptor, encoding, header,
blank rows, cell counts, quoting). Types, constraints and keys are the table-rules and
cross-table layers' job, so frictionless is told to skip those; swapping this engine
means replacing `check`, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PureWindowsPath

import frictionless
from frictionless import Checklist, FrictionlessException, Package

from conflict_events.metadata import (
    DataPackage,
    Resource,
    canonical_tables,
    is_url,
    metadata_errors,
)
from conflict_events.metadata.reading import Context
from conflict_events.validation.problems import Problem
from conflict_events.validation.registry import rule

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
    "source-error": "check that the file exists, can be read and has at least its header row",
    "format-error": "save the table as CSV",
    "encoding-error": "save the file as UTF-8",
    "blank-row": "delete the empty row",
    "missing-cell": "this row has fewer cells than the header, from this column on: add the missing cells (empty ones too) or close a quote left open",
    "extra-cell": "this row has more cells than the header: remove the extra cell or quote a value containing a comma",
    "blank-label": "give every column a header",
    "duplicate-label": "each column header must appear once",
    "incorrect-label": "rename the header to the field name the schema gives at this position",
    "missing-label": "add the missing column, in the order the schema gives",
    "extra-label": "remove the column, or add it to the table's schema first",
    "hash-count": "the file changed: update its hash in the descriptor",
    "byte-count": "the file changed: update its byte count in the descriptor",
}


@rule(
    "structure",
    LAYER,
    "The descriptor follows the Data Package standard and every file is well-formed CSV",
    also=["resource-missing", "resource-path", "unreadable", *_HINTS],
)
def check(context: Context) -> Iterator[Problem]:
    """The descriptor first, then each resource's file on its own, so one broken part
    (a bad licence entry, a missing schema) does not hide the others' problems."""
    package = context.package
    refused = {r.name: why for r in package.resources if (why := _refused(package, r))}
    paths = [f'"{r.path}"' for r in package.resources if r.name in refused]
    for error in metadata_errors(Package, package.descriptor):
        if error.type == "resource-error" and any(p in (error.note or "") for p in paths):
            continue  # frictionless's 'not safe': reported below, naming the resource
        yield _problem(package.descriptor_file, error)
    present = {r.name for r in package.resources} | _named(package)
    for name in canonical_tables():
        if name not in present:
            yield Problem(
                package.descriptor_file,
                None,
                None,
                "resource-missing",
                name,
                f"add the {name} resource (path and schema) to the descriptor",
                LAYER,
            )
    yield from _unread_paths(package)
    for resource in package.resources:
        if resource.name in refused:
            yield Problem(
                package.descriptor_file,
                None,
                None,
                "resource-path",
                resource.path,
                f"resource {resource.name}: {refused[resource.name]}",
                LAYER,
            )
        elif resource.schema_error is not None:
            yield Problem(
                package.descriptor_file,
                None,
                None,
                "schema-error",
                resource.name,
                f"{resource.schema_error}: point the resource at a valid Table Schema",
                LAYER,
            )
        else:
            yield from _file_problems(context, resource)


def _named(package: DataPackage) -> set[str]:
    """The resource names the descriptor gives, read or not (a list path is not read)."""
    resources = package.descriptor.get("resources")
    return {
        r["name"]
        for r in (resources if isinstance(resources, list) else [])
        if isinstance(r, dict) and isinstance(r.get("name"), str)
    }


def _unread_paths(package: DataPackage) -> Iterator[Problem]:
    """Resources whose path is not one string (a list of parts, which the standard allows,
    or none): nothing of them is read, so each is named here rather than passed over."""
    resources = package.descriptor.get("resources")
    for position, res in enumerate(resources if isinstance(resources, list) else [], start=1):
        if not isinstance(res, dict) or "path" not in res or isinstance(res["path"], str):
            continue  # no path at all: frictionless reports it
        name = res.get("name", f"number {position}")
        path = res["path"]
        parts = [str(p) for p in path] if isinstance(path, list) else [str(path)]
        urls = [p for p in parts if is_url(p)]
        if urls:
            what = f"its path is a list of {len(parts)} holding a URL, which is never fetched"
        elif isinstance(path, list):
            what = f"its path is a list of {len(parts)}"
        else:
            what = "its path is not text"
        yield Problem(
            package.descriptor_file,
            None,
            None,
            "resource-path",
            (urls or parts or [""])[0],
            f"resource {name}: {what}: give one path, relative to the descriptor, to a file "
            "in the package folder",
            LAYER,
        )


def _refused(package: DataPackage, resource: Resource) -> str | None:
    """Why a resource's path is never read (nor fetched), or None when it names a file
    inside the package."""
    if Path(resource.path).is_absolute() or PureWindowsPath(resource.path).drive:
        return "its path is absolute: give the path relative to the descriptor"
    if is_url(resource.path):
        return (
            "its path is a URL, which is never fetched: save the file in the package "
            "folder and give its path relative to the descriptor"
        )
    if resource.file(package.basepath) is None:
        return "its path leads out of the package folder ('..' or a link out): give a relative path inside it"
    return None


def _file_problems(context: Context, resource: Resource) -> Iterator[Problem]:
    package = context.package
    descriptor = resource.descriptor
    plain = not {"dialect", "hash", "bytes"} & set(descriptor)  # nothing more to check
    file = resource.file(package.basepath)
    read = resource.schema is not None and resource.name not in context.skipped and file
    if plain and read and resource.name in context.plain:
        return  # nothing for frictionless's row-by-row scan to report (tables.read_plain)
    if resource.schema is not None:
        # Only the shape is checked here: column names, and text cells with no constraints
        # or keys (types, vocabularies, keys and uniqueness are the later layers'), so
        # frictionless neither parses values nor holds every key in memory.
        schema = resource.schema.descriptor
        shape = {
            "fields": [{"name": f.get("name"), "type": "string"} for f in schema.get("fields", [])],
            "missingValues": schema.get("missingValues", [""]),
        }
        descriptor = descriptor | {"schema": shape}
    if metadata_errors(frictionless.Resource, resource.descriptor):
        return  # its descriptor errors were reported with the package descriptor's
    try:
        checked = frictionless.Resource(descriptor, basepath=str(package.basepath))
        report = checked.validate(checklist=Checklist(skip_errors=_LEFT_TO_LATER_LAYERS))
    except FrictionlessException as exc:
        yield _problem(package.descriptor_file, exc.error)
        return
    errors = [error for task in report.tasks for error in task.errors] + list(report.errors)
    rows_seen: set[tuple[str, int]] = set()
    for error in errors:
        # frictionless lists each missing or extra cell; a short or long row is one problem
        if error.type in ("missing-cell", "extra-cell"):
            if (error.type, error.row_number) in rows_seen:
                continue
            rows_seen.add((error.type, error.row_number))
        yield _problem(resource.path, error)
    if resource.name in context.skipped and not errors:
        yield Problem(
            resource.path,
            None,
            None,
            "unreadable",
            context.skipped[resource.name],
            "save the table as UTF-8 CSV whose header row lists the schema's fields in order",
            LAYER,
        )


def _problem(file: str, error: frictionless.errors.Error) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    value = getattr(error, "cell", None) or getattr(error, "label", None) or error.note or ""
    hint = _HINTS.get(error.type, error.message)
    if error.type in ("package-error", "resource-error", "schema-error", "field-error"):
        value = error.note or value
    return Problem(file, row, column, error.type, str(value), hint, LAYER)
