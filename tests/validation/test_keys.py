"""Cross-table rules on identifiers: each breaks a copy of the seed package and asserts the report."""

EVENTS = "datasets/events.csv"
ACTORS = "datasets/actors.csv"
LINKS = "datasets/event_actors.csv"
EVIDENCE = "datasets/event_sources.csv"
RETIRED = "datasets/retired_ids.csv"


def test_seed_package_is_valid(package):
    assert package.validate() == []


def test_unknown_actor_in_event_actors(package):
    package.set("event_actors", 2, "actor_id", "act_000099")
    assert package.report() == [(LINKS, 2, "actor_id", "foreign-key")]


def test_unknown_location_in_events(package):
    package.set("events", 3, "location_id", "loc_000099")
    assert package.report() == [(EVENTS, 3, "location_id", "foreign-key")]


def test_unknown_parent_actor_is_a_self_reference_error(package):
    package.set("actors", 2, "parent_actor_id", "act_000099")
    assert package.report() == [(ACTORS, 2, "parent_actor_id", "foreign-key")]


def test_unknown_source_in_evidence(package):
    package.set("event_sources", 4, "source_id", "src_000099")
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVIDENCE,
        4,
        "source_id",
        "foreign-key",
    )
    assert problem.value == "src_000099"
    assert "add that row to sources" in problem.hint


def test_retired_id_reused(package):
    package.append(
        "retired_ids",
        retired_id="evt_00000002",
        table="events",
        retired_on="2020-02-01",
        reason="duplicate",
        successor_id="evt_00000001",
    )
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        EVENTS,
        3,
        "event_id",
        "retired-id-reused",
    )
    assert "use its successor evt_00000001" in problem.hint


def test_retired_id_successor_must_exist(package):
    row = package.append(
        "retired_ids",
        retired_id="evt_00000099",
        table="events",
        retired_on="2020-02-01",
        reason="duplicate",
        successor_id="evt_00000098",
    )
    assert package.report() == [(RETIRED, row, "successor_id", "retired-successor")]


def test_retired_id_filed_under_the_wrong_table(package):
    row = package.append(
        "retired_ids",
        retired_id="evt_00000002",
        table="actors",
        retired_on="2020-02-01",
        reason="duplicate",
    )
    assert package.report() == [(RETIRED, row, "retired_id", "retired-table")]


def test_foreign_key_to_a_table_the_package_lacks(package):
    schema = package.root / "schemas" / "events.schema.json"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace(
            '"resource": "locations"', '"resource": "places"'
        ),
        encoding="utf-8",
    )
    [problem] = package.validate()
    assert (problem.file, problem.rule, problem.value) == (
        "datapackage.json",
        "foreign-key-target",
        "events: location_id -> places.location_id",
    )


def test_retired_id_without_reuse_is_valid(package):
    package.append(
        "retired_ids",
        retired_id="act_000099",
        table="actors",
        retired_on="2020-02-01",
        reason="erroneous",
    )
    assert package.report() == []


def test_actor_parent_cycle(package):
    # act_000002 (row 3) already has parent act_000005 (row 6): close the loop.
    package.set("actors", 6, "parent_actor_id", "act_000002")
    problems = package.validate()
    assert [(p.file, p.row, p.column, p.rule) for p in problems] == [
        (ACTORS, 3, "parent_actor_id", "actor-parent-cycle"),
        (ACTORS, 6, "parent_actor_id", "actor-parent-cycle"),
    ]
    assert "act_000002 -> act_000005 -> act_000002" in problems[0].hint


def test_actor_that_is_its_own_parent(package):
    package.set("actors", 2, "parent_actor_id", "act_000001")
    assert package.report() == [(ACTORS, 2, "parent_actor_id", "actor-parent-cycle")]


def test_second_actor1_in_an_event(package):
    row = package.append(
        "event_actors", event_id="evt_00000001", actor_id="act_000004", role="actor1"
    )
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        LINKS,
        row,
        "role",
        "role-count",
    )
    assert problem.hint.startswith("a event_id has at most 1 actor1 (Primary actor)")


def test_second_actor2_in_an_event(package):
    row = package.append(
        "event_actors", event_id="evt_00000002", actor_id="act_000004", role="actor2"
    )
    assert package.report() == [(LINKS, row, "role", "role-count")]


def test_associate_without_its_main_actor(package):
    rows = package.rows("event_actors")  # evt_00000002 keeps its actor1, loses its actor2
    package.write_rows("event_actors", [r for r in rows if r[0::2] != ["evt_00000002", "actor2"]])
    row = package.append(
        "event_actors", event_id="evt_00000002", actor_id="act_000002", role="assoc_actor_2"
    )
    assert package.report() == [(LINKS, row, "role", "role-requires")]


def test_event_without_actor1(package):
    rows = package.rows("event_actors")  # evt_00000003 keeps its actor2 only
    package.write_rows("event_actors", [r for r in rows if r[0::2] != ["evt_00000003", "actor1"]])
    assert package.report() == [(EVENTS, 4, "event_id", "actor1-missing")]


def test_event_without_evidence(package):
    rows = package.rows("event_sources")
    package.write_rows("event_sources", [r for r in rows if r[0] != "evt_00000003"])
    assert package.report() == [(EVENTS, 4, "event_id", "evidence-missing")]
