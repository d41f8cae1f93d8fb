"""Cross-table rules on identifiers: foreign keys, retired IDs, actor parents, roles, evidence."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem, cell_text

LAYER = "cross-table"


def foreign_keys(context: Context) -> Iterator[Problem]:
    """Every reference names a row that exists in the referenced table."""
    for name, table in context.tables.items():
        for fk in table.resource.schema.foreign_keys(name):
            target = context.table(fk.resource)
            fields, ref_fields = list(fk.fields), list(fk.reference_fields)
            if (
                target is None
                or not set(fields) <= set(table.typed)
                or not set(ref_fields) <= set(target.typed)
            ):
                continue  # a missing table or column is reported by the structure layer
            child = table.typed[fields].dropna()
            known = pd.MultiIndex.from_frame(target.typed[ref_fields].dropna())
            missing = ~pd.MultiIndex.from_frame(child).isin(known)
            for index in child.index[missing]:
                yield table.problem(
                    index,
                    ",".join(fields),
                    "foreign-key",
                    f"no row of {fk.resource} has {','.join(ref_fields)} = this value: "
                    f"add that row to {fk.resource} first, or correct the reference",
                    LAYER,
                )


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


def event_roles(context: Context) -> Iterator[Problem]:
    """Each event has exactly one actor1, at most one actor2, and associates only beside them."""
    events, links = context.table("events"), context.table("event_actors")
    if events is None or links is None or not {"event_id", "role"} <= set(links.typed):
        return
    roles = links.typed[["event_id", "role"]].dropna()
    for role in ("actor1", "actor2"):
        repeated = roles[roles["role"] == role].duplicated("event_id", keep="first")
        for index in repeated.index[repeated]:
            yield links.problem(
                index,
                "role",
                "event-roles",
                f"this event already has an {role}: an event has one {role}; "
                f"list further actors on that side as {'assoc_actor_1' if role == 'actor1' else 'assoc_actor_2'}",
                LAYER,
            )
    for assoc, main in (("assoc_actor_1", "actor1"), ("assoc_actor_2", "actor2")):
        has_main = set(roles.loc[roles["role"] == main, "event_id"])
        orphans = roles[(roles["role"] == assoc) & ~roles["event_id"].isin(has_main)]
        for index in orphans.index:
            yield links.problem(
                index,
                "role",
                "event-roles",
                f"an {assoc} needs the event's {main}: add the {main} or change this role",
                LAYER,
            )
    with_actor1 = set(roles.loc[roles["role"] == "actor1", "event_id"])
    ids = events.typed["event_id"].dropna()
    for index in ids.index[~ids.isin(with_actor1)]:
        yield events.problem(
            index,
            "event_id",
            "event-actor1",
            "this event has no actor1: add a row to event_actors naming the actor that initiated it",
            LAYER,
        )


def evidence_present(context: Context) -> Iterator[Problem]:
    """Every event has at least one evidence row."""
    events, evidence = context.table("events"), context.table("event_sources")
    if events is None or evidence is None or "event_id" not in evidence.typed:
        return
    ids = events.typed["event_id"].dropna()
    for index in ids.index[~ids.isin(set(evidence.typed["event_id"].dropna()))]:
        yield events.problem(
            index,
            "event_id",
            "evidence-missing",
            "every event needs evidence: add an event_sources row quoting the article that reports it",
            LAYER,
        )
