"""What changed between two versions of a table's schema, and the bump each change needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conflict_events.metadata import Field, ForeignKey, TableSchema
from conflict_events.versions.semver import Bump


@dataclass(frozen=True)
class Change:
    where: str  # table, or table.field
    what: str
    bump: Bump


# For each constraint: the bump when it is added, removed, raised, lowered.
_TIGHTER_WHEN_HIGHER = {"minimum", "minLength"}
_TIGHTER_WHEN_LOWER = {"maximum", "maxLength"}


def _constraint_changes(where: str, old: Field, new: Field) -> list[Change]:
    changes = []
    for name in sorted(set(old.constraints) | set(new.constraints)):
        before, after = old.constraints.get(name), new.constraints.get(name)
        if before == after:
            continue
        if name == "enum" and before is not None and after is not None:
            gone = [c for c in before if c not in after]
            came = [c for c in after if c not in before]
            if gone:
                changes.append(Change(where, f"vocabulary codes removed: {gone}", Bump.MAJOR))
            if came:
                changes.append(Change(where, f"vocabulary codes added: {came}", Bump.MINOR))
            continue
        if before in (None, False):
            changes.append(Change(where, f"constraint {name} added: {after!r}", Bump.MAJOR))
        elif after in (None, False):
            changes.append(Change(where, f"constraint {name} removed (was {before!r})", Bump.MINOR))
        elif name in _TIGHTER_WHEN_HIGHER | _TIGHTER_WHEN_LOWER:
            tighter = (after > before) == (name in _TIGHTER_WHEN_HIGHER)
            word = "tightened" if tighter else "loosened"
            changes.append(
                Change(
                    where,
                    f"{name} {word}: {before!r} -> {after!r}",
                    Bump.MAJOR if tighter else Bump.MINOR,
                )
            )
        else:  # a changed pattern or other value: which rows it admits cannot be told apart
            changes.append(
                Change(where, f"constraint {name} changed: {before!r} -> {after!r}", Bump.MAJOR)
            )
    return changes


# The parts of a field or table that only describe it (or, x-default, what contribution
# tools propose): changing them is metadata-only.
_DESCRIBING = {"title", "description", "categories", "categoriesOrdered", "x-default"}
# What the comparisons above classify; any other property that changes counts as MAJOR,
# since nothing tells whether readers of the data would still read it the same way.
_FIELD_CLASSIFIED = _DESCRIBING | {"name", "type", "constraints", "x-multiline"}
_TABLE_CLASSIFIED = _DESCRIBING | {"fields", "primaryKey", "foreignKeys", "$schema"}
# Resource properties that differ between a repository and its release (paths, sizes).
_RESOURCE_PER_COPY = {
    "path",
    "bytes",
    "hash",
    "schema",
    "format",
    "mediatype",
    "encoding",
    "scheme",
    "type",
    "x-partitions",
}


def _unclassified(
    where: str, old: dict[str, Any], new: dict[str, Any], classified: set[str]
) -> list[Change]:
    keys = (old.keys() | new.keys()) - classified
    return [
        Change(where, f"{key} changed: {old.get(key)!r} -> {new.get(key)!r}", Bump.MAJOR)
        for key in sorted(keys)
        if old.get(key) != new.get(key)
    ]


def _multiline_change(where: str, now: bool) -> Change:
    """Line breaks now allowed admit more rows (minor); withdrawn, fewer (major)."""
    if now:
        return Change(where, "line breaks and tabs now allowed (x-multiline)", Bump.MINOR)
    return Change(where, "line breaks and tabs no longer allowed (x-multiline)", Bump.MAJOR)


def _described(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Which of the describing parts differ, e.g. 'title, categories'; '' if none."""
    return ", ".join(k for k in sorted(_DESCRIBING) if old.get(k) != new.get(k))


def resource_changes(table: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """A table's documentation in the descriptor (title, description, licences, ...)."""
    keys = (old.keys() | new.keys()) - _RESOURCE_PER_COPY
    return [
        Change(table, f"resource {key} changed", Bump.PATCH)
        for key in sorted(keys)
        if old.get(key) != new.get(key)
    ]


def schema_changes(table: str, old: TableSchema, new: TableSchema) -> list[Change]:
    changes: list[Change] = []
    old_fields = {f.name: f for f in old.fields}
    new_fields = {f.name: f for f in new.fields}
    for name in old_fields.keys() - new_fields.keys():
        changes.append(Change(f"{table}.{name}", "field removed", Bump.MAJOR))
    for name in new_fields.keys() - old_fields.keys():
        changes.append(Change(f"{table}.{name}", "field added", Bump.MINOR))
    for name in old_fields.keys() & new_fields.keys():
        before, after, where = old_fields[name], new_fields[name], f"{table}.{name}"
        if before.type != after.type:
            changes.append(
                Change(where, f"type changed: {before.type} -> {after.type}", Bump.MAJOR)
            )
        changes += _constraint_changes(where, before, after)
        if before.multiline != after.multiline:
            changes.append(_multiline_change(where, after.multiline))
        described = _described(before.descriptor, after.descriptor)
        if described:
            changes.append(Change(where, f"{described} changed", Bump.PATCH))
        changes += _unclassified(where, before.descriptor, after.descriptor, _FIELD_CLASSIFIED)
    if [f.name for f in old.fields if f.name in new_fields] != [
        f.name for f in new.fields if f.name in old_fields
    ]:
        changes.append(Change(table, "fields reordered", Bump.MAJOR))
    if old.primary_key != new.primary_key:
        changes.append(
            Change(
                table, f"primary key changed: {old.primary_key} -> {new.primary_key}", Bump.MAJOR
            )
        )
    if old.descriptor.get("description") != new.descriptor.get("description"):
        changes.append(Change(table, "description changed", Bump.PATCH))
    changes += _unclassified(table, old.descriptor, new.descriptor, _TABLE_CLASSIFIED)
    # Compared as what they mean: a self-reference written with or without its resource
    # (Data Package v1 and v2) is the same key.
    old_keys, new_keys = old.foreign_keys(table), new.foreign_keys(table)
    changes += [
        Change(table, f"foreign key added: {_key_text(fk)}", Bump.MAJOR)
        for fk in new_keys
        if fk not in old_keys
    ]
    changes += [
        Change(table, f"foreign key removed: {_key_text(fk)}", Bump.MINOR)
        for fk in old_keys
        if fk not in new_keys
    ]
    return sorted(changes, key=lambda c: (c.where, c.what))


def _key_text(key: ForeignKey) -> str:
    return f"({', '.join(key.fields)}) -> {key.resource} ({', '.join(key.reference_fields)})"
