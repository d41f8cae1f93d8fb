"""Synthetic packages: consistent, deterministic, clearly marked test data at any size."""

from conflict_events.synth.generate import synthesize
from conflict_events.synth.inject import RULE_CLASSES, UNPLANTABLE

__all__ = ["RULE_CLASSES", "UNPLANTABLE", "synthesize"]
