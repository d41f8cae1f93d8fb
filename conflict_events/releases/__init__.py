"""The release format that building, loading and versioning share: the files of a
release and their names, checksums and manifest, checking a release against them, and
publishing a folder whole or not at all."""
