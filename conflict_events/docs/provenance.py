"""The codebook's account of how evidence and claims are recorded. Each [[table.field]]
becomes a link, and the codebook refuses to render one the schemas lack, so the prose cannot
go on naming a field that was renamed or removed. What it says the validator checks is what
conflict_events/validation/evidence.py, keys.py and event_rules.py check."""

PROVENANCE = """
Every event can be followed back to the words that report it. The trail runs through
the tables named below, and `conflict-events validate` checks every link of it on each
change.

**The stored article.** The repository keeps each article itself, not only its address:
[[sources.article_path]] names a UTF-8 text file inside the package, and
[[sources.article_sha256]] is the SHA-256 of that file's bytes. The text remains its
publisher's; [[sources.text_licence]] records the terms it may be copied on, and
[[sources.archive_url]] an archived copy of it. The validator reports a path
that leads out of the package, a missing file, a file that is not UTF-8 and a file whose
SHA-256 is not the one recorded, so the text the quotes were taken from cannot change
unnoticed. [[sources.url]] and [[sources.published_date]] say where and when it was
published, and no event is dated after the publication of a source that reports it.

**The claim.** A row of [[event_sources]] is one piece of evidence for one event:
[[event_sources.quote]] holds the supporting words as the article has them, and
[[event_sources.quote_start]] and [[event_sources.quote_end]] are the character offsets
(0-based, in the decoded text) between which they stand. The validator checks that the stored
text between those offsets is the quote, character for character, and when it is not, says
where the words stand if they are in the article at all. [[event_sources.attributed_to]]
records who made the claim, as the article names them: a monitoring group, a state news
agency, or the publisher when the article speaks in its own voice. Sources that disagree
each keep their own row, and every event needs at least one such row.

**Identifiers.** An ID is never given to another row. A source, location, actor or event
that is withdrawn is listed in [[retired_ids]] with [[retired_ids.table]],
[[retired_ids.retired_on]], [[retired_ids.reason]] and, where one exists,
[[retired_ids.successor_id]]; the validator reports a retired ID that is in use again and a
successor that does not exist.

**Releases.** `conflict-events build` validates the package first and publishes nothing if it
is invalid. A release publishes every quote with its offsets and, in its `articles` table,
each text's SHA-256, size and length, but the text itself only where [[sources.text_licence]]
allows: `conflict-events check-evidence` checks the quotes against the texts a release
carries and those a reader saved from [[sources.url]] or [[sources.archive_url]]. A
release's `datapackage.json` records each table's `sha256:` hash (and, when it was built in
a git work tree, the commit), `SHA256SUMS` and `MANIFEST.csv` every file's SHA-256 and size,
and `conflict-events-<version>.sha256` each zip's. `conflict-events verify` or
`sha256sum -c SHA256SUMS` checks the files against them, and the loader checks a release
against its records on its first load.
"""
