"""Text cells a spreadsheet would run as a formula are rejected; real values that only begin
with @, - or + (a handle, a signed number, prose) are kept."""

import pytest


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_formula_start_in_a_text_cell(package, start):
    package.set("events", 2, "summary", f'{start}HYPERLINK("http://example.org")')
    assert package.report() == [("datasets/events.csv", 2, "summary", "formula-injection")]


def test_the_one_line_report_of_a_refused_formula(package):
    package.set("sources", 2, "publisher", "@SUM(1+1)*cmd|' /C calc'!A0")
    [problem] = package.validate()
    assert problem.as_line() == (
        "datasets/sources.csv:2:publisher  formula-injection  "
        "\"@SUM(1+1)*cmd|' /C calc'!A0\"  "
        "a spreadsheet would run this cell as a formula: remove the leading =, +, -, @ or tab, "
        "or reword the cell"
    )


@pytest.mark.parametrize(
    "formula",
    [
        "=MENASTREAM",  # '=' is refused whatever follows
        "=",
        "+A1",  # shows another cell
        "-2+3",  # arithmetic: shows 1
        "@A1",
        "--5",
        "+ $B$2 * 2",
        "-Sheet1!A1",
        "@SUM(A1:A9)",  # a Lotus-style function call
        "-cmd|' /C calc'!A0",  # DDE
        "+x=1",
    ],
)
def test_what_a_spreadsheet_runs_is_refused(package, formula):
    package.set("sources", 2, "publisher", formula)
    assert package.report() == [("datasets/sources.csv", 2, "publisher", "formula-injection")]


@pytest.mark.parametrize(
    "value", ["@MENASTREAM", "@UN_News", "-12", "+3.5", "-0.25", "-5%", "- an aside"]
)
def test_real_values_starting_with_a_sign_or_at_are_accepted(package, value):
    package.set("sources", 2, "publisher", value)
    assert package.report() == []


def test_formula_start_in_a_list_cell(package):
    package.set("actors", 2, "aliases", "=cmd|x;regime forces")
    assert package.report() == [("datasets/actors.csv", 2, "aliases", "formula-injection")]


def test_a_handle_in_a_list_cell_is_accepted(package):
    package.set("actors", 2, "aliases", "@MENASTREAM;regime forces")
    assert package.report() == []


def test_minus_sign_in_text_is_allowed(package):
    package.set("events", 2, "notes", "-5 km from the town, as reported.")
    assert package.report() == []


def test_a_carriage_return_at_the_start_is_reported_once_as_a_character(package):
    package.set("events", 2, "summary", "\rHYPERLINK")
    assert package.report() == [("datasets/events.csv", 2, "summary", "text-character")]


def test_a_tab_at_the_start_of_a_one_line_field_is_reported_once_as_a_character(package):
    package.set("actors", 2, "name", "\tMilitary Forces of Syria")
    assert package.report() == [("datasets/actors.csv", 2, "name", "text-character")]
