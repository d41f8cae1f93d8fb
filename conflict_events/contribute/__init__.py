"""Contributing: store an article as a source, find quotes in it, add events."""
