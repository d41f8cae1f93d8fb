"""The refused characters, defined once: their names, the engines' class and the cleaning."""

import unicodedata

from conflict_events import characters


def test_the_control_characters_are_exactly_unicode_category_cc():
    control = {p for low, high in characters.CONTROL for p in range(low, high + 1)}
    assert control == {p for p in range(0x110000) if unicodedata.category(chr(p)) == "Cc"}


def test_every_c0_name_is_the_unicode_name_alias_of_its_character():
    for point, name in enumerate(characters._C0):
        assert unicodedata.lookup(name) == chr(point)
    assert characters.describe("\x7f") == "U+007F DELETE"
    assert characters.describe("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"


def test_the_engine_class_is_written_with_escapes_both_engines_read():
    assert characters.engine_class(characters.LINE_BREAKS) == (
        r"[\x{0}-\x{8}\x{B}-\x{1F}\x{7F}-\x{9F}\x{200B}-\x{200D}\x{202A}-\x{202E}"
        r"\x{2060}\x{2066}-\x{2069}\x{FEFF}]"
    )


def test_names_compare_without_case_compatibility_forms_or_invisible_characters():
    stored = characters.comparable("Military Forces of Syria")
    assert characters.comparable(" military forces of syria\u200b") == stored
    assert characters.comparable("\uff2dilitary Forces\u2066 of Syria") == stored
    assert characters.comparable("Military  Forces of\u00a0Syria") == stored
    assert characters.comparable("Military Force of Syria") != stored
