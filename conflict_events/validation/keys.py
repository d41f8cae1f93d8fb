"""Cross-table rules on identifiers: foreign keys, retired IDs, actor parents, roles, evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator

import ibis
import ibis.expr.types as ir

from conflict_events.metadata.reading import Context, Table
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem, at_rows, cell_text
from conflict_events.validation.registry import rule

LAYER = "cross-table"


def _without(rows: ir.Table, fields: list[str], known: ir.Table, ref_fields: list[str]) -> ir.Table:
    """The rows whose `fields` match no row of `known` on `ref_fields` (nulls never match)."""
    other = known.view()
    present = rows.filter([rows[f].notnull() for f in fields])
    return present.anti_join(
        other, [present[f] == other[r] for f, r in zip(fields, ref_fields, strict=True)]
    )


@rule(
    "foreign-key",
    LAYER,
    "Every reference names a row that exists in the referenced table",
    also=["foreign-key-target"],
)
def foreign_keys(context: Context) -> Iterator[Problem]:
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
            yield from at_rows(
                table,
                _without(table.typed, fields, target.typed, ref_fields),
                ",".join(fields),
                "foreign-key",
                f"no row of {fk.resource} has {','.join(ref_fields)} = this value: "
                f"add that row to {fk.resource} first, or correct the reference",
                LAYER,
            )


@rule(
    "retired-id-reused",
    LAYER,
    "A retired ID is never used again, and its successor exists",
    also=["retired-table", "retired-successor"],
)
def retired_ids(context: Context) -> Iterator[Problem]:
    retired = context.table("retired_ids")
    if retired is None:
        return
    listed = retired.typed.to_pyarrow().to_pylist()  # a short list, kept by hand
    found: list[tuple[int, int, Problem]] = []
    for entry in listed:
        table = context.table(entry["table"]) if entry["table"] is not None else None
        if table is None or entry["retired_id"] is None:
            continue
        found += _retired_entry(retired, table, entry)
    for _, _, problem in sorted(found, key=lambda f: (f[0], f[1])):
        yield problem


def _retired_entry(retired: Table, table: Table, entry: dict) -> list[tuple[int, int, Problem]]:
    """(retired row, order, problem) for one retired ID."""
    key = table.resource.schema.primary_key[0]
    pattern = table.resource.schema.field(key).pattern
    place = entry[ROW]
    problem = retired_row_problem(retired, entry)
    if pattern and not re.fullmatch(pattern, entry["retired_id"]):
        return [
            (
                place,
                0,
                problem(
                    "retired_id",
                    "retired-table",
                    f"this is not an ID of {entry['table']} (pattern {pattern}): name the table it belongs to",
                ),
            )
        ]
    successor = entry.get("successor_id")
    follow = f", or use its successor {successor}" if successor is not None else ""
    reused = at_rows(
        table,
        table.typed.filter(table.typed[key] == entry["retired_id"]),
        key,
        "retired-id-reused",
        f"this ID was retired on {cell_text(entry['retired_on'])} ({cell_text(entry['reason'])}) "
        f"and is never reused: allocate a new ID{follow}",
        LAYER,
    )
    found = [(place, 1, p) for p in reused]
    if (
        successor is not None
        and table.typed.filter(table.typed[key] == successor).count().to_pyarrow().as_py() == 0
    ):
        found.append(
            (
                place,
                2,
                problem(
                    "successor_id",
                    "retired-successor",
                    f"no row of {entry['table']} has this ID: name an existing successor or leave it empty",
                ),
            )
        )
    return found


def retired_row_problem(retired: Table, entry: dict):
    """A problem on this row of retired_ids, showing the cell as written."""

    def problem(column: str, rule_id: str, hint: str) -> Problem:
        value = entry.get(column)
        return Problem(retired.file, entry[ROW], column, rule_id, cell_text(value), hint, LAYER)

    return problem


@rule(
    "actor-parent-cycle",
    LAYER,
    "Following parent_actor_id from any actor ends at an actor without a parent",
)
def actor_parent_cycles(context: Context) -> Iterator[Problem]:
    actors = context.table("actors")
    if actors is None or not {"actor_id", "parent_actor_id"} <= set(actors.typed.columns):
        return
    links = actors.typed.filter(actors.typed.parent_actor_id.notnull())
    parent = {
        r["actor_id"]: r["parent_actor_id"]
        for r in links.select("actor_id", "parent_actor_id").to_pyarrow().to_pylist()
        if r["actor_id"] is not None
    }
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
    if not in_cycle:
        return
    members = actors.typed.filter(actors.typed.actor_id.isin(list(in_cycle)))

    def loop(row: dict) -> str:
        cycle = in_cycle[row["actor_id"]]
        return (
            f"parents form a loop ({' -> '.join([*cycle, cycle[0]])}): "
            "one of these actors must have another parent or none"
        )

    yield from at_rows(
        actors, members, "parent_actor_id", "actor-parent-cycle", loop, LAYER, "actor_id"
    )


def _after_first(rows: ir.Table, group: str, limit: int) -> ir.Table:
    """The rows after the first `limit` rows (by file order) of the same group."""
    earlier = ibis.row_number().over(group_by=rows[group], order_by=rows[ROW])
    marked = rows.mutate(_earlier=earlier)
    return marked.filter(marked._earlier >= limit)


@rule(
    "role-count",
    LAYER,
    "Per group (e.g. per event), each code appears as often as its category allows",
    also=["role-requires", "actor1-missing"],
)
def category_counts(context: Context) -> Iterator[Problem]:
    """A field with `x-group-by` counts its codes within each group: `x-min` and `x-max`
    bound the rows with a code, `x-requires` names a code that must be in the group beside
    it. Groups with no rows at all are found through the group field's foreign key.
    (The ids reported are `<field>-count`, `<field>-requires` and `<code>-missing`.)"""
    for name, table in context.tables.items():
        schema = table.resource.schema
        for field in schema.fields:
            group = field.descriptor.get("x-group-by")
            if group is None:
                continue
            typed = table.typed
            rows = typed.filter(typed[group].notnull() & typed[field.name].notnull())
            for category in field.categories:
                code, label = category["value"], category.get("label", category["value"])
                with_code = rows.filter(rows[field.name] == code)
                most = category.get("x-max")
                if most is not None:
                    yield from at_rows(
                        table,
                        _after_first(with_code, group, most),
                        field.name,
                        f"{field.name}-count",
                        f"a {group} has at most {most} {code} ({label}): "
                        "give this row another code or remove it",
                        LAYER,
                    )
                needed = category.get("x-requires")
                if needed is not None:
                    partners = rows.filter(rows[field.name] == needed)
                    yield from at_rows(
                        table,
                        _without(with_code, [group], partners, [group]),
                        field.name,
                        f"{field.name}-requires",
                        f"{code} needs a {needed} row for the same {group}: add it or change this code",
                        LAYER,
                    )
                if category.get("x-min", 0) > 0:
                    yield from _groups_without(context, name, group, code, label, with_code)


def _groups_without(
    context: Context, name: str, group: str, code: str, label: str, having: ir.Table
) -> Iterator[Problem]:
    """Rows of the group's own table (e.g. events) that have no row with a required code."""
    for fk in context.tables[name].resource.schema.foreign_keys(name):
        target = context.table(fk.resource)
        if fk.fields != (group,) or target is None:
            continue
        key = fk.reference_fields[0]
        yield from at_rows(
            target,
            _without(target.typed, [key], having, [group]),
            key,
            f"{code}-missing",
            f"every {group} needs a {code} ({label}) in {name}: add that row",
            LAYER,
        )


@rule("evidence-missing", LAYER, "Every event has at least one evidence row")
def evidence_present(context: Context) -> Iterator[Problem]:
    events, evidence = context.table("events"), context.table("event_sources")
    if events is None or evidence is None or "event_id" not in evidence.typed.columns:
        return
    yield from at_rows(
        events,
        _without(events.typed, ["event_id"], evidence.typed, ["event_id"]),
        "event_id",
        "evidence-missing",
        "every event needs evidence: add an event_sources row quoting the article that reports it",
        LAYER,
    )
