"""new-event --from-draft: drafted events confirmed, edited or dropped; all or nothing."""

import copy
import json

from typer.testing import CliRunner

from conflict_events.cli import app
from tests.contribute.conftest import snapshot
from tests.draft.test_reading import EVENT

# A new place (a town the article names) and a new actor, coordinates unknown.
HAZANO = copy.deepcopy(EVENT) | {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike",
    "location": EVENT["location"] | {"name": "Hazano", "geo_precision": 2},
    "actors": [{"name": "Russian warplanes", "role": "actor1"}],
    "civilian_targeting": None,
}


def confirm(package, events, answers):
    draft = package.root / "draft.json"
    draft.write_text(json.dumps({"events": events}), encoding="utf-8")
    arguments = ["new-event", "src_000001", "--from-draft", str(draft)]
    arguments += ["--datapackage", str(package.descriptor)]
    return CliRunner().invoke(app, arguments, input="\n".join(answers) + "\n")


def test_accepted_and_edited_events_are_written_with_their_new_place_and_actor(package):
    answers = [
        "a",  # event 1: stored place and actors
        "",  # summary: the default
        "",  # no notes
        "e",  # event 2: edited
        "",  # event date kept
        "",  # no last day
        "",  # date precision kept
        "",  # sub-event type kept
        "",  # place kept
        "",  # country kept
        "",  # geo precision kept
        "",  # actor1 kept
        "",  # fatalities low unknown
        "3",  # fatalities best
        "",  # fatalities high unknown
        "n",  # civilians not targeted
        "",  # quote kept
        "SOHR head",  # claimant edited
        "site",  # the new place's type
        "Test place.",
        "external_forces",  # the new actor's type
        "RUS",
        "Test actor.",
        "Russian warplanes pounded the area.",
        "",
    ]
    result = confirm(package, [EVENT, HAZANO], answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2:] == ["added evt_00000005", "added evt_00000006"]
    assert package.rows("locations")[-1] == [
        "loc_000004", "Hazano", "SYR", "Idlib", "", "", "", "", "", "site", "Test place."
    ]  # fmt: skip
    assert package.rows("actors")[-1] == [
        "act_000006", "Russian warplanes", "external_forces", "RUS", "", "", "", "", "Test actor."
    ]  # fmt: skip
    assert package.rows("events")[-2:] == [
        ["evt_00000005", "2020-01-28", "", "1", "Battles", "Government regains territory",
         "loc_000001", "1", "", "", "", "false", "",
         "Government regains territory: Syrian regime forces at Maarat al-Numan (2020-01-28).",
         "", ""],
        ["evt_00000006", "2020-01-28", "", "1", "Explosions/Remote violence",
         "Air/drone strike", "loc_000004", "2", "", "3", "", "false", "",
         "Russian warplanes pounded the area.", "", ""],
    ]  # fmt: skip
    assert package.rows("event_actors")[-2:] == [
        ["evt_00000005", "act_000001", "actor1"],
        ["evt_00000006", "act_000006", "actor1"],
    ]
    quote = "regime and Russian warplanes are pounding the area"
    assert package.rows("event_sources")[-2:] == [
        ["evt_00000005", "src_000001", quote, "1421", "1471", "Rami Abdul Rahman"],
        ["evt_00000006", "src_000001", quote, "1421", "1471", "SOHR head"],
    ]
    assert package.validate() == []


def test_dropping_every_event_writes_nothing(package):
    before = snapshot(package)
    result = confirm(package, [EVENT, HAZANO], ["d", "d"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "every drafted event was dropped: nothing was written"
    assert snapshot(package) == before


def test_an_invalid_draft_changes_no_file(package):
    before = snapshot(package)
    moved = copy.deepcopy(HAZANO)
    moved["evidence"][0]["quote_start"] = 1420
    result = confirm(package, [EVENT, moved], ["a", "", ""])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].endswith(
        "draft.json:2:events[1].evidence[0].quote  draft-quote  "
        '"regime and Russian warplanes are pounding the area"  the article has '
        "' regime and Russian warplanes are pounding the area' at 1420-1471: "
        "copy its words and offsets"
    )
    assert snapshot(package) == before


def test_an_event_the_package_refuses_writes_none_of_them(package):
    """A new place with a country code not in the crosswalk: the validator refuses it, and
    the first event, valid on its own, is not written either."""
    before = snapshot(package)
    nowhere = copy.deepcopy(HAZANO)
    nowhere["location"]["country_iso3"] = "ZZZ"
    answers = ["a", "", "", "a", "site", "Test place.", "external_forces", "", "", "", ""]
    result = confirm(package, [EVENT, nowhere], answers)
    assert result.exit_code == 1, result.output
    assert "locations.csv:5:country_iso3" in result.stdout
    assert snapshot(package) == before
