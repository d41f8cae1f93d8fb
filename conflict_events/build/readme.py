"""The README.md a release carries: what it holds and what is whose, in plain words."""

from __future__ import annotations

from collections import Counter
from typing import Any

from conflict_events.releases.archive import downloads_record, stem_of


def readme(
    descriptor: dict[str, Any],
    licences: list[str],
    carried: list[bool],
    downloads: dict[str, str],
) -> str:
    """`licences` and `carried`: each article's licence code and whether its text is in the
    release; `downloads`: file name -> what it holds."""
    version = descriptor["version"]
    package_licence = ", ".join(
        entry.get("title") or entry.get("name", "") for entry in descriptor.get("licenses", [])
    )
    total, included = len(carried), sum(carried)
    per_licence = Counter(code for code, kept in zip(licences, carried, strict=True) if kept)
    lines = [
        f"# {descriptor.get('title', descriptor.get('name', 'conflict-events'))}",
        "",
        f"Release {version}, built {descriptor.get('created', '')}"
        + (
            f" from commit {descriptor['x-build']['commit']}."
            if "commit" in descriptor.get("x-build", {})
            else "."
        ),
        "",
        descriptor.get("description", ""),
        "",
        "## What is whose",
        "",
        f"- The tables are this dataset's, published under {package_licence}: events, "
        "actors, places, sources, the evidence quotes with their offsets, and each article's "
        "URL, SHA-256, size and length.",
        "- The article texts belong to their publishers. "
        + (
            f"This is an internal release: it carries all {total} texts, whatever their "
            "licence. Do not publish it."
            if descriptor.get("x-build", {}).get("texts") == "all"
            else f"This release carries {included} of the {total} texts, those whose "
            "licence allows redistribution, each under the licence its row of the "
            "articles table names"
            + (
                " (" + ", ".join(f"{code}: {n}" for code, n in sorted(per_licence.items())) + ")"
                if per_licence
                else ""
            )
            + ". For every text, carried or not, the articles table gives its URL, archived "
            "copy, SHA-256, size and length, and event_sources every quote with its offsets."
        ),
        "- Anyone who holds a text can check the evidence against it: "
        "`conflict-events check-evidence <this release> --texts <folder of texts>`.",
        "",
        "## Files",
        "",
        *[f"- `{name}`: {what}" for name, what in downloads.items()],
        "",
        "Check the zips with `sha256sum -c --ignore-missing "
        f"{downloads_record(stem_of(descriptor))}`, and the files of an unpacked one with "
        "`sha256sum -c SHA256SUMS`.",
        "",
    ]
    return "\n".join(lines)
