"""Actors a sentence names: the package's stored actors (name or alias) first, then
ACLED-style generic actors built from a nationality and a word for the group."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conflict_events.draft.reference import (
    Reference,
    StoredActor,
    country_names,
    demonyms,
    fold,
    of_country,
)

_MILITARY = r"(?:regime |government |state |armed |security )?(?:forces|troops|army|soldiers|military|warplanes|jets|air ?strikes?|airstrikes?|drone strikes?|aircraft|drones?|artillery|navy|air force|tanks|missiles?|rockets?|shells|patrol|convoy|post|base)"
_GROUPS = {
    # The article country's own army when no nationality is given.
    "state_forces": (
        re.compile(
            r"\b(?:(?:the |its |an? )?(?:army|military|armed forces|security forces|air force|navy|junta)|troops|soldiers|servicem[ae]n|paratroopers|warplanes|(?:army|military) (?:drones?|aircraft|jets|helicopters))\b",
            re.I,
        ),
        "Military Forces of {of}",
    ),
    "police": (
        re.compile(r"\b(?:police(?:men| officers| forces)?|riot police)\b", re.I),
        "Police Forces of {of}",
    ),
    "protesters": (
        re.compile(r"\b(?:protesters|demonstrators|marchers)\b", re.I),
        "Protesters ({country})",
    ),
    "rioters": (re.compile(r"\b(?:rioters|mobs?)\b", re.I), "Rioters ({country})"),
    "civilians": (
        re.compile(
            r"\b(?:civilians|villagers|residents|worshippers|farmers|herders|pickers|traders|passengers|students|pupils|children|women|people|drivers?|fishermen|miners|pilgrims|shoppers|motorists|(?<!armed )men|nuns|priests|workers)\b",
            re.I,
        ),
        "Civilians ({country})",
    ),
    "unidentified": (
        re.compile(
            r"\b(?:gunmen|unidentified (?:attackers|assailants|gunmen|armed men)|armed men|assailants|attackers?|(?:suicide )?bombers?|militants|jihadists|insurgents|extremists|bandits|kidnappers|abductors|armed groups?|gangs?|gang members|militiamen|militias?)\b",
            re.I,
        ),
        "Unidentified Armed Group ({country})",
    ),
}


# Armed groups known by one short name whatever the article calls them (ACLED's names).
KNOWN_GROUPS: dict[str, tuple[str, ...]] = {
    "Ansar Allah": ("Houthi rebels", "Houthi movement", "Houthis", "Houthi", "Ansar Allah"),
    "Islamic State": ("Islamic State", "ISIS", "ISIL", "Daesh"),
    "Al Shabaab": ("Al Shabaab", "al-Shabaab", "Shabaab"),
    "Boko Haram": ("Boko Haram",),
    "Taliban": ("Taliban",),
    "Hezbollah": ("Hezbollah",),
    "Hamas": ("Hamas",),
    "Wagner Group": ("Wagner",),
}
# "the Allied Democratic Forces (ADF)": a group named with its acronym, which ACLED-style
# coding uses as its name.
_DEFINED = re.compile(
    r"((?:[A-Z][\w'\u2019]*(?:-[\w'\u2019]+)*|al|el|wal|of|the|de|du|des|la|in|for|and)(?: |-))+\(([A-Z]{2,6})\)"
)


def _capitals(words: list[str]) -> int:
    return sum(1 for w in words for part in w.split("-") if part[:1].isupper())


def _spelled(words: list[str], acronym: str) -> list[str]:
    """The words before "(ACR)" that the acronym abbreviates: back to the nearest word
    starting with its first letter, among as many capitalised words as it has letters and
    three more ("Union for Peace in the Central African Republic (UPC)"); none when no
    such word stands there or the name is a single word, as a dateline's town before an
    agency's "(AFP)" is."""
    kept: list[str] = []
    for word in reversed(words):
        if _capitals(kept) >= len(acronym) + 3:
            break
        kept.insert(0, word)
        if word[:1] == acronym[0] and _capitals(kept) >= 2:
            return kept
    return []


def defined_groups(text: str) -> list[StoredActor]:
    """Groups the article names with an acronym ("Full Name (ACR)"), as actors named by the
    acronym with the full name as alias; the full name is cut to as many capitalised words
    as the acronym has letters, so "Rebels of the Allied Democratic Forces (ADF)" is ADF."""
    found: dict[str, StoredActor] = {}
    for match in _DEFINED.finditer(text):
        acronym = match.group(2)
        words = match.group(0)[: -len(acronym) - 2].strip().split(" ")
        kept = _spelled(words, acronym)
        if kept and acronym not in found:
            found[acronym] = StoredActor(acronym, (acronym, " ".join(kept)), "rebel_group", "")
    return list(found.values())


# "Fano militiamen", "Mai-Mai fighters": a capitalised name just before a word for armed
# men names the group; "Islamist fighters", "Rival militias" describe them.
_GROUP_BEFORE = re.compile(
    r"(?<!^)(?<![.!?] )\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?) (?:militiamen|militia|fighters|rebels|insurgents|gunmen)\b"
)
_DESCRIPTIVE = {
    "islamist",
    "jihadist",
    "rebel",
    "rival",
    "tribal",
    "armed",
    "suspected",
    "opposition",
    "separatist",
    "government",
    "allied",
    "foreign",
    "local",
    "militant",
}


def groups_before_fighters(text: str) -> list[StoredActor]:
    """Groups the article names only by a name before a word for their fighters."""
    found: dict[str, StoredActor] = {}
    for match in _GROUP_BEFORE.finditer(text):
        name = match.group("name")
        key = fold(name)
        if re.search(r"[A-Z][\w'-]* $", text[: match.start()]):
            continue  # the last word of a longer name ("Southern Border Front fighters")
        if (
            key in _DESCRIPTIVE
            or key in demonyms()
            or key in {fold(n) for n in country_names().values()}
        ):
            continue
        found.setdefault(name, StoredActor(name, (name, name), "rebel_group", ""))
    return list(found.values())


def known_groups() -> list[StoredActor]:
    return [StoredActor(name, names, "rebel_group", "") for name, names in KNOWN_GROUPS.items()]


# The words that name a generic group ("Police", "Soldiers"): never a place's name.
GROUP_WORDS = tuple(pattern for pattern, _ in _GROUPS.values())
# "M23 rebels", "SDF fighters": a name with a digit or in capitals before a word for armed
# men is a group's name.
_CODED_GROUP = re.compile(
    r"\b(?P<name>[A-Z]+\d+|[A-Z]{2,6})(?= (?:rebels|militants|fighters|insurgents|militia(?:men)?|jihadists|guerrillas|gunmen)\b)"
)


# "the Arakan Army", "the Southern Liberation Front": a capitalised name ending in a word for
# an armed organisation (a nationality first makes it a state's: "Malian Army").
_NAMED_GROUP = re.compile(
    r"\b(?P<name>(?!The |A |An )(?:[A-Z][\w'\u2019-]+ ){1,4}(?:Army|Front|Movement|Brigades?|Alliance|Militia|Liberation Army|Battalions?))\b"
)


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
    return re.compile(r"\b([A-Z][\w.]*)(?:'s)? (?:and \w+ )?(?i:" + _MILITARY + r")\b")


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
    for match in _NAMED_GROUP.finditer(sentence):
        first = match.group("name").split(" ")[0]
        if free(match.start("name"), match.end("name")) and fold(first) not in demonyms():
            name = match.group("name")
            found.append(
                ActorMention(name, match.start("name"), match.end("name"), "rebel_group", "")
            )
    for match in _CODED_GROUP.finditer(sentence):
        if free(match.start(), match.end()):
            name = match.group("name")
            found.append(ActorMention(name, match.start(), match.end(), "rebel_group", ""))
    for match in _MILITARY_RE.finditer(sentence):
        iso3 = demonyms().get(fold(match.group(1)))
        if iso3 and free(match.start(), match.end()):
            found.append(
                ActorMention(
                    f"Military Forces of {of_country(iso3)}",
                    match.start(),
                    match.end(),
                    "state_forces",
                    iso3,
                )
            )
    name_of_country = country_names().get(country, "")
    for kind, (pattern, template) in _GROUPS.items():
        for match in pattern.finditer(sentence):
            # "Islamic State militants": the word names the group just before it.
            of_named = kind == "unidentified" and any(m.end == match.start() - 1 for m in found)
            if free(match.start(), match.end()) and name_of_country and not of_named:
                found.append(
                    ActorMention(
                        template.format(country=name_of_country, of=of_country(country)),
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
    # "the Philippine government" or a country's own name ("Turkey").
    people = list(re.finditer(r"\b([A-Z][a-z]+) government\b", sentence))
    names = re.finditer(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b", sentence)
    for word in people + [n for n in names if not any(p.start() == n.start() for p in people)]:
        iso3 = demonyms().get(fold(word.group(1)))
        if not iso3 or not country_names().get(iso3):
            continue
        if word in people or fold(country_names()[iso3]) == fold(word.group(1)):
            found.append(
                ActorMention(
                    f"Government of {of_country(iso3)}",
                    word.start(),
                    word.end(),
                    "government",
                    iso3,
                )
            )
    return _named_stored(sorted(found, key=lambda m: m.start), reference)


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
