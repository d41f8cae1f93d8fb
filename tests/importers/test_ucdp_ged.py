"""UCDP GED import, proven on 1,000 real GED 23.1 rows: every row is imported or reported,
the package validates, and exporting it back reproduces UCDP's own values."""

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from conflict_events import load
from conflict_events.build import build_release
from conflict_events.export import render, select
from conflict_events.importers.package import (
    FLAGGED,
    KEPT_AS_PUBLISHED,
    REPORT,
    ImportFailure,
    import_ged,
)
from conflict_events.validation import errors, validate
from tests.conftest import REPO

SAMPLE = REPO / "tests" / "data" / "ucdp_ged_23_1_sample.csv"
ROUND_TRIP = [
    "id",
    "date_start",
    "date_end",
    "date_prec",
    "where_prec",
    "latitude",
    "longitude",
    "best",
    "low",
    "high",
    "side_a_new_id",
    "side_a",
    "side_b_new_id",
    "side_b",
]
# Events of the sample whose UCDP rows break each rule, as docs/interop.md reports them.
FLAGGED_RULES = Counter(
    {
        "date-after-publication": 22,
        "fatalities-order": 13,
        "coordinates-in-country": 9,
        "actor-name-shared": 3,
    }
)


def _rows(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def sample() -> dict[str, dict[str, str]]:
    return _rows(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("import") / "ucdp"
    return import_ged(SAMPLE, out)


@pytest.fixture(scope="module")
def exported(imported, tmp_path_factory) -> dict[str, dict[str, str]]:
    release = build_release(
        imported.descriptor, tmp_path_factory.mktemp("release") / "dist", show_progress=False
    )
    return _rows(render(select(source=release), "ucdp-ged"))


def _table(imported, name: str) -> list[dict[str, str]]:
    folder = imported.descriptor.parent
    descriptor = json.loads(imported.descriptor.read_text(encoding="utf-8"))
    [path] = [r["path"] for r in descriptor["resources"] if r["name"] == name]
    with (folder / path).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _report(imported) -> list[dict[str, str]]:
    with (imported.descriptor.parent / REPORT).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_row_is_imported_and_those_ucdp_publishes_against_a_rule_flagged(imported, sample):
    events = {str(int(row["event_id"][4:])): row for row in _table(imported, "events")}
    report = _report(imported)
    assert imported.rows == len(sample) == 1000
    assert imported.imported == len(events) == 1000  # as docs/interop.md reports
    assert set(events) == set(sample)
    assert imported.reported == []
    assert {r["outcome"] for r in report} == {FLAGGED}
    flags = {i: set(e["source_flags"].split(";")) for i, e in events.items() if e["source_flags"]}
    listed: dict[str, set[str]] = {}
    for row in report:
        listed.setdefault(row["id"], set()).add(row["rule"])
        assert row["reason"].startswith(row["rule"] + ": ")
    assert listed == flags  # the report lists every flag, and only those
    assert {r.id for r in imported.flagged} == set(flags)
    assert Counter(rule for rules in flags.values() for rule in rules) == FLAGGED_RULES


def test_the_imported_package_validates_with_counted_warnings(imported):
    problems = validate(imported.descriptor)
    assert errors(problems) == []
    assert {p.rule for p in problems} == set(FLAGGED_RULES)
    assert all(p.severity == "warning" for p in problems)
    descriptor = json.loads(imported.descriptor.read_text(encoding="utf-8"))
    assert descriptor["x-warnings"] == KEPT_AS_PUBLISHED


def test_exporting_back_reproduces_ucdps_values_for_every_row(exported, sample):
    assert exported.keys() == sample.keys()
    for ucdp_id, row in exported.items():
        assert {c: row[c] for c in ROUND_TRIP} == {c: sample[ucdp_id][c] for c in ROUND_TRIP}


def test_free_text_citations_go_back_as_ucdp_wrote_them(exported, sample):
    free = [i for i in exported if sample[i]["number_of_sources"] == "-1"]
    assert len(free) > 250
    for ucdp_id in free:
        row = exported[ucdp_id]
        assert row["source_article"] == sample[ucdp_id]["source_article"]
        assert row["number_of_sources"] == "-1"


def test_exporting_back_also_gives_ucdps_types_actor_ids_and_grid_cells(exported, sample):
    for column in ("type_of_violence", "side_a_new_id", "side_b_new_id", "priogrid_gid"):
        assert {i: r[column] for i, r in exported.items()} == {
            i: sample[i][column] for i in exported
        }, column


def test_rows_ucdp_publishes_against_a_rule_are_kept_with_the_reason(imported, sample):
    reasons = {(r.id, r.rule): r.reason for r in imported.flagged}
    events = {e["event_id"]: e for e in _table(imported, "events")}
    # Two UCDP actors share the name "DPR": both kept, the later one flagged.
    assert sample["423342"]["side_b"] == "DPR"
    assert events["evt_00423342"]["source_flags"] == "actor-name-shared"
    dpr = [a for a in _table(imported, "actors") if a["name"] == "DPR"]
    assert sorted(a["ucdp_actor_id"] for a in dpr) == ["5840", "6711"]
    # UCDP's own low estimate above its best one, kept.
    assert (sample["162326"]["low"], sample["162326"]["best"]) == ("3", "2")
    assert (
        events["evt_00162326"]["fatalities_low"],
        events["evt_00162326"]["fatalities_best"],
    ) == (
        "3",
        "2",
    )
    assert reasons[("162326", "fatalities-order")].startswith(
        "fatalities-order: datasets/events.csv fatalities_low '3'"
    )
    # A place in today's Kosovo, coded under "Serbia (Yugoslavia)": a successor state.
    assert sample["202838"]["country"] == "Serbia (Yugoslavia)"
    assert reasons[("202838", "coordinates-in-country")] == (
        "coordinates-in-country: UCDP places the event in Serbia (Yugoslavia), the state of "
        "its day; the point lies in Kosovo, which has split from it since"
    )


def test_flags_reach_the_loader_and_both_exports(imported, exported, tmp_path_factory):
    release = build_release(
        imported.descriptor, tmp_path_factory.mktemp("flags") / "dist", show_progress=False
    )
    loaded = load("events", source=release)
    flagged = loaded.set_index("event_id")["source_flags"].dropna()
    assert flagged["evt_00162326"] == "fatalities-order"
    assert exported["162326"]["source_flags"] == "fatalities-order"
    acled = list(csv.DictReader(io.StringIO(render(select(source=release), "acled"))))
    [row] = [r for r in acled if r["event_id_cnty"].endswith("162326")]
    assert row["source_flags"] == "fatalities-order"
    assert sum(bool(r["source_flags"]) for r in acled) == len(flagged)


def test_sources_come_from_ucdps_source_fields(imported, sample):
    sources = _table(imported, "sources")
    evidence = [r for r in _table(imported, "event_sources") if r["event_id"] == "evt_00300380"]
    cited = {
        r["source_id"]: r for r in sources if r["source_id"] in {e["source_id"] for e in evidence}
    }
    row = sample["300380"]
    assert sorted(s["publisher"] for s in cited.values()) == sorted(row["source_office"].split(";"))
    assert sorted(s["title"] for s in cited.values()) == sorted(row["source_headline"].split(";"))
    assert {e["attributed_to"] for e in evidence} == {row["source_original"]}
    folder = imported.descriptor.parent
    for source in cited.values():
        assert source["url"] == source["language"] == source["source_type"] == ""
        text = (folder / source["article_path"]).read_text(encoding="utf-8")
        assert text == f"{source['publisher']},{source['published_date']},{source['title']}"


def test_free_text_sources_are_kept_verbatim(imported, sample):
    """Rows with number_of_sources -1 cite their sources only as free text."""
    free = [
        i
        for i, r in sample.items()
        if r["number_of_sources"] == "-1" and i not in {r.id for r in imported.reported}
    ]
    evidence = {r["event_id"]: r for r in _table(imported, "event_sources")}
    for ucdp_id in free:
        assert evidence[f"evt_{int(ucdp_id):08d}"]["quote"] == sample[ucdp_id]["source_article"]
    assert len(free) > 250


def test_actor_types_follow_the_sides_roles(imported):
    actors = {a["name"]: a for a in _table(imported, "actors")}
    assert actors["Government of Syria"]["actor_type"] == "state_forces"
    assert actors["Government of Syria"]["ucdp_actor_id"] == "118"
    assert actors["Syrian insurgents"]["actor_type"] == "rebel_group"
    assert actors["Syrian insurgents"]["ucdp_actor_id"] == "4456"
    assert actors["Civilians"]["actor_type"] == "civilians"
    assert actors["Sinaloa Cartel"]["actor_type"] == "armed_group"


def test_a_file_that_is_not_ged_is_refused_and_an_earlier_import_survives(imported, tmp_path):
    before = imported.descriptor.read_bytes()
    other = tmp_path / "other.csv"
    other.write_text("id,date\n1,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="not a UCDP GED file, it lacks the column"):
        import_ged(other, imported.descriptor.parent)
    assert imported.descriptor.read_bytes() == before


def test_the_curated_datasets_are_never_the_target():
    with pytest.raises(ImportFailure, match="kept apart from the curated datasets"):
        import_ged(SAMPLE, REPO / "datasets" / "ucdp")
    with pytest.raises(ImportFailure, match="kept apart from the curated datasets"):
        import_ged(SAMPLE, REPO)


def test_a_folder_of_other_files_is_not_replaced(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ImportFailure, match="not an earlier import"):
        import_ged(SAMPLE, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def _ged_file(folder: Path, rows: list[dict[str, str]]) -> Path:
    """A GED file of the given rows (real sample rows, some of them altered by a test)."""
    path = folder / "ged.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_repeated_and_empty_ids_are_counted_row_by_row(sample, tmp_path):
    first, second, third = (dict(sample[i]) for i in ("300380", "21300", "401115"))
    rows = [first, dict(first), second | {"id": ""}, third | {"id": ""}, third]
    result = import_ged(_ged_file(tmp_path, rows), tmp_path / "out")
    assert (result.rows, result.imported) == (5, 2)
    assert [(r.row, r.id, r.rule) for r in result.reported] == [
        (3, "300380", "id-repeated"),
        (4, "", "id-invalid"),
        (5, "", "id-invalid"),
    ]
    assert validate(result.descriptor) == []


def test_an_actor_id_with_a_second_name_keeps_both_flagged(sample, tmp_path):
    first, second = dict(sample["300380"]), dict(sample["248414"])
    assert first["side_b_new_id"] == second["side_b_new_id"] == "4456"
    second["side_b"] = "Syrian rebels"
    result = import_ged(_ged_file(tmp_path, [first, second]), tmp_path / "out")
    assert (result.imported, result.reported) == (2, [])
    [flagged] = result.flagged
    # Events are written in UCDP id order, so the later actor is 300380's.
    assert (flagged.id, flagged.rule) == ("300380", "actor-ucdp-id-shared")
    actors = [a for a in _table(result, "actors") if a["ucdp_actor_id"] == "4456"]
    assert [a["name"] for a in actors] == ["Syrian rebels", "Syrian insurgents"]
    events = {e["event_id"]: e["source_flags"] for e in _table(result, "events")}
    assert events == {"evt_00248414": "", "evt_00300380": "actor-ucdp-id-shared"}
    release = build_release(result.descriptor, tmp_path / "dist", show_progress=False)
    back = _rows(render(select(source=release), "ucdp-ged"))
    assert {i: r["side_b"] for i, r in back.items()} == {
        "300380": "Syrian insurgents",
        "248414": "Syrian rebels",
    }


def test_an_unwritable_target_is_one_clear_failure(tmp_path):
    with pytest.raises(ImportFailure, match=r"cannot be written .* check that its folder exists"):
        import_ged(SAMPLE, tmp_path / "missing" / "deeper")


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ImportFailure, match="the file is empty"):
        import_ged(empty, tmp_path / "out")


def test_invisible_characters_and_wrapped_headlines_are_cleaned(imported, sample):
    # UCDP's description of event 456839 holds four zero-width spaces; its event is kept.
    assert "\u200b\u200b\u200b\u200bthe settlement" in sample["456839"]["where_description"]
    [event] = [r for r in _table(imported, "events") if r["event_id"] == "evt_00456839"]
    assert "area of the settlement of Tabaevka" in event["notes"]
    # Event 320070's headline runs over lines, with a tab: one line, each break one space.
    assert sample["320070"]["source_headline"].startswith(
        "Yemeni officials: Houthi rebels push into southern province\n\nAU \t\nAhmed"
    )
    titles = [r["title"] for r in _table(imported, "sources")]
    wrapped = "Yemeni officials: Houthi rebels push into southern province AU "
    assert any(t.startswith(wrapped) for t in titles)
    assert not [t for t in titles if "\n" in t or "\t" in t]
