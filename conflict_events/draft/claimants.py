"""Who says what a sentence reports: "X said", "according to X", "said X"; else the
article's credit line."""

from __future__ import annotations

import re

_SPEAKER = r"((?:[A-Z\"'“]|the |a |an |local |state |residents|witnesses|officials|activists)[^,.;:\"”]{1,90}?)"
_PATTERNS = [
    re.compile(r"\baccording to " + _SPEAKER + r"(?=[,.;]|$)", re.I),
    re.compile(r"^" + _SPEAKER + r" (?:said|says|reported|told|announced|claimed|confirmed)\b"),
    re.compile(r",\s*" + _SPEAKER + r" (?:said|says|reported|told \w+)[.,]?[\"”]?$"),
    re.compile(r"[,\"”] (?:said|says) " + _SPEAKER + r"(?=[,.;]|$)"),
    re.compile(r"(?:^|\. )" + _SPEAKER + r" (?:said|says|reported|told)\b"),
]


def _parts(speaker: str) -> list[str]:
    parts = re.split(r",? and |, ", speaker.strip())
    return [re.sub(r"^(?:the|a|an) ", "", p.strip(), flags=re.I) for p in parts if p.strip()]


def claimant_of(sentence: str, credit: str) -> str:
    """The claimants named in the sentence, joined by '; ', or the article's credit."""
    for pattern in _PATTERNS:
        match = pattern.search(sentence)
        if match:
            return "; ".join(_parts(match.group(1)))
    return credit
