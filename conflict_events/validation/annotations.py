"""Problems as GitHub workflow annotations, so they appear on a pull request's own lines."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from conflict_events.text import VALUE_LIMIT, cut, one_line, shown
from conflict_events.validation.problems import Problem


def _escape(text: str, in_property: bool = False) -> str:
    """GitHub's escaping for workflow commands (properties also escape ':' and ',')."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


@cache
def _layout(path: Path, _stamp: tuple[int, int]) -> tuple[list[str], list[int], list[str]]:
    """The header, the line each record (spreadsheet row 1, 2, ...) starts on, and the
    lines themselves. `_stamp` (modification time and size) renews it when the file changes."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            text = f.read()
        # CSV records end at "\n" only (str.splitlines would also break at U+2028 and kin)
        lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
        reader = csv.reader(lines)
        starts, header, line = [], [], 1
        for record in reader:
            if not header:
                header = record
            starts.append(line)
            line = reader.line_num + 1
        return header, starts, lines
    except (OSError, UnicodeDecodeError, csv.Error):
        return [], [], []


def _cell_start(lines: list[str], line: int, field: int) -> tuple[int, int] | None:
    """Line and character column (both from 1) where the record starting at `line` has its
    cell number `field` (from 0); None if the record has fewer cells."""
    in_quotes, seen, at = False, 0, 0
    while seen < field:
        if line > len(lines):
            return None
        text = lines[line - 1]
        if at >= len(text):
            if not in_quotes:
                return None  # the record ended
            line, at = line + 1, 0
            continue
        if text[at] == '"':
            in_quotes = not in_quotes
        elif text[at] == "," and not in_quotes:
            seen += 1
        at += 1
    return line, at + 1


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return stat.st_mtime_ns, stat.st_size


def github_annotation(problem: Problem, basepath: Path, prefix: str = "") -> str:
    """One `::error` line (`::warning` for a warning): file relative to the repository, the
    line and column of the cell."""
    properties = [f"file={_escape(shown(prefix + problem.file), True)}"]
    path = basepath / problem.file
    header, starts, lines = _layout(path, _stamp(path))
    first_column = (problem.column or "").split(",")[0]
    if problem.row is not None:
        line = starts[problem.row - 1] if problem.row <= len(starts) else problem.row
        cell = (
            _cell_start(lines, line, header.index(first_column)) if first_column in header else None
        )
        properties.append(f"line={cell[0] if cell else line}")
        if cell:
            properties.append(f"col={cell[1]}")
    properties.append(f"title={_escape(problem.rule, True)}")
    hint = one_line(problem.hint)
    message = (
        f"{problem.rule}: {hint} (value: {cut(problem.value, VALUE_LIMIT)!r})"
        if problem.value
        else f"{problem.rule}: {hint}"
    )
    return f"::{problem.severity} {','.join(properties)}::{_escape(message)}"
