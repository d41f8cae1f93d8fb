"""Help reads whole: every command's help wraps where the terminal ends, never mid-line
where the docstring happened to break, and shows every word it was given."""

import itertools
import os
import re
import subprocess
import sys

import click
import pytest
import typer.main
from typer.testing import CliRunner

from conflict_events.cli import app

_ROOT = typer.main.get_command(app)


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


COMMANDS = _commands(_ROOT)


def _help(path: tuple[str, ...], columns: int) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], env={"COLUMNS": str(columns)}, prog_name="conflict-events"
    )
    assert result.exit_code == 0, result.output
    return result.output


def _premature_breaks(text: str, width: int) -> list[str]:
    """Pairs of lines of one paragraph, or of one table cell, where the first ends although
    the next line's first word would have fitted on it."""
    found = []
    lines = text.splitlines()
    for above, below in itertools.pairwise(lines):
        if above.startswith("│") and below.startswith("│"):
            inner_above, inner_below = above[1:-1], below[1:-1]
            start = len(inner_below) - len(inner_below.lstrip())
            words = inner_below.split()
            if start <= 5 or not words or words[0].startswith("["):
                continue  # a new row of the table (its first column), or [default: ...]
            cell = inner_above[start:].rstrip()
            if cell.startswith(" "):
                continue  # the line above has nothing in this column
            room = len(inner_above) - start - 1  # a cell keeps one space before the border
        elif not above.startswith(("│", "╭", "╰")) and not below.startswith(("│", "╭", "╰")):
            words, cell = below.split(), above.rstrip()
            room = width - 1  # the text stands between one space on either side
        else:
            continue
        if words and cell.strip() and len(cell) + 1 + len(words[0]) <= room:
            found.append(f"{above.strip()} / {below.strip()}")
    return found


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "conflict-events")
def test_help_breaks_lines_only_where_the_terminal_ends(path, columns):
    assert _premature_breaks(_help(path, columns), columns) == []


def _said(command: click.Command) -> list[str]:
    """The help texts a command was given: its docstring's paragraphs and each option's."""
    texts = [p for p in re.split(r"\n\s*\n", command.help or "") if p.strip()]
    return texts + [p.help for p in command.params if getattr(p, "help", None)]


@pytest.mark.parametrize("path", COMMANDS[1:], ids=lambda p: " ".join(p))
def test_help_shows_every_word_it_was_given(path):
    command = _ROOT
    for name in path:
        command = command.commands[name]
    shown = " ".join(re.sub(r"[│╭╰─╮╯]", " ", _help(path, 1000)).split())
    for text in _said(command):
        words = " ".join(text.replace("`", "").split())
        assert words in shown


def test_info_prints_paths_unbroken_on_a_narrow_terminal(seed_release, tmp_path):
    cache = tmp_path / ("a-long-cache-folder-name-" * 3)
    env = os.environ | {"CONFLICT_EVENTS_CACHE": str(cache), "COLUMNS": "40"}
    result = subprocess.run(
        [sys.executable, "-m", "conflict_events", "info", "--source", str(seed_release)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"release: {seed_release}" in lines
    assert f"cache: {cache}" in lines
