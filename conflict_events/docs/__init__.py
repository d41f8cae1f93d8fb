"""Documentation generated from the data package, so it cannot drift from the schemas."""
