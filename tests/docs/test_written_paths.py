"""Every file or folder a shell example of README.md, CONTRIBUTING.md or docs/*.md writes
lies where the repository's .gitignore ignores it, so following the docs leaves no untracked
file in a checkout."""

import shutil
import subprocess

import pytest

from tests.conftest import REPO, git
from tests.docs.pages import PAGES, code_blocks, commands, read, written_paths

WRITTEN = sorted(
    {
        (page.relative_to(REPO).as_posix(), path)
        for page in PAGES
        for block in code_blocks(read(page), "sh")
        for command in commands(block)
        for path in written_paths(command)
    }
)


@pytest.fixture(scope="module")
def ignored(tmp_path_factory):
    """Whether git, with the repository's .gitignore, ignores what is written at a path."""
    root = tmp_path_factory.mktemp("ignore")
    shutil.copy2(REPO / ".gitignore", root / ".gitignore")
    git(root, "init", "-q")

    def check(path: str) -> bool:
        # A name inside the path: a folder's contents are ignored with it, a file's name too.
        probe = f"{path.rstrip('/')}/probe"
        return subprocess.run(["git", "check-ignore", "-q", probe], cwd=root).returncode == 0

    return check


def test_the_docs_write_files():
    assert {".venv", "dist", "out", "out/events-acled.csv", "out/ucdp"} <= {
        path for _, path in WRITTEN
    }


@pytest.mark.parametrize("page, path", WRITTEN, ids=[f"{page}:{path}" for page, path in WRITTEN])
def test_every_written_path_is_ignored(page, path, ignored):
    assert ignored(path), f"{page} writes {path}, which .gitignore does not cover"


def test_a_path_outside_the_ignored_folders_is_not_ignored(ignored):
    assert not ignored("events-acled.csv")
    assert not ignored("datasets/events.csv")


def test_written_paths_are_read_from_the_commands():
    block = (
        "mkdir -p out && conflict-events export --format acled --out=out/a.csv  # a comment\n"
        "python3 -m venv .venv && conflict-events build\n"
        "conflict-events map --out \\\n    out/m.html\n"
        "unzip -d out x.zip; echo hi > out/log\n"
    )
    assert [path for command in commands(block) for path in written_paths(command)] == [
        "out",
        "out/a.csv",
        ".venv",
        "dist",
        "out/m.html",
        "out",
        "out/log",
    ]
