"""Why a build stopped: invalid data, an unusable setup, or an interruption."""

from __future__ import annotations

from conflict_events.validation import Problem


class BuildError(Exception):
    """The data are invalid: nothing was published; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class BuildSetupError(Exception):
    """The build cannot start (an unusable release folder or setting); nothing was touched."""


class ReleaseMismatch(BuildSetupError):
    """The files written differ from the tables they were written from: a bug in the build
    itself, so nothing was published."""


class BuildInterrupted(Exception):
    """Ctrl-C or SIGTERM stopped the build; `published` says whether the new release got out,
    `status` is the exit status the signal calls for."""

    def __init__(self, published: bool, status: int) -> None:
        super().__init__("published" if published else "not published")
        self.published = published
        self.status = status
