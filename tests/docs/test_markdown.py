"""Headings get the anchors GitHub gives them, so computed links land."""

from conflict_events.docs.markdown import Anchors, code, headings, slug, text


def test_slugs_are_githubs():
    assert slug("5. Code each event") == "5-code-each-event"
    assert slug("8. Check, commit, open the pull request") == "8-check-commit-open-the-pull-request"
    assert slug("The `events_flat` view") == "the-events_flat-view"
    assert slug("`events.sub_event_type`") == "eventssub_event_type"
    assert slug("Provenance: evidence and claims") == "provenance-evidence-and-claims"


def test_repeated_headings_are_numbered_as_on_github():
    anchors = Anchors()
    assert [anchors.add(h) for h in ("Notes", "Notes", "Notes-1", "Notes")] == [
        "notes",
        "notes-1",
        "notes-1-1",
        "notes-2",
    ]


def test_headings_in_code_blocks_are_not_headings():
    document = "# Title\n\n```sh\n# a comment\n```\n\n## Next\n"
    assert [(h.line, h.level, h.anchor) for h in headings(document)] == [
        (0, 1, "title"),
        (6, 2, "next"),
    ]


def test_cells_stay_one_cell():
    assert text("a | b\nc <id>") == r"a \| b c &lt;id>"
    assert code("x|y") == r"`x\|y`"
    assert code("a`b") == "`` a`b ``"
