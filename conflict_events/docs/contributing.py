"""CONTRIBUTING.md's sections as the codebook links them: each section's heading, its
GitHub anchor, the rules it names in bold, and the tables it talks about, all read from the
guide itself so a renamed or renumbered section changes the links with it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from conflict_events.docs.markdown import headings, prose
from conflict_events.metadata import DataPackage

_RULE = re.compile(r"^\*\*([^*]+?)\.?\*\*", flags=re.MULTILINE)
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    rules: tuple[str, ...]  # the bold lead-ins of its paragraphs, e.g. "Date", "Place"
    mentions: frozenset[str]  # what it names in inline code


def sections(guide: str) -> list[Section]:
    """The guide's second-level sections, in order; a section runs to the next heading of
    its level or above."""
    lines = guide.splitlines()
    marks = list(headings(guide))
    found = []
    for i, heading in enumerate(marks):
        if heading.level != 2:
            continue
        end = next((h.line for h in marks[i + 1 :] if h.level <= 2), len(lines))
        body = prose(lines[heading.line + 1 : end])
        found.append(
            Section(
                title=heading.title,
                anchor=heading.anchor,
                rules=tuple(_RULE.findall(body)),
                mentions=frozenset(_CODE.findall(body)),
            )
        )
    return found


def _own_names(package: DataPackage) -> dict[str, set[str]]:
    """Per table, what names it alone: its name, files, `table.field`s, the fields no
    other table has (also as the command-line option `--field-name`) and its text codes."""
    tables = [r for r in package.resources if r.schema is not None]
    shared = Counter(f.name for r in tables for f in r.schema.fields)
    names = {}
    for resource in tables:
        own = {resource.name, resource.path, str(resource.descriptor.get("schema"))}
        for field in resource.schema.fields:
            own.add(f"{resource.name}.{field.name}")
            if shared[field.name] == 1:
                own |= {field.name, "--" + field.name.replace("_", "-")}
            own |= {c["value"] for c in field.categories if isinstance(c["value"], str)}
        names[resource.name] = own
    return names


def sections_about(package: DataPackage, guide: str) -> dict[str, list[Section]]:
    """Per table, the guide's sections that name it, one of its own fields or codes."""
    own = _own_names(package)
    return {
        table: [s for s in sections(guide) if s.mentions & names] for table, names in own.items()
    }
