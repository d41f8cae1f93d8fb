"""Problems as GitHub workflow annotations, so they appear on a pull request's own lines."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from conflict_events.validation.problems import Problem


def _escape(text: str, in_property: bool = False) -> str:
    """GitHub's escaping for workflow commands (properties also escape ':' and ',')."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


@cache
def _layout(path: Path) -> tuple[list[str], list[int]]:
    """The header, and for each record (spreadsheet row 1, 2, ...) the line it starts on."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            starts, header, line = [], [], 1
            for record in reader:
                if not header:
                    header = record
                starts.append(line)
                line = reader.line_num + 1
            return header, starts
    except (OSError, UnicodeDecodeError, csv.Error):
        return [], []


def github_annotation(problem: Problem, basepath: Path, prefix: str = "") -> str:
    """One `::error` line: file relative to the repository, the line and column of the cell."""
    properties = [f"file={_escape(prefix + problem.file, True)}"]
    header, starts = _layout(basepath / problem.file)
    if problem.row is not None:
        line = starts[problem.row - 1] if problem.row <= len(starts) else problem.row
        properties.append(f"line={line}")
    first_column = (problem.column or "").split(",")[0]
    if first_column in header:
        properties.append(f"col={header.index(first_column) + 1}")
    properties.append(f"title={_escape(problem.rule, True)}")
    message = (
        f"{problem.rule}: {problem.hint} (value: {problem.value!r})"
        if problem.value
        else f"{problem.rule}: {problem.hint}"
    )
    return f"::error {','.join(properties)}::{_escape(message)}"
