"""Rules on the actors table that the Table Schema cannot say alone.

A shared name or a shared UCDP id is a rule of its own, rather than a `unique` constraint,
so that an imported package can relax it by id (x-warnings) and keep the source's actors
as the source has them, while every other uniqueness stays an error.
"""

from __future__ import annotations

from collections.abc import Iterator

import ibis.expr.types as ir

from conflict_events.metadata.reading import Context
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem, at_rows
from conflict_events.validation.registry import rule

LAYER = "cross-table"
_FIRST_ROW, _FIRST_ID = "_first_row", "_first_id"


def _after_first(rows: ir.Table, column: str) -> ir.Table:
    """The rows whose `column` an earlier row (in file order) already has, each with the
    first such row's number and actor_id; missing values are never shared."""
    present = rows.filter(rows[column].notnull())
    firsts = present.group_by(column).aggregate(**{_FIRST_ROW: present[ROW].min()})
    named = present.view()
    firsts = firsts.join(
        named, [firsts[column] == named[column], firsts[_FIRST_ROW] == named[ROW]]
    ).select(column, _FIRST_ROW, **{_FIRST_ID: named.actor_id})
    later = present.join(firsts, column)
    return later.filter(later[ROW] > later[_FIRST_ROW])


def _shared(context: Context, column: str, rule_id: str, fix: str) -> Iterator[Problem]:
    actors = context.table("actors")
    if actors is None or not {"actor_id", column} <= set(actors.typed.columns):
        return

    def hint(row: dict) -> str:
        return f"{row[_FIRST_ID]} has this {column} already (row {row[_FIRST_ROW]}): {fix}"

    yield from at_rows(
        actors,
        _after_first(actors.typed, column),
        column,
        rule_id,
        hint,
        LAYER,
        _FIRST_ROW,
        _FIRST_ID,
    )


@rule("actor-name-shared", LAYER, "Two actors never share a name (compared as written)")
def shared_names(context: Context) -> Iterator[Problem]:
    yield from _shared(
        context, "name", "actor-name-shared", "give each actor its own name, or merge the two"
    )


@rule(
    "actor-ucdp-id-shared",
    LAYER,
    "Two actors never share a UCDP actor ID, so the UCDP crosswalk is unambiguous",
)
def shared_ucdp_ids(context: Context) -> Iterator[Problem]:
    yield from _shared(
        context,
        "ucdp_actor_id",
        "actor-ucdp-id-shared",
        "UCDP's ID names one actor: correct the ID, or merge the two",
    )
