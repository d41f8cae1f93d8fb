"""A problem found in the data, and the one-line forms it is reported in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from conflict_events.metadata.reading import VALUE, Table
from conflict_events.tables import ROW
from conflict_events.text import LINE_LIMIT, VALUE_LIMIT, cut, one_line, quoted, shown

if TYPE_CHECKING:
    import ibis.expr.types as ir

ERROR = "error"
WARNING = "warning"  # a rule the package's descriptor relaxes (validation.severity)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: where (file, row, column), which rule, the value found, what to do.

    `row` is the spreadsheet row number (header = 1); row and column are None when the
    problem concerns a whole file or the descriptor. `severity` is ERROR unless the
    package relaxes the rule to a WARNING, which leaves the package valid.
    """

    file: str
    row: int | None
    column: str | None
    rule: str
    value: str
    hint: str
    layer: str = ""
    severity: str = ERROR

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.row is not None or self.column is not None:
            parts.append("" if self.row is None else str(self.row))
        if self.column is not None:
            parts.append(self.column)
        return ":".join(parts)

    def as_line(self) -> str:
        """file:row:column  rule  "value"  hint, on one line whatever they hold; a warning
        says so before its rule: file:row:column  warning rule  "value"  hint."""
        return (
            f"{shown(self.location)}  {self.marked_rule}  {quoted(self.value)}  "
            f"{one_line(self.hint)}"
        )

    @property
    def marked_rule(self) -> str:
        """The rule as a report names it: `warning rule` for a warning."""
        return f"{WARNING} {self.rule}" if self.severity == WARNING else self.rule

    def as_dict(self) -> dict[str, Any]:
        """The problem for a JSON report: its value and hint cut as in a line."""
        return asdict(self) | {
            "value": cut(self.value, VALUE_LIMIT),
            "hint": cut(self.hint, LINE_LIMIT),
        }


def at_rows(
    table: Table,
    rows: ir.Table,
    column: str | None,
    rule: str,
    hint: str | Callable[[dict], str],
    layer: str,
    *extra: str,
) -> Iterator[Problem]:
    """One problem per row of `rows` (a filter of the table, with `_row`), in file order,
    showing the cell of `column` as written; `hint` may be worked out from each row's
    `extra` columns."""
    for row in table.failing(rows, column, *extra):
        said = hint(row) if callable(hint) else hint
        yield Problem(table.file, row[ROW], column, rule, row.get(VALUE) or "", said, layer)


def cell_text(value: Any) -> str:
    """The value as a report shows it: missing cells as an empty string."""
    if isinstance(value, list | tuple):
        return ";".join(map(str, value))
    if value is None or pd.isna(value):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)
