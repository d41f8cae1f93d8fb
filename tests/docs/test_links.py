"""Every relative link of README.md, CONTRIBUTING.md and docs/*.md lands: on a file that
exists and, for a Markdown file, on one of its headings."""

import re
from pathlib import Path

import pytest

from conflict_events.docs.markdown import headings
from tests.conftest import REPO
from tests.docs.pages import PAGES, read

_FENCED = re.compile(r"^```.*?^```", flags=re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", flags=re.IGNORECASE)


def links(document: str) -> list[str]:
    """Each link target outside code, as written."""
    prose = _CODE_SPAN.sub("", _FENCED.sub("", document))
    return _LINK.findall(prose)


def anchors(page: Path) -> set[str]:
    return {heading.anchor for heading in headings(read(page))}


def broken(page: Path) -> list[str]:
    problems = []
    for target in links(read(page)):
        if _SCHEME.match(target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.is_file():
            problems.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            problems.append(f"{target}: no such heading")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_every_relative_link_lands(page):
    assert broken(page) == []


def test_a_broken_link_is_found(tmp_path):
    (tmp_path / "here.md").write_text("# Here\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n[a](here.md) [b](here.md#here) [c](missing.md) [d](here.md#gone) [e](#page)\n"
        "[f](#nowhere) [g](https://example.org/x) `[h](not-a-link.md)`\n"
        "```sh\n[i](not-a-link-either.md)\n```\n",
        encoding="utf-8",
    )
    assert broken(page) == [
        "missing.md: no such file",
        "here.md#gone: no such heading",
        "#nowhere: no such heading",
    ]
