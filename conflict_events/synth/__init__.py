"""Synthetic packages: consistent, deterministic, clearly marked test data at any size."""

from conflict_events.synth.generate import synthesize
from conflict_events.synth.inject import RULE_CLASSES

__all__ = ["RULE_CLASSES", "synthesize"]
