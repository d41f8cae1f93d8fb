"""Actors a sentence names: the package's stored actors (name or alias) first, then
ACLED-style generic actors built from a nationality and a word for the group."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conflict_events.draft.reference import Reference, country_names, demonyms, fold

_MILITARY = r"(?:regime |government |state |armed |security )?(?:forces|troops|army|soldiers|military|warplanes|jets|air ?strikes|airstrikes|aircraft|drones?|artillery|navy|air force|tanks|missiles?|rockets?|shells|patrol|convoy|post|base)"
_GROUPS = {
    # The article country's own army when no nationality is given.
    "state_forces": (
        re.compile(
            r"\b(?:(?:the |its |an? )?(?:army|military|armed forces|security forces|air force|navy|junta)|troops|soldiers|servicem[ae]n|paratroopers|warplanes|(?:army|military) (?:drones?|aircraft|jets|helicopters))\b",
            re.I,
        ),
        "Military Forces of {country}",
    ),
    "police": (
        re.compile(r"\b(?:police(?:men| officers| forces)?|riot police)\b", re.I),
        "Police Forces of {country}",
    ),
    "protesters": (
        re.compile(r"\b(?:protesters|demonstrators|marchers)\b", re.I),
        "Protesters ({country})",
    ),
    "rioters": (re.compile(r"\b(?:rioters|mobs?)\b", re.I), "Rioters ({country})"),
    "civilians": (
        re.compile(
            r"\b(?:civilians|villagers|residents|worshippers|farmers|passengers|students|children)\b",
            re.I,
        ),
        "Civilians ({country})",
    ),
    "unidentified": (
        re.compile(
            r"\b(?:gunmen|unidentified (?:attackers|assailants|gunmen|armed men)|armed men|assailants|attackers)\b",
            re.I,
        ),
        "Unidentified Armed Group ({country})",
    ),
}


@dataclass(frozen=True)
class ActorMention:
    name: str
    start: int
    end: int
    kind: str  # state_forces, government, rebel_group, police, protesters, rioters, civilians, unidentified, other
    country_iso3: str


def _pattern(name: str) -> re.Pattern:
    """A name as it may be written: any case, hyphen or space, a plural s or not."""
    words = [
        re.escape(w.rstrip("s")) + ("s?" if w.endswith("s") else "") for w in fold(name).split(" ")
    ]
    return re.compile(r"(?<![\w])" + r"[\s\-'\u2019]+".join(words) + r"(?![\w])", re.I)


@cache
def _stored_patterns(
    names: tuple[tuple[str, tuple[str, ...], str, str], ...],
) -> list[tuple[re.Pattern, str, str, str, bool]]:
    patterns = []
    for name, aliases, actor_type, iso3 in names:
        for alias in aliases:
            # A common noun (no capital: "militants") is not a proper name.
            common = alias == alias.lower()
            patterns.append((_pattern(alias), name, actor_type, iso3, common, len(alias)))
    patterns.sort(key=lambda p: -p[5])
    return [p[:5] for p in patterns]


def _military_pattern() -> re.Pattern:
    return re.compile(r"\b([A-Z][\w.]*)(?:'s)? (?:and \w+ )?" + _MILITARY + r"\b")


_MILITARY_RE = _military_pattern()


def actors_in(sentence: str, reference: Reference, country: str) -> list[ActorMention]:
    """Actors named in the sentence, in order; `country` (ISO3) is the article's, for
    generic groups with no nationality of their own."""
    found: list[ActorMention] = []

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in found)

    key = tuple((a.name, a.names, a.actor_type, a.country_iso3) for a in reference.actors)
    for pattern, name, actor_type, iso3, common in _stored_patterns(key):
        if iso3 and country and iso3 != country and common:
            continue  # "militants" names a country's stored insurgents only in that country
        for match in pattern.finditer(sentence):
            if free(match.start(), match.end()):
                found.append(
                    ActorMention(name, match.start(), match.end(), actor_type or "other", iso3)
                )
    for match in _MILITARY_RE.finditer(sentence):
        iso3 = demonyms().get(fold(match.group(1)))
        if iso3 and free(match.start(), match.end()):
            found.append(
                ActorMention(
                    f"Military Forces of {country_names()[iso3]}",
                    match.start(),
                    match.end(),
                    "state_forces",
                    iso3,
                )
            )
    name_of_country = country_names().get(country, "")
    for kind, (pattern, template) in _GROUPS.items():
        for match in pattern.finditer(sentence):
            if free(match.start(), match.end()) and name_of_country:
                found.append(
                    ActorMention(
                        template.format(country=name_of_country),
                        match.start(),
                        match.end(),
                        kind,
                        country,
                    )
                )
    return _named_stored(sorted(found, key=lambda m: m.start), reference)


def governments_in(sentence: str, reference: Reference) -> list[ActorMention]:
    """Countries named as parties (of an agreement): a stored actor whose alias is the
    country's name, else "Government of X"."""
    found = []
    for word in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b", sentence):
        iso3 = demonyms().get(fold(word.group(0)))
        if (
            iso3
            and country_names().get(iso3)
            and fold(country_names()[iso3]) == fold(word.group(0))
        ):
            found.append(
                ActorMention(
                    f"Government of {country_names()[iso3]}",
                    word.start(),
                    word.end(),
                    "government",
                    iso3,
                )
            )
    return _named_stored(found, reference)


def _named_stored(found: list[ActorMention], reference: Reference) -> list[ActorMention]:
    """A generic name that is a stored name or alias takes the stored actor's name."""
    by_name = {fold(n): a.name for a in reference.actors for n in a.names}
    return [
        ActorMention(by_name.get(fold(m.name), m.name), m.start, m.end, m.kind, m.country_iso3)
        for m in found
    ]


def is_stored(name: str, reference: Reference) -> bool:
    """New or not: the rule the confirm step applies again (a stored name or alias)."""
    return any(fold(name) == fold(n) for a in reference.actors for n in a.names)
