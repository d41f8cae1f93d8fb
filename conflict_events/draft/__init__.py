"""Drafts of the events an article reports, for a contributor to confirm."""
