"""Trigger rules: which words report which ACLED sub-event type, and which sentences report
no event at all (threats, warnings, vows, plans, opinions, statistics, displacement)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conflict_events.metadata import DataPackage, load_package
from conflict_events.paths import own_descriptor

# Sub-event type -> the words that report it; the first rule that matches a span wins.
TRIGGERS: list[tuple[str, str]] = [
    (
        "Suicide bomb",
        r"suicide (?:bomb(?:er|ing)?s?|attack(?:er)?s?|car bomb)|blew (?:himself|herself|themselves) up",
    ),
    (
        "Remote explosive/landmine/IED",
        r"roadside bombs?|improvised explosive devices?|IEDs?|landmines?|car bombs?|bomb (?:exploded|went off|blast)|explosive device",
    ),
    ("Chemical weapon", r"chemical (?:weapons?|attack)|chlorine gas|sarin"),
    ("Grenade", r"grenades?"),
    (
        "Air/drone strike",
        r"air ?strikes?|airstrikes?|drone strikes?|(?:war)?planes? (?:bombed|struck|hit|pounded|are pounding|were pounding)|warplanes|bombarded from the air|air raids?",
    ),
    (
        "Shelling/artillery/missile attack",
        r"shell(?:ed|ing)|artillery|mortars?|rockets? (?:fire|attack|hit|struck|landed)|missiles? (?:hit|struck|attack)|fired (?:rockets|missiles|mortars)",
    ),
    (
        "Government regains territory",
        r"(?:took|taken|take|seized|regained|gained|retook|retaken|recaptured) (?:full )?control|(?:recaptured|retook|captured|seized|liberated|overran|overrun)",
    ),
    (
        "Armed clash",
        r"clash(?:ed|es)?|fighting|fought|gun ?battles?|battled|exchanged? (?:of )?fire|advancing against|advanced against|ambush(?:ed)?|entered|attacked (?:positions|a (?:military|army) (?:post|base|convoy))",
    ),
    (
        "Excessive force against protesters",
        r"(?:opened fire|fired live (?:rounds|ammunition)) on (?:protesters|demonstrators|the crowd)",
    ),
    (
        "Protest with intervention",
        r"(?:dispersed|tear ?gas|arrested) (?:the )?(?:protesters|demonstrators)|(?:protesters|demonstrators) were (?:dispersed|arrested)",
    ),
    (
        "Violent demonstration",
        r"riot(?:ed|ing|s)?|(?:protesters|demonstrators) (?:threw|hurled) stones|torched",
    ),
    (
        "Peaceful protest",
        r"protest(?:ed|ing|s)?|demonstrat(?:ed|ions?)|rall(?:y|ies|ied)|marched|took to the streets|sit-in|strike by",
    ),
    (
        "Abduction/forced disappearance",
        r"abduct(?:ed|ion)|kidnapp?(?:ed|ing)|seized (?:\w+ )?hostages?",
    ),
    ("Sexual violence", r"rap(?:ed|e)|sexual(?:ly)? (?:violence|assault(?:ed)?)"),
    (
        "Attack",
        r"massacre(?:d)?|shot dead|gunned down|attacked (?:the )?(?:village|villagers|civilians|residents|worshippers|a market|a church|a mosque)|killed (?:\w+ )?(?:civilians|villagers|residents|worshippers)|stabbed",
    ),
    ("Arrests", r"arrested|detained|rounded up"),
    (
        "Agreement",
        r"cease-?fire (?:deal|agreement|accord)|peace (?:deal|agreement|accord)|truce|signed (?:an? )?(?:deal|agreement|accord)|agreed (?:a|to a) (?:ceasefire|truce)",
    ),
    (
        "Looting/property destruction",
        r"loot(?:ed|ing)|burn(?:ed|t) (?:down )?(?:houses|homes|shops|buildings)|set fire to",
    ),
]

# Words just before a trigger that make it no event: threats, warnings, vows, plans,
# opinions, purposes ("campaign to regain"), forecasts.
NOT_AN_EVENT = re.compile(
    r"\b(?:warn\w*|threat\w*|vow\w*|pledg\w*|promis\w*|would|will|could|may|might|plans?|planned|planning|intends?|aims?|seeks?|sought|fears?|feared|wants?|called for|urged|demand\w*|if|unless|prevent|avoid|risk of|possible|potential|opposes?|condemn\w*|deni\w*|any)\b[^.;]{0,60}$|\bto $",
    re.I,
)
# Sentences about people fleeing or counts since the war began: statistics, displacement.
NOT_AN_EVENT_SENTENCE = re.compile(
    r"\b(?:fled|flee(?:ing)?|displaced|displacement|exodus|refugees|since the (?:war|conflict|start|beginning)|in total|so far this year|a total of)\b",
    re.I,
)
# An indefinite place ("a town south of X") is the same event as the named one reported beside it.
INDEFINITE_PLACE = re.compile(
    r"\ban? (?:town|village|city|district|area|neighbourhood|neighborhood|region)\b", re.I
)
# The trigger reports something still going on, with no day of its own.
ONGOING = re.compile(
    r"\b(?:were|was|are|is|been|remain\w*)(?: \w+)? \w+ing\b|\bongoing\b|\bcontinu\w+\b", re.I
)


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    start: int
    end: int


@cache
def _compiled() -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(r"\b(?:" + words + r")\b", re.I)) for kind, words in TRIGGERS]


def triggers_in(sentence: str) -> list[Trigger]:
    """The sub-event types a sentence reports, each at its first word, in order; none when
    it is about people fleeing or statistics, or the words are a threat, plan or wish."""
    if NOT_AN_EVENT_SENTENCE.search(sentence):
        return []
    found: list[Trigger] = []
    for kind, pattern in _compiled():
        for match in pattern.finditer(sentence):
            if any(t.start < match.end() and match.start() < t.end for t in found):
                continue
            if NOT_AN_EVENT.search(sentence[max(0, match.start() - 70) : match.start()]):
                continue
            found.append(Trigger(kind, match.start(), match.end()))
            break
    return sorted(found, key=lambda t: t.start)


def _parents(package: DataPackage) -> dict[str, str]:
    field = package.resource("events").schema.field("sub_event_type")
    return {c["value"]: c["parent"] for c in field.categories}


@cache
def _own_parents() -> dict[str, str]:
    return _parents(load_package(own_descriptor()))


def event_types(package: DataPackage | None) -> dict[str, str]:
    """sub_event_type -> event_type, as the package's schema declares them."""
    return _parents(package) if package is not None else _own_parents()
