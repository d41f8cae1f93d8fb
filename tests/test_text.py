"""Values and names in reports: cut short, and every character that could break the line
or disguise it escaped."""

import json

from conflict_events.text import json_text, one_line, quoted, shown


def test_shown_escapes_line_breaks_controls_and_invisible_characters():
    assert shown("a\nb\r\tc\x1b[2K\x7f\x85") == "a\\nb\\r\\tc\\u001b[2K\\u007f\\u0085"
    assert shown("RLO\u202eLRI\u2066ZWSP\u200bBOM\ufeffLS\u2028") == (
        "RLO\\u202eLRI\\u2066ZWSP\\u200bBOM\\ufeffLS\\u2028"
    )
    assert shown("tag\U000e0041") == "tag\\udb40\\udc41"
    assert shown("bad\udcff byte") == "bad\\udcff byte"  # a file name's undecodable byte


def test_shown_leaves_ordinary_text_alone_and_cuts_long_text():
    assert shown("Ḥalab, 2020 — «ok» ") == "Ḥalab, 2020 — «ok» "
    assert shown("x" * 201) == "x" * 200 + "..."
    assert shown("x" * 20_000_000, 5) == "xxxxx..."


def test_quoted_is_a_json_string_with_nothing_invisible():
    value = "\u202eabc\n" + "z" * 100
    assert quoted(value) == '"\\u202eabc\\n' + "z" * 75 + '..."'
    assert json.loads(quoted(value)) == "\u202eabc\n" + "z" * 75 + "..."


def test_json_text_keeps_its_own_line_breaks():
    text = json_text({"a": "x\u200by\n"}, indent=2)
    assert text == '{\n  "a": "x\\u200by\\n"\n}'
    assert json.loads(text) == {"a": "x\u200by\n"}


def test_one_line_cuts_a_whole_message():
    assert one_line("error: " + "y" * 1000) == "error: " + "y" * 493 + "..."


def test_a_run_of_escapes_is_cut_as_shown_not_as_held():
    assert shown("\x01" * 1000, 20) == "\\u0001" * 3 + "..."
    assert len(one_line("hint: " + "\x01" * 10_000)) <= 503
    assert shown("ab\ncd", 4) == "ab\\n..."  # the line feed shows as two characters
