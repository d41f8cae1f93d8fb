"""The report of `conflict-events validate`: one line per problem (as text or as GitHub
workflow annotations) or one JSON document, the verdict, the rows changed since a git
revision, and a Markdown summary for a pull request's job summary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from conflict_events.metadata import PackageError
from conflict_events.text import json_text, relative, shown
from conflict_events.validation import validate
from conflict_events.validation.annotations import github_annotation
from conflict_events.validation.problems import Problem
from conflict_events.validation.severity import counted, errors
from conflict_events.validation.summary import markdown_summary
from conflict_events.versions.diff import PackageDiff, diff_packages
from conflict_events.versions.git_ref import RevisionError, package_at, repository_prefix
from conflict_events.versions.report import as_json, as_markdown, as_text


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class SummaryError(Exception):
    """The Markdown summary could not be written."""


@dataclass
class Report:
    """What validate says: `lines` on standard output, `verdict` on standard error; `valid`
    unless a problem is an error (warnings leave it valid)."""

    lines: list[str] = field(default_factory=list)
    verdict: str = ""
    valid: bool = True


def validation_report(
    descriptor: Path,
    format: ReportFormat = ReportFormat.text,
    changed_since: str | None = None,
    summary: Path | None = None,
    engine: str = "duckdb",
    engine_options: dict[str, Any] | None = None,
) -> Report:
    """Validate the package at `descriptor` and report it in `format`; with `changed_since`
    also list the rows changed since that git revision, with `summary` append a Markdown
    account to that file. Raises PackageError (also RevisionError: no such revision),
    EngineError, SummaryError."""
    changes = _changes_since(changed_since, descriptor) if changed_since else None
    problems = validate(descriptor, engine=engine, **(engine_options or {}))
    name = shown(relative(descriptor))
    valid = not errors(problems)
    if format is ReportFormat.json:
        document = _json(descriptor, problems, changed_since, changes)
        report = Report([document], "", valid)
    else:
        lines = _lines(descriptor, problems, format)
        if changes is not None:
            lines += _changes_text(changed_since, *changes)
        report = Report(lines, counted(name, problems), valid)
    if summary is not None:
        listed = _changes_markdown(changed_since, *changes) if changes is not None else None
        try:
            with summary.open("a", encoding="utf-8") as out:
                out.write(markdown_summary(name, problems, listed))
        except OSError as exc:
            raise SummaryError(
                f"cannot write the summary to {shown(summary)}: {exc.strerror}"
            ) from None
    return report


def _lines(descriptor: Path, problems: list[Problem], format: ReportFormat) -> list[str]:
    if format is not ReportFormat.github:
        return [problem.as_line() for problem in problems]
    folder = Path(descriptor).resolve()
    folder = folder if folder.is_dir() else folder.parent
    prefix = repository_prefix(folder)
    return [github_annotation(problem, folder, prefix) for problem in problems]


def _json(descriptor: Path, problems: list[Problem], ref: str | None, changes: tuple | None) -> str:
    report: dict[str, Any] = {
        "datapackage": str(descriptor),
        "valid": not errors(problems),
        "errors": len(errors(problems)),
        "warnings": len(problems) - len(errors(problems)),
        "problems": [p.as_dict() for p in problems],
    }
    if changes is not None:
        diff, why_not = changes
        report["changed_since"] = ref
        report["changes"] = json.loads(as_json(diff)) if diff else {"listed": False, "why": why_not}
    return json_text(report, indent=2)


def _changes_text(ref: str, diff: PackageDiff | None, why_not: str) -> list[str]:
    listed = as_text(diff) if diff else why_not
    return [f"changes since {ref}:", *("  " + line for line in listed.splitlines())]


def _changes_markdown(ref: str, diff: PackageDiff | None, why_not: str) -> str:
    title = f"Changes since `{ref}`"
    return as_markdown(diff, title) if diff else f"## {title}\n\n{why_not}"


def _changes_since(ref: str, descriptor: Path) -> tuple[PackageDiff | None, str]:
    """The diff from `ref` to the work tree, or why it cannot be listed (no package at
    `ref`, a table the validator reports as unreadable). An unknown `ref` raises."""
    try:
        with package_at(ref, descriptor) as before:
            return diff_packages(before, descriptor), ""
    except RevisionError:
        raise  # no such revision, or no git: the command cannot do what was asked
    except PackageError as exc:  # no package at the revision, or a side that cannot be read
        return None, f"not listed: {exc}"
