"""Read-only views of Frictionless Table Schemas.

The JSON files in `schemas/` are the one definition of every column. These classes only
expose what the files say, under names the rest of the package can rely on; nothing here
adds a rule of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Table Schema's defaults for boolean cells when a field gives no trueValues/falseValues.
DEFAULT_TRUE_VALUES = ("true", "True", "TRUE", "1")
DEFAULT_FALSE_VALUES = ("false", "False", "FALSE", "0")


# The official Data Package v2 JSON Schema profile has no `list` field, which the standard's
# text defines. A release therefore publishes a list field as what its cells are, a
# delimited string, with the list's own properties under this key; reading it back gives
# the list field again (see Field).
PUBLISHED_LIST = "x-list"
_KEPT_ON_STRING = ("name", "title", "description")


def published_field(descriptor: dict[str, Any]) -> dict[str, Any]:
    """A field as a release publishes it: a list field becomes a string field whose
    `x-list` holds everything else it said; any other field is unchanged."""
    if descriptor.get("type") != "list":
        return descriptor
    kept = {key: descriptor[key] for key in _KEPT_ON_STRING if key in descriptor}
    rest = {key: value for key, value in descriptor.items() if key not in _KEPT_ON_STRING}
    if descriptor.get("constraints", {}).get("required"):
        kept["constraints"] = {"required": True}
    return kept | {"type": "string", PUBLISHED_LIST: rest}


def unpublished_field(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The field as it was written in schemas/, from its published form."""
    if PUBLISHED_LIST not in descriptor:
        return descriptor
    kept = {key: descriptor[key] for key in _KEPT_ON_STRING if key in descriptor}
    return kept | descriptor[PUBLISHED_LIST]


def published_schema(descriptor: dict[str, Any]) -> dict[str, Any]:
    return descriptor | {"fields": [published_field(f) for f in descriptor.get("fields", [])]}


@dataclass(frozen=True)
class Field:
    """One column of a table, as its Table Schema describes it (a list field published
    as a string is read as the list field it is)."""

    descriptor: dict[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "descriptor", unpublished_field(self.descriptor))

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def type(self) -> str:
        return self.descriptor.get("type", "any")

    @property
    def description(self) -> str | None:
        return self.descriptor.get("description")

    @property
    def constraints(self) -> dict[str, Any]:
        return self.descriptor.get("constraints", {})

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))

    @property
    def unique(self) -> bool:
        return bool(self.constraints.get("unique", False))

    @property
    def enum(self) -> list[Any] | None:
        return self.constraints.get("enum")

    @property
    def pattern(self) -> str | None:
        return self.constraints.get("pattern")

    @property
    def minimum(self) -> Any:
        return self.constraints.get("minimum")

    @property
    def maximum(self) -> Any:
        return self.constraints.get("maximum")

    @property
    def min_length(self) -> int | None:
        return self.constraints.get("minLength")

    @property
    def max_length(self) -> int | None:
        return self.constraints.get("maxLength")

    @property
    def categories(self) -> list[dict[str, Any]]:
        """Vocabulary codes with their labels; plain values become {"value": v}."""
        raw = self.descriptor.get("categories", [])
        return [c if isinstance(c, dict) else {"value": c} for c in raw]

    @property
    def labelled(self) -> bool:
        """An integer vocabulary whose every code has a label: numbers that mean nothing to
        a reader without it (a text vocabulary's codes are words already)."""
        categories = self.categories
        return self.type == "integer" and bool(categories) and all("label" in c for c in categories)

    @property
    def default(self) -> Any:
        """The code contribution tools fill in when none is given (`x-default`)."""
        return self.descriptor.get("x-default")

    @property
    def codelist(self) -> str | None:
        """Name of an external code list (ISO country or language codes) the values come from."""
        return self.descriptor.get("x-codelist")

    @property
    def parent_field(self) -> str | None:
        """Field whose value each category's `parent` must equal (sub-event type -> event type)."""
        return self.descriptor.get("x-parent")

    @property
    def true_values(self) -> tuple[str, ...]:
        return tuple(self.descriptor.get("trueValues", DEFAULT_TRUE_VALUES))

    @property
    def false_values(self) -> tuple[str, ...]:
        return tuple(self.descriptor.get("falseValues", DEFAULT_FALSE_VALUES))

    @property
    def delimiter(self) -> str:
        return self.descriptor.get("delimiter", ",")

    @property
    def multiline(self) -> bool:
        """Free text whose cells may hold line feeds and tabs (`x-multiline`); no other
        cell may (conflict_events.characters)."""
        return bool(self.descriptor.get("x-multiline", False))

    @property
    def is_text(self) -> bool:
        """Cells a spreadsheet would show as typed text (strings and lists of strings)."""
        return self.type == "string" or (
            self.type == "list" and self.descriptor.get("itemType", "string") == "string"
        )


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """A table's fields, keys and missing-value markers."""

    descriptor: dict[str, Any]

    @property
    def fields(self) -> list[Field]:
        return [Field(f) for f in self.descriptor.get("fields", [])]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def primary_key(self) -> list[str]:
        pk = self.descriptor.get("primaryKey", [])
        return [pk] if isinstance(pk, str) else list(pk)

    def foreign_keys(self, own_resource: str) -> list[ForeignKey]:
        """Foreign keys; a reference without a resource points at the table itself."""
        keys = []
        for fk in self.descriptor.get("foreignKeys", []):
            fields = fk["fields"]
            ref = fk["reference"]
            ref_fields = ref["fields"]
            keys.append(
                ForeignKey(
                    fields=tuple([fields] if isinstance(fields, str) else fields),
                    resource=ref.get("resource") or own_resource,
                    reference_fields=tuple(
                        [ref_fields] if isinstance(ref_fields, str) else ref_fields
                    ),
                )
            )
        return keys

    @property
    def missing_values(self) -> list[str]:
        return list(self.descriptor.get("missingValues", [""]))
