"""CONTRIBUTING.md's worked example, run as written on a package emptied of its data,
codes the seed's first event again, row for row."""

import csv
import re
import shlex
import shutil
import subprocess
import sys

from tests.conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
SEED_ARTICLE = REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt"


def guide_commands() -> list[list[str]]:
    """Every `conflict-events add-source/quote/new-*` line of the guide's sh blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE, flags=re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    wanted = ("add-source", "quote", "new-location", "new-actor", "new-event")
    return [
        shlex.split(line)[1:]
        for line in lines
        if line.startswith("conflict-events ") and line.split()[1] in wanted
    ]


def table(folder, name):
    with (folder / "datasets" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_worked_example_codes_the_seed_event_again(package):
    for csv_file in (package.root / "datasets").glob("*.csv"):
        header = csv_file.read_text(encoding="utf-8").splitlines()[0]
        csv_file.write_text(header + "\n", encoding="utf-8")
    shutil.rmtree(package.root / "datasets" / "articles")
    shutil.copy(SEED_ARTICLE, package.root / "article.txt")
    assert package.validate() == []

    commands = guide_commands()
    assert [c[0] for c in commands] == [
        "add-source",
        "quote",
        "new-location",
        *["new-actor"] * 4,
        "new-event",
    ]
    outputs = []
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "conflict_events", *command],
            cwd=package.root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{command[0]}: {result.stdout}{result.stderr}"
        outputs.append(result.stdout.strip())
    assert outputs[-1] == "added evt_00000001"  # as the guide says

    (event,) = table(package.root, "events")
    (seed_event, *_) = table(REPO, "events")
    assert event == seed_event
    names = {a["actor_id"]: a["name"] for a in table(package.root, "actors")}
    seed_names = {a["actor_id"]: a["name"] for a in table(REPO, "actors")}
    roles = [(names[r["actor_id"]], r["role"]) for r in table(package.root, "event_actors")]
    seed_roles = [
        (seed_names[r["actor_id"]], r["role"])
        for r in table(REPO, "event_actors")
        if r["event_id"] == "evt_00000001"
    ]
    assert roles == seed_roles
    seed_evidence = [r for r in table(REPO, "event_sources") if r["event_id"] == "evt_00000001"]
    for row in table(package.root, "event_sources"):  # each quote within a seed quote's words
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert any(
            int(s["quote_start"]) <= start and end <= int(s["quote_end"])
            for s in seed_evidence
            if row["attributed_to"] in s["attributed_to"]
        ), row
