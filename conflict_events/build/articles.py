"""The release's articles table: one row per source with its text's SHA-256, length and
licence, and the text itself only where that licence lets a release carry it.

Every quote and its offsets are published in event_sources whatever the licence, so anyone
who obtains a text (from its URL or archived copy) can check the evidence against it. The
columns taken from `sources` are derived from its schema; the three new ones are defined
here, once.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from conflict_events.metadata import Field, TableSchema
from conflict_events.validation.evidence import Article

NAME = "articles"
TITLE = "Articles"
_FROM_SOURCES = ["source_id", "url", "archive_url", "text_licence", "article_sha256"]
_LICENCE = "text_licence"
_LENGTH = {
    "name": "article_length",
    "title": "Length of the text",
    "type": "integer",
    "description": "Length of the stored text in characters (Unicode code points), the unit "
    "in which event_sources counts quote_start and quote_end.",
    "constraints": {"required": True, "minimum": 0},
}
_BYTES = {
    "name": "article_bytes",
    "title": "Size of the text",
    "type": "integer",
    "description": "Size of the stored text in bytes (UTF-8, LF line endings), the bytes "
    "whose SHA-256 is article_sha256.",
    "constraints": {"required": True, "minimum": 0},
}


def _text_field(all_texts: bool) -> dict[str, Any]:
    carried = (
        "Every text is here, whatever its licence: this is an internal release, not for "
        "publication."
        if all_texts
        else "Empty where text_licence does not allow a release to carry it."
    )
    return {
        "name": "text",
        "title": "Text",
        "type": "string",
        "description": "The article's full text as stored, character for character; it "
        f"belongs to its publisher and may be copied only as text_licence says. {carried}",
    }


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


def articles_schema(sources: TableSchema, all_texts: bool) -> TableSchema:
    """The table's schema: sources' fields (as they are there) and the three of its own."""
    fields = [copy.deepcopy(sources.field(name).descriptor) for name in _FROM_SOURCES]
    fields += [copy.deepcopy(_LENGTH), copy.deepcopy(_BYTES), _text_field(all_texts)]
    return TableSchema(
        {
            "$schema": sources.descriptor.get("$schema"),
            "description": description(all_texts),
            "fields": fields,
            "primaryKey": ["source_id"],
            "foreignKeys": [
                {
                    "fields": ["source_id"],
                    "reference": {"resource": "sources", "fields": ["source_id"]},
                }
            ],
            "missingValues": sources.missing_values,
        }
    )


def redistributable(licence: Field) -> set[str]:
    """The licence codes whose texts a release may carry, as the vocabulary says."""
    return {c["value"] for c in licence.categories if c.get("x-redistributable") is True}


def articles_rows(
    sources: pd.DataFrame, stored: list[Article], all_texts: bool, allowed: set[str]
) -> pd.DataFrame:
    """The table's cells as text, one row per source in sources' order; a text whose
    licence is not in `allowed` is left out unless `all_texts`."""
    texts = {a.source_id: a.text for a in stored}
    rows = sources[_FROM_SOURCES].astype("string").reset_index(drop=True)
    text = pd.Series([texts[s] for s in rows["source_id"]], dtype="string")
    rows["article_length"] = text.str.len().astype("string")
    rows["article_bytes"] = pd.Series([str(len(t.encode("utf-8"))) for t in text], dtype="string")
    carried = rows[_LICENCE].isin(allowed) | all_texts
    rows["text"] = text.where(carried.fillna(False).astype(bool))
    return rows


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
