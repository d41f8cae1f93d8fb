"""Text cells a spreadsheet would run as a formula are rejected."""

import pytest


@pytest.mark.parametrize("start", ["=", "+", "@", "\t"])
def test_formula_start_in_a_text_cell(package, start):
    package.set("events", 2, "summary", f'{start}HYPERLINK("http://example.org")')
    assert package.report() == [("datasets/events.csv", 2, "summary", "formula-injection")]


def test_formula_start_in_a_list_cell(package):
    package.set("actors", 2, "aliases", "=cmd|x;regime forces")
    assert package.report() == [("datasets/actors.csv", 2, "aliases", "formula-injection")]


def test_minus_sign_in_text_is_allowed(package):
    package.set("events", 2, "notes", "-5 km from the town, as reported.")
    assert package.report() == []


def test_a_carriage_return_at_the_start_is_reported_once_as_a_character(package):
    package.set("events", 2, "summary", "\rHYPERLINK")
    assert package.report() == [("datasets/events.csv", 2, "summary", "text-character")]


def test_a_tab_at_the_start_of_a_one_line_field_is_reported_once_as_a_character(package):
    package.set("actors", 2, "name", "\tMilitary Forces of Syria")
    assert package.report() == [("datasets/actors.csv", 2, "name", "text-character")]
