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
        r"roadside bombs?|improvised explosive devices?|IEDs?|landmines?|car bombs?|(?:bomb|explosives?|device|mine)s? (?:[\w-]+ ){0,6}(?:exploded|went off|detonated|blew up)|explosive device|blast|explosion",
    ),
    ("Chemical weapon", r"chemical (?:weapons?|attack)|chlorine gas|sarin"),
    ("Grenade", r"grenades?"),
    (
        "Air/drone strike",
        r"air ?strikes?|airstrikes?|drone (?:strikes?|attacks?)|(?:war)?planes? (?:bombed|struck|hit|pounded|are pounding|were pounding)|warplanes|bombarded from the air|air raids?|(?:drones?|aircraft|jets|helicopters?|helicopter gunships?) (?:\w+ )?(?:struck|hit|bombed|attacked|fired|targeted|pounded)|(?:bombed|strafed) from the air",
    ),
    (
        "Shelling/artillery/missile attack",
        r"shell(?:ed|ing|s)|artillery|mortars?|rockets? (?:fire|attacks?|hit|struck|landed|slammed)|missiles? (?:\w+ )?(?:hit|struck|attacks?|slammed|landed|strikes?|rained)|fired (?:rockets|missiles|mortars|shells)",
    ),
    (
        "Government regains territory",
        r"(?:took|taken|take|seized|regained|gained|retook|retaken|recaptured) (?:full )?control|(?:recaptured|retook|captured|seized|liberated|overran|overrun)(?! (?:power|weapons|arms|ammunition|drugs|goods|vehicles))",
    ),
    # Unarmed crowds that fight each other riot; armed groups clash.
    (
        "Mob violence",
        r"(?:supporters|activists|youths|villagers|residents|students|crowds) (?:[\w-]+ ){0,5}(?:clashed|fought)",
    ),
    (
        "Armed clash",
        r"clash(?:ed|es)?|fighting|fought|gun ?battles?|battled|exchanged? (?:of )?fire|firefights?|skirmish(?:ed|es)?|advancing against|advanced against|ambush(?:ed)?|entered|repelled|raided (?:an? |the )?(?:\w+ ){0,2}(?:base|camp|hideouts?|positions)|attack(?:ed|s)? (?:on )?(?:an? |the |their )?(?:[\w-]+ ){0,2}(?:posts?|outposts?|bases?|camps?|convoys?|patrols?|checkpoints?|positions|barracks|soldiers|troops|police station)",
    ),
    (
        "Excessive force against protesters",
        r"(?:opened fire|fired live (?:rounds|ammunition|bullets)(?: and tear ?gas)?) (?:on|at|into) (?:the )?(?:\w+ )?(?:protesters|demonstrators|marchers|crowds?)|(?:shot dead|killed|shot|beat|beaten|killing) (?:\w+ ){0,3}(?:protesters|demonstrators|marchers)",
    ),
    (
        "Protest with intervention",
        r"(?:dispersed|tear ?gas|arrested) (?:the )?(?:protesters|demonstrators)|(?:protesters|demonstrators) were (?:dispersed|arrested)|(?:fired|used|lobbed) (?:rubber bullets and )?tear ?gas|fired rubber bullets|tear-gassed|water cannons?|baton[- ]charged?|dispersed (?:an? |the )?(?:\w+ )?(?:crowd|protest|rally|march|demonstration|sit-in)s?",
    ),
    (
        "Mob violence",
        r"lynch(?:ed|ing|ings)?|mobs? (?:\w+ ){0,2}(?:attacked|beat|killed|burned|torched|stormed|set upon)|vigilantes? (?:\w+ )?(?:attacked|beat|killed|burned)|(?:beaten|burned|stoned|hacked) to death by (?:an? |the )?(?:\w+ )?(?:mob|crowd)",
    ),
    (
        "Violent demonstration",
        r"riot(?:ed|ing|s|ers)?|(?:protesters|demonstrators|crowds?|mobs?) (?:threw|hurled|pelted|stormed|attacked|set fire|burned|torched|stoned|smashed|looted|ransacked)|stone-throwing|torched",
    ),
    (
        "Peaceful protest",
        r"protest(?:ed|ing|s)?|demonstrat(?:ed|ions?)|rall(?:y|ies|ied)|marched|took to the streets|sit-in|strike by|block(?:ed|aded) (?:\w+ ){0,4}(?:road|roads|highway|motorway|streets?|bridge|entrance|junction)|(?:held|staged) (?:a )?(?:vigil|march|blockade)",
    ),
    (
        "Abduction/forced disappearance",
        r"abduct(?:ed|ion)|kidnapp?(?:ed|ing)|seized (?:\w+ )?hostages?",
    ),
    ("Sexual violence", r"rap(?:ed|e)|sexual(?:ly)? (?:violence|assault(?:ed)?)"),
    (
        "Agreement",
        r"cease-?fire (?:deal|agreement|accord)|peace (?:deal|agreement|accord)|truce|signed (?:an? )?(?:deal|agreement|accord)|agreed (?:a|to a) (?:ceasefire|truce)",
    ),
]

# Words that report an event only on their own: told along with a strike or a battle, a
# killing is its outcome; told along with a protest, arrests are the intervention; told
# along with any event, burning is part of it.
OUTCOME_TRIGGERS: list[tuple[str, str, str]] = [
    ("Arrests", r"arrested|detained|rounded up", "protest"),
    (
        "Attack",
        r"massacre(?:d)?|shot dead|gunned down|hacked to death|beheaded|executed|(?:attacked|raided|stormed) (?:an? |the )?(?:\w+ )?(?:village|villages|villagers|civilians|residents|worshippers|market|church|mosque|school|camp for displaced)|(?:killed|killing|shot|opened fire on) (?:\w+ ){0,4}(?:civilians|villagers|residents|worshippers|farmers|herders|pickers|traders|passengers|students|pupils|children|women|fishermen|miners|pilgrims|mourners|shoppers|motorists|travellers|travelers|people)|stabbed",
        "violence",
    ),
    (
        "Armed clash",
        r"(?:killed|killing) (?:\w+ ){0,4}(?:fighters|militants|rebels|insurgents|jihadists|gunmen|terrorists|assailants|bandits)",
        "violence",
    ),
    (
        "Looting/property destruction",
        r"loot(?:ed|ing)|burn(?:ed|t) (?:down )?(?:houses|homes|shops|buildings)|set fire to",
        "any",
    ),
]

# Words just before a trigger that make it no event: threats, warnings, vows, plans,
# opinions, purposes ("campaign to regain"), forecasts.
NOT_AN_EVENT = re.compile(
    r"\b(?:warn\w*|threat\w*|vow\w*|pledg\w*|promis\w*|would|will|could|may(?! \d)|might|plans?|planned|planning|intends?|aims?|seeks?|sought|fears?|feared|wants?|called for|urged|demand\w*|if|unless|prevent|avoid|risk of|possible|potential|opposes?|condemn\w*|deni\w*|any)\b[^.;]{0,60}$|\bto $",
    re.I,
)
# Sentences about people fleeing or counts since the war began: statistics, displacement.
NOT_AN_EVENT_SENTENCE = re.compile(
    r"\b(?:fled|flee(?:ing)?|displaced|displacement|exodus|refugees|evacuated|since the (?:war|conflict|start|beginning)|in total|so far this year|a total of|(?:first|past|last) (?:\w+ )?(?:months|weeks|years)|over the past|in the same period)\b",
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
    outcome: str = ""  # "violence", "protest" or "any": the other triggers that make it none


@cache
def _compiled() -> list[tuple[str, re.Pattern, str]]:
    rules = [(kind, words, "") for kind, words in TRIGGERS] + OUTCOME_TRIGGERS
    return [
        (kind, re.compile(r"\b(?:" + words + r")\b", re.I), scope) for kind, words, scope in rules
    ]


_EXPLOSIONS = (
    "Suicide bomb",
    "Remote explosive/landmine/IED",
    "Chemical weapon",
    "Grenade",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
)
_VIOLENT = (*_EXPLOSIONS, "Armed clash", "Government regains territory")
_PROTESTS = (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
)


def _without_outcomes(found: list[Trigger]) -> list[Trigger]:
    main = {t.sub_event_type for t in found if not t.outcome}
    kept = []
    for trigger in found:
        if (
            (trigger.outcome == "violence" and main & set(_VIOLENT))
            or (trigger.outcome == "protest" and main & set(_PROTESTS))
            or (trigger.outcome == "any" and main)
        ):
            continue
        kept.append(trigger)
    # One explosion a sentence: the most specific word names it ("suicide" before "blast").
    blasts = [t for t in kept if t.sub_event_type in _EXPLOSIONS]
    if len(blasts) > 1:
        first = min(blasts, key=lambda t: _EXPLOSIONS.index(t.sub_event_type))
        kept = [t for t in kept if t not in blasts or t is first]
    return kept


def triggers_in(sentence: str) -> list[Trigger]:
    """The sub-event types a sentence reports, each at its first word, in order; none when
    it is about people fleeing or statistics, or the words are a threat, plan or wish."""
    if NOT_AN_EVENT_SENTENCE.search(sentence):
        return []
    found: list[Trigger] = []
    for kind, pattern, scope in _compiled():
        if any(t.sub_event_type == kind for t in found):
            continue
        for match in pattern.finditer(sentence):
            if any(t.start < match.end() and match.start() < t.end for t in found):
                continue
            if NOT_AN_EVENT.search(sentence[max(0, match.start() - 70) : match.start()]):
                continue
            found.append(Trigger(kind, match.start(), match.end(), scope))
            break
    return sorted(_without_outcomes(found), key=lambda t: t.start)


def _parents(package: DataPackage) -> dict[str, str]:
    field = package.resource("events").schema.field("sub_event_type")
    return {c["value"]: c["parent"] for c in field.categories}


@cache
def _own_parents() -> dict[str, str]:
    return _parents(load_package(own_descriptor()))


def event_types(package: DataPackage | None) -> dict[str, str]:
    """sub_event_type -> event_type, as the package's schema declares them."""
    return _parents(package) if package is not None else _own_parents()
