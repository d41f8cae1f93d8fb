"""Scoring drafts against hand-coded ones: matching, precision and recall, exact fields, the
safety checks, and the page that publishes them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.contribute.article import Article
from conflict_events.docs.update import PageStale, write_page
from conflict_events.draft import accuracy, draft_article
from conflict_events.draft.accuracy import (
    AccuracyError,
    Case,
    evaluate,
    expected_from_package,
    invented_counts,
    matches,
    numbers_in,
    pair,
    place_key,
    render,
    score,
)
from conflict_events.metadata import load_package
from tests.conftest import REPO

TEXT = (
    " date 2031-05-04 World\n\n"
    "Gunmen killed twelve villagers in Kessa on Saturday, police said. "
    "A local official put the toll at 14.\n\n"
    "Source: Example Wire\n"
)
QUOTE = "Gunmen killed twelve villagers in Kessa on Saturday, police said."


def event(**changes) -> dict:
    """A hand-coded event of TEXT, changed where a test says."""
    start = TEXT.index(QUOTE)
    found = {
        "event_date": "2031-05-03",
        "event_date_end": None,
        "date_precision": 1,
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "location": {
            "name": "Kessa",
            "country_iso3": "NER",
            "admin1": None,
            "latitude": None,
            "longitude": None,
            "geonames_id": None,
            "geo_precision": 1,
        },
        "actors": [
            {"name": "Unidentified Armed Group (Niger)", "role": "actor1"},
            {"name": "Civilians (Niger)", "role": "actor2"},
        ],
        "fatalities": {"low": 12, "best": 12, "high": 14},
        "civilian_targeting": True,
        "evidence": [
            {
                "quote": QUOTE,
                "quote_start": start,
                "quote_end": start + len(QUOTE),
                "claimant": "police",
            }
        ],
    }
    for key, value in changes.items():
        if key in found["location"]:
            found["location"][key] = value
        else:
            found[key] = value
    return found


def case(expected: list[dict], drafted: list[dict], name: str = "a.txt") -> Case:
    return Case(name, TEXT, {"events": expected}, {"events": drafted})


# Matching ------------------------------------------------------------------------------


def test_dates_match_when_the_ranges_overlap():
    week = event(event_date="2031-04-28", event_date_end="2031-05-04", date_precision=3)
    assert matches(event(), week)  # the day lies inside the week
    assert matches(event(event_date="2031-05-04"), week)  # the last day touches
    assert not matches(event(event_date="2031-05-05"), week)  # the day after
    assert not matches(event(event_date="2031-04-27"), week)
    assert not matches(event(event_date="3 May"), event())  # not a date: no match


def test_sub_event_type_must_be_the_same():
    assert not matches(event(sub_event_type="Abduction/forced disappearance"), event())
    assert not matches(event(sub_event_type=None), event(sub_event_type=None))


def test_place_names_are_compared_normalised():
    assert place_key("Maarat al-Numan") == place_key("MAARAT AL NUMÂN") == "maaratalnuman"
    assert place_key("Ma'arrat al-Nu'man") != place_key("Maarat al-Numan")
    assert matches(event(name="KESSA"), event(name="Késsa"))
    assert not matches(event(name="Kessa Town"), event())


def test_a_shared_geonames_id_is_the_same_place_whatever_the_names():
    assert matches(
        event(name="Ma'arrat", geonames_id=167611), event(name="Maarat", geonames_id=167611)
    )
    assert not matches(event(name="Ma'arrat", geonames_id=1), event(name="Maarat", geonames_id=2))
    assert not matches(
        event(name="Ma'arrat", geonames_id=None), event(name="Maarat", geonames_id=None)
    )


def test_matching_is_one_to_one_and_greedy_in_the_drafters_order():
    first, second = event(), event(event_date="2031-05-02", event_date_end="2031-05-03")
    # The one drafted event matches both expected ones: it takes the first.
    assert pair([event()], [first, second]) == [(0, 0)]
    # Two drafted copies of one expected event: only one is matched.
    assert pair([event(), event()], [first]) == [(0, 0)]
    assert pair([event(), event(), event()], [first, second]) == [(0, 0), (1, 1)]


# Precision, recall, exact fields -------------------------------------------------------


def test_precision_and_recall_are_counted_over_the_whole_set():
    other = event(name="Dori", sub_event_type="Armed clash")
    scores = score(
        [
            # 2 expected, 3 drafted (one a duplicate), 2 matched
            case([event(), other], [event(), event(), other], "a.txt"),
            # 2 expected, none drafted
            case([event(), other], [], "b.txt"),
        ]
    )
    assert [(r.file, r.expected, r.drafted, r.matched) for r in scores.articles] == [
        ("a.txt", 2, 3, 2),
        ("b.txt", 2, 0, 0),
    ]
    measured = scores.measures()
    assert measured["precision"] == pytest.approx(2 / 3)
    assert measured["recall"] == pytest.approx(2 / 4)


def test_each_field_is_exact_or_not_among_the_matches():
    expected = [event(), event(name="Dori"), event(name="Tera"), event(name="Gao")]
    drafted = [
        event(fatalities={"low": 12, "best": 12, "high": None}),  # counts differ
        event(name="Dori", actors=[{"name": "Civilians (Niger)", "role": "actor1"}]),
        event(name="TERA", event_date_end="2031-05-04", geo_precision=2),  # dates, place
        event(name="Gao", civilian_targeting=None, event_type="Battles"),
        event(name="Nowhere"),  # not matched: counts for nothing below
    ]
    scores = score([case(expected, drafted)])
    assert scores.matched == 4
    assert scores.exact == {
        "dates": 3,
        "place": 3,
        "actors": 3,
        "counts": 3,
        "civilian_targeting": 3,
        "event_type": 3,
    }
    assert scores.measures()["counts"] == 0.75


def test_the_order_of_actors_does_not_matter_but_their_roles_do():
    actors = event()["actors"]
    scores = score([case([event()], [event(actors=actors[::-1])])])
    assert scores.exact["actors"] == 1
    swapped = [
        {"name": a["name"], "role": b["role"]} for a, b in zip(actors, actors[::-1], strict=True)
    ]
    assert score([case([event()], [event(actors=swapped)])]).exact["actors"] == 0


def test_nothing_drafted_or_expected_is_not_measured():
    measured = score([case([], [])]).measures()
    assert measured["precision"] is None and measured["recall"] is None
    assert measured["counts"] is None


def test_malformed_drafted_events_count_as_drafted_and_match_nothing():
    scores = score([Case("a.txt", TEXT, {"events": [event()]}, {"events": ["x", {}]})])
    assert (scores.drafted, scores.matched) == (2, 0)
    assert score([Case("a.txt", TEXT, {"events": [event()]}, {"oops": 1})]).drafted == 0


# Safety checks -------------------------------------------------------------------------


def test_numbers_in_digits_and_words():
    text = (
        "Twenty-five people died, 1,200 fled and a dozen were hurt; nineteen hundred "
        "troops and a hundred police; dozens more, hundreds missing, 3 km away."
    )
    found = numbers_in(text)
    assert {25, 1200, 12, 1900, 100, 3} <= found
    assert not {5, 20, 19} & found  # parts of a larger number are not numbers of their own
    assert 0 not in found
    assert 0 in numbers_in("No one was killed.") and 0 in numbers_in("There were no casualties.")


def test_a_count_the_article_does_not_give_is_invented():
    drafted = [
        event(),  # 12 as a word, 14 in digits: given
        event(fatalities={"low": 0, "best": 7, "high": None}),  # neither 0 nor 7 is given
        event(fatalities={"low": True, "best": "12", "high": None}),  # not numbers
    ]
    scores = score([case([], drafted)])
    assert [(p.event, p.key, p.value) for p in scores.invented] == [
        (2, "low", 0),
        (2, "best", 7),
        (3, "low", True),
        (3, "best", "12"),
    ]


def test_a_quote_must_be_the_text_at_its_offsets():
    good = event()["evidence"][0]
    shifted = {**good, "quote_start": good["quote_start"] + 1, "quote_end": good["quote_end"] + 1}
    beyond = {**good, "quote_start": len(TEXT) - 2, "quote_end": len(TEXT) + 5}
    missing = {**good, "quote_start": None}
    drafted = [event(), event(evidence=[good, shifted]), event(evidence=[beyond, missing])]
    scores = score([case([], drafted)])
    assert [(p.event, p.evidence) for p in scores.not_verbatim] == [(2, 2), (3, 1), (3, 2)]


# The seed, from the curated tables -----------------------------------------------------


def seed_text() -> str:
    return (REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt").read_text(encoding="utf-8")


def test_the_seeds_expected_draft_scores_perfectly_against_itself():
    expected = expected_from_package(load_package(REPO / "datapackage.json"), "src_000001")
    events = expected["events"]
    assert events[0]["sub_event_type"] == "Government regains territory"
    assert events[0]["location"]["name"] == "Maarat al-Numan"
    assert events[0]["location"]["geonames_id"] == 167611
    assert {"name": "Military Forces of Russia", "role": "assoc_actor_1"} in events[0]["actors"]
    assert events[1]["event_date_end"] == "2020-01-28"
    assert all(e["evidence"] for e in events)
    json.dumps(expected)  # JSON values only
    scores = score([Case("seed", seed_text(), expected, copy.deepcopy(expected))])
    assert scores.matched == len(events)
    assert set(scores.exact.values()) == {len(events)}
    assert not scores.invented and not scores.not_verbatim  # the curated quotes are verbatim


def test_retired_events_are_not_expected(package):
    package.append(
        "retired_ids",
        retired_id="evt_00000002",
        table="events",
        retired_on="2031-01-01",
        reason="erroneous",
    )
    before = expected_from_package(load_package(REPO / "datapackage.json"), "src_000001")
    after = expected_from_package(load_package(package.descriptor), "src_000001")
    assert len(after["events"]) == len(before["events"]) - 1
    assert "Armed clash" not in {e["sub_event_type"] for e in after["events"]}
    assert "Non-state actor overtakes territory" not in {  # the seed's own retired event
        e["sub_event_type"] for e in before["events"]
    }


# Evaluating a folder and the page ------------------------------------------------------


def lowered_count(expected: dict[str, dict]):
    """A drafter that knows the answers but gets one count wrong in each article: it
    drafts the hand-coded events with the first event's best count lowered by one."""

    def drafter(article: Article) -> dict:
        draft = copy.deepcopy(expected[article.text])
        if draft["events"]:
            counts = draft["events"][0]["fatalities"]
            counts["best"] = (counts["best"] or 0) - 1
        return draft

    return drafter


@pytest.fixture
def dev_set(tmp_path: Path) -> tuple[Path, dict[str, dict]]:
    folder = tmp_path / "tests" / "data" / "drafting"
    folder.mkdir(parents=True)
    answers = {}
    for name, draft in (("b_kessa", {"events": [event()]}), ("a_quiet", {"events": []})):
        text = (
            TEXT
            if name == "b_kessa"
            else " date 2031-05-04 World\n\nAll was calm.\n\nSource: Wire\n"
        )
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps(draft), encoding="utf-8")
        answers[text] = draft
    return folder, answers


def test_evaluate_scores_every_article_of_the_folder_and_the_seed(dev_set, tmp_path):
    folder, answers = dev_set
    package = load_package(REPO / "datapackage.json")
    answers[seed_text()] = expected_from_package(package, "src_000001")
    scores = evaluate(folder, lowered_count(answers), package, tmp_path)
    files = [row.file for row in scores.articles]
    assert files == [
        "datasets/articles/000_0625744bc0b20f8b.txt",
        "tests/data/drafting/a_quiet.txt",
        "tests/data/drafting/b_kessa.txt",
    ]
    seed_events = len(answers[seed_text()]["events"])
    assert scores.matched == scores.expected == scores.drafted == seed_events + 1
    # One count wrong in each of the two articles with events; the 11 drafted for Kessa
    # and the seed's -1 appear in neither article.
    assert scores.exact["counts"] == scores.matched - 2
    assert [(p.file, p.key, p.value) for p in scores.invented] == [
        ("datasets/articles/000_0625744bc0b20f8b.txt", "best", -1),
        ("tests/data/drafting/b_kessa.txt", "best", 11),
    ]
    page = render(scores, score([]))
    share = (scores.matched - 2) / scores.matched
    assert f"| counts >= 90% exact | {share:.1%} | n/a | not measured |" in page
    assert "| no invented count | 2 | 0 | met |" in page
    assert "| every quote verbatim | 0 | 0 | met |" in page
    assert "| development | `tests/data/drafting/b_kessa.txt` | 1 | 1 | 1 |" in page
    assert (
        "- `tests/data/drafting/b_kessa.txt`, event 1: fatalities best 11 is not in the article."
        in page
    )


def test_the_page_is_the_same_bytes_every_time(dev_set):
    folder, answers = dev_set

    def perfect(article: Article) -> dict:
        return answers[article.text]

    first = render(evaluate(folder, perfect), evaluate(folder, perfect))
    assert first == render(evaluate(folder, perfect), evaluate(folder, perfect))
    assert first.startswith(
        "# Drafting accuracy\n\n<!-- Generated by `conflict-events draft-accuracy`"
    )
    assert "do not edit this file" in first.splitlines()[2]
    for line in (
        "| precision >= 0.8 | 1.000 | 1.000 | met |",
        "| recall >= 0.7 | 1.000 | 1.000 | met |",
        "| counts >= 90% exact | 100.0% | 100.0% | met |",
        "| no invented count | 0 | 0 | met |",
        "| every quote verbatim | 0 | 0 | met |",
    ):
        assert line in first.splitlines()
    assert "## Problems" not in first


def test_a_set_with_a_lone_file_or_bad_json_is_one_line(dev_set):
    folder, answers = dev_set
    (folder / "c_lone.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(AccuracyError, match=r"^c_lone\.txt: has no c_lone\.json beside it$"):
        evaluate(folder, lowered_count(answers))
    (folder / "c_lone.json").write_text('{"events": [\n}', encoding="utf-8")
    with pytest.raises(AccuracyError, match=r"^c_lone\.json:2: not JSON: "):
        evaluate(folder, lowered_count(answers))
    (folder / "c_lone.json").write_text("[]", encoding="utf-8")
    with pytest.raises(
        AccuracyError, match=r'^c_lone\.json: must be an object \{"events": \[\.\.\.\]\}$'
    ):
        evaluate(folder, lowered_count(answers))
    (folder / "c_lone.txt").write_text("no date line\n", encoding="utf-8")
    with pytest.raises(AccuracyError, match=r"^c_lone\.txt:1: the first line must be"):
        evaluate(folder, lowered_count(answers))


def test_check_says_in_one_line_when_the_page_is_missing_or_stale(tmp_path):
    target = tmp_path / "docs" / "drafting-accuracy.md"
    page = render(score([case([event()], [event()])]), score([]))
    with pytest.raises(PageStale) as missing:
        write_page(target, page, True, accuracy.COMMAND)
    assert str(missing.value).endswith(
        "drafting-accuracy.md is missing: run conflict-events draft-accuracy"
    )
    assert not target.exists()
    assert write_page(target, page, False, accuracy.COMMAND).startswith("wrote ")
    assert write_page(target, page, True, accuracy.COMMAND).endswith(
        "drafting-accuracy.md: up to date"
    )
    worse = render(
        score([case([event()], [event(fatalities={"low": 1, "best": 1, "high": None})])]),
        score([]),
    )
    with pytest.raises(PageStale) as stale:
        write_page(target, worse, True, accuracy.COMMAND)
    [line] = str(stale.value).splitlines()
    assert line.endswith("drafting-accuracy.md is out of date: run conflict-events draft-accuracy")


def test_floors_report_each_measure_that_dropped():
    scores = score(
        [
            case(
                [event(), event(name="Dori")],
                [event(fatalities={"low": 1, "best": 1, "high": None})],
            )
        ]
    )
    assert accuracy.below_floors(scores, {"precision": 1.0, "recall": 0.9, "counts": 0.5}) == [
        "recall: 0.500 is below its floor 0.9",
        "counts: 0.000 is below its floor 0.5",
    ]


def test_the_committed_page_is_current():
    """The real drafter on the real sets: the committed page is what it scores."""
    result = CliRunner().invoke(app, ["draft-accuracy", "--check"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("drafting-accuracy.md: up to date")


def test_a_total_across_sides_of_one_quote_is_not_invented():
    quote = "Two soldiers and eleven attackers were killed."
    evidence = [{"quote": quote, "quote_start": 0, "quote_end": len(quote), "claimant": "x"}]
    total = {"fatalities": {"low": 13, "best": 13, "high": 13}, "evidence": evidence}
    assert list(invented_counts("a.txt", quote, [total])) == []
    wrong = {**total, "fatalities": {"low": 14, "best": 14, "high": None}}
    assert [(p.key, p.value) for p in invented_counts("a.txt", quote, [wrong])] == [
        ("low", 14),
        ("best", 14),
    ]


def test_the_drafter_scores_no_lower_than_its_floors():
    """The development set's and the held-out set's scores, as measured when the page was
    last written, may not drop."""
    package = load_package(REPO / "datapackage.json")

    def drafter(article: Article) -> dict:
        return draft_article(article, package)

    development = evaluate(REPO / accuracy.DEVELOPMENT_SET, drafter, package, REPO)
    held_out = evaluate(REPO / accuracy.HELD_OUT_SET, drafter, None, REPO)
    assert accuracy.below_floors(development, accuracy.FLOORS) == []
    assert accuracy.below_floors(held_out, accuracy.HELD_OUT_FLOORS) == []
    assert development.invented == held_out.invented == []
    assert development.not_verbatim == held_out.not_verbatim == []
