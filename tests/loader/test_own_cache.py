"""The test suite keeps to a cache of its own (tests/conftest.py), never the user's."""

import subprocess
import sys

import pooch
import pytest

import conflict_events as ce
from conflict_events.loader.sources import CACHE_ENV, cache_dir


def test_the_suite_cache_is_under_the_sessions_own_folder(own_cache, tmp_path_factory):
    assert cache_dir() == own_cache
    assert own_cache.is_relative_to(tmp_path_factory.getbasetemp())
    assert not own_cache.is_relative_to(pooch.os_cache("conflict-events"))


def test_commands_tests_run_inherit_it(own_cache):
    code = "from conflict_events.loader import cache_dir; print(cache_dir())"
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert said.stdout == f"{own_cache}\n"


def test_this_installs_release_is_built_into_it(own_cache):
    assert len(ce.load("events")) > 0
    assert list((own_cache / "local").glob("*/datapackage.json"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is the Linux convention")
def test_without_the_variable_the_cache_is_the_users_xdg_one(monkeypatch, tmp_path):
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "conflict-events"
