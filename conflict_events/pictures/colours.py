"""One colour per event type, fixed so a type looks the same on every map and timeline.

Colours are given in the order of the event_type codes in the release's schema (Okabe and
Ito's palette, readable with the common colour-vision deficiencies); a code added at the
end of the vocabulary leaves the others' colours as they were.
"""

from __future__ import annotations

from conflict_events.metadata import TableSchema

PALETTE = (
    "#D55E00",  # vermilion
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#0072B2",  # blue
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#000000",
)


def event_type_colours(schema: TableSchema) -> dict[str, str]:
    """Event type code -> colour, in the schema's order of codes."""
    codes = [c["value"] for c in schema.field("event_type").categories]
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(codes)}


def present_types(schema: TableSchema, types: set[str]) -> list[str]:
    """The codes among `types`, in the schema's order (legends list them so)."""
    return [c["value"] for c in schema.field("event_type").categories if c["value"] in types]


def label(schema: TableSchema, column: str, code: object) -> str:
    """The label the schema gives a code of this column, else the code as written."""
    for category in schema.field(column).categories:
        if category["value"] == code:
            return str(category.get("label", code))
    return str(code)
