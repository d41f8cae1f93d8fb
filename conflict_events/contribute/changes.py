"""All or nothing: append rows (and store files) only if the package stays valid."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from conflict_events.metadata import Field, load_package
from conflict_events.metadata.frames import Context
from conflict_events.tables import append_rows
from conflict_events.validation import Problem, errors, validate


class ContributionError(Exception):
    """The contribution was refused and nothing was written; `problems` may say more."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def require_valid(descriptor: Path) -> None:
    """Refuse to add to a package that is invalid already: its problems would be blamed on
    the contribution, or hide the contribution's own."""
    problems = errors(validate(descriptor))
    if problems:
        raise ContributionError("the data package has problems already: fix them first", problems)


def next_id(field: Field, used: set[str]) -> str:
    """The next free ID, in the form the field's pattern gives (e.g. ^src_[0-9]{6}$)."""
    form = re.fullmatch(r"\^(\w+?)\[0-9\]\{(\d+)\}\$", field.pattern or "")
    if form is None:
        raise ContributionError(
            f"cannot allocate IDs for {field.name}: its pattern is {field.pattern!r}"
        )
    prefix, width = form.group(1), int(form.group(2))
    numbers = [int(i[len(prefix) :]) for i in used if re.fullmatch(field.pattern, i)]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def next_free_id(context: Context, table: str, column: str, planned: Iterable[str] = ()) -> str:
    """The next ID of a table: never one in use, never a retired one, never one `planned`
    for rows of the same change."""
    rows = context.tables[table]
    retired = context.tables["retired_ids"].raw["retired_id"].dropna()
    used = {*rows.raw[column].dropna(), *retired, *planned}
    return next_id(rows.resource.schema.field(column), used)


def append_or_nothing(
    descriptor: Path,
    rows: dict[str, list[dict[str, str]]],
    files: dict[Path, bytes] | None = None,
    *,
    what: str,
) -> None:
    """Store `files`, append `rows` (per table, by column name; unnamed columns empty), then
    validate; on any problem or interruption put every file back as it was."""
    package = load_package(descriptor)
    files = files or {}
    tables = {name: package.resource(name) for name in rows}
    before = {
        resource.file(package.basepath): resource.file(package.basepath).read_bytes()
        for resource in tables.values()
    }
    for path in files:
        if path.exists():
            raise ContributionError(f"{path} exists already: move it away first; nothing was added")
    created = list(files)

    def undo() -> None:
        for path, data in before.items():
            path.write_bytes(data)
        for path in created:
            path.unlink(missing_ok=True)

    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, new_rows in rows.items():
            resource = tables[name]
            columns = resource.schema.field_names
            append_rows(
                resource.file(package.basepath),
                [[row.get(column, "") for column in columns] for row in new_rows],
            )
        problems = errors(validate(descriptor))
    except BaseException:
        undo()
        raise
    if problems:
        undo()
        raise ContributionError(f"the new {what} would not be valid; nothing was added", problems)
