"""The plain-text article format: read exactly, refused with the line to fix."""

import pytest

from conflict_events.contribute.article import ArticleError, read_article
from tests.conftest import REPO

SEED = REPO / "datasets" / "articles" / "000_0625744bc0b20f8b.txt"
FICTIONAL = (REPO / "tests" / "contribute" / "fixtures" / "fictional_article.txt").read_bytes()


def test_seed_article_reads_back_byte_for_byte():
    article = read_article(SEED.read_bytes())
    assert (article.published.isoformat(), article.section, article.credit) == (
        "2020-01-28",
        "Fast News",
        "TRTWorld and agencies",
    )
    assert article.data == SEED.read_bytes()


def test_windows_line_ends_and_a_bom_are_normalised():
    article = read_article(b"\xef\xbb\xbf" + FICTIONAL.replace(b"\n", b"\r\n"))
    assert article.data == FICTIONAL


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "article: the file is empty"),
        (
            FICTIONAL.replace(b" date 2024-05-14", b"2024-05-14"),
            "article:1: the first line must be ' date YYYY-MM-DD <section>'",
        ),
        (
            FICTIONAL.replace(b"2024-05-14", b"2024-02-30"),
            "article:1: '2024-02-30' is not a real date",
        ),
        (
            FICTIONAL.replace(b"Source: Example Wire", b"Example Wire"),
            "article:9: the last line must be 'Source: <credit>'",
        ),
        (b" date 2024-05-14 World\n\nSource: Example Wire\n", "there is no paragraph"),
        (FICTIONAL.replace(b"\xe2\x80\x9c", b"\x93"), "is not UTF-8 text; save the file as UTF-8"),
    ],
)
def test_malformed_articles_say_what_to_fix(raw, message):
    with pytest.raises(ArticleError) as error:
        read_article(raw)
    assert message in str(error.value)


def test_invisible_and_control_characters_are_cleaned_before_anything_is_hashed():
    """Zero-width characters, bidirectional controls and control characters but tab and LF
    are removed; lone CR becomes LF; tabs and every other character are kept (no NFC)."""
    dirty = FICTIONAL.decode("utf-8")
    first_break = dirty.index("\n\n")
    dirty = (
        dirty[:first_break]
        + "\r\r"
        + dirty[first_break + 2 :].replace("shelled", "shel\u200bled\u202e\x00\x7f\x85\ufeff", 1)
    )
    dirty = dirty.replace("Sampleton", "Sample\u2066ton\u2069\u2060", 1)
    article = read_article(dirty.encode("utf-8"))
    assert article.data == FICTIONAL


def test_a_tab_and_decomposed_letters_are_stored_as_they_are():
    text = FICTIONAL.decode("utf-8").replace("Sampleton", "Sample\tto\u0301n", 1)
    assert read_article(text.encode("utf-8")).text == text
