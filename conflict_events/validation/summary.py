"""A Markdown account of a validation, for a pull request's job summary ($GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

from conflict_events.text import one_line, quoted, shown
from conflict_events.validation.problems import Problem


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def markdown_summary(descriptor: str, problems: list[Problem], changes: str | None = None) -> str:
    """The verdict, a table of the problems (one row each, as in the text report), and the
    changes since the base revision if they were listed (Markdown, one heading lower)."""
    if problems:
        lines = [f"## :x: {descriptor}: {len(problems)} problem(s)", ""]
        lines += ["| where | rule | value | what to do |", "|---|---|---|---|"]
        lines += [
            f"| `{_cell(shown(p.location))}` | {_cell(p.rule)} | {_cell(quoted(p.value))} "
            f"| {_cell(one_line(p.hint))} |"
            for p in problems
        ]
    else:
        lines = [f"## :white_check_mark: {descriptor}: valid"]
    if changes:
        lines += ["", changes]
    return "\n".join(lines).rstrip() + "\n"
