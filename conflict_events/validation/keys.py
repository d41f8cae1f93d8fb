"""Cross-table rules on identifiers: foreign keys, retired IDs, actor parents, roles, evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from conflict_events.validation.columns import beyond, within
from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem, cell_text

LAYER = "cross-table"


def foreign_keys(context: Context) -> Iterator[Problem]:
    """Every reference names a row that exists in the referenced table."""
    for name, table in context.tables.items():
        for fk in table.resource.schema.foreign_keys(name):
            fields, ref_fields = list(fk.fields), list(fk.reference_fields)
            declared = context.package.resource(fk.resource)
            if declared is None or (
                declared.schema is not None
                and not set(ref_fields) <= set(declared.schema.field_names)
            ):
                yield Problem(
                    context.package.descriptor_file,
                    None,
                    None,
                    "foreign-key-target",
                    f"{name}: {','.join(fields)} -> {fk.resource}.{','.join(ref_fields)}",
                    "the foreign key points at a table or field the package does not have: "
                    "fix the schema",
                    LAYER,
                )
                continue
            target = context.table(fk.resource)
            if target is None:
                continue  # the referenced table could not be read: the structure layer says why
            child = table.typed[fields].dropna()
            missing = ~_rows_within(child, target.typed[ref_fields].dropna())
            for index in child.index[missing]:
                yield table.problem(
                    index,
                    ",".join(fields),
                    "foreign-key",
                    f"no row of {fk.resource} has {','.join(ref_fields)} = this value: "
                    f"add that row to {fk.resource} first, or correct the reference",
                    LAYER,
                )


def _rows_within(rows: pd.DataFrame, known: pd.DataFrame) -> pd.Series:
    """Which rows appear among the known rows: by Arrow for one column, the usual case."""
    if rows.shape[1] == 1:
        return within(rows.iloc[:, 0], known.iloc[:, 0])
    found = pd.MultiIndex.from_frame(rows).isin(pd.MultiIndex.from_frame(known))
    return pd.Series(found, index=rows.index)


def retired_ids(context: Context) -> Iterator[Problem]:
    """A retired ID is never used again, and its successor exists."""
    retired = context.table("retired_ids")
    if retired is None:
        return
    for index, row in retired.typed.iterrows():
        table = context.table(row.get("table")) if pd.notna(row.get("table")) else None
        if table is None or pd.isna(row.get("retired_id")):
            continue
        key = table.resource.schema.primary_key[0]
        ids = table.typed[key]
        pattern = table.resource.schema.field(key).pattern
        if pattern and not re.fullmatch(pattern, row["retired_id"]):
            yield retired.problem(
                index,
                "retired_id",
                "retired-table",
                f"this is not an ID of {row['table']} (pattern {pattern}): name the table it belongs to",
                LAYER,
            )
            continue
        for reuse in ids.index[ids == row["retired_id"]]:
            successor = row.get("successor_id")
            follow = f", or use its successor {successor}" if pd.notna(successor) else ""
            yield table.problem(
                reuse,
                key,
                "retired-id-reused",
                f"this ID was retired on {cell_text(row['retired_on'])} ({cell_text(row['reason'])}) "
                f"and is never reused: allocate a new ID{follow}",
                LAYER,
            )
        successor = row.get("successor_id")
        if pd.notna(successor) and not (ids == successor).any():
            yield retired.problem(
                index,
                "successor_id",
                "retired-successor",
                f"no row of {row['table']} has this ID: name an existing successor or leave it empty",
                LAYER,
            )


def actor_parent_cycles(context: Context) -> Iterator[Problem]:
    """Following parent_actor_id from any actor ends at an actor without a parent."""
    actors = context.table("actors")
    if actors is None or not {"actor_id", "parent_actor_id"} <= set(actors.typed):
        return
    parent = dict(actors.typed[["actor_id", "parent_actor_id"]].dropna().itertuples(index=False))
    in_cycle: dict[str, list[str]] = {}
    for start in parent:
        path, current = [], start
        while current in parent and current not in path and current not in in_cycle:
            path.append(current)
            current = parent[current]
        if current in path:
            cycle = path[path.index(current) :]
            for member in cycle:
                in_cycle[member] = cycle
    for index, actor_id in actors.typed["actor_id"].items():
        if actor_id in in_cycle:
            cycle = in_cycle[actor_id]
            loop = " -> ".join([*cycle, cycle[0]])
            yield actors.problem(
                index,
                "parent_actor_id",
                "actor-parent-cycle",
                f"parents form a loop ({loop}): one of these actors must have another parent or none",
                LAYER,
            )


def category_counts(context: Context) -> Iterator[Problem]:
    """Per group (e.g. per event), how often each code may appear, as the schema's categories say.

    A field with `x-group-by` counts its codes within each group: `x-min` and `x-max` bound
    the rows with a code, `x-requires` names a code that must be in the group beside it.
    Groups with no rows at all are found through the group field's foreign key.
    """
    for name, table in context.tables.items():
        schema = table.resource.schema
        for field in schema.fields:
            group = field.descriptor.get("x-group-by")
            if group is None:
                continue
            rows = table.typed[[group, field.name]].dropna()
            codes = rows[field.name]
            for category in field.categories:
                code, label = category["value"], category.get("label", category["value"])
                with_code = rows[codes == code]
                most = category.get("x-max")
                if most is not None:
                    extra = beyond(with_code[group], most)
                    for index in with_code.index[extra]:
                        yield table.problem(
                            index,
                            field.name,
                            f"{field.name}-count",
                            f"a {group} has at most {most} {code} ({label}): "
                            "give this row another code or remove it",
                            LAYER,
                        )
                needed = category.get("x-requires")
                if needed is not None:
                    alone = with_code[~within(with_code[group], rows.loc[codes == needed, group])]
                    for index in alone.index:
                        yield table.problem(
                            index,
                            field.name,
                            f"{field.name}-requires",
                            f"{code} needs a {needed} row for the same {group}: add it or change this code",
                            LAYER,
                        )
                if category.get("x-min", 0) > 0:
                    yield from _groups_without(context, name, group, code, label, with_code[group])


def _groups_without(
    context: Context, name: str, group: str, code: str, label: str, having: pd.Series
) -> Iterator[Problem]:
    """Rows of the group's own table (e.g. events) that have no row with a required code."""
    for fk in context.tables[name].resource.schema.foreign_keys(name):
        target = context.table(fk.resource)
        if fk.fields != (group,) or target is None:
            continue
        ids = target.typed[fk.reference_fields[0]].dropna()
        for index in ids.index[~within(ids, having)]:
            yield target.problem(
                index,
                fk.reference_fields[0],
                f"{code}-missing",
                f"every {group} needs a {code} ({label}) in {name}: add that row",
                LAYER,
            )


def evidence_present(context: Context) -> Iterator[Problem]:
    """Every event has at least one evidence row."""
    events, evidence = context.table("events"), context.table("event_sources")
    if events is None or evidence is None or "event_id" not in evidence.typed:
        return
    ids = events.typed["event_id"].dropna()
    for index in ids.index[~within(ids, evidence.typed["event_id"].dropna().drop_duplicates())]:
        yield events.problem(
            index,
            "event_id",
            "evidence-missing",
            "every event needs evidence: add an event_sources row quoting the article that reports it",
            LAYER,
        )
