"""Draft every event an article reports, with verbatim evidence, so that a contributor only
confirms (issue 18). Rules, not a model: offline, deterministic, fast.

An actor or place is new when its name is not a stored name or alias of the package; the
draft carries names only (no "new" key: the JSON form is fixed), and the confirm step looks
each name up again."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from conflict_events.contribute.article import Article
from conflict_events.draft.actors import (
    ActorMention,
    actors_in,
    defined_groups,
    governments_in,
    groups_before_fighters,
    known_groups,
)
from conflict_events.draft.claimants import claimant_of
from conflict_events.draft.counts import Figure, combined, figures_in
from conflict_events.draft.dates import VAGUE_PERIOD, When, dates_in, precision
from conflict_events.draft.events import (
    INDEFINITE_PLACE,
    NOT_AN_EVENT_SENTENCE,
    ONGOING,
    event_types,
    triggers_in,
)
from conflict_events.draft.places import Mention, places_in
from conflict_events.draft.reference import (
    Reference,
    StoredPlace,
    countries,
    country_names,
    fold,
    stored,
)
from conflict_events.draft.sentences import DATELINE, Sentence, sentences
from conflict_events.metadata import DataPackage

_BATTLES = "Battles"
_BATTLE_TYPES = (
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
)
# Crowd events from the mildest to the most violent: told together at one place and day,
# they are one event of the most violent kind.
_CROWDS = (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
)
_RIOTS = ("Violent demonstration", "Mob violence")
_PROTESTS = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
# "the army said in a statement on Monday": the day something was said, not done.
STATED = re.compile(
    r"\b(?:said|says|told|announced|reported|added|confirmed|statement|report)\b(?: [\w,]+){0,3} $",
    re.I,
)
# "The toll rose to 17 on Saturday": the day the toll was updated, not the event's.
TOLL_UPDATE = re.compile(
    r"\b(?:rose|risen|climbed|increased|jumped) to (?:at least )?[\w,]+(?: \w+)? $", re.I
)
ATTRIBUTION = re.compile(
    r",\s*(?:according to\b|[^,]*\b(?:said|says|told \w+|reported|added|claimed)\b)"
)
NEW_CLAUSE = re.compile(r",? (?:as|while|whereas|which|although|though) |; ")
# "has fought", "have repeatedly protested": with no day, background.
HABITUAL = re.compile(
    r"\b(?:has|have|had)(?: (?:long|repeatedly|often|regularly|frequently|previously|also|in the past|staged|held|carried out|launched|several|many|numerous|frequent|regular))* $",
    re.I,
)
_STRIKES = (
    "Suicide bomb",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Attack",
)
# Violence that needs no named agent: an unnamed one is an unidentified armed group.
_UNCLAIMED = ("Violence against civilians", "Explosions/Remote violence")
# Who did it: a group that claims an attack names its perpetrator; a denial or "no group
# claimed" leaves it unidentified.
CLAIM = re.compile(r"\b(?:claimed|carried out|was behind|were behind|took responsibility)\b", re.I)
NO_CLAIM = re.compile(
    r"\b(?:no (?:group|one)|nobody|denied|deny|did not|has not|have not|not claimed|similar|previous(?:ly)?|in (?:recent|past) years|in the past)\b",
    re.I,
)
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_STATE = ("state_forces", "government", "police")
_NON_STATE = ("rebel_group", "militia", "unidentified")
# "the renewed fighting": a word that refers back to what was reported, no new event.
ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those)(?: \w+)? $", re.I)
_ASSOCIATE = ("backed by", "supported by", "with the support of", "alongside", "aided by", "and ")


@dataclass
class Drafted:
    sub_event_type: str
    first: date
    last: date
    place: StoredPlace
    geo_precision: int
    actors: dict[str, str] = field(default_factory=dict)  # name -> role
    evidence: list[Sentence] = field(default_factory=list)
    vague_place: bool = False
    dated: bool = True  # False: the article gives no day of its own (the lead's day is used)


def _article_country(text: str, spans: list[Sentence], reference: Reference) -> str:
    """The country the article is about: the one its places name most often (a town 2, a
    region or a country 1), with the dateline's places (1) and, failing places, the
    nationalities of the forces it names."""
    tally: Counter[str] = Counter()
    dateline = DATELINE.search(text)
    lines = [dateline.group(0)] if dateline else []
    for number, line in enumerate(lines + [_masked(s.text, reference) for s in spans]):
        for mention in places_in(line, reference):
            if mention.place.country_iso3:
                town = not mention.place.is_country and mention.precision != 4
                # The dateline's town only breaks a tie: reporters file from neighbours.
                in_dateline = number < len(lines)
                tally[mention.place.country_iso3] += 2 if town and not in_dateline else 1
    if not tally:
        for sentence in spans:
            for actor in actors_in(sentence.text, reference, ""):
                if actor.country_iso3:
                    tally[actor.country_iso3] += 1
    return tally.most_common(1)[0][0] if tally else ""


def _country_place(iso3: str, reference: Reference) -> StoredPlace | None:
    name = country_names().get(iso3)
    if not name:
        return None
    return reference.places.get(fold(name)) or countries().get(fold(name))


def _nearest(items: list, start: int, end: int):
    """The item nearest the trigger, one after it preferred at equal distance."""
    if not items:
        return None
    return min(items, key=lambda m: (m.start - end) if m.start >= end else (start - m.end) + 0.5)


def _own_dates(text: str, published: date) -> list[When]:
    """The days a sentence gives of what it reports: not the day something was said, nor
    the day a toll was updated."""
    return [
        w
        for w in dates_in(text, published)
        if not STATED.search(text[: w.start]) and not TOLL_UPDATE.search(text[: w.start])
    ]


def _when(
    sentence: Sentence, trigger_start: int, trigger_end: int, published: date, reference_day: date
) -> tuple[date, date] | None:
    """The trigger's days; None when the sentence dates it only to a year or vague period."""
    found = _own_dates(sentence.text, published)
    when = _nearest(found, trigger_start, trigger_end)
    if when is not None and when.vague:
        return None
    if when is None:
        if VAGUE_PERIOD.search(sentence.text) or HABITUAL.search(sentence.text[:trigger_start]):
            return None
        if ONGOING.search(sentence.text[max(0, trigger_start - 40) : trigger_end]):
            return reference_day - timedelta(days=6), reference_day
        return reference_day, reference_day
    if when.relative_to_event:
        day = reference_day + timedelta(days=when.relative_to_event)
        return day, day
    return when.first, when.last


def _roles(
    found: list[ActorMention], sentence: str, start: int, sub_event_type: str
) -> dict[str, str]:
    """actor1 acts (named before the trigger, or protesters of a protest), actor2 suffers;
    an actor 'backed by' or joined with actor1 is its associate."""
    roles: dict[str, str] = {}
    before = [a for a in found if a.start <= start]
    after = [a for a in found if a.start >= start]
    if sub_event_type == "Excessive force against protesters":
        # The forces that fired act; the protesters suffer.
        forces = [a for a in found if a.kind in _STATE]
        protesters = [a for a in found if a.kind == "protesters"]
        pairs = [(forces[:1], "actor1"), (protesters[:1], "actor2")]
        return {first[0].name: role for first, role in pairs if first}
    if sub_event_type == "Violent demonstration":
        # Protesters who turn violent are rioters, and act; whom they attack suffers.
        crowd = next((a for a in found if a.kind in ("protesters", "rioters")), None)
        if crowd is not None:
            rioters = crowd.name.replace("Protesters (", "Rioters (")
            other = next((a for a in found if a.kind != crowd.kind), None)
            return {rioters: "actor1", **({other.name: "actor2"} if other else {})}
    if sub_event_type in ("Peaceful protest", "Protest with intervention"):
        protesters = [a for a in found if a.kind == "protesters"]
        first = protesters[0] if protesters else None
        others = [a for a in found if a is not first]
        if first:
            roles[first.name] = "actor1"
        if sub_event_type != "Peaceful protest":  # a peaceful protest has no other side
            for other in others[:1]:
                roles.setdefault(other.name, "actor2")
        return roles
    if sub_event_type == "Agreement":
        return {a.name: role for a, role in zip(found, ("actor1", "actor2"), strict=False)}
    # Civilians suffer violence; they are never its agent, nor a side of a battle.
    if sub_event_type in _BATTLE_TYPES:
        found = [a for a in found if a.kind != "civilians"]
        before = [a for a in before if a in found]
        after = [a for a in after if a in found]
    acting = [a for a in found if a.kind not in ("civilians", "protesters")]
    before = [a for a in before if a in acting]
    later = [a for a in after if a in acting]
    if sub_event_type in _STRIKES:
        # "A bomb struck an army patrol": who is named after a strike is hit by it, unless
        # the strike is "by" them.
        later = [a for a in later if re.search(r"\bby (?:\S+ ){0,3}$", sentence[: a.start])]
    agents = before or later[:1]
    for mention in agents:
        if "actor1" not in roles.values():
            roles[mention.name] = "actor1"
            lead = mention
        elif mention.name not in roles:
            between = sentence[lead.end : mention.start].lower()
            # "between X and Y": two sides, whatever joins them.
            allied = any(word in between for word in _ASSOCIATE) and not re.search(
                r"\bbetween (?:the )?$", sentence[: lead.start], re.I
            )
            opposed = (lead.kind in _STATE) != (mention.kind in _STATE)
            # "soldiers killed Front fighters who attacked": two sides, not allies.
            if opposed and not allied and "actor2" not in roles.values():
                roles[mention.name] = "actor2"
            else:
                roles[mention.name] = "assoc_actor_1"
    for mention in after + [a for a in found if a not in acting and a not in after]:
        if mention.name in roles:
            continue
        lead = sentence[max(0, mention.start - 25) : mention.start].lower()
        if (
            any(word in lead for word in _ASSOCIATE)
            and mention.kind in _STATE
            and not re.search(r"\bbetween\b", sentence[max(0, mention.start - 60) : mention.start])
        ):
            roles[mention.name] = "assoc_actor_1"
        elif "actor2" not in roles.values():
            roles[mention.name] = "actor2"
        elif mention.kind not in ("civilians",) and "assoc_actor_2" not in roles.values():
            roles[mention.name] = "assoc_actor_2"
    return roles


def _told_more(sentence: Sentence, event: Drafted, published: date) -> None:
    """A sentence with no event word that gives a death toll ("Medics said 12 bodies were
    brought in") in the event's paragraph or the next tells more of the event; its day
    dates an event the article gave no day."""
    text = sentence.text
    if (
        sentence.paragraph - event.evidence[-1].paragraph > 1
        or not figures_in(text)
        or NOT_AN_EVENT_SENTENCE.search(text)
        or VAGUE_PERIOD.search(text)
        or re.search(r"\b(?:has|have) (?:\w+ )?(?:killed|died)\b", text, re.I)
    ):
        return
    days = [w for w in dates_in(text, published) if not STATED.search(text[: w.start])]
    own = [w for w in days if not w.vague and not w.relative_to_event]
    if own and not event.dated:
        event.first, event.last, event.dated = own[0].first, own[0].last, True
    elif own and not any(w.first <= event.last and event.first <= w.last for w in own):
        return
    event.evidence.append(sentence)


def _clause_end(text: str, after: int) -> int:
    """Where the trigger's clause ends: at a trailing attribution (", the army said",
    ", according to X") or a new clause (", as ...", ", while ...", "; ")."""
    ends = [len(text)]
    said = ATTRIBUTION.search(text, after)
    if said:
        ends.append(said.start())
    clause = NEW_CLAUSE.search(text, after)
    if clause:
        ends.append(clause.start())
    return min(ends)


def _unknown(country: str, at: int) -> ActorMention:
    return ActorMention(_unidentified(country), at, at, "unidentified", country)


def _protesters(country: str, at: int) -> ActorMention:
    """The protesters of a protest whose sentence does not name them."""
    return ActorMention(
        f"Protesters ({country_names().get(country, country)})", at, at, "protesters", country
    )


def _rioters(country: str, at: int) -> ActorMention:
    """The crowd of a riot whose sentence names it otherwise ("supporters of two parties")."""
    return ActorMention(
        f"Rioters ({country_names().get(country, country)})", at, at, "rioters", country
    )


def _same(one: Drafted, other: Drafted, parents: dict[str, str]) -> bool:
    """One event per actor pair, place and day; strikes and fighting of the same side at
    the same place and day belong to one battle."""
    if one.first > other.last or other.first > one.last:
        return False
    same_place = (
        one.place.name == other.place.name
        or one.vague_place
        or other.vague_place
        # "in Sudan" tells no other place than the town named beside it
        or (
            (one.place.is_country or other.place.is_country)
            and one.place.country_iso3 == other.place.country_iso3
        )
    )
    if not same_place:
        return False
    kinds = {parents[one.sub_event_type], parents[other.sub_event_type]}
    if one.sub_event_type == other.sub_event_type:
        # The same sides, whichever of them the sentence names first.
        return (
            not _actor1(one)
            or not _actor1(other)
            or _actor1(one) in other.actors
            or _actor1(other) in one.actors
        )
    if {one.sub_event_type, other.sub_event_type} <= set(_CROWDS):
        return True  # a riot and the police's answer to it at one place and day
    return kinds <= {_BATTLES, "Explosions/Remote violence"} and _BATTLES in kinds


def _actor1(event: Drafted) -> str | None:
    return next((n for n, r in event.actors.items() if r == "actor1"), None)


def _merge(into: Drafted, other: Drafted, parents: dict[str, str]) -> None:
    if (
        parents[other.sub_event_type] == _BATTLES and parents[into.sub_event_type] != _BATTLES
    ) or other.sub_event_type in _TERRITORY:
        into.sub_event_type = other.sub_event_type
    if {into.sub_event_type, other.sub_event_type} <= set(_CROWDS):
        into.sub_event_type = max(into.sub_event_type, other.sub_event_type, key=_CROWDS.index)
        if into.sub_event_type in _RIOTS:  # the rioters are the crowd, not protesters too
            other.actors = {n: r for n, r in other.actors.items() if not n.startswith("Protesters")}
    if into.vague_place and not other.vague_place:
        into.place, into.geo_precision, into.vague_place = other.place, other.geo_precision, False
    if other.dated and other.last - other.first < into.last - into.first:
        into.first, into.last = other.first, other.last
    taken = set(into.actors.values())
    for name, role in other.actors.items():
        if name in into.actors:
            continue
        if role == "actor1" and "actor1" in taken:
            role = "assoc_actor_1"
        if role in taken:
            continue
        into.actors[name] = role
        taken.add(role)
    into.evidence += [s for s in other.evidence if s not in into.evidence]


def _article_opponent(spans: list[Sentence], reference: Reference, country: str) -> str | None:
    """The non-state side the article names most often: the other party of a battle whose
    sentence names only the government side."""
    tally: Counter[str] = Counter()
    for sentence in spans:
        for mention in actors_in(sentence.text, reference, country):
            if mention.kind in ("rebel_group", "militia"):
                tally[mention.name] += 1
    return tally.most_common(1)[0][0] if tally else None


def _masked(text: str, reference: Reference) -> str:
    """The text with the article's group names blanked, so that "Moro" in a group's name is
    no town (offsets kept)."""
    for actor in reference.actors:
        if actor.actor_type == "rebel_group":
            for name in actor.names[1:]:
                text = text.replace(name, " " * len(name))
    return text


def _claim(text: str, found: list[ActorMention], events: list[Drafted], country: str) -> None:
    """A named group that claims the attack just drafted is its actor1."""
    if not events or not CLAIM.search(text) or NO_CLAIM.search(text):
        return
    groups = [a for a in found if a.kind == "rebel_group"]
    # "The Pakistani Taliban, or TTP, claimed": the group's own short name is the most exact.
    group = next((a for a in groups if a.name.isupper()), groups[0] if groups else None)
    event = events[-1]
    unknown = _unidentified(country)
    if group is None or event.actors.get(unknown) != "actor1":
        return
    event.actors = {group.name if n == unknown else n: r for n, r in event.actors.items()}


def _unidentified(country: str) -> str:
    return f"Unidentified Armed Group ({country_names().get(country, country)})"


def _drafts(article: Article, reference: Reference, parents: dict[str, str]) -> list[Drafted]:
    reference = Reference(
        reference.actors
        + known_groups()
        + defined_groups(article.text)
        + groups_before_fighters(article.text),
        reference.places,
    )
    spans = sentences(article.text)
    country = _article_country(article.text, spans, reference)
    events: list[Drafted] = []
    lead_day = article.published
    for sentence in spans:
        text = sentence.text
        for trigger in triggers_in(text):
            last = events[-1] if events else None
            days = _when(
                sentence,
                trigger.start,
                trigger.end,
                article.published,
                last.last if last else lead_day,
            )
            if days is None:
                continue
            dated = bool(_own_dates(text, article.published))
            found = [
                a
                for a in actors_in(text, reference, country)
                if a.start < _clause_end(text, trigger.end)
            ]
            if trigger.sub_event_type == "Agreement":
                groups = [a for a in found if a.kind == "rebel_group"]
                found = sorted(governments_in(text, reference) + groups, key=lambda a: a.start)
            elif trigger.sub_event_type in _PROTESTS and not any(
                a.kind == "protesters" for a in found
            ):
                found = [_protesters(country, trigger.start), *found]
            elif trigger.sub_event_type in _RIOTS and not any(
                a.kind in ("protesters", "rioters") for a in found
            ):
                found = [_rioters(country, trigger.start), *found]
            mentions = places_in(_masked(text, reference), reference)
            fine = [m for m in mentions if not m.place.is_country] or mentions
            if trigger.sub_event_type == "Agreement":
                fine = [m for m in mentions if not m.place.is_country]  # countries are its parties
            later = [m for m in fine if m.start >= trigger.end]
            place: Mention | None = (
                later[0] if later else _nearest(fine, trigger.start, trigger.end)
            )
            own = next((e for e in events if sentence in e.evidence), None)
            if own is not None and {
                parents[own.sub_event_type],
                parents[trigger.sub_event_type],
            } <= {_BATTLES, "Explosions/Remote violence"}:
                # Strikes and fighting reported together belong to one battle.
                for mention in found:
                    own.actors.setdefault(
                        mention.name,
                        "assoc_actor_1"
                        if "assoc_actor_1" not in own.actors.values()
                        else "assoc_actor_2",
                    )
                continue
            if ANAPHORIC.search(text[: trigger.start]):
                found = []
            elif not found and parents[trigger.sub_event_type] in _UNCLAIMED:
                # "A bomb exploded ...": nobody named, an unidentified group did it.
                found = [_unknown(country, trigger.start)]
            if not found:
                # No actor of its own: the sentence tells more of the event just drafted.
                if (
                    last is not None
                    and parents[last.sub_event_type] in (parents[trigger.sub_event_type], _BATTLES)
                    and sentence not in last.evidence
                ):
                    last.evidence.append(sentence)
                    if (
                        dated
                        and not last.dated
                        and trigger.sub_event_type == last.sub_event_type
                        and days[0] == days[1] <= last.first == last.last
                    ):
                        # "The bomber struck on Friday": the day an undated lede lacked.
                        last.first, last.last, last.dated = days[0], days[1], True
                continue
            if place is None:
                if trigger.sub_event_type == "Agreement":
                    country_place = _country_place(country, reference)
                    if country_place is None:
                        continue
                    place_of, precision_of = country_place, 6
                elif last is not None:
                    place_of, precision_of = last.place, last.geo_precision
                else:
                    # A town the gazetteer lacks: the event is placed in its country.
                    country_place = _country_place(country, reference)
                    if country_place is None:
                        continue
                    place_of, precision_of = country_place, 6
                vague = False
            else:
                place_of, precision_of = place.place, place.precision
                foreign = place_of.country_iso3 != country and not place_of.is_country
                if not place_of.country_iso3 or (precision_of == 4 and foreign and country):
                    # A region the gazetteer lacks, or holds only as a foreign town ("Chin
                    # state" is no Chinese town): a region of the article's country.
                    place_of = StoredPlace(place_of.name, country, None, None, None, None, False)
                between = text[min(trigger.end, place.start) : place.start]
                vague = precision_of == 2 and bool(INDEFINITE_PLACE.search(between))
            drafted = Drafted(
                trigger.sub_event_type,
                days[0],
                days[1],
                place_of,
                precision_of,
                _roles(found, text, trigger.start, trigger.sub_event_type),
                [sentence],
                vague,
            )
            if (
                parents[drafted.sub_event_type]
                in ("Violence against civilians", "Explosions/Remote violence")
                and drafted.sub_event_type != "Air/drone strike"
                and "actor1" not in drafted.actors.values()
            ):
                drafted.actors = {_unidentified(country): "actor1", **drafted.actors}
            drafted.dated = dated
            if drafted.sub_event_type in _TERRITORY:
                kind = next((a.kind for a in found if drafted.actors.get(a.name) == "actor1"), "")
                if kind in _NON_STATE:
                    drafted.sub_event_type = "Non-state actor overtakes territory"
                else:
                    drafted.sub_event_type = "Government regains territory"
            match = next((e for e in events if _same(e, drafted, parents)), None)
            if match is not None:
                _merge(match, drafted, parents)
            else:
                events.append(drafted)
        _claim(text, actors_in(text, reference, country), events, country)
        if events and not any(sentence in e.evidence for e in events):
            _told_more(sentence, events[-1], article.published)
    opponent = _article_opponent(spans, reference, country)
    for event in events:
        if (
            parents[event.sub_event_type] == _BATTLES
            and "actor2" not in event.actors.values()
            and opponent
            and opponent not in event.actors
        ):
            event.actors[opponent] = "actor2"
        if "actor1" not in event.actors.values():
            # Every event has a side that acted (new-event needs one): when the article
            # names none, it is unidentified, as ACLED codes an unclaimed strike.
            event.actors = {_unidentified(country): "actor1", **event.actors}
    return events


def _as_json(event: Drafted, article: Article, parents: dict[str, str]) -> dict:
    figures: list[Figure] = [f for s in event.evidence for f in figures_in(s.text)]
    order = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]
    actors = sorted(event.actors.items(), key=lambda item: order.index(item[1]))
    event_type = parents[event.sub_event_type]
    return {
        "event_date": event.first.isoformat(),
        "event_date_end": event.last.isoformat() if event.last != event.first else None,
        "date_precision": precision(event.first, event.last),
        "event_type": event_type,
        "sub_event_type": event.sub_event_type,
        "location": {
            "name": event.place.name,
            "country_iso3": event.place.country_iso3 or None,
            "admin1": event.place.admin1,
            "latitude": event.place.latitude,
            "longitude": event.place.longitude,
            "geonames_id": event.place.geonames_id,
            "geo_precision": event.geo_precision,
        },
        "actors": [{"name": name, "role": role} for name, role in actors],
        "fatalities": combined(figures),
        "civilian_targeting": event_type == "Violence against civilians"
        or any(n.startswith("Civilians") and r == "actor2" for n, r in actors),
        "evidence": [
            {
                "quote": s.text,
                "quote_start": s.start,
                "quote_end": s.end,
                "claimant": claimant_of(s.text, article.credit),
            }
            for s in event.evidence
        ],
    }


def draft_article(article: Article, package: DataPackage | None = None) -> dict:
    """Every event the article reports, in the JSON form of issue 18."""
    reference = stored(package)
    parents = event_types(package)
    return {"events": [_as_json(e, article, parents) for e in _drafts(article, reference, parents)]}


__all__ = ["draft_article"]
