"""`conflict-events docs`: writes the codebook, and with --check says in one line whether
the committed one is out of date."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from conflict_events.cli import app
from tests.conftest import REPO


def docs(*args: str):
    return CliRunner().invoke(app, ["docs", *args])


def test_the_repositorys_codebook_is_up_to_date():
    result = docs(str(REPO / "datapackage.json"), "--check")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("codebook.md: up to date")


def test_write_then_check_then_a_schema_change_is_caught(package):
    shutil.copy(REPO / "CONTRIBUTING.md", package.root)
    target = package.root / "docs" / "codebook.md"
    result = docs(str(package.descriptor), "--check")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("codebook.md is missing: run conflict-events docs")
    assert not target.exists()

    assert docs(str(package.descriptor)).exit_code == 0
    assert target.read_text(encoding="utf-8") == (REPO / "docs" / "codebook.md").read_text(
        encoding="utf-8"
    )
    assert docs(str(package.descriptor), "--check").exit_code == 0

    def retitle(descriptor):
        descriptor["resources"][0]["title"] = "Articles"

    package.edit_descriptor(retitle)
    result = docs(str(package.descriptor), "--check")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is out of date" in result.stderr


def test_links_are_relative_to_where_the_codebook_is_written(package):
    shutil.copy(REPO / "CONTRIBUTING.md", package.root)
    out = package.root / "codebook.md"
    assert docs(str(package.descriptor), "--out", str(out)).exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert "](./CONTRIBUTING.md#5-code-each-event)" in written
    assert "](./schemas/events.schema.json)" in written


def test_without_the_guide_one_error_line(package):
    result = docs(str(package.descriptor))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot read ") and "CONTRIBUTING.md" in line


def test_an_unreadable_schema_is_one_error_line(package):
    shutil.copy(REPO / "CONTRIBUTING.md", package.root)
    (package.root / "schemas" / "events.schema.json").write_text("{", encoding="utf-8")
    result = docs(str(package.descriptor))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: table events: schema file schemas/events.schema.json")
