"""Compare two versions of the data package: rows by primary key, schemas, retired IDs.

Either side may be a descriptor, a release folder or a release zip. Only the canonical
tables are compared (a release's Parquet copies and events_flat repeat them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from conflict_events.metadata import DataPackage, PackageError, canonical_tables, load_package
from conflict_events.metadata.frames import Context, read_tables
from conflict_events.releases.archive import CHECKSUMS
from conflict_events.releases.verify import verify_release
from conflict_events.versions.opening import opened
from conflict_events.versions.schema_changes import Change, resource_changes, schema_changes
from conflict_events.versions.semver import Bump
from conflict_events.versions.values import canonical_text, parquet_tables

RETIRED = "retired_ids"
# Descriptor properties that change with every build and say nothing about the data.
_BUILD_PROPERTIES = {"version", "created", "resources", "x-build"}


@dataclass
class RowChange:
    key: tuple[str, ...]
    fields: dict[str, tuple[str, str]]  # field -> (old, new), as written in the CSV


@dataclass
class TableDiff:
    name: str
    key: list[str]
    added: list[tuple[str, ...]] = field(default_factory=list)
    removed: list[tuple[str, ...]] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class Retirement:
    retired_id: str
    table: str
    reason: str
    successor: str


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    tables: list[TableDiff]
    changes: list[Change]
    retired: list[Retirement]
    violations: list[str]

    @property
    def identical(self) -> bool:
        return all(t.empty for t in self.tables) and not self.changes and not self.violations

    def reasons(self) -> list[tuple[Bump, str]]:
        """Why the version must move, one reason per kind of change."""
        reasons = [(c.bump, f"{c.where}: {c.what}") for c in self.changes]
        for table in self.tables:
            if table.added:
                # A retired_ids row records a removal, which is a correction, not new data.
                bump = Bump.PATCH if table.name == RETIRED else Bump.MINOR
                reasons.append((bump, f"{len(table.added)} row(s) added to {table.name}"))
            if table.changed:
                reasons.append(
                    (Bump.PATCH, f"{len(table.changed)} row(s) corrected in {table.name}")
                )
            if table.removed:
                reasons.append(
                    (Bump.PATCH, f"{len(table.removed)} row(s) removed from {table.name}")
                )
        return sorted(reasons, key=lambda r: -r[0])

    @property
    def required_bump(self) -> Bump:
        return max((bump for bump, _ in self.reasons()), default=Bump.NONE)


def _keyed(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.fillna("").set_index(key, drop=False).sort_index()


def _as_tuple(key: object) -> tuple[str, ...]:
    return key if isinstance(key, tuple) else (str(key),)


def table_diff(name: str, key: list[str], old: pd.DataFrame, new: pd.DataFrame) -> TableDiff:
    """Rows added, removed and changed, matched by `key`; frames of text cells."""
    before, after = _keyed(old, key), _keyed(new, key)
    diff = TableDiff(name, key)
    diff.added = [_as_tuple(k) for k in after.index.difference(before.index)]
    diff.removed = [_as_tuple(k) for k in before.index.difference(after.index)]
    common = before.index.intersection(after.index)
    columns = [c for c in before.columns if c in after.columns]
    differs = before.loc[common, columns].ne(after.loc[common, columns])
    for row_key, row in differs[differs.any(axis=1)].iterrows():
        fields = {c: (before.at[row_key, c], after.at[row_key, c]) for c in columns if row[c]}
        diff.changed.append(RowChange(_as_tuple(row_key), fields))
    return diff


def _metadata_changes(old: DataPackage, new: DataPackage) -> list[Change]:
    changes = []
    keys = (old.descriptor.keys() | new.descriptor.keys()) - _BUILD_PROPERTIES
    for key in sorted(keys):
        if old.descriptor.get(key) != new.descriptor.get(key):
            changes.append(Change("package", f"{key} changed", Bump.PATCH))
    return changes


def _retired(context: Context) -> pd.DataFrame:
    table = context.table(RETIRED)
    if table is None:
        return pd.DataFrame(
            columns=["retired_id", "table", "reason", "successor_id"], dtype="string"
        )
    return table.raw.astype("string").fillna("")


def _retirement_checks(
    old: Context, new: Context, diffs: list[TableDiff]
) -> tuple[list[Retirement], list[str]]:
    """New retirements; and rows removed without retirement or retirements undone."""
    old_retired, new_retired = _retired(old), _retired(new)
    newly = new_retired[~new_retired["retired_id"].isin(old_retired["retired_id"])]
    retired = [
        Retirement(r.retired_id, r.table, r.reason, r.successor_id) for r in newly.itertuples()
    ]
    listed = set(new_retired["retired_id"])
    # The tables whose IDs are retired rather than deleted: the vocabulary of retired_ids.table.
    holder = new.table(RETIRED) or old.table(RETIRED)
    with_ids = set(holder.resource.schema.field("table").enum or []) if holder else set()
    violations = [
        f"{d.name}: {removed_id} was removed without being listed in {RETIRED}"
        for d in diffs
        if d.name in with_ids
        for (removed_id,) in d.removed
        if removed_id not in listed
    ]
    violations += [
        f"{RETIRED}: {retired_id} was retired before and is no longer listed"
        for retired_id in sorted(set(old_retired["retired_id"]) - listed)
    ]
    return retired, violations


def _readable(descriptor: Path, shown: str | Path) -> tuple[DataPackage, Context]:
    """The package and its tables, whole: a table that cannot be read, a release whose files
    do not match their checksums, or a repeated key would make any diff wrong."""
    package = load_package(descriptor)
    if (package.basepath / CHECKSUMS).is_file():
        problems = verify_release(package.basepath)
        if problems:
            raise PackageError(f"{shown}: the release is damaged ({problems[0]})")
    # A release from 0.2.0 on keeps its tables as Parquet, earlier ones and packages as CSV.
    in_parquet = any(
        r.descriptor.get("format") == "parquet" for r in package.resources
    ) and not any(r.is_csv and r.name in canonical_tables() for r in package.resources)
    context = parquet_tables(package) if in_parquet else read_tables(package)
    for resource in package.resources:
        if resource.name not in canonical_tables():
            continue
        reason = resource.schema_error or context.skipped.get(resource.name)
        if reason is None and resource.file(package.basepath) is None:
            reason = f"path {resource.path} leads outside the package"
        if reason:
            raise PackageError(f"{shown}: table {resource.name} cannot be read ({reason})")
        table = context.table(resource.name)
        key = resource.schema.primary_key
        if not key:
            raise PackageError(
                f"{shown}: table {resource.name} has no primary key to match rows by"
            )
        if table is not None and table.raw.duplicated(key).any():
            raise PackageError(
                f"{shown}: table {resource.name} repeats a primary key; validate it first"
            )
    return package, context


def diff_packages(old: str | Path, new: str | Path) -> PackageDiff:
    """Everything that changed from `old` to `new`. Raises PackageError if either is unusable."""
    with opened(old) as old_descriptor, opened(new) as new_descriptor:
        old_package, old_context = _readable(old_descriptor, old)
        new_package, new_context = _readable(new_descriptor, new)
    changes = _metadata_changes(old_package, new_package)
    diffs = []
    for name in canonical_tables():
        before, after = old_context.table(name), new_context.table(name)
        if before is None and after is None:
            continue
        if before is None or after is None:
            bump = Bump.MINOR if before is None else Bump.MAJOR
            changes.append(Change(name, "table added" if before is None else "table removed", bump))
            continue
        changes += schema_changes(name, before.resource.schema, after.resource.schema)
        changes += resource_changes(name, before.resource.descriptor, after.resource.descriptor)
        key = after.resource.schema.primary_key
        diffs.append(table_diff(name, key, canonical_text(before), canonical_text(after)))
    retired, violations = _retirement_checks(old_context, new_context, diffs)
    return PackageDiff(
        old_version=str(old_package.descriptor.get("version", "")),
        new_version=str(new_package.descriptor.get("version", "")),
        tables=diffs,
        changes=changes,
        retired=retired,
        violations=violations,
    )
