"""Rules on single text cells that no Table Schema constraint can express."""

from __future__ import annotations

from collections.abc import Iterator

import ibis

from conflict_events.formulas import runs_as_formula
from conflict_events.metadata import Field
from conflict_events.metadata.reading import Context
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem
from conflict_events.validation.registry import rule

LAYER = "cross-table"
# The first characters of the cells worth a closer look (formulas.runs_as_formula decides).
# A leading tab is a formula start in a field that allows tabs; a cell starting with a
# carriage return, or with a tab where the field allows no tab, is reported by
# text-character instead, once.
_FORMULA_START = ["=", "+", "-", "@"]


def _starts(field: Field) -> list[str]:
    return [*_FORMULA_START, "\t"] if field.multiline else _FORMULA_START


def _is_formula(cell: str) -> bool:
    return cell.startswith("\t") or runs_as_formula(cell)


@rule("formula-injection", LAYER, "Text cells must not be what a spreadsheet runs as a formula")
def formula_injection(context: Context) -> Iterator[Problem]:
    for table in context.tables.values():
        text_fields = {
            f.name: f
            for f in table.resource.schema.fields
            if f.is_text and f.name in table.raw.columns
        }
        fields = list(text_fields)
        if not fields:
            continue
        written = table.raw
        risky = {
            name: written[name].substr(0, 1).isin(_starts(text_fields[name])).fill_null(False)
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
                if not _is_formula(row[name] or ""):
                    continue
                yield Problem(
                    table.file,
                    row[ROW],
                    name,
                    "formula-injection",
                    row[name] or "",
                    "a spreadsheet would run this cell as a formula: remove the leading "
                    "=, +, -, @ or tab, or reword the cell",
                    LAYER,
                )
