"""How close the drafter's events come to events coded by hand, and the page that says so.

The drafter is scored on a development set (tests/data/drafting/: NAME.txt articles, each
with NAME.json, its draft coded by hand) and on the seed article, whose expected draft is
read from the curated tables. `conflict-events draft-accuracy` writes the result to
docs/drafting-accuracy.md; a test checks that the committed page is current, so a change to
the drafter that moves its scores shows in the diff.

Matching. A drafted event matches an expected one when they have the same sub_event_type,
their date ranges ([event_date, event_date_end or event_date]) overlap and they are at the
same place: location names equal once normalised (`place_key`), or the same geonames_id
when both have one. Matching is one-to-one and greedy: drafted events are taken in the
order the drafter gives them (document order), each paired with the first still unpaired
expected event, in the hand coder's order, that it matches.

Safety checks run over every drafted event, matched or not: a count whose number appears
nowhere in the article (as digits or as an English number word) is invented, and a quote
that is not the article's text at its offsets is not verbatim. The count check is lenient
(any occurrence of the number counts, "33 km" included): it catches counts made up, not
counts read from the wrong number.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from conflict_events.contribute.article import Article, ArticleError, read_article
from conflict_events.docs.update import write_page
from conflict_events.draft.numbers import TENS, UNIT_VALUES
from conflict_events.draft.reading import FATALITY_KEYS, LOCATION_KEYS
from conflict_events.metadata import DataPackage, PackageError, load_package
from conflict_events.metadata.frames import read_tables
from conflict_events.paths import own_root

SEED_SOURCE = "src_000001"
DEVELOPMENT_SET = Path("tests") / "data" / "drafting"
HELD_OUT_SET = Path("tests") / "data" / "drafting-holdout"
PAGE = Path("docs") / "drafting-accuracy.md"
COMMAND = "conflict-events draft-accuracy"


# Fields compared among matched pairs, each with what "exact" means, as the page says it.
FIELDS: dict[str, str] = {
    "dates": "event_date, event_date_end and date_precision all equal",
    "place": "the same place (as for a match), geo_precision and country_iso3 equal",
    "actors": "the same set of (name, role) pairs, names compared exactly",
    "counts": "fatalities low, best and high all equal (an empty count equals only an empty one)",
    "civilian_targeting": "equal",
    "event_type": "equal",
}

# The targets for the hidden set: (measure, at least). Invented counts and quotes
# that are not verbatim must be none at all.
TARGETS: dict[str, float] = {"precision": 0.8, "recall": 0.7, "counts": 0.9}

# The lowest scores the drafter may reach before a test fails (measure -> floor), set from
# the scores measured when the page was last written: on the development set...
FLOORS: dict[str, float] = {"precision": 1.0, "recall": 1.0, "counts": 0.92, "actors": 0.88}
# ...and on the held-out set, which was never used to tune the drafter.
HELD_OUT_FLOORS: dict[str, float] = {
    "precision": 0.75,
    "recall": 0.72,
    "counts": 0.72,
    "actors": 0.44,
}


class AccuracyError(Exception):
    """The development set or the package cannot be read; the message says which file."""


@dataclass(frozen=True)
class Case:
    """One article: its text, the draft coded by hand and the drafter's draft (JSON form)."""

    name: str
    text: str
    expected: dict
    drafted: dict


@dataclass(frozen=True)
class ArticleRow:
    file: str
    expected: int
    drafted: int
    matched: int


@dataclass(frozen=True)
class Invented:
    """A drafted count whose number the article never gives."""

    file: str
    event: int  # 1-based, in the drafter's order
    key: str  # low, best or high
    value: object


@dataclass(frozen=True)
class NotVerbatim:
    """A drafted quote that is not the article's text at its offsets."""

    file: str
    event: int
    evidence: int  # 1-based, in the event's evidence list


@dataclass
class Scores:
    articles: list[ArticleRow] = field(default_factory=list)
    exact: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    invented: list[Invented] = field(default_factory=list)
    not_verbatim: list[NotVerbatim] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(row.expected for row in self.articles)

    @property
    def drafted(self) -> int:
        return sum(row.drafted for row in self.articles)

    @property
    def matched(self) -> int:
        return sum(row.matched for row in self.articles)

    def measures(self) -> dict[str, float | None]:
        """Precision, recall and each field's share exact; None where nothing was counted."""
        found = {
            "precision": _share(self.matched, self.drafted),
            "recall": _share(self.matched, self.expected),
        }
        for name in FIELDS:
            found[name] = _share(self.exact[name], self.matched)
        return found


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# Matching ------------------------------------------------------------------------------


def place_key(name: object) -> str:
    """A place name reduced to what two spellings of it share: case folded, Unicode
    decomposed (NFKD), anything but letters and digits dropped (accents included). So
    "Maarat al-Numan", "Maarat al Numan" and "MAARAT AL-NUMÂN" are one place; spellings
    that differ in their letters ("Ma'arrat") are matched only by a shared geonames_id."""
    if not isinstance(name, str):
        return ""
    # Decomposed, an accented letter is the letter and a combining mark, which isalnum drops.
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _location(event: dict) -> dict:
    location = event.get("location")
    return location if isinstance(location, dict) else {}


def same_place(drafted: dict, expected: dict) -> bool:
    mine, theirs = _location(drafted), _location(expected)
    ids = mine.get("geonames_id"), theirs.get("geonames_id")
    if all(isinstance(i, int) and not isinstance(i, bool) for i in ids) and ids[0] == ids[1]:
        return True
    key = place_key(mine.get("name"))
    return bool(key) and key == place_key(theirs.get("name"))


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def date_range(event: dict) -> tuple[date, date] | None:
    """[event_date, event_date_end or event_date]; None when the dates are not dates."""
    start = _day(event.get("event_date"))
    end = _day(event.get("event_date_end")) if event.get("event_date_end") is not None else start
    if start is None or end is None:
        return None
    return start, end


def dates_overlap(drafted: dict, expected: dict) -> bool:
    mine, theirs = date_range(drafted), date_range(expected)
    if mine is None or theirs is None:
        return False
    return mine[0] <= theirs[1] and theirs[0] <= mine[1]


def matches(drafted: dict, expected: dict) -> bool:
    """Same sub-event type, overlapping dates, same place."""
    return (
        drafted.get("sub_event_type") is not None
        and drafted.get("sub_event_type") == expected.get("sub_event_type")
        and dates_overlap(drafted, expected)
        and same_place(drafted, expected)
    )


def pair(drafted: list[dict], expected: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (drafted index, expected index) pairs, greedily in the drafter's order."""
    taken: set[int] = set()
    pairs = []
    for d, event in enumerate(drafted):
        for e, wanted in enumerate(expected):
            if e not in taken and matches(event, wanted):
                taken.add(e)
                pairs.append((d, e))
                break
    return pairs


# Field exactness -----------------------------------------------------------------------


def _actors(event: dict) -> set[tuple[object, object]]:
    actors = event.get("actors")
    if not isinstance(actors, list):
        return set()
    return {(a.get("name"), a.get("role")) for a in actors if isinstance(a, dict)}


def _counts(event: dict) -> tuple[object, ...]:
    counts = event.get("fatalities")
    counts = counts if isinstance(counts, dict) else {}
    return tuple(counts.get(key) for key in FATALITY_KEYS)


def _same(event: dict, other: dict, keys: tuple[str, ...]) -> bool:
    return all(event.get(k) == other.get(k) for k in keys)


EXACT: dict[str, Callable[[dict, dict], bool]] = {
    "dates": lambda d, e: _same(d, e, ("event_date", "event_date_end", "date_precision")),
    "place": lambda d, e: (
        same_place(d, e) and _same(_location(d), _location(e), ("geo_precision", "country_iso3"))
    ),
    "actors": lambda d, e: _actors(d) == _actors(e),
    "counts": lambda d, e: _counts(d) == _counts(e),
    "civilian_targeting": lambda d, e: _same(d, e, ("civilian_targeting",)),
    "event_type": lambda d, e: _same(d, e, ("event_type",)),
}


# Safety checks -------------------------------------------------------------------------

_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "dozen": 12}
_NO_ONE = {"one", "deaths", "casualties", "fatalities", "dead"}  # after "no": zero
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+|[a-z]+")


def numbers_in(text: str) -> set[int]:
    """Every number the text gives: digit groups ("1,200" is 1200) and English number
    words: zero to twenty, the tens, a tens word joined to a unit ("twenty-five"), a number
    or "a" before hundred, thousand or dozen ("a dozen" is 12, "two hundred" 200), and
    zero for "no one", "nobody", "none", "no deaths" and the like."""
    tokens = _TOKEN.findall(text.casefold())
    found: set[int] = set()
    i = 0
    while i < len(tokens):
        token, after = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        i += 1
        if token[0].isdigit():
            found.add(int(token.replace(",", "")))
            continue
        if token in ("nobody", "none") or (token == "no" and after in _NO_ONE):
            found.add(0)
        value = None
        if token in TENS:
            value = TENS[token]
            if UNIT_VALUES.get(after, 0) in range(1, 10):
                value += UNIT_VALUES[after]
                i += 1
        elif token in UNIT_VALUES:
            value = UNIT_VALUES[token]
        elif token == "a" and after in _MULTIPLIERS:
            value = 1
        elif token in _MULTIPLIERS:
            found.add(_MULTIPLIERS[token])
            continue
        if value is None:
            continue
        following = tokens[i] if i < len(tokens) else ""
        if following in _MULTIPLIERS:
            value *= _MULTIPLIERS[following]
            i += 1
        found.add(value)
    return found


def _totals(event: dict) -> set[int]:
    """Totals across sides the coding rules ask for ("two soldiers and eleven attackers
    were killed" is 13): sums of two or three numbers one evidence quote gives."""
    found: set[int] = set()
    evidence = event.get("evidence")
    for item in evidence if isinstance(evidence, list) else []:
        quote = item.get("quote") if isinstance(item, dict) else None
        numbers = sorted(numbers_in(quote)) if isinstance(quote, str) else []
        for size in (2, 3):
            found |= {sum(c) for c in itertools.combinations(numbers, size)}
    return found


def invented_counts(name: str, text: str, drafted: list[dict]) -> Iterator[Invented]:
    given = numbers_in(text)
    for number, event in enumerate(drafted, start=1):
        counts = event.get("fatalities")
        counts = counts if isinstance(counts, dict) else {}
        sums = _totals(event)
        for key in FATALITY_KEYS:
            value = counts.get(key)
            if value is None:
                continue
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or (value not in given and value not in sums)
            ):
                yield Invented(name, number, key, value)


def _offset(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def quotes_not_verbatim(name: str, text: str, drafted: list[dict]) -> Iterator[NotVerbatim]:
    for number, event in enumerate(drafted, start=1):
        evidence = event.get("evidence")
        for index, piece in enumerate(evidence if isinstance(evidence, list) else [], start=1):
            piece = piece if isinstance(piece, dict) else {}
            start, end = _offset(piece.get("quote_start")), _offset(piece.get("quote_end"))
            quote = piece.get("quote")
            if (
                start is None
                or end is None
                or not 0 <= start <= end <= len(text)
                or not isinstance(quote, str)
                or text[start:end] != quote
            ):
                yield NotVerbatim(name, number, index)


# Scoring -------------------------------------------------------------------------------


def _events(draft: object) -> list[dict]:
    """A draft's events; an item that is not an object counts as an event matching none."""
    events = draft.get("events") if isinstance(draft, dict) else None
    return [e if isinstance(e, dict) else {} for e in (events if isinstance(events, list) else [])]


def score(cases: list[Case]) -> Scores:
    scores = Scores()
    for case in cases:
        drafted, expected = _events(case.drafted), _events(case.expected)
        pairs = pair(drafted, expected)
        scores.articles.append(ArticleRow(case.name, len(expected), len(drafted), len(pairs)))
        for d, e in pairs:
            for name, exact in EXACT.items():
                scores.exact[name] += exact(drafted[d], expected[e])
        scores.invented += invented_counts(case.name, case.text, drafted)
        scores.not_verbatim += quotes_not_verbatim(case.name, case.text, drafted)
    return scores


def below_floors(scores: Scores, floors: dict[str, float] = FLOORS) -> list[str]:
    """One line per measure that fell below its floor (for the test that scores don't drop)."""
    measured = scores.measures()
    return [
        f"{name}: {_ratio(measured[name])} is below its floor {floor}"
        for name, floor in floors.items()
        if measured[name] is None or measured[name] < floor
    ]


# The expected draft of a curated article -----------------------------------------------


def _plain(value: object) -> object:
    """A typed cell as JSON has it: missing is None, a date ISO, a NumPy number Python's."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


def expected_from_package(package: DataPackage, source_id: str) -> dict:
    """The draft a perfect drafter would give for a curated source: every event it supports
    that is not retired, in event-id order, in the JSON form."""
    context = read_tables(package)
    tables = {}
    for name in ("events", "locations", "actors", "event_actors", "event_sources"):
        table = context.table(name)
        if table is None:
            raise AccuracyError(
                f"table {name} cannot be read ({context.skipped.get(name, 'missing')})"
            )
        tables[name] = table.typed
    retired_table = context.table("retired_ids")
    retired = set()
    if retired_table is not None:
        rows = retired_table.typed
        retired = set(rows.loc[rows["table"] == "events", "retired_id"])
    quotes = tables["event_sources"][tables["event_sources"]["source_id"] == source_id]
    events = tables["events"].set_index("event_id")
    locations = tables["locations"].set_index("location_id")
    names = tables["actors"].set_index("actor_id")["name"]
    roles = tables["event_actors"]
    drafted = []
    for event_id in sorted(set(quotes["event_id"]) - retired):
        row = events.loc[event_id]
        place = locations.loc[row["location_id"]]
        drafted.append(
            {
                "event_date": _plain(row["event_date"]),
                "event_date_end": _plain(row["event_date_end"]),
                "date_precision": _plain(row["date_precision"]),
                "event_type": _plain(row["event_type"]),
                "sub_event_type": _plain(row["sub_event_type"]),
                "location": {
                    **{key: _plain(place[key]) for key in LOCATION_KEYS if key != "geo_precision"},
                    "geo_precision": _plain(row["geo_precision"]),
                },
                "actors": [
                    {"name": names[actor], "role": role}
                    for actor, role in roles.loc[
                        roles["event_id"] == event_id, ["actor_id", "role"]
                    ].itertuples(index=False)
                ],
                "fatalities": {key: _plain(row[f"fatalities_{key}"]) for key in FATALITY_KEYS},
                "civilian_targeting": _plain(row["civilian_targeting"]),
                "evidence": [
                    {
                        "quote": quote.quote,
                        "quote_start": _plain(quote.quote_start),
                        "quote_end": _plain(quote.quote_end),
                        "claimant": _plain(quote.attributed_to),
                    }
                    for quote in quotes[quotes["event_id"] == event_id].itertuples(index=False)
                ],
            }
        )
    return {"events": drafted}


# Reading the set -----------------------------------------------------------------------


def _read_json(path: Path, name: str) -> dict:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AccuracyError(f"{name}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise AccuracyError(f"{name}:{exc.lineno}: not JSON: {exc.msg}") from None
    if not isinstance(found, dict) or not isinstance(found.get("events"), list):
        raise AccuracyError(f'{name}: must be an object {{"events": [...]}}')
    return found


def _article(path: Path, name: str) -> Article:
    try:
        return read_article(path.read_bytes(), name)
    except OSError as exc:
        raise AccuracyError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    except ArticleError as exc:
        raise AccuracyError(str(exc)) from None


def _name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def seed_case(package: DataPackage, drafter: Callable[[Article], dict], source_id: str) -> Case:
    """A curated source's article, drafted, against its events in the tables."""
    sources = read_tables(package).table("sources")
    if sources is None:
        raise AccuracyError("table sources cannot be read")
    rows = sources.typed[sources.typed["source_id"] == source_id]
    if rows.empty or _plain(rows.iloc[0]["article_path"]) is None:
        raise AccuracyError(f"source {source_id} has no article in the package")
    name = rows.iloc[0]["article_path"]
    article = _article(package.basepath / name, name)
    return Case(name, article.text, expected_from_package(package, source_id), drafter(article))


def evaluate(
    folder: Path,
    drafter: Callable[[Article], dict],
    package: DataPackage | None = None,
    root: Path | None = None,
) -> Scores:
    """Draft every NAME.txt of `folder` (sorted) and score it against NAME.json; with a
    package, the seed article too, first. Files are named relative to `root` (default:
    `folder`)."""
    root = root or folder
    if not folder.is_dir():
        raise AccuracyError(f"{_name(folder, root)}: the development set is missing")
    cases = [seed_case(package, drafter, SEED_SOURCE)] if package is not None else []
    texts = {p.stem: p for p in folder.glob("*.txt")}
    answers = {p.stem: p for p in folder.glob("*.json")}
    for stem in sorted(texts.keys() ^ answers.keys()):
        lone = texts.get(stem) or answers[stem]
        other = "NAME.json" if lone.suffix == ".txt" else "NAME.txt"
        raise AccuracyError(f"{_name(lone, root)}: has no {other.replace('NAME', stem)} beside it")
    for stem in sorted(texts):
        name = _name(texts[stem], root)
        article = _article(texts[stem], name)
        expected = _read_json(answers[stem], _name(answers[stem], root))
        cases.append(Case(name, article.text, expected, drafter(article)))
    return score(cases)


# The page ------------------------------------------------------------------------------


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _verdict(met: bool | None) -> str:
    return "not measured" if met is None else "met" if met else "missed"


def target_rows(scores: Scores) -> list[tuple[str, str, bool | None]]:
    """(target, value measured, met) for each of the issue's targets."""
    measured = scores.measures()
    rows = []
    for name, floor in TARGETS.items():
        value = measured[name]
        shown = _percent(value) if name in FIELDS else _ratio(value)
        wanted = f"{floor:.0%} exact" if name in FIELDS else f"{floor}"
        met = None if value is None else value >= floor
        rows.append((f"{name} >= {wanted}", shown, met))
    rows.append(("no invented count", str(len(scores.invented)), not scores.invented))
    rows.append(("every quote verbatim", str(len(scores.not_verbatim)), not scores.not_verbatim))
    return rows


def _overall(scores: Scores) -> list[str]:
    """The overall measures of one set, a table cell each."""
    measured = scores.measures()
    return [
        str(scores.expected),
        str(scores.drafted),
        str(scores.matched),
        f"{_ratio(measured['precision'])} ({scores.matched}/{scores.drafted})",
        f"{_ratio(measured['recall'])} ({scores.matched}/{scores.expected})",
        *(f"{_percent(measured[n])} ({scores.exact[n]}/{scores.matched})" for n in FIELDS),
        str(len(scores.invented)),
        str(len(scores.not_verbatim)),
    ]


_MEASURES = [
    "Events expected",
    "Events drafted",
    "Events matched",
    "Precision",
    "Recall",
    *(f"{name} exact" for name in FIELDS),
    "Invented counts",
    "Quotes not verbatim",
]


def render(scores: Scores, held_out: Scores) -> str:
    """The page, the same bytes for the same scores (no dates, no timings): the development
    set, which the drafter was tuned on, beside the held-out set, which it never saw."""
    sets = (("development", scores), ("held out", held_out))
    lines = [
        "# Drafting accuracy",
        "",
        f"<!-- Generated by `{COMMAND}` from {DEVELOPMENT_SET.as_posix()}/, "
        f"{HELD_OUT_SET.as_posix()}/ and the seed article; do not edit this file. -->",
        "",
        "How close the events that `conflict-events draft` proposes come to the same articles "
        "coded by hand under the coding rules of CONTRIBUTING.md, on two sets of fictional "
        "wire-style articles, each NAME.txt with its hand-coded draft NAME.json:",
        "",
        f"- **development** ({len(scores.articles)} articles): the seed article (coded in the "
        f"curated tables, retired events left out) and `{DEVELOPMENT_SET.as_posix()}/`. The "
        "drafter's rules were written and tuned on these, so its scores here are optimistic.",
        f"- **held out** ({len(held_out.articles)} articles): `{HELD_OUT_SET.as_posix()}/`, "
        "written by another coder without reading the drafter or the development set, and "
        "never used to tune it. These scores are the honest estimate of how it does on new "
        "articles.",
        "",
        "## What is measured",
        "",
        "- **Match.** A drafted event matches an expected one when it has the same "
        "`sub_event_type`, its dates overlap (each event spans `event_date` to `event_date_end`, "
        "or its one day) and it is at the same place: location names equal once decomposed "
        "(NFKD), stripped of accents, case-folded and stripped of everything but letters and "
        "digits, or the same `geonames_id` when both have one. Matching is one to one: drafted "
        "events are taken in the drafter's order, each paired with the first unpaired expected "
        "event it matches.",
        "- **Precision** is matched / drafted events, **recall** matched / expected events, over "
        "the whole set.",
        "- **Exact among matches**, per field, is the share of matched pairs where:",
        *(f"  - {name}: {rule}" for name, rule in FIELDS.items()),
        "- **Invented counts** are the drafted fatality counts (low, best, high; all drafted "
        "events) whose number the article gives nowhere, neither in digits nor as an English "
        'number word ("twelve", "twenty-five", "a dozen", "no one" for 0), nor as the sum of '
        "two or three numbers in one of the event's quotes (a total across sides).",
        "- **Quotes not verbatim** are the drafted pieces of evidence whose quote is not the "
        "article's text between `quote_start` and `quote_end`.",
        "",
        "## Overall",
        "",
        "| Measure | development | held out |",
        "|---|---:|---:|",
        *(
            f"| {measure} | {dev} | {held} |"
            for measure, dev, held in zip(
                _MEASURES, _overall(scores), _overall(held_out), strict=True
            )
        ),
        "",
        "## Targets",
        "",
        "The targets set for the hidden set the drafter is also scored on; the held-out set "
        "is the closer guide to it.",
        "",
        "| Target | development | held out | on the held-out set |",
        "|---|---:|---:|---|",
        *(
            f"| {target} | {dev} | {held} | {_verdict(met)} |"
            for (target, dev, _), (_, held, met) in zip(
                target_rows(scores), target_rows(held_out), strict=True
            )
        ),
        "",
        "## Per article",
        "",
        "| Set | Article | Expected | Drafted | Matched |",
        "|---|---|---:|---:|---:|",
        *(
            f"| {name} | `{row.file}` | {row.expected} | {row.drafted} | {row.matched} |"
            for name, each in sets
            for row in each.articles
        ),
    ]
    problems = [
        f"- `{p.file}`, event {p.event}: fatalities {p.key} {p.value!r} is not in the article."
        for _, each in sets
        for p in each.invented
    ] + [
        f"- `{p.file}`, event {p.event}, evidence {p.evidence}: the quote is not the "
        "article's text at its offsets."
        for _, each in sets
        for p in each.not_verbatim
    ]
    if problems:
        lines += ["", "## Problems", "", *problems]
    return "\n".join(lines) + "\n"


def update_page(check: bool = False) -> str:
    """`conflict-events draft-accuracy`: score the drafter on the checkout's development set
    with the seed article, and on the held-out set, then write docs/drafting-accuracy.md or
    check it."""
    from conflict_events.draft import draft_article

    root = own_root()
    try:
        package = load_package(root / "datapackage.json")
    except PackageError as exc:
        raise AccuracyError(str(exc)) from None

    def drafter(article: Article) -> dict:
        return draft_article(article, package)

    scores = evaluate(root / DEVELOPMENT_SET, drafter, package, root)
    held_out = evaluate(root / HELD_OUT_SET, drafter, None, root)
    target = root / PAGE
    try:
        return write_page(target, render(scores, held_out), check, COMMAND)
    except OSError as exc:
        raise AccuracyError(f"cannot write {target}: {exc.strerror or exc}") from None
