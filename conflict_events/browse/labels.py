"""A Datasette plugin, registered by `run`: a code's label beside it on a row page too.

Datasette 0.65 shows the label of a foreign key (a precision's, a location's name) on a
table page but the bare code on a row page. This module imports Datasette, so only `run`
imports it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import markupsafe
from datasette import hookimpl
from datasette.utils import escape_sqlite, tilde_encode

# (database, table) -> column -> (table it refers to, its column, that table's label column).
# The database is immutable, so what is read once stays true.
_keys: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = {}


async def _labelled_keys(datasette: Any, database: str, table: str) -> dict[str, tuple]:
    if (database, table) not in _keys:
        db = datasette.get_database(database)
        found = {}
        for key in await db.foreign_keys_for_table(table):
            label = await db.label_column_for_table(key["other_table"])
            if label:
                found[key["column"]] = (key["other_table"], key["other_column"], label)
        _keys[(database, table)] = found
    return _keys[(database, table)]


@hookimpl
def render_cell(
    value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Callable[[], Awaitable[markupsafe.Markup | None]] | None:
    """The label, linked to its row, then the code, as a table page shows them; nothing
    (Datasette's own rendering) for a value a table page has expanded already (a dict)."""
    if table is None or value is None or isinstance(value, dict):
        return None

    async def labelled() -> markupsafe.Markup | None:
        key = (await _labelled_keys(datasette, database, table)).get(column)
        if key is None:
            return None
        other, other_column, label_column = key
        result = await datasette.get_database(database).execute(
            f"select {escape_sqlite(label_column)} from {escape_sqlite(other)} "
            f"where {escape_sqlite(other_column)} = ?",
            [value],
        )
        row = result.first()
        if row is None or row[0] in (None, ""):
            return None
        link = datasette.urls.row(database, other, tilde_encode(str(value)))
        return markupsafe.Markup('<a href="{}">{}</a>&nbsp;<em>{}</em>').format(link, row[0], value)

    return labelled
