"""Check a release's evidence against article texts: those it carries, and those a reader
holds."""
