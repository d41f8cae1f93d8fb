"""The change the release issue names: one event edited, one added, one retired."""

from tests.conftest import PackageCopy

NEW_SUMMARY = (
    "Syrian government forces advanced on opposition positions west of Aleppo city, "
    "according to regime media and opposition activists."
)
WARNING_QUOTE = "Turkey's Defence Ministry on Tuesday warned Turkish forces would retaliate"
RETIRED = "evt_00000003"  # the ceasefire deal (the seed retired evt_00000004 already)


def edit_add_retire(package: PackageCopy) -> None:
    package.set("events", 3, "summary", NEW_SUMMARY)  # evt_00000002
    package.copy_row(
        "events",
        4,  # the ceasefire deal, retired below
        event_id="evt_00000005",
        event_date="2020-01-28",
        event_type="Strategic developments",
        sub_event_type="Other",
        summary="Turkey's Defence Ministry warned it would retaliate against attacks on its observation posts.",
        tags="",
        notes="",
    )
    package.append("event_actors", event_id="evt_00000005", actor_id="act_000004", role="actor1")
    text = (package.root / "datasets/articles/000_0625744bc0b20f8b.txt").read_text(encoding="utf-8")
    start = text.index(WARNING_QUOTE)
    package.append(
        "event_sources",
        event_id="evt_00000005",
        source_id="src_000001",
        quote=WARNING_QUOTE,
        quote_start=str(start),
        quote_end=str(start + len(WARNING_QUOTE)),
        attributed_to="Turkish Defence Ministry",
    )
    for table in ("event_actors", "event_sources", "events"):
        rows = package.rows(table)
        package.write_rows(table, [r for r in rows if r[0] != RETIRED])
    package.append(
        "retired_ids",
        retired_id=RETIRED,
        table="events",
        retired_on="2026-11-30",
        reason="erroneous",
        note="Withdrawn for the test of retirements.",
    )
    assert package.validate() == []
