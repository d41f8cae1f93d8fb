"""Questions for the parts of a new event not given as options, with the stored choices shown.

Used when `new-event` runs without some required option: the contributor sees the existing
actors, locations and sub-event types and answers by ID, name, alias or number.
"""

from __future__ import annotations

from collections.abc import Callable

import typer
from rich.console import Console
from rich.table import Table

from conflict_events.contribute.changes import ContributionError
from conflict_events.contribute.lookup import KINDS
from conflict_events.metadata.frames import Context

console = Console(stderr=True)


def ask(question: str, default: str | None = None) -> str:
    """One answer; a closed input (nothing more to read) refuses instead of waiting."""
    try:
        return typer.prompt(question, default=default, show_default=bool(default), err=True)
    except typer.Abort:
        raise ContributionError(f"no answer for {question!r}; nothing was added") from None


def ask_until(
    question: str, accept: Callable[[str], str | None], default: str | None = None
) -> str:
    """Ask again until `accept` returns a value (it prints why an answer is refused)."""
    while True:
        value = accept(ask(question, default))
        if value is not None:
            return value


def show_stored(context: Context, kind: str) -> None:
    """The stored actors or locations, to pick from."""
    table_name, id_column, _ = KINDS[kind]
    rows = context.tables[table_name].raw
    columns = (id_column, "name", "country_iso3")
    table = Table(*columns, title=f"stored {table_name}", show_edge=False)
    for _, row in rows.iterrows():
        table.add_row(*(row[c] if isinstance(row[c], str) else "" for c in columns))
    console.print(table)


def pick_code(context: Context, table: str, column: str, default: str | None = None) -> str:
    """A code of a vocabulary column, shown with its labels; string codes may also be
    picked by their number in the list."""
    categories = context.tables[table].resource.schema.field(column).categories
    values = [str(c["value"]) for c in categories]
    numbered = not all(v.isdigit() for v in values)
    for number, category in enumerate(categories, 1):
        parent = f" [dim]({category['parent']})[/dim]" if "parent" in category else ""
        mark = f"{number:>3}  " if numbered else ""
        label = category.get("label", "")
        label = f" - {label}" if label and label != category["value"] else ""
        console.print(f"{mark}{category['value']}{label}{parent}")

    def accept(answer: str) -> str | None:
        if numbered and answer.isdigit() and 1 <= int(answer) <= len(values):
            return values[int(answer) - 1]
        if answer in values:
            return answer
        console.print(f"[red]{answer!r} is not one of the codes above[/red]")
        return None

    return ask_until(column.replace("_", " "), accept, default)
