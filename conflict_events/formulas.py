"""What a spreadsheet runs as a formula when it opens a CSV file, defined once: the
validator refuses such cells (`formula-injection`) and the exports made for people neutralise
them (`for_spreadsheet`).

Excel, LibreOffice Calc and Google Sheets read a cell starting with `=` as a formula, and,
for compatibility with Lotus 1-2-3, one starting with `+`, `-` or `@` too. What makes a
formula dangerous is what it can do: call a function (`=HYPERLINK(...)`, `@SUM(...)`),
reach another program (DDE: `-cmd|' /C calc'!A0`), or show other cells or arithmetic in place
of the value written (`+A1`, `-2+3`). A handle such as `@MENASTREAM`, a number written with
its sign (`-12`, `+3.5`, `-5%`) or prose such as `-5 km from the town` does none of this, so:

- a cell starting with `=` is always a formula;
- a cell starting with `+`, `-` or `@` is a formula when it is not a signed number and it
  holds `(`, `|` or `=` anywhere, or is as a whole an expression of numbers and cell
  references (`A1`, `$B$2`, `R1C1`, `Sheet1!A1`, `A1:B2`) joined by operators.
"""

from __future__ import annotations

import re

# The characters OWASP's CSV-injection guidance names as a formula's start: what an export
# for people neutralises.
LEADING = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?"
_SIGNED_NUMBER = re.compile(rf"[+-]{_NUMBER}")
# A cell reference in A1 or R1C1 style, maybe on a named sheet, maybe a range.
_CELL = r"(?:[\w.]+!|'[^']*'!)?(?:\$?[A-Za-z]{1,3}\$?\d+|[Rr]\d+[Cc]\d+)"
_TERM = rf"[+\-\s]*(?:{_NUMBER}|{_CELL}(?::{_CELL})?)\s*"
_EXPRESSION = re.compile(rf"[+\-@]{_TERM}(?:[-+*/^&<>]{_TERM})*")
_CALL_OR_LINK = re.compile(r"[(|=]")


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet opening the cell from a CSV file would run it as a formula."""
    if cell.startswith("="):
        return True
    if not cell.startswith(("+", "-", "@")) or _SIGNED_NUMBER.fullmatch(cell):
        return False
    return bool(_CALL_OR_LINK.search(cell) or _EXPRESSION.fullmatch(cell))


def for_spreadsheet(cell: str) -> str:
    """The cell as an export for people writes it: a cell starting with a formula character
    gets a leading single quote, which spreadsheets read as "this is text" and do not show
    (OWASP's usual neutralisation); signed numbers stay numbers."""
    if cell.startswith(LEADING) and not _SIGNED_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
