"""The release folder: only an empty folder or an earlier release is ever replaced."""

import pytest

from conflict_events.atomic import clean_leftovers
from conflict_events.build import BuildSetupError, build_release


def test_the_package_folder_itself_is_refused(package):
    (package.root / "NOTES.md").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildSetupError, match="holds the data package itself"):
        build_release(package.descriptor, package.root, show_progress=False)
    assert (package.root / "NOTES.md").read_text(encoding="utf-8") == "mine"


def test_a_folder_that_is_not_a_release_is_refused(package, tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(BuildSetupError, match="is not a release made by build"):
        build_release(package.descriptor, other, show_progress=False)
    assert (other / "holiday.jpg").read_bytes() == b"\xff\xd8"


def test_a_file_is_refused(package, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(BuildSetupError, match="is a file"):
        build_release(package.descriptor, target, show_progress=False)
    assert target.read_text(encoding="utf-8") == "keep"


def test_an_earlier_release_and_an_empty_folder_are_replaced(package, tmp_path):
    (tmp_path / "empty").mkdir()
    build_release(package.descriptor, tmp_path / "empty", show_progress=False)
    build_release(package.descriptor, tmp_path / "empty", show_progress=False)
    assert (tmp_path / "empty" / "SHA256SUMS").is_file()


def test_only_leftovers_of_builds_are_cleaned(tmp_path):
    out = tmp_path / "dist"
    (tmp_path / ".dist.tmp-999999999").mkdir()  # a dead build's folder
    (tmp_path / ".dist9.backup-2024").mkdir()  # someone else's
    (tmp_path / ".dist.tmp-notes").mkdir()
    clean_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.tmp-notes", ".dist9.backup-2024"]


def test_bad_source_date_epoch_is_a_setup_error(package, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildSetupError, match="SOURCE_DATE_EPOCH"):
        build_release(package.descriptor, tmp_path / "d", show_progress=False)
    assert not (tmp_path / "d").exists()
