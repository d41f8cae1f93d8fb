"""The build shows its steps on a terminal and says nothing on stderr elsewhere."""

import os
import subprocess
import sys

from tests.conftest import REPO


def test_steps_shown_on_a_terminal(tmp_path):
    leader, follower = os.openpty()
    env = os.environ | {"COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "conflict_events", "build", "--out", str(tmp_path / "d")],
        cwd=REPO,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the build ended
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=120)
    os.close(leader)
    shown = output.decode(errors="replace")
    assert process.returncode == 0
    for step in ("validate: done", "table events: done", "view events_flat: done", "publish: done"):
        assert step in shown


def test_quiet_when_not_a_terminal(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "conflict_events", "build", "--out", str(tmp_path / "d")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.strip() == str(tmp_path / "d")
