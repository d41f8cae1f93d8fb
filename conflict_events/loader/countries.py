"""Countries as people write them: a filter on a country takes an ISO 3166-1 code in any
case or a country's name, and a value that is neither gets a one-line "did you mean"."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

import pycountry

SUGGESTED = 4  # at most this many suggestions for one value


def iso3(value: str) -> str | None:
    """The alpha-3 code of a code (alpha-3, alpha-2 or numeric, any case) or of a name
    (short, common or official, any case), as pycountry's lookup finds it; None if neither."""
    try:
        return pycountry.countries.lookup(value.strip()).alpha_3
    except LookupError:
        return None


def _folded(text: str) -> str:
    """Words only, case and accents set aside: 'Korea, Republic of' is 'korea republic of',
    and 'turkiye' is near 'Türkiye'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", bare))


@cache
def _names() -> dict[str, str]:
    """Every folded name of every country, to its alpha-3 code."""
    names = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if name := getattr(country, attribute, None):
                names[_folded(name)] = country.alpha_3
    return names


def label(code: str) -> str:
    """'SYR (Syria)': the code and the name people use (pycountry's common name if any)."""
    country = pycountry.countries.get(alpha_3=code)
    return f"{code} ({getattr(country, 'common_name', None) or country.name})"


def suggestions(value: str) -> list[str]:
    """Codes of the countries `value` may mean: names with a word that starts with it
    ('Korea', 'Russia'), then names close to it in spelling ('Syra', 'Turkey')."""
    wanted = _folded(value)
    if not wanted:
        return []
    names = _names()
    # a name's words start with it ('Russia', 'Guin'); a short one must be a whole word
    ending = "" if len(wanted) >= 3 else " "
    found = [code for name, code in names.items() if f" {wanted}{ending}" in f" {name} "]
    close = difflib.get_close_matches(wanted, names, n=SUGGESTED, cutoff=0.75)
    found += [names[name] for name in close]
    return list(dict.fromkeys(found))[:SUGGESTED]
