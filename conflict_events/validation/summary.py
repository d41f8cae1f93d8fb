"""A Markdown account of a validation, for a pull request's job summary ($GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

from conflict_events.text import one_line, quoted, shown
from conflict_events.validation.problems import Problem
from conflict_events.validation.severity import counted, errors


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def markdown_summary(descriptor: str, problems: list[Problem], changes: str | None = None) -> str:
    """The verdict, a table of the problems and warnings (one row each, as in the text
    report), and the changes since the base revision if they were listed (Markdown, one
    heading lower)."""
    mark = ":x:" if errors(problems) else ":warning:" if problems else ":white_check_mark:"
    lines = [f"## {mark} {counted(descriptor, problems)}"]
    if problems:
        lines += ["", "| where | rule | value | what to do |", "|---|---|---|---|"]
        lines += [
            f"| `{_cell(shown(p.location))}` | {_cell(p.marked_rule)} | {_cell(quoted(p.value))} "
            f"| {_cell(one_line(p.hint))} |"
            for p in problems
        ]
    if changes:
        lines += ["", changes]
    return "\n".join(lines).rstrip() + "\n"
