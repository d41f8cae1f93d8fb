"""Drafting the events of an article for a contributor to confirm."""
