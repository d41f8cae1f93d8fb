"""new-event asked interactively: stored choices shown, answers checked, nothing written on a
refusal. (The flag form is run as a subprocess in test_end_to_end.)"""

from typer.testing import CliRunner

from conflict_events.cli import app
from tests.contribute.conftest import snapshot


def invoke(package, *args, answers=""):
    return CliRunner().invoke(app, [*args, "--datapackage", str(package.descriptor)], input=answers)


def test_answers_by_number_name_and_alias_make_a_valid_event(second_article):
    answers = [
        "2024-05-14",  # event date
        "",  # date precision: the default, 1
        "Skirmish",  # not a sub-event type: asked again
        "7",  # Shelling/artillery/missile attack, by its number
        "Nowhere",  # not a stored location: asked again
        "SAMPLETON",
        "",  # geo precision 1
        "act_000006",
        "rebels",  # no such actor2: asked again
        "",  # no actor2
        "n",
        "",  # fatalities unknown
        "A militia shelled Sampleton.",
        "shelled the village",
        "Sampleton Monitor",
        "houses were burnt",  # not in the article: asked again
        "three houses were destroyed",
        "Sampleton Monitor",
        "",  # no more quotes
        "Fictional test event.",  # notes
    ]
    result = invoke(second_article, "new-event", "src_000002", answers="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("added evt_00000005\n")  # after the echoed answers
    assert "'Skirmish' is not one of the codes above" in result.stderr
    assert "no location 'Nowhere' in locations (add it with new-location)" in result.stderr
    assert "no actor 'rebels' in actors (add it with new-actor)" in result.stderr
    assert "not found: copy the words so they are found once" in result.stderr
    assert "Military Forces of Syria" in result.stderr  # the stored actors were shown
    header, *rows = second_article.rows("events")
    event = dict(zip(header, rows[-1], strict=True))
    assert (
        event["sub_event_type"],
        event["location_id"],
        event["fatalities_best"],
        event["notes"],
    ) == ("Shelling/artillery/missile attack", "loc_000004", "", "Fictional test event.")
    assert result.stderr.count("stored actors") == 1
    quotes = [r[2] for r in second_article.rows("event_sources") if r[0] == "evt_00000005"]
    assert quotes == ["shelled the village", "three houses were destroyed"]


def test_a_span_of_days_asks_for_its_last_day(second_article):
    answers = ["2024-05-12", "3", "2024-05-14", "7", "loc_000004", "", "act_000006", "", "n"]
    answers += ["", "Shelling over three days.", "shelled the village", "Monitor", "", ""]
    result = invoke(second_article, "new-event", "src_000002", answers="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    header, *rows = second_article.rows("events")
    event = dict(zip(header, rows[-1], strict=True))
    assert (event["event_date"], event["event_date_end"], event["date_precision"]) == (
        "2024-05-12",
        "2024-05-14",
        "3",
    )


def test_input_ending_early_is_refused_and_writes_nothing(second_article):
    before = snapshot(second_article)
    result = invoke(second_article, "new-event", "src_000002", answers="2024-05-14\n")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "refused: no answer for 'date precision'; nothing was added"
    )
    assert snapshot(second_article) == before


def test_quotes_and_claimants_must_pair(second_article):
    result = invoke(
        second_article,
        "new-event",
        "src_000002",
        "--quote",
        "shelled the village",
        "--quote",
        "three houses",
        "--attributed-to",
        "Sampleton Monitor",
    )
    assert result.exit_code == 2
    assert result.stderr == "error: give one --attributed-to for each --quote, in the same order\n"


def test_unknown_source_is_an_error(second_article):
    result = invoke(second_article, "new-event", "src_000009")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: no source src_000009: add the article with add-source first\n",
    )


def test_a_precision_given_is_kept_for_the_validator_to_judge(second_article):
    before = snapshot(second_article)
    result = invoke(
        second_article,
        "new-event",
        "src_000002",
        *("--date", "2024-05-14", "--sub-event-type", "Armed clash", "--location", "Sampleton"),
        *("--actor1", "act_000006", "--summary", "x", "--geo-precision", "0"),
        *("--quote", "shelled the village", "--attributed-to", "Sampleton Monitor"),
    )
    assert result.exit_code == 1
    assert result.stdout.startswith('datasets/events.csv:5:geo_precision  enum  "0"  ')
    assert snapshot(second_article) == before


def test_an_alias_with_the_delimiter_is_refused(second_article):
    result = invoke(
        second_article, "new-actor", "--name", "X", "--actor-type", "rioters", "--alias", "a;b"
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "refused: an alias cannot contain ';': give each alias its own --alias\n",
    )


def test_an_unreadable_descriptor_is_one_line(tmp_path):
    missing = tmp_path / "datapackage.json"
    result = CliRunner().invoke(
        app, ["new-actor", "--name", "X", "--actor-type", "rioters", "--datapackage", str(missing)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
