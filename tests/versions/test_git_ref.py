"""The package at a git revision, exported without touching the work tree."""

import pytest

from conflict_events.metadata import PackageError
from conflict_events.versions.git_ref import package_at
from tests.conftest import copy_package, git


def test_a_package_in_a_subfolder_as_it_was(tmp_path):
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    package = copy_package(repo / "data")
    git(repo, "init", "-q")
    (repo / "README").write_text("outside the package\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    committed = package.csv_path("events").read_bytes()
    package.set("events", 2, "summary", "changed after the commit")
    with package_at("HEAD", package.descriptor) as old:
        assert old.name == "datapackage.json"
        assert (old.parent / "datasets" / "events.csv").read_bytes() == committed
        assert not (old.parent / "README").exists()  # only the package's folder
    assert package.cell("events", 2, "summary") == "changed after the commit"


def test_a_revision_without_the_package(package):
    git(package.root, "init", "-q")
    (package.root / "README").write_text("no package yet\n")
    git(package.root, "add", "README")
    git(package.root, "commit", "-qm", "before the package")
    missing = r"^HEAD has no datapackage\.json in the top folder$"
    with pytest.raises(PackageError, match=missing), package_at("HEAD", package.descriptor):
        pass


def test_validate_lists_nothing_when_the_base_has_no_package(package):
    from typer.testing import CliRunner

    from conflict_events.cli import app

    git(package.root, "init", "-q")
    (package.root / "README").write_text("no package yet\n")
    git(package.root, "add", "README")
    git(package.root, "commit", "-qm", "before the package")
    result = CliRunner().invoke(
        app, ["validate", str(package.descriptor), "--changed-since", "HEAD"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "changes since HEAD:\n  not listed: HEAD has no datapackage.json in the top folder\n"
    )
