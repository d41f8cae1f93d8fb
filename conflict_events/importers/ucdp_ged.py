"""UCDP GED rows as this project's six tables.

What each table gets from a GED row:
- events: the UCDP id as event_id (evt_ and eight digits), date_start/date_end,
  date_prec and where_prec (our codes are UCDP's), best/low/high as the fatalities,
  civilian_targeting for one-sided violence, and the event type that
  crosswalk_sub_event_types gives UCDP's type_of_violence (UCDP does not say how force was
  used: the notes say so, with the UCDP fields that have no column here).
- actors: side_a and side_b with their UCDP ids in ucdp_actor_id. A side with a
  Gleditsch-Ward number is a state's forces; the non-state side of a state-based conflict a
  rebel group; the target of one-sided violence civilians; any other side an armed group.
- locations: one per distinct place (where_coordinates, adm_1, adm_2, coordinates).
- sources: one per distinct (source_office, source_date, source_headline) triple. UCDP gives
  no URL, language or kind of outlet. Where UCDP records its sources only as free text
  (number_of_sources -1) or its three lists do not line up, the row's source_article is the
  one source, without publisher, headline or date.
- event_sources: UCDP stores no article text, so each source's stored text is UCDP's
  citation of it, quoted whole; the claim is attributed to source_original (who first
  reported the event), else to the cited outlet, else (a free-text citation) to UCDP GED.
A row that cannot be represented is skipped with the reason, never dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pycountry

from conflict_events.metadata.crosswalks import Crosswalks

ARTICLE_FOLDER = "datasets/articles/ucdp"
UCDP = "UCDP GED"
# The stored "text" of an imported source is UCDP's citation of it: UCDP's data, CC BY 4.0.
UCDP_LICENCE = "CC-BY-4.0"


# UCDP's names for countries that ISO 3166 (pycountry) spells otherwise; a name with a
# former name in brackets, e.g. "Myanmar (Burma)", is looked up without it.
UCDP_COUNTRY_NAMES = {
    "Bosnia-Herzegovina": "BIH",
    "DR Congo (Zaire)": "COD",
    "Ivory Coast": "CIV",
    "Macedonia, FYR": "MKD",
    "Russia (Soviet Union)": "RUS",
    "Turkey": "TUR",
}


_ACTOR_RANK = {"state_forces": 0, "rebel_group": 1, "civilians": 2, "armed_group": 3}
_NUMBER = re.compile(r"[0-9]+")


class RowProblem(Exception):
    """Why one GED row cannot become events of this project: "rule: explanation"."""


@dataclass(frozen=True)
class Codes:
    """What a conversion reads from this project's schemas and crosswalks."""

    crosswalks: Crosswalks
    parents: dict[str, str]  # sub-event type -> its event type
    violence_labels: dict[int, str]  # UCDP's types of violence, named
    date_precisions: list[int]
    geo_precisions: list[int]


@dataclass
class Converted:
    """The tables as rows of text cells, the stored citation texts, and for every written
    row the file rows it came from (row numbers as a spreadsheet shows them, header 1), so
    a problem found later names the rows to skip."""

    tables: dict[str, list[dict[str, str]]]
    articles: dict[str, str]
    origins: dict[str, list[list[int]]]
    skipped: dict[int, str] = field(default_factory=dict)


def country_code(name: str) -> str:
    """ISO alpha-3 code of a UCDP country name."""
    if name in UCDP_COUNTRY_NAMES:
        return UCDP_COUNTRY_NAMES[name]
    for candidate in (name, name.split(" (")[0]):
        try:
            return pycountry.countries.lookup(candidate).alpha_3
        except LookupError:
            continue
    raise RowProblem(
        f"country-unknown: country {name!r} is not an ISO 3166 country name pycountry knows"
    )


def _day(text: str, column: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise RowProblem(f"value-invalid: {column} {text!r} is not a date (YYYY-MM-DD)") from exc


def _code(text: str, column: str, allowed: Iterable[int]) -> int:
    if not _NUMBER.fullmatch(text) or int(text) not in set(allowed):
        raise RowProblem(
            f"value-invalid: {column} {text!r} is not one of UCDP's codes {sorted(set(allowed))}"
        )
    return int(text)


def _count(text: str, column: str) -> str:
    if text == "":
        return ""
    if not _NUMBER.fullmatch(text):
        raise RowProblem(f"value-invalid: {column} {text!r} is not a count of deaths")
    return str(int(text))


def _citations(row: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(publisher, date, headline, stored text) of each source UCDP cites for the row."""
    lists = [row[c].split(";") for c in ("source_office", "source_date", "source_headline")]
    structured = row["number_of_sources"] != "-1" and row["source_office"] != ""
    if structured and len({len(items) for items in lists}) == 1:
        try:
            cited = [
                (office.strip(), _day(day.strip(), "source_date"), headline.strip())
                for office, day, headline in zip(*lists, strict=True)
            ]
        except RowProblem:
            cited = []
        if cited and all(office for office, _, _ in cited):
            return list(dict.fromkeys((o, d, h, f"{o},{d},{h}") for o, d, h in cited))
    text = row["source_article"]
    if not text.strip():
        raise RowProblem(
            "source-missing: UCDP cites no source for this event (source_article is empty)"
        )
    return [("", "", "", text)]


class _Numbering:
    """Stable IDs in order of first appearance, with the file rows behind each."""

    def __init__(self, prefix: str, digits: int) -> None:
        self.prefix, self.digits = prefix, digits
        self.ids: dict[object, str] = {}
        self.origins: dict[str, list[int]] = {}

    def id_for(self, key: object, line: int) -> str:
        if key not in self.ids:
            self.ids[key] = f"{self.prefix}{len(self.ids) + 1:0{self.digits}d}"
        identifier = self.ids[key]
        self.origins.setdefault(identifier, []).append(line)
        return identifier


def _actor_type(row: dict[str, str], side: str) -> str:
    if row["gwnoa" if side == "a" else "gwnob"]:
        return "state_forces"
    if side == "b" and row["type_of_violence"] == "1":
        return "rebel_group"
    if side == "b" and row["type_of_violence"] == "3" and row["side_b"] == "Civilians":
        return "civilians"
    return "armed_group"


def _checked(row: dict[str, str], seen: set[str]) -> None:
    """Refuse a row whose values this project's tables cannot hold."""
    ucdp_id = row["id"]
    if not _NUMBER.fullmatch(ucdp_id) or len(ucdp_id) > 8:
        raise RowProblem(
            f"id-invalid: id {ucdp_id!r} is not a UCDP event number of at most eight digits"
        )
    if ucdp_id in seen:
        raise RowProblem(f"id-repeated: id {ucdp_id} appears more than once in the file")
    for side in ("a", "b"):
        name, number = row[f"side_{side}"].strip(), row[f"side_{side}_new_id"]
        if not name or not _NUMBER.fullmatch(number) or int(number) < 1:
            raise RowProblem(
                f"actor-id-missing: side_{side} {name!r} has no UCDP actor id ({number!r})"
            )
    if row["side_a_new_id"] == row["side_b_new_id"]:
        raise RowProblem("actor-both-sides: side_a and side_b are the same actor")
    if not (row["where_coordinates"].strip() or row.get("where_description", "").strip()):
        raise RowProblem(
            "place-unnamed: the place has no name (where_coordinates and where_description empty)"
        )
    if (row["latitude"] == "") != (row["longitude"] == ""):
        raise RowProblem("coordinates-incomplete: only one of latitude and longitude is given")


def convert(rows: list[tuple[int, dict[str, str]]], codes: Codes) -> Converted:
    """The six tables for the rows (numbered as in the file) that can be represented; the
    others in `skipped`, each with its reason."""
    skipped: dict[int, str] = {}
    kept: list[tuple[int, dict[str, str], dict]] = []
    seen: set[str] = set()
    for line, row in rows:
        try:
            _checked(row, seen)
            violence = _code(row["type_of_violence"], "type_of_violence", codes.violence_labels)
            facts = {
                "iso3": country_code(row["country"]),
                "start": _day(row["date_start"], "date_start"),
                "end": _day(row["date_end"], "date_end"),
                "date_prec": _code(row["date_prec"], "date_prec", codes.date_precisions),
                "where_prec": _code(row["where_prec"], "where_prec", codes.geo_precisions),
                "counts": [_count(row[c], c) for c in ("low", "best", "high")],
                "kind": codes.crosswalks.sub_event_type_from_ucdp[violence],
                "violence": violence,
                "citations": _citations(row),
            }
        except RowProblem as problem:
            skipped[line] = str(problem)
            continue
        seen.add(row["id"])
        kept.append((line, row, facts))
    converted = _tables(kept, codes)
    converted.skipped = skipped
    return converted


def _tables(kept: list[tuple[int, dict[str, str], dict]], codes: Codes) -> Converted:
    actor_types: dict[str, str] = {}
    for _, row, _ in kept:
        for side in ("a", "b"):
            number, kind = row[f"side_{side}_new_id"], _actor_type(row, side)
            current = actor_types.get(number, kind)
            actor_types[number] = min(current, kind, key=_ACTOR_RANK.__getitem__)
    actors, places, cited = _Numbering("act_", 6), _Numbering("loc_", 6), _Numbering("src_", 6)
    tables: dict[str, list[dict[str, str]]] = {
        name: [] for name in ("events", "actors", "locations", "sources")
    }
    tables |= {"event_actors": [], "event_sources": []}
    origins: dict[str, list[list[int]]] = {"events": [], "event_actors": [], "event_sources": []}
    articles: dict[str, str] = {}
    for line, row, facts in sorted(kept, key=lambda item: int(item[1]["id"])):
        event_id = f"evt_{int(row['id']):08d}"
        for side, role in (("a", "actor1"), ("b", "actor2")):
            number, name = row[f"side_{side}_new_id"], row[f"side_{side}"].strip()
            # One actor per UCDP id and name: a name UCDP gives two ids, or an id it gives
            # two names, is kept as UCDP has it (rules actor-name-shared, actor-ucdp-id-shared).
            actor_id = actors.id_for((number, name), line)
            if len(actors.origins[actor_id]) == 1:
                tables["actors"].append(
                    {
                        "actor_id": actor_id,
                        "name": name,
                        "actor_type": actor_types[number],
                        "ucdp_actor_id": str(int(number)),
                        "notes": f"UCDP GED actor {int(number)}.",
                    }
                )
            tables["event_actors"].append(
                {"event_id": event_id, "actor_id": actor_id, "role": role}
            )
            origins["event_actors"].append([line])
        location_id = _place(line, row, facts, codes, places, tables["locations"])
        for publisher, day, headline, text in facts["citations"]:
            source_id = cited.id_for((publisher, day, headline, text), line)
            if len(cited.origins[source_id]) == 1:
                path = f"{ARTICLE_FOLDER}/{source_id}.txt"
                articles[path] = text
                tables["sources"].append(
                    {
                        "source_id": source_id,
                        "publisher": publisher,
                        "title": headline,
                        "published_date": day,
                        "article_path": path,
                        "article_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        "text_licence": UCDP_LICENCE,
                    }
                )
            tables["event_sources"].append(
                {
                    "event_id": event_id,
                    "source_id": source_id,
                    "quote": text,
                    "quote_start": "0",
                    "quote_end": str(len(text)),
                    "attributed_to": row["source_original"].strip() or publisher or UCDP,
                }
            )
            origins["event_sources"].append([line])
        tables["events"].append(_event(row, facts, event_id, location_id, codes))
        origins["events"].append([line])
    origins |= {
        "actors": list(actors.origins.values()),
        "locations": list(places.origins.values()),
        "sources": list(cited.origins.values()),
    }
    return Converted(tables=tables, articles=articles, origins=origins)


def _place(
    line: int, row: dict[str, str], facts: dict, codes: Codes, places: _Numbering, rows: list
) -> str:
    name = row["where_coordinates"].strip() or row["where_description"].strip()
    kind = codes.crosswalks.location_type[facts["where_prec"]]
    key = (facts["iso3"], name, row["adm_1"], row["adm_2"], row["latitude"], row["longitude"], kind)
    location_id = places.id_for(key, line)
    if len(places.origins[location_id]) == 1:
        rows.append(
            {
                "location_id": location_id,
                "name": name,
                "country_iso3": facts["iso3"],
                "admin1": row["adm_1"].strip(),
                "admin2": row["adm_2"].strip(),
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "location_type": kind,
            }
        )
    return location_id


def _event(
    row: dict[str, str], facts: dict, event_id: str, location_id: str, codes: Codes
) -> dict[str, str]:
    low, best, high = facts["counts"]
    label = codes.violence_labels[facts["violence"]]
    extra = ", ".join(
        f"{c} {row[c]}"
        for c in (
            "relid",
            "conflict_new_id",
            "conflict_name",
            "dyad_new_id",
            "event_clarity",
            "deaths_a",
            "deaths_b",
            "deaths_civilians",
            "deaths_unknown",
            "where_description",
        )
        if row.get(c, "").strip()
    )
    return {
        "event_id": event_id,
        "event_date": facts["start"],
        "event_date_end": "" if facts["end"] == facts["start"] else facts["end"],
        "date_precision": str(facts["date_prec"]),
        "event_type": codes.parents[facts["kind"]],
        "sub_event_type": facts["kind"],
        "location_id": location_id,
        "geo_precision": str(facts["where_prec"]),
        "fatalities_low": low,
        "fatalities_best": best,
        "fatalities_high": high,
        "civilian_targeting": "true" if facts["violence"] == 3 else "false",
        "summary": (
            f"{label} ({UCDP} event {row['id']}): {row['side_a'].strip()} - "
            f"{row['side_b'].strip()}, at {row['where_coordinates'].strip() or 'an unnamed place'}; "
            f"UCDP's best estimate {best or 'not given'} deaths."
        ),
        "notes": (
            f"Imported from {UCDP} ({extra}). The event type follows from UCDP's "
            f"type_of_violence {facts['violence']} through crosswalk_sub_event_types: "
            "UCDP does not record how force was used."
        ),
    }
