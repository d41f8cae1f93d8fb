"""External code lists a schema field can name with `x-codelist`, looked up in pycountry."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pycountry


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _languages() -> frozenset[str]:
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


COUNTRIES = "iso3166-1-alpha3"
CODELISTS: dict[str, tuple[Callable[[], frozenset[str]], str]] = {
    COUNTRIES: (_countries, "an ISO 3166-1 alpha-3 country code, e.g. SYR"),
    "iso639-1": (_languages, "an ISO 639-1 language code, e.g. en"),
}


def codes(name: str) -> frozenset[str]:
    """All valid codes of a code list; KeyError for a list this package does not know."""
    return CODELISTS[name][0]()


def describe(name: str) -> str:
    return CODELISTS[name][1]
