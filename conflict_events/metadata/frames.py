"""The package as pandas frames: each table read once as text and as typed columns.

For the tools that work on a contributor's package (adding sources and events, diffs,
imports), which look rows up by hand. Validation and the build read the package through
the engine instead (metadata.reading), whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from conflict_events.metadata import DataPackage, Resource
from conflict_events.tables import parse_table, read_plain, read_raw


@dataclass
class Table:
    resource: Resource
    raw: pd.DataFrame
    typed: pd.DataFrame

    @property
    def file(self) -> str:
        """The file's path as reports name it: relative to the descriptor."""
        return self.resource.path


@dataclass
class Context:
    package: DataPackage
    tables: dict[str, Table] = field(default_factory=dict)
    # Tables the rules cannot use, and why: the structure layer reports them.
    skipped: dict[str, str] = field(default_factory=dict)
    # Tables whose file pyarrow read as plainly well formed (tables.read_plain): the
    # structure layer has nothing to scan in them.
    plain: set[str] = field(default_factory=set)
    # What several rules need and is costly to get (the article texts), got once.
    cache: dict[str, object] = field(default_factory=dict)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)


def read_tables(package: DataPackage) -> Context:
    """Read every table whose file and header fit its schema; note why the others don't."""
    context = Context(package=package)
    for resource in package.resources:
        file = resource.file(package.basepath)
        if resource.schema is None or file is None or not resource.is_csv:
            continue  # reported by the structure layer; an outside path is never read
        raw = read_plain(file, resource.schema)
        if raw is not None:
            context.plain.add(resource.name)
            context.tables[resource.name] = Table(resource, raw, parse_table(raw, resource.schema))
            continue
        try:
            raw = read_raw(file, resource.schema)
        except Exception as exc:  # any unreadable file becomes a reported problem
            context.skipped[resource.name] = (
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            )
            continue
        if list(raw.columns) != resource.schema.field_names:
            context.skipped[resource.name] = (
                f"header {','.join(map(str, raw.columns))} differs from the schema's "
                f"{','.join(resource.schema.field_names)}"
            )
            continue
        context.tables[resource.name] = Table(resource, raw, parse_table(raw, resource.schema))
    return context
