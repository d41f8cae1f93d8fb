"""What the drafter proposes, `new-event --from-draft` can read: every drafted event of the
seed, the development set and the held-out set passes the draft reader's checks (keys,
vocabularies, one actor1, quotes at their offsets)."""

from pathlib import Path

import pytest

from conflict_events.contribute.article import read_article
from conflict_events.draft import draft_article
from conflict_events.draft.reading import check_draft
from conflict_events.metadata import load_package
from tests.conftest import REPO

ARTICLES = sorted(
    [
        *(REPO / "tests" / "data" / "drafting").glob("*.txt"),
        *(REPO / "tests" / "data" / "drafting-holdout").glob("*.txt"),
        *(REPO / "datasets" / "articles").glob("*.txt"),
    ]
)
PACKAGE = load_package(REPO / "datapackage.json")


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_drafted_event_reads_back_as_a_valid_draft(path: Path):
    article = read_article(path.read_bytes(), path.name)
    draft = draft_article(article, PACKAGE)
    events, problems = check_draft(draft, path.name, PACKAGE, article.text)
    assert [p.as_line() for p in problems] == []
    assert len(events) == len(draft["events"])
