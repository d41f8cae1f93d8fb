"""Allow `python -m conflict_events`."""

from conflict_events.cli import run

run()
