"""Anyone who holds an article's text can check the evidence a release publishes for it.

A release carries every quote with its offsets and, for every source, the SHA-256, size and
length of the stored text, but the text itself only where its licence allows. A reader who
saves an article from its URL or archived copy can put it in a folder and check it here:

- a file is matched to its source by its SHA-256, else by its name (`<source_id>.txt`);
- its bytes must have the SHA-256, size and length the release records, and every quote
  must stand at its offsets (the validator's own rule, `quote-verbatim`);
- a file whose bytes differ is still checked quote by quote, so the reader learns which
  quotes their copy bears out.

Texts the release carries are checked the same way. Problems are reported as the validator
reports them, one line each; rows are those of the release's CSV form (data/*.csv).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from conflict_events.loader.read import LoadError, Release, read_arrow
from conflict_events.releases.archive import sha256
from conflict_events.tables import row_number
from conflict_events.validation.evidence import outside, within
from conflict_events.validation.problems import Problem

LAYER = "evidence"
ARTICLES, EVIDENCE = "data/articles.csv", "data/event_sources.csv"


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    carried: int = 0  # texts the release carries, checked
    held: int = 0  # texts from the reader's folder, checked
    quotes: int = 0  # quotes checked
    unchecked: list[str] = field(default_factory=list)  # sources with no text to check

    @property
    def checked(self) -> int:
        return self.carried + self.held

    def nothing_to_check(self, version: str, folder: Path | None) -> str:
        """Why nothing was checked, and what to do."""
        held = (
            f" and no file in {folder} is one of its {len(self.unchecked)} article(s)"
            if folder
            else ""
        )
        return (
            f"nothing to check: release {version} carries no text{held}; name a folder of "
            "the texts you hold with --texts (a file is matched by its SHA-256, else named "
            "<source_id>.txt)"
        )

    def summary(self, version: str, folder: Path | None) -> str:
        """One line: what was checked, and whether the evidence holds."""
        where = f"{self.carried} carried by the release" + (
            f", {self.held} from {folder}" if folder else ""
        )
        verdict = f"{len(self.problems)} problem(s)" if self.problems else "the evidence holds"
        missing = f"; {len(self.unchecked)} without a text to check" if self.unchecked else ""
        return (
            f"release {version}: {self.checked} text(s) checked ({where}), {self.quotes} "
            f"quote(s): {verdict}{missing}"
        )


@dataclass(frozen=True)
class _Text:
    shown: str  # how reports name it
    content: bytes
    row: int  # the article's row in articles


def _unreadable(path: Path, exc: OSError) -> Problem:
    return Problem(
        str(path),
        None,
        None,
        "unreadable",
        exc.strerror or str(exc),
        "a file in the folder of texts cannot be read: fix or remove it",
        LAYER,
    )


def held_texts(folder: Path, outcome: Outcome) -> tuple[dict[str, Path], dict[str, Path]]:
    """Every readable file under `folder`, by SHA-256 and by name without its suffix; a
    file that cannot be read is reported, and the others still checked."""
    by_hash, by_name = {}, {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            by_hash.setdefault(sha256(path), path)
        except OSError as exc:
            outcome.problems.append(_unreadable(path, exc))
            continue
        by_name.setdefault(path.stem, path)
    return by_hash, by_name


def _texts(articles: pa.Table, folder: Path | None, outcome: Outcome) -> dict[str, _Text]:
    """The text to check for each source: the release's own, else the reader's."""
    by_hash, by_name = held_texts(folder, outcome) if folder is not None else ({}, {})
    found = {}
    for index, row in enumerate(articles.to_pylist()):
        source_id = row["source_id"]
        if row["text"] is not None:
            found[source_id] = _Text(
                f"{ARTICLES}:{row_number(index)}:text", row["text"].encode("utf-8"), index
            )
            outcome.carried += 1
            continue
        path = by_hash.get(row["article_sha256"]) or by_name.get(source_id)
        try:
            content = None if path is None else path.read_bytes()
        except OSError as exc:
            outcome.problems.append(_unreadable(path, exc))
            content = None
        if content is None:
            outcome.unchecked.append(source_id)
            continue
        found[source_id] = _Text(str(path), content, index)
        outcome.held += 1
    return found


def _article_problems(text: _Text, row: dict, decoded: str | None) -> list[Problem]:
    where = (ARTICLES, row_number(text.row))
    actual = hashlib.sha256(text.content).hexdigest()
    if actual != row["article_sha256"]:
        return [
            Problem(
                text.shown,
                None,
                None,
                "article-hash",
                actual,
                f"not the text {row['source_id']} was coded from (SHA-256 "
                f"{row['article_sha256']}, {row['article_bytes']} bytes): its quotes are "
                "checked against it as it is",
                LAYER,
            )
        ]
    if decoded is not None and len(decoded) != row["article_length"]:
        return [
            Problem(
                *where,
                "article_length",
                "article-length",
                str(row["article_length"]),
                f"the text is {len(decoded)} characters long: the release records it wrongly",
                LAYER,
            )
        ]
    return []


def _not_there(text: str, row: dict, shown: str) -> str:
    found = text.find(row["quote"])
    where = (
        f"the words stand at {found}-{found + len(row['quote'])} instead"
        if found >= 0
        else "the words are nowhere in it"
    )
    return f"not at {row['quote_start']}-{row['quote_end']} of {shown}: {where}"


def check_evidence(release: Release, folder: Path | None) -> Outcome:
    """Every quote of every source whose text the release carries or `folder` holds."""
    outcome = Outcome()
    articles = read_arrow(release, "articles")
    rows = {r["source_id"]: r for r in articles.to_pylist()}
    texts = _texts(articles, folder, outcome)
    decoded = {}
    for source_id, text in texts.items():
        try:
            decoded[source_id] = text.content.decode("utf-8")
        except UnicodeDecodeError as exc:
            decoded[source_id] = None
            outcome.problems.append(
                Problem(
                    text.shown,
                    None,
                    None,
                    "article-encoding",
                    f"byte {exc.start}",
                    "not UTF-8 text: save the article as UTF-8",
                    LAYER,
                )
            )
        outcome.problems += _article_problems(text, rows[source_id], decoded[source_id])
    evidence = read_arrow(
        release, "event_sources", columns=["source_id", "quote", "quote_start", "quote_end"]
    )
    for index, row in enumerate(evidence.to_pylist()):
        text = decoded.get(row["source_id"])
        if text is None:
            continue
        outcome.quotes += 1
        start, end = row["quote_start"], row["quote_end"]
        shown = texts[row["source_id"]].shown
        if not within(start, end, len(text)):
            outcome.problems.append(
                Problem(
                    EVIDENCE,
                    row_number(index),
                    "quote_start,quote_end",
                    "quote-offsets",
                    f"{start}-{end}",
                    f"{outside(start, end, len(text))} of {shown}",
                    LAYER,
                )
            )
        elif text[start:end] != row["quote"]:
            outcome.problems.append(
                Problem(
                    EVIDENCE,
                    row_number(index),
                    "quote",
                    "quote-verbatim",
                    row["quote"],
                    _not_there(text, row, shown),
                    LAYER,
                )
            )
    return outcome


def check_release(
    source: str | None, version: str | None, folder: Path | None
) -> tuple[Release, Outcome]:
    """The release `source` or `version` names (see loader.sources.resolve) and the check
    of its evidence; LoadError when it, or the folder of texts, cannot be read."""
    from conflict_events.loader.sources import resolve

    if folder is not None and not folder.is_dir():
        raise LoadError(f"{folder}: no such folder of article texts")
    release = resolve(source, version)
    return release, check_evidence(release, folder)
