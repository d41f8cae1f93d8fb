"""Rules on single text cells that no Table Schema constraint can express."""

from __future__ import annotations

from collections.abc import Iterator

import ibis

from conflict_events.metadata.reading import Context
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem
from conflict_events.validation.registry import rule

LAYER = "cross-table"
# What a spreadsheet treats as the start of a formula when it opens a CSV file.
_FORMULA_START = ["=", "+", "@", "\t", "\r"]


@rule("formula-injection", LAYER, "Text cells must not start like a spreadsheet formula")
def formula_injection(context: Context) -> Iterator[Problem]:
    for table in context.tables.values():
        fields = [
            f.name
            for f in table.resource.schema.fields
            if f.is_text and f.name in table.raw.columns
        ]
        if not fields:
            continue
        written = table.raw
        risky = {
            name: written[name].substr(0, 1).isin(_FORMULA_START).fill_null(False)
            for name in fields
        }
        flagged = written.select(written[ROW], *[risky[n].name(n) for n in fields])
        found = flagged.filter(ibis.or_(*[flagged[n] for n in fields]))
        marks = found.order_by(ROW).to_pyarrow().to_pylist()
        for name in fields:
            risky_rows = [m[ROW] for m in marks if m[name]]
            if not risky_rows:
                continue
            cells = written.filter(written[ROW].isin(risky_rows)).select(ROW, name)
            for row in cells.order_by(ROW).to_pyarrow().to_pylist():
                yield Problem(
                    table.file,
                    row[ROW],
                    name,
                    "formula-injection",
                    row[name] or "",
                    "a spreadsheet would run this cell as a formula: remove the leading "
                    "=, +, @, tab or carriage return, or reword the cell",
                    LAYER,
                )
