"""The code is formatted and linted with ruff, as the project's style asks, and its parts
import only what their job needs."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def test_ruff_format_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


# Who may import whom: the core (metadata, engine, the release format, the CSV reader)
# knows no job, and the loader reads releases without the code that makes them.
_FORBIDDEN = {
    "metadata": ("validation", "build", "loader"),
    "engine": ("validation", "build", "loader", "metadata"),
    "releases": ("validation", "build", "loader"),
    "tables": ("validation", "build", "loader"),
    "loader": ("build", "validation"),
    "validation": ("build", "loader"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("part", sorted(_FORBIDDEN))
def test_the_core_and_the_loader_import_no_job_they_do_not_do(part):
    package = REPO / "conflict_events"
    files = (
        [package / f"{part}.py"]
        if (package / f"{part}.py").is_file()
        else sorted((package / part).rglob("*.py"))
    )
    assert files
    wrong = [
        f"{file.relative_to(REPO)} imports {name}"
        for file in files
        for name in sorted(_imports(file))
        for other in _FORBIDDEN[part]
        if name == f"conflict_events.{other}" or name.startswith(f"conflict_events.{other}.")
    ]
    assert wrong == []


# The command line parses options and calls one function of a job's package: its modules
# import no library that does the work itself (files, data, processes, formats).
_CLI_IMPORTS = {"__future__", "enum", "pathlib", "typing", "typer", "rich", "conflict_events"}
_CLI_ENTRY_IMPORTS = {"os", "sys"}  # run(): the debug switch and the exit status


@pytest.mark.parametrize(
    "module", sorted((REPO / "conflict_events" / "cli").glob("*.py")), ids=lambda p: p.name
)
def test_the_command_line_only_parses_and_calls(module):
    allowed = _CLI_IMPORTS | (_CLI_ENTRY_IMPORTS if module.name == "__init__.py" else set())
    wrong = sorted(name for name in _imports(module) if name.split(".")[0] not in allowed)
    assert wrong == []
