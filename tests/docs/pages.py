"""The Markdown pages people read (README.md, CONTRIBUTING.md, docs/*.md) and their code
blocks, for the tests that check what the pages show."""

from __future__ import annotations

import itertools
import re
import shlex
from pathlib import Path

from tests.conftest import REPO

README = REPO / "README.md"
DOCS = sorted((REPO / "docs").glob("*.md"))
PAGES = [README, REPO / "CONTRIBUTING.md", *DOCS]


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def section(document: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next one."""
    return document.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def code_blocks(document: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", document, flags=re.DOTALL | re.MULTILINE)


def commands(block: str) -> list[list[str]]:
    """Each simple command of a shell block as its words, comments dropped."""
    joined = block.replace("\\\n", " ")
    found = []
    for line in joined.splitlines():
        words = shlex.split(line, comments=True)
        command: list[str] = []
        for word in [*words, "&&"]:
            if word in ("&&", "||", ";", "|"):
                found += [command] if command else []
                command = []
            else:
                command.append(word)
    return found


def written_paths(command: list[str]) -> list[str]:
    """The files or folders a documented command writes into."""
    paths = [
        value
        for option, value in itertools.pairwise(command)
        if option in ("--out", ">", ">>") or (command[0] == "unzip" and option == "-d")
    ]
    paths += [word.split("=", 1)[1] for word in command if word.startswith("--out=")]
    if command[1:3] == ["-m", "venv"]:
        paths += command[3:4]
    if command[0] == "mkdir":
        paths += [word for word in command[1:] if not word.startswith("-")]
    if command[:2] in (["conflict-events", "build"], ["conflict-events", "release"]) and not paths:
        paths.append("dist")  # their default --out
    return paths
