"""A file is replaced whole or not at all, keeping the permissions of the one it replaces."""

import os
import stat

import pytest

from conflict_events import atomic


def test_write_file_replaces_whole_and_keeps_the_mode(tmp_path):
    target = tmp_path / "codebook.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic.write_file(target, "new é")
    assert target.read_text(encoding="utf-8") == "new é"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["codebook.md"]


def test_a_new_file_gets_the_mode_a_plain_open_gives(tmp_path):
    previous = os.umask(0o027)
    try:
        atomic.write_file(tmp_path / "new.bin", b"\x00\x01")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.bin").read_bytes() == b"\x00\x01"
    assert stat.S_IMODE((tmp_path / "new.bin").stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_leftover(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.written(target) as file:
        file.write(b"half")
        raise RuntimeError("stopped")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_settle_keeps_the_folder_another_process_put_there_first(tmp_path):
    mine, theirs = tmp_path / "mine", tmp_path / "release"
    mine.mkdir()
    (mine / "a").write_text("mine", encoding="utf-8")
    assert atomic.settle(mine, tmp_path / "new") is True
    (tmp_path / "new").rename(mine)
    theirs.mkdir()
    (theirs / "a").write_text("theirs", encoding="utf-8")
    assert atomic.settle(mine, theirs) is False
    assert (theirs / "a").read_text(encoding="utf-8") == "theirs" and mine.is_dir()
