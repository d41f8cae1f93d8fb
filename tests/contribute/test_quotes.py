"""The quote finder forgives typography in what is typed, never in what it reports."""

from conflict_events.contribute.quotes import find_quote
from tests.conftest import REPO

TEXT = (REPO / "tests" / "contribute" / "fixtures" / "fictional_article.txt").read_text(
    encoding="utf-8"
)


def test_straight_quotes_and_spaces_typed_find_the_curly_original():
    [match] = find_quote(TEXT, 'adding that "three  houses were destroyed"')
    assert match.text == "adding that \u201cthree houses were destroyed\u201d"
    assert TEXT[match.start : match.end] == match.text


def test_a_hyphen_finds_an_em_dash_and_an_apostrophe_a_curly_one():
    [match] = find_quote(
        TEXT, "monitor's head said fighting continued on the road to Exampleville - the only route"
    )
    assert "\u2019" in match.text and "\u2014" in match.text


def test_every_occurrence_is_reported():
    assert [m.text for m in find_quote(TEXT, "Sampleton")] == ["Sampleton", "Sampleton"]
    assert find_quote(TEXT, "nowhere in the text") == []
