"""Rules on single text cells that no Table Schema constraint can express."""

from __future__ import annotations

from collections.abc import Iterator

from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem

LAYER = "cross-table"
# What a spreadsheet treats as the start of a formula when it opens a CSV file.
_FORMULA_START = r"[=+@\t\r]"


def formula_injection(context: Context) -> Iterator[Problem]:
    """Text cells must not start like a spreadsheet formula."""
    for table in context.tables.values():
        for field in table.resource.schema.fields:
            if not field.is_text or field.name not in table.raw:
                continue
            cells = table.raw[field.name].astype("string")
            risky = cells.str.match(_FORMULA_START).fillna(False).astype(bool)
            for index in cells.index[risky]:
                yield table.problem(
                    index,
                    field.name,
                    "formula-injection",
                    "a spreadsheet would run this cell as a formula: remove the leading "
                    "=, +, @, tab or carriage return, or reword the cell",
                    LAYER,
                )
