"""English number words, written once: the drafter reads counts with them (draft.counts)
and the accuracy check finds every number an article gives with them (draft.accuracy)."""

from __future__ import annotations

# zero .. nineteen, each at its own value
UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = {
    word: 10 * n
    for n, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
UNIT_VALUES = {word: n for n, word in enumerate(UNITS)}
