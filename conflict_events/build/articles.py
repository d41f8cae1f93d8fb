"""The release's articles table: one row per source with its text's SHA-256, length and
licence, and the text itself only where that licence lets a release carry it.

Every quote and its offsets are published in event_sources whatever the licence, so anyone
who obtains a text (from its URL or archived copy) can check the evidence against it. The
table is defined in schemas/release/articles.schema.json: its own fields there, and the
fields of `sources` it repeats by name (`x-fields-from`), taken from that table's schema.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import ibis
import ibis.expr.types as ir

from conflict_events.metadata import Field, TableSchema
from conflict_events.paths import own_root

NAME = "articles"
TITLE = "Articles"
LICENCE = "text_licence"  # the sources field that decides whether a text is carried


def _definition() -> dict[str, Any]:
    """The table's schema file: it belongs to the release format, so this install's."""
    path = own_root() / "schemas" / "release" / f"{NAME}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def description(all_texts: bool) -> str:
    what = (
        "every text, whatever its licence (an internal release: not for publication)"
        if all_texts
        else "the text only where its licence allows redistribution"
    )
    return (
        "One row per source: the SHA-256, size and length of its stored text, its URL, "
        f"archived copy and licence, and {what}. The texts are their publishers', under the "
        "licence in text_licence; the other columns are this dataset's. Every quote and its "
        "offsets are in event_sources, so a text obtained elsewhere can be checked against "
        "them (`conflict-events check-evidence`)."
    )


def articles_schema(sources: TableSchema) -> TableSchema:
    """The table's schema: the fields of sources it names, as they are there, then its own."""
    definition = _definition()
    taken = [
        copy.deepcopy(sources.field(name).descriptor)
        for name in definition["x-fields-from"]["sources"]
    ]
    return TableSchema(definition | {"fields": taken + definition["fields"]})


def redistributable(licence: Field) -> set[str]:
    """The licence codes whose texts a release may carry, as the vocabulary says."""
    return {c["value"] for c in licence.categories if c.get("x-redistributable") is True}


def articles_text(
    sources: ir.Table, texts: ir.Table, all_texts: bool, allowed: set[str]
) -> ir.Table:
    """The table's cells as text, one row per source: `sources` as written, `texts` the
    stored articles (validation.evidence); a text whose licence is not in `allowed` is left
    out unless `all_texts`."""
    taken = _definition()["x-fields-from"]["sources"]
    stored = texts.select(
        stored_source=texts.source_id, text=texts.text, size=texts.bytes, length=texts.length
    )
    rows = sources.select(*taken)
    rows = rows.left_join(stored, rows.source_id == stored.stored_source)
    carried = rows[LICENCE].isin(sorted(allowed)).fill_null(False) | all_texts
    return rows.select(
        *taken,
        article_length=rows.length.cast("string"),
        article_bytes=rows.size.cast("string"),
        text=carried.ifelse(rows.text, ibis.null("string")),
    )


def licences(
    licence: Field, used: list[str], package: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The resource's licences: the package's, for the columns this dataset writes, then
    each licence of a text the table carries, named by its code."""
    by_code = {c["value"]: c for c in licence.categories}
    entries = list(package)
    for code in sorted(set(used)):
        category = by_code[code]
        entry = {"name": code, "title": f"{category.get('label', code)} (article texts)"}
        if "x-url" in category:
            entry["path"] = category["x-url"]
        entries.append(entry)
    return entries
