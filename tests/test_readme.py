"""Every example the README's "Use the data" and the docs pages show runs as written: each
Python example in a fresh process, and each shell example that writes files in a committed
copy of the checkout, which it must leave as git found it (its files go where .gitignore
says). docs/partitions.md's examples need a partitioned release: tests/build/test_partition.py
runs them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_package, git
from tests.docs.pages import DOCS, README, code_blocks, commands, read, section, written_paths

USAGE = section(read(README), "Use the data")
ON_A_PARTITIONED_RELEASE = REPO / "docs" / "partitions.md"
PAGES = [(README.name, USAGE)] + [
    (f"docs/{page.name}", read(page)) for page in DOCS if page != ON_A_PARTITIONED_RELEASE
]
PYTHON = [
    (f"{name}-{i}", code)
    for name, text in PAGES
    for i, code in enumerate(code_blocks(text, "python"))
]
WRITERS = ("conflict-events export", "conflict-events map", "conflict-events timeline")
SHELL = [
    (f"{name}-{i}", code)
    for name, text in PAGES
    for i, code in enumerate(code_blocks(text, "sh"))
    if any(writer in code for writer in WRITERS)
]


def test_the_readme_shows_three_usage_snippets():
    assert len(code_blocks(USAGE, "python")) == 2
    assert len(code_blocks(USAGE, "sh")) == 1


def test_the_docs_have_the_examples_the_readme_had():
    pages = {name.split("-")[0] for name, _ in PYTHON}
    assert {"README.md", "docs/usage.md", "docs/interop.md"} <= pages
    assert {name.rsplit("-", 1)[0] for name, _ in SHELL} == {
        "README.md",
        "docs/usage.md",
        "docs/interop.md",
    }


@pytest.mark.parametrize("code", [c for _, c in PYTHON], ids=[n for n, _ in PYTHON])
def test_python_example_runs(code, tmp_path):
    env = {"CONFLICT_EVENTS_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=os.environ | env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()  # every example prints what it shows


@pytest.fixture
def checkout(tmp_path) -> Path:
    """The data package, README, docs and .gitignore, committed as in a fresh clone."""
    root = tmp_path / "clone"
    root.mkdir()
    copy_package(root)
    for part in ("README.md", ".gitignore"):
        shutil.copy2(REPO / part, root / part)
    shutil.copytree(REPO / "docs", root / "docs")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "clone")
    return root


@pytest.mark.parametrize("code", [c for _, c in SHELL], ids=[n for n, _ in SHELL])
def test_shell_example_writes_only_where_git_ignores(code, checkout, tmp_path_factory):
    cache = tmp_path_factory.getbasetemp() / "shell-examples-cache"  # one build for them all
    bin_folder = Path(sys.executable).parent  # where `conflict-events` was installed
    env = os.environ | {
        "CONFLICT_EVENTS_CACHE": str(cache),
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", code],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    outputs = [path for command in commands(code) for path in written_paths(command)]
    assert outputs
    for path in outputs:
        assert (checkout / path).exists(), path
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""
