"""`conflict-events draft-accuracy`: the drafter's accuracy page, written or checked."""

from __future__ import annotations

from typing import Annotated

import typer

from conflict_events.console import fail, invalid, note


def draft_accuracy(
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the page is not what it would be."),
    ] = False,
) -> None:
    """Score the drafter on the development set (tests/data/drafting) and the seed article,
    and write docs/drafting-accuracy.md.

    With --check, exit status 1 when the page is missing or out of date (for CI). Exit
    status 2 when the set or the package cannot be read. Works in a checkout only.
    """
    from conflict_events.docs.update import PageStale
    from conflict_events.draft.accuracy import AccuracyError, update_page

    try:
        note(update_page(check))
    except PageStale as exc:
        invalid(str(exc))
    except AccuracyError as exc:
        fail(str(exc))
