"""Write a synthetic package of any size that passes every rule of the real one.

The tables have the shape the real data will have at scale (about 1.5 pieces of evidence
and 2 actors per event, a source per 5 events, 20,000 places and 5,000 actors at a million
events); every quote stands in its generated article at its offsets. Nothing in it is real:
places and actors are numbered, URLs are on example.org, and the descriptor says so.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from conflict_events.metadata import load_package
from conflict_events.paths import own_descriptor, own_root
from conflict_events.synth.inject import EXTRA_CELL, Tables, plant_errors
from conflict_events.validation.geography import point_inside

# Countries of the places, most frequent first (a Zipf-like share each).
COUNTRIES = [
    "SYR",
    "UKR",
    "YEM",
    "AFG",
    "MMR",
    "SDN",
    "NGA",
    "COD",
    "SOM",
    "IRQ",
    "MLI",
    "BFA",
    "ETH",
    "PAK",
    "MEX",
    "COL",
    "CMR",
    "NER",
    "SSD",
    "LBY",
    "CAF",
    "MOZ",
    "IND",
    "PHL",
    "TCD",
    "LBN",
    "BRA",
    "KEN",
    "HTI",
    "UGA",
]
DAYS_OF_PRECISION = {1: 0, 2: 3, 3: 6, 4: 29, 5: 364}  # span from first to last day
FIRST_DAY, LAST_DAY = date(1997, 1, 1), date(2025, 12, 31)
SYNTHETIC_NAME = "conflict-events-synthetic"


MAX_SOURCES = 999_999


@dataclass(frozen=True)
class Sizes:
    events: int
    locations: int
    actors: int
    sources: int

    @classmethod
    def for_events(cls, events: int) -> Sizes:
        return cls(
            events=events,
            locations=min(20_000, max(5, events // 50)),
            actors=min(5_000, max(5, events // 200)),
            # A source per 5 events, up to the 999,999 that source IDs (src_ and six
            # digits) can number: beyond 5M events, sources report more events each.
            sources=min(MAX_SOURCES, max(1, -(-events // 5))),
        )


def _zipf_choice(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    """Indices 0..n-1 where low ones are much more frequent, as places and actors are."""
    weights = 1.0 / np.arange(1, n + 1) ** 0.8
    return rng.choice(n, size=size, p=weights / weights.sum())


def _codes(schema, field: str) -> list:
    return [c["value"] for c in schema.field(field).categories]


def _locations(rng: np.random.Generator, sizes: Sizes, schema) -> pd.DataFrame:
    n = sizes.locations
    country = np.array(COUNTRIES)[_zipf_choice(rng, len(COUNTRIES), n)]
    inside = {code: point_inside(code) for code in COUNTRIES}
    placed = rng.random(n) < 0.8  # the rest are unverified: no coordinates
    jitter = rng.uniform(-0.0005, 0.0005, size=(n, 2))
    latitude = [
        round(inside[c][0] + j, 5) if p else None
        for c, j, p in zip(country, jitter[:, 0], placed, strict=True)
    ]
    longitude = [
        round(inside[c][1] + j, 5) if p else None
        for c, j, p in zip(country, jitter[:, 1], placed, strict=True)
    ]
    number = np.arange(1, n + 1)
    return pd.DataFrame(
        {
            "location_id": [f"loc_{i:06d}" for i in number],
            "name": [f"Synthetic place {i}" for i in number],
            "country_iso3": country,
            "admin1": [f"Synthetic province {i % 97}" for i in number],
            "latitude": latitude,
            "longitude": longitude,
            "location_type": "populated_place",
            "notes": "Synthetic.",
        }
    )


def _actors(rng: np.random.Generator, sizes: Sizes, schema) -> pd.DataFrame:
    n = sizes.actors
    types = _codes(schema, "actor_type")
    number = np.arange(1, n + 1)
    return pd.DataFrame(
        {
            "actor_id": [f"act_{i:06d}" for i in number],
            "name": [f"Synthetic actor {i}" for i in number],
            "actor_type": np.array(types)[_zipf_choice(rng, len(types), n)],
            "country_iso3": np.array(COUNTRIES)[_zipf_choice(rng, len(COUNTRIES), n)],
            "notes": "Synthetic.",
        }
    )


def _events(rng: np.random.Generator, sizes: Sizes, schema) -> pd.DataFrame:
    n = sizes.events
    source = np.sort(rng.integers(0, sizes.sources, size=n))
    source[: sizes.sources] = np.arange(min(n, sizes.sources))  # every source reports one
    source.sort()
    span = (LAST_DAY - FIRST_DAY).days
    published = rng.integers(365, span, size=sizes.sources)  # days after FIRST_DAY
    precision = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.8, 0.08, 0.06, 0.04, 0.02])
    last = published[source] - rng.integers(0, 4, size=n)
    first = last - np.vectorize(DAYS_OF_PRECISION.get)(precision)
    day0 = np.datetime64(FIRST_DAY.isoformat())
    sub_types = schema.field("sub_event_type").categories
    sub = _zipf_choice(rng, len(sub_types), n)
    fatal = rng.random(n) < 0.4  # most reports give no count: unknown stays empty
    best = np.where(fatal, rng.geometric(0.2, size=n) - 1, -1)
    ranged = fatal & (rng.random(n) < 0.3)
    low = np.where(ranged, np.maximum(best - rng.integers(0, 3, size=n), 0), -1)
    high = np.where(ranged, best + rng.integers(0, 5, size=n), -1)
    event_type = np.array([c["parent"] for c in sub_types])[sub]
    return pd.DataFrame(
        {
            "event_id": [f"evt_{i:08d}" for i in range(1, n + 1)],
            "event_date": (day0 + first).astype(str),
            "event_date_end": np.where(precision > 1, (day0 + last).astype(str), ""),
            "date_precision": precision,
            "event_type": event_type,
            "sub_event_type": np.array([c["value"] for c in sub_types])[sub],
            "location_id": [f"loc_{i + 1:06d}" for i in _zipf_choice(rng, sizes.locations, n)],
            "geo_precision": rng.choice([1, 2, 3, 4, 6], size=n, p=[0.6, 0.2, 0.1, 0.07, 0.03]),
            "fatalities_low": pd.array(np.where(low >= 0, low, None), dtype="Int64"),
            "fatalities_best": pd.array(np.where(best >= 0, best, None), dtype="Int64"),
            "fatalities_high": pd.array(np.where(high >= 0, high, None), dtype="Int64"),
            "civilian_targeting": np.where(
                event_type == "Violence against civilians", "true", "false"
            ),
            "summary": [f"Synthetic event {i}." for i in range(1, n + 1)],
            "_source": source,
            "_published": day0 + published[source],  # the source's publication day
        }
    )


def _event_actors(rng: np.random.Generator, sizes: Sizes, events: pd.DataFrame) -> pd.DataFrame:
    n = sizes.events
    first = _zipf_choice(rng, sizes.actors, n)
    # the other actors are distinct from the first: a shift modulo the number of actors
    second = (first + 1 + rng.integers(0, sizes.actors - 1, size=n)) % sizes.actors
    third = (second + 1 + rng.integers(0, sizes.actors - 2, size=n)) % sizes.actors
    third = np.where(third == first, (third + 1) % sizes.actors, third)
    has_second = rng.random(n) < 0.75
    has_third = has_second & (rng.random(n) < 0.2) & (third != second)
    ids = events["event_id"].to_numpy()
    parts = [
        pd.DataFrame({"event_id": ids, "actor": first, "role": "actor1", "order": 0}),
        pd.DataFrame(
            {"event_id": ids[has_third], "actor": third[has_third], "role": "assoc_actor_1"}
        ).assign(order=1),
        pd.DataFrame(
            {"event_id": ids[has_second], "actor": second[has_second], "role": "actor2"}
        ).assign(order=2),
    ]
    links = pd.concat(parts).sort_values(["event_id", "order"], kind="stable")
    links["actor_id"] = [f"act_{i + 1:06d}" for i in links["actor"]]
    return links[["event_id", "actor_id", "role"]].reset_index(drop=True)


def _articles_and_evidence(
    rng: np.random.Generator, sizes: Sizes, events: pd.DataFrame, folder: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One article per source holding a sentence or two about each of its events; the
    evidence rows quote those sentences at their offsets."""
    twice = rng.random(sizes.events) < 0.5
    evidence = {k: [] for k in ("event_id", "source_id", "quote", "start", "end", "by")}
    sources = {k: [] for k in ("source_id", "published_date", "article_path", "sha256")}
    folder.mkdir(parents=True, exist_ok=True)
    by_source = events.groupby("_source", sort=True)
    for source_index, group in by_source:
        source_id = f"src_{source_index + 1:06d}"
        published = str(group["_published"].iloc[0])[:10]
        text = f" date {published} World\n\n"
        for row, event_id in zip(group.index, group["event_id"], strict=True):
            sentences = [f"Synthetic report of {event_id} at {group.at[row, 'location_id']}."]
            if twice[row]:
                sentences.append(f"A monitor gave a second account of {event_id}.")
            for number, sentence in enumerate(sentences):
                evidence["event_id"].append(event_id)
                evidence["source_id"].append(source_id)
                evidence["quote"].append(sentence)
                evidence["start"].append(len(text))
                evidence["end"].append(len(text) + len(sentence))
                evidence["by"].append("Synthetic Wire" if number == 0 else "a monitor")
                text += sentence + (" " if number + 1 < len(sentences) else "\n\n")
        text += "Source: Synthetic Wire\n"
        data = text.encode("utf-8")
        path = f"datasets/articles/{source_id}.txt"
        (folder / f"{source_id}.txt").write_bytes(data)
        for key, value in zip(
            sources, (source_id, published, path, hashlib.sha256(data).hexdigest()), strict=True
        ):
            sources[key].append(value)
    table = pd.DataFrame(sources)
    number = np.arange(1, len(table) + 1)
    source_table = pd.DataFrame(
        {
            "source_id": table["source_id"],
            "publisher": "Synthetic Wire",
            "title": [f"Synthetic article {i}" for i in number],
            "url": [f"https://example.org/synthetic/{i}" for i in number],
            "published_date": table["published_date"],
            "language": "en",
            "section": "World",
            "credit": "Synthetic Wire",
            "source_type": "news_media",
            "article_path": table["article_path"],
            "article_sha256": table["sha256"],
            # One text in five under an open licence, as a release must handle both kinds.
            "text_licence": np.where(number % 5 == 0, "CC-BY-4.0", "all-rights-reserved"),
        }
    )
    evidence_table = pd.DataFrame(
        {
            "event_id": evidence["event_id"],
            "source_id": evidence["source_id"],
            "quote": evidence["quote"],
            "quote_start": evidence["start"],
            "quote_end": evidence["end"],
            "attributed_to": evidence["by"],
        }
    )
    return source_table, evidence_table


def _descriptor(events: int, seed: int) -> dict:
    descriptor = copy.deepcopy(json.loads(own_descriptor().read_text(encoding="utf-8")))
    descriptor.update(
        name=SYNTHETIC_NAME,
        title=f"SYNTHETIC conflict-events package: {events:,} invented events (not real data)",
        description=(
            "Synthetic test data generated by `conflict-events synth` "
            f"(events={events}, seed={seed}) for benchmarks and tests. No event, place, actor "
            "or article in it is real; never use it for analysis."
        ),
        keywords=["synthetic", "test data", "conflict-events"],
    )
    for key in ("id", "sources", "homepage"):
        descriptor.pop(key, None)
    return descriptor


def _replaceable(out: Path) -> None:
    """Refuse to replace a folder unless it is empty or an earlier synthetic package."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ValueError(f"{out} is a file: name a folder for the synthetic package")
    try:
        name = json.loads((out / "datapackage.json").read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError):
        name = None
    if any(out.iterdir()) and name != SYNTHETIC_NAME:
        raise ValueError(f"{out} exists and is not a synthetic package: name a new folder")


def _add_extra_cells(file: Path, marked: pd.Series) -> None:
    """One more, empty, cell at the end of the marked rows (synthetic cells hold no line
    breaks, so row i is line i + 2)."""
    lines = file.read_text(encoding="utf-8").split("\n")
    for index in np.flatnonzero(marked.fillna(False).to_numpy(dtype=bool)):
        lines[index + 1] += ","
    file.write_text("\n".join(lines), encoding="utf-8")


def synthesize(out: Path, events: int, seed: int = 0, inject_errors: int = 0) -> Path:
    """Write the package at `out` (replacing it) and return its descriptor path; with
    `inject_errors`, plant that many errors of every rule class and list them in
    `out/injected-errors.csv`."""
    if events < 1:
        raise ValueError("a synthetic package needs at least one event")
    _replaceable(out)
    if out.exists():
        shutil.rmtree(out)
    try:
        (out / "datasets").mkdir(parents=True)
        shutil.copytree(own_root() / "schemas", out / "schemas")
        # The crosswalks are the project's own, not invented: copied as they are.
        shutil.copytree(own_root() / "datasets" / "crosswalks", out / "datasets" / "crosswalks")
        descriptor = out / "datapackage.json"
        descriptor.write_text(
            json.dumps(_descriptor(events, seed), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        package = load_package(descriptor)
        schemas = {r.name: r.schema for r in package.resources}
        rng = np.random.default_rng(seed)
        sizes = Sizes.for_events(events)
        locations = _locations(rng, sizes, schemas["locations"])
        actors = _actors(rng, sizes, schemas["actors"])
        event_rows = _events(rng, sizes, schemas["events"])
        event_actors = _event_actors(rng, sizes, event_rows)
        sources, evidence = _articles_and_evidence(
            rng, sizes, event_rows, out / "datasets" / "articles"
        )
        tables = Tables(
            out,
            {
                "sources": sources,
                "locations": locations,
                "actors": actors,
                "events": event_rows,  # its helper columns are left out when written
                "event_actors": event_actors,
                "event_sources": evidence,
                "retired_ids": pd.DataFrame(),
            },
        )
        if inject_errors:
            planted = plant_errors(tables, inject_errors, rng)
            planted.to_csv(out / "injected-errors.csv", index=False, lineterminator="\n")
        for resource in package.resources:
            if resource.name not in tables:
                continue  # a crosswalk, copied above
            frame = tables[resource.name].reindex(columns=resource.schema.field_names)  # in order
            file = resource.file(package.basepath)
            frame.to_csv(file, index=False, lineterminator="\n", na_rep="")
            if EXTRA_CELL in tables[resource.name]:
                _add_extra_cells(file, tables[resource.name][EXTRA_CELL])
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # never leave half a package
        raise
    return descriptor
