"""Rules on actors: a shared name or UCDP ID is reported on each later actor, naming the
first, and an imported package may relax either to a warning."""

from conflict_events.validation import errors
from conflict_events.validation.severity import PROPERTY

ACTORS = "datasets/actors.csv"
NAME_HINT = "has this name already (row 4): give each actor its own name, or merge the two"


def test_a_shared_name_is_reported_on_each_later_actor(package):
    package.set("actors", 6, "name", "Syrian insurgents")  # act_000003's name (row 4)
    package.copy_row("actors", 6, actor_id="act_000006")
    assert [p.as_line() for p in package.validate()] == [
        f'{ACTORS}:6:name  actor-name-shared  "Syrian insurgents"  act_000003 {NAME_HINT}',
        f'{ACTORS}:7:name  actor-name-shared  "Syrian insurgents"  act_000003 {NAME_HINT}',
    ]


def test_names_are_compared_as_written(package):
    package.set("actors", 6, "name", "Syrian Insurgents")
    package.set("actors", 5, "name", "Syrian insurgents ")
    assert package.validate() == []


def test_a_shared_ucdp_actor_id_is_reported_on_the_later_actor(package):
    package.set("actors", 2, "ucdp_actor_id", "4456")  # act_000003 (row 4) has 4456
    [problem] = package.validate()
    assert (problem.row, problem.rule) == (4, "actor-ucdp-id-shared")
    assert problem.as_line() == (
        f'{ACTORS}:4:ucdp_actor_id  actor-ucdp-id-shared  "4456"  act_000001 has this '
        "ucdp_actor_id already (row 2): UCDP's ID names one actor: correct the ID, or merge "
        "the two"
    )


def test_actors_without_a_ucdp_actor_id_share_nothing(package):
    # Four of the five seed actors have none: empty cells are never a shared ID.
    assert [package.cell("actors", row, "ucdp_actor_id") for row in range(2, 7)].count("") == 4
    assert package.validate() == []


def test_a_relaxed_shared_name_is_a_warning_and_the_package_stays_valid(package):
    package.set("actors", 6, "name", "Syrian insurgents")
    package.edit_descriptor(lambda d: d.__setitem__(PROPERTY, ["actor-name-shared"]))
    [problem] = package.validate()
    assert (problem.rule, problem.severity) == ("actor-name-shared", "warning")
    assert problem.as_line() == (
        f'{ACTORS}:6:name  warning actor-name-shared  "Syrian insurgents"  act_000003 {NAME_HINT}'
    )
    assert errors([problem]) == []
