"""Synthetic packages: valid under every rule, shaped like the real data, deterministic,
and marked as synthetic."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from conflict_events.synth import synthesize
from conflict_events.validation import validate


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return synthesize(tmp_path_factory.mktemp("synth") / "package", 1_000, seed=7)


def test_every_rule_holds(small):
    assert validate(small) == []


def test_the_shape_of_the_real_data(small):
    folder = small.parent / "datasets"
    rows = {t: len(pd.read_csv(folder / f"{t}.csv")) for t in ("events", "event_sources")}
    links = len(pd.read_csv(folder / "event_actors.csv"))
    assert rows["events"] == 1_000
    assert 1.35 < rows["event_sources"] / 1_000 < 1.65  # about 1.5 pieces of evidence
    assert 1.8 < links / 1_000 < 2.1  # about 2 actors per event
    sources = pd.read_csv(folder / "sources.csv")
    assert len(sources) == 200  # a source per 5 events
    assert len(list((folder / "articles").iterdir())) == 200
    events = pd.read_csv(folder / "events.csv")
    assert events["fatalities_best"].isna().mean() > 0.5  # unknown stays empty


def test_marked_synthetic(small):
    descriptor = json.loads(small.read_text(encoding="utf-8"))
    assert descriptor["title"].startswith("SYNTHETIC")
    assert "synthetic" in descriptor["keywords"]
    assert "never use it for analysis" in descriptor["description"]


def test_same_seed_same_bytes_other_seed_other_data(small, tmp_path):
    again = synthesize(tmp_path / "again", 1_000, seed=7)
    other = synthesize(tmp_path / "other", 1_000, seed=8)
    for table in ("events", "event_actors", "event_sources", "locations"):
        name = f"datasets/{table}.csv"
        assert (again.parent / name).read_bytes() == (small.parent / name).read_bytes()
        assert (other.parent / name).read_bytes() != (small.parent / name).read_bytes()


def test_never_replaces_a_folder_that_is_not_synthetic(tmp_path):
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="exists and is not a synthetic package"):
        synthesize(keep, 10)
    assert (keep / "notes.txt").read_text() == "keep me"


def test_the_command(tmp_path):
    cli = [sys.executable, "-m", "conflict_events", "synth"]
    made = subprocess.run(
        [*cli, "--events", "50", "--out", str(tmp_path / "s"), "--inject-errors", "1"],
        capture_output=True,
        text=True,
    )
    assert (made.returncode, made.stdout) == (0, f"{tmp_path / 's' / 'datapackage.json'}\n")
    assert (tmp_path / "s" / "injected-errors.csv").is_file()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    refused = subprocess.run(
        [*cli, "--events", "50", "--out", str(tmp_path / "mine")], capture_output=True, text=True
    )
    assert refused.returncode == 2
    assert refused.stderr.endswith("exists and is not a synthetic package: name a new folder\n")


def test_too_few_rows_to_plant_leaves_nothing(tmp_path):
    with pytest.raises(ValueError, match="too few rows"):
        synthesize(tmp_path / "tiny", 3, inject_errors=1)
    assert not (tmp_path / "tiny").exists()
