"""A package diff as text for a terminal, Markdown for a pull request, or JSON for programs."""

from __future__ import annotations

from dataclasses import asdict

from conflict_events.text import json_text, quoted, shown
from conflict_events.versions.diff import PackageDiff, TableDiff

_WIDTH = 60


def _short(value: str) -> str:
    return quoted(value.replace("\n", " "), _WIDTH)


def _key(key: tuple[str, ...]) -> str:
    return shown(", ".join(key))


def _retired_note(diff: PackageDiff, table: TableDiff, key: tuple[str, ...]) -> str:
    for r in diff.retired:
        if r.table == table.name and (r.retired_id,) == key:
            return f"retired: {r.reason}" + (f", successor {r.successor}" if r.successor else "")
    return ""


def _counts(table: TableDiff) -> str:
    return f"{len(table.added)} added, {len(table.removed)} removed, {len(table.changed)} changed"


def as_text(diff: PackageDiff) -> str:
    lines = [f"{diff.old_version} -> {diff.new_version}"]
    for table in diff.tables:
        if table.empty:
            continue
        lines.append(f"{table.name}: {_counts(table)}")
        lines += [f"  + {_key(k)}" for k in table.added]
        lines += [f"  - {_key(k)}  {_retired_note(diff, table, k)}".rstrip() for k in table.removed]
        for change in table.changed:
            fields = "; ".join(
                f"{f}: {_short(a)} -> {_short(b)}" for f, (a, b) in change.fields.items()
            )
            lines.append(f"  ~ {_key(change.key)}  {fields}")
    lines += [f"{c.where}: {c.what} ({c.bump})" for c in diff.changes]
    lines += [f"problem: {v}" for v in diff.violations]
    if diff.identical:
        lines.append("identical")
    else:
        lines.append(f"required version bump: {diff.required_bump}")
        lines += [f"  {bump}: {why}" for bump, why in diff.reasons()]
    return "\n".join(lines)


def as_markdown(diff: PackageDiff, title: str | None = None) -> str:
    """Markdown under a level-2 heading (default: the two versions)."""
    title = title or f"Data changes: {diff.old_version} -> {diff.new_version}"
    lines = [f"## {title}", ""]
    if diff.identical:
        return "\n".join([*lines, "No changes."])
    lines += [f"**Required version bump: {diff.required_bump}**", ""]
    if diff.violations:
        lines += ["### Problems", "", *[f"- {v}" for v in diff.violations], ""]
    changed = [t for t in diff.tables if not t.empty]
    if changed:
        lines += ["| table | added | removed | changed |", "|---|---:|---:|---:|"]
        lines += [
            f"| {t.name} | {len(t.added)} | {len(t.removed)} | {len(t.changed)} |" for t in changed
        ]
        lines.append("")
    for table in changed:
        lines += [f"### {table.name}", ""]
        lines += [f"- added `{_key(k)}`" for k in table.added]
        for k in table.removed:
            note = _retired_note(diff, table, k)
            lines.append(f"- removed `{_key(k)}`" + (f" ({note})" if note else ""))
        for change in table.changed:
            fields = ", ".join(
                f"`{f}` {_short(a)} -> {_short(b)}" for f, (a, b) in change.fields.items()
            )
            lines.append(f"- changed `{_key(change.key)}`: {fields}")
        lines.append("")
    if diff.changes:
        lines += [
            "### Schema and metadata",
            "",
            *[f"- {c.where}: {c.what} ({c.bump})" for c in diff.changes],
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def as_json(diff: PackageDiff) -> str:
    report = asdict(diff)
    report["changes"] = [
        c | {"bump": str(diff.changes[i].bump)} for i, c in enumerate(report["changes"])
    ]
    report["identical"] = diff.identical
    report["required_bump"] = str(diff.required_bump)
    report["reasons"] = [{"bump": str(b), "why": w} for b, w in diff.reasons()]
    return json_text(report, indent=2)
