"""Country names and numbers for exports, from pycountry's ISO 3166 data."""

from __future__ import annotations

import pycountry


def country_name(iso3: str) -> str:
    """The short name people use (pycountry's common name where it has one, e.g. 'Bolivia')."""
    country = pycountry.countries.get(alpha_3=str(iso3))
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name
