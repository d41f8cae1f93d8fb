"""Places a sentence names, with UCDP's where_prec: 1 the place itself, 2 a place described
only relative to it ("near X", "west of X"), 4 a region, 5 a road between two towns, 6 a
country. Stored locations (names) come first, then GeoNames cities and countries."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from conflict_events.draft.actors import GROUP_WORDS
from conflict_events.draft.reference import Reference, StoredPlace, cities, countries, fold

# A run of capitalised words, with the particles Arabic and Romance place names carry.
_NAME = re.compile(
    r"\b[A-Z][\w'\u2019-]*(?:[ -](?:al|el|ad|as|ash|an|ar|az|ez|es|de|du|da|do|la|le|di|des)\b|[ -][A-Z][\w'\u2019-]*)*"
)
_RELATIVE = re.compile(
    r"(?:\bnear|\boutside|\baround|\boutskirts of|\bvicinity of|\bfrom|\b(?:road|highway|route)s? (?:into|to|leading to|out of)|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?: of)?|\bkm\)? (?:\w+ )?of)(?: the (?:[\w-]+ ){0,3}(?:city|town|village) of)? (?:the )?$",
    re.I,
)
# "the province of X", but "a residential district of X" is a part of the town X.
_REGION_BEFORE = re.compile(
    r"(?<!\ba )(?<!\ban )\b(?<!residential )(?:province|region|state|governorate|district|department) of (?:the )?$",
    re.I,
)
# A region the gazetteer does not hold, named by its kind: "the province of Cauca",
# "Borno state".
_REGION_NAMED = re.compile(
    r"\b(?:province|region|governorate|department) of (?P<a>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)|(?P<b>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:province|region|state|governorate|department)\b"
)
_REGION_AFTER = re.compile(r"^ (?:province|region|state|governorate)\b", re.I)
_ROAD = re.compile(
    r"\b(?:road|highway|motorway) (?:between|linking|from) (?:the (?:city|town) of )?$", re.I
)


# Calendar words are capitalised but never places ("March" is also a town in England).
_CALENDAR = {
    fold(m) for m in calendar.month_name[1:] + calendar.month_abbr[1:] + calendar.day_name[:]
}


# Capitalised words that may follow a place's name and keep it a place.
_PLACE_WORDS = {
    "City",
    "Province",
    "Region",
    "State",
    "District",
    "Governorate",
    "County",
    "Valley",
    "Town",
    "Municipality",
    "Department",
    "Prefecture",
    "Territory",
    "Camp",
    "Airport",
}


@dataclass(frozen=True)
class Mention:
    place: StoredPlace
    start: int  # in the sentence
    end: int
    precision: int
    stored: bool  # a name the package holds


def _lookup(words: str, reference: Reference) -> tuple[StoredPlace, bool] | None:
    key = fold(words)
    if key in _CALENDAR or any(p.fullmatch(words) for p in GROUP_WORDS):
        return None  # "Police" (a town in Poland) opening a sentence names the police
    if key in reference.places:
        return reference.places[key], True
    if key in countries():
        return countries()[key], False
    city = cities().get_place(key)
    return (city, False) if city else None


def places_in(sentence: str, reference: Reference) -> list[Mention]:
    """Each place named in the sentence, the longest name first where names overlap."""
    found: list[Mention] = []
    for run in _NAME.finditer(sentence):
        words = run.group(0).split(" ")
        position = run.start()
        index = 0
        while index < len(words):
            for stop in range(len(words), index, -1):
                text = re.sub(r"['\u2019]s?$", "", " ".join(words[index:stop]))
                hit = _lookup(text, reference)
                # "Abba Kyari Modu": a town's name at the head of a longer name is a person's.
                person = stop < len(words) and words[stop][:1].isupper()
                person = person and words[stop] not in _PLACE_WORDS
                if hit and text[:1].isupper() and not (person and not hit[0].is_country):
                    start = position + len(" ".join(words[:index])) + (1 if index else 0)
                    end = start + len(text)
                    found.append(
                        Mention(
                            hit[0], start, end, _precision(sentence, start, end, hit[0]), hit[1]
                        )
                    )
                    index = stop
                    break
            else:
                index += 1
    return _roads(sentence, sorted(_regions(sentence, found), key=lambda m: m.start))


def _regions(sentence: str, found: list[Mention]) -> list[Mention]:
    """The places found, with regions named by their kind that the gazetteer lacks, at
    precision 4 (their country is the article's, filled in by the drafter); a town named by
    part of a region's name ("Highlands" in "Zamfara Highlands province") gives way."""
    regions = []
    for match in _REGION_NAMED.finditer(sentence):
        group = "a" if match.group("a") else "b"
        start, end = match.span(group)
        if match.group(group).split(" ")[0] in {"The", "A", "An"}:
            continue
        if any(m.start == start and m.end == end for m in found):
            continue
        found = [m for m in found if not (start <= m.start and m.end <= end)]
        place = StoredPlace(match.group(group), "", None, None, None, None, False)
        regions.append(Mention(place, start, end, 4, False))
    return found + regions


def _roads(sentence: str, found: list[Mention]) -> list[Mention]:
    """ "the road between X and Y": one place, the road, at precision 5 with no coordinates."""
    joined: list[Mention] = []
    for mention in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.precision == 5
            and re.fullmatch(
                r" (?:and|to) (?:the (?:city|town) of )?", sentence[previous.end : mention.start]
            )
        ):
            name = f"{previous.place.name}-{mention.place.name} road"
            road = StoredPlace(name, previous.place.country_iso3, None, None, None, None, False)
            joined[-1] = Mention(road, previous.start, mention.end, 5, False)
            continue
        joined.append(mention)
    return joined


def _precision(sentence: str, start: int, end: int, place: StoredPlace) -> int:
    if place.is_country:
        return 6
    before = sentence[:start]
    if _ROAD.search(before):
        return 5
    if _REGION_BEFORE.search(before) or _REGION_AFTER.match(sentence[end:]):
        return 4
    if _RELATIVE.search(before):
        return 2
    return 1
