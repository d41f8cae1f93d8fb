"""Find an existing actor or location from what a contributor types: its ID, name or alias."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import pandas as pd

from conflict_events.characters import comparable
from conflict_events.contribute.changes import ContributionError
from conflict_events.metadata import path_inside
from conflict_events.metadata.frames import Context

# Which table holds each kind of thing, its ID column and the column of other names.
KINDS = {
    "actor": ("actors", "actor_id", "aliases"),
    "location": ("locations", "location_id", None),
}


def _named(context: Context, kind: str) -> Iterator[tuple[str, str, list[str]]]:
    """(ID, name, [name and aliases]) of each stored row of the kind."""
    table, id_column, alias_column = KINDS[kind]
    rows = context.tables[table].raw
    delimiter = (
        context.tables[table].resource.schema.field(alias_column).delimiter if alias_column else ""
    )
    for _, row in rows.iterrows():
        names = [str(row["name"])]
        if alias_column and not pd.isna(row[alias_column]):
            names += [n.strip() for n in str(row[alias_column]).split(delimiter)]
        yield row[id_column], str(row["name"]), names


def matching(context: Context, kind: str, typed: str) -> list[str]:
    """IDs of the rows whose ID, name or alias is `typed`, compared as `comparable` has
    it: case, compatibility forms, invisible characters and outer spaces ignored."""
    wanted = comparable(typed)
    return [
        row_id
        for row_id, _, names in _named(context, kind)
        if any(comparable(n) == wanted for n in [row_id, *names])
    ]


def find(context: Context, kind: str, typed: str) -> str:
    """The ID of the one row `typed` names; a refusal that lists near candidates otherwise."""
    found = matching(context, kind, typed)
    if len(found) == 1:
        return found[0]
    if found:
        raise ContributionError(
            f"{kind} {typed!r} is ambiguous: {', '.join(found)} all match; give the ID"
        )
    table = KINDS[kind][0]
    hint = _near(context, kind, typed)
    hint = f"; did you mean {hint}?" if hint else ""
    raise ContributionError(f"no {kind} {typed!r} in {table}{hint} (add it with new-{kind})")


def _near(context: Context, kind: str, typed: str) -> str:
    """Stored rows whose name contains what was typed, or whose name or alias is spelt
    nearly so (a slip of a letter or two)."""
    wanted = typed.strip().casefold()
    near = []
    for row_id, name, names in _named(context, kind):
        folded = [n.casefold() for n in names]
        close = difflib.get_close_matches(wanted, folded, n=1, cutoff=0.8)
        if wanted and (wanted in folded[0] or close):
            near.append(f"{row_id} {name}")
    return "; ".join(near)


def article_of(context: Context, source_id: str) -> str:
    """The stored text of a source's article (never a file outside the package)."""
    sources = context.tables["sources"].raw.set_index("source_id")
    if source_id not in sources.index:
        raise ContributionError(f"no source {source_id}: add the article with add-source first")
    path = path_inside(context.package.basepath, sources.at[source_id, "article_path"])
    try:
        if path is None:
            raise OSError("its path leads outside the package")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContributionError(
            f"the article of {source_id} cannot be read ({exc}): run conflict-events validate"
        ) from None
