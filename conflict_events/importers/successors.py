"""States UCDP names as they were when an event happened, and the states that have split
from them since. UCDP GED codes an event in the state of its day ("Serbia (Yugoslavia)"
for Kosovo in 1999, "Sudan" for today's South Sudan before 2011), so its point may lie in
a successor's outline: that is UCDP's coding, kept and flagged, not a wrong coordinate.
"""

from __future__ import annotations

from conflict_events.validation.geography import country_at

# The ISO code a UCDP country name becomes (importers.ucdp_ged.country_code) -> the codes,
# as the country outlines spell them, of the states that split from it later.
SUCCESSORS = {
    "SRB": {"SVN", "HRV", "BIH", "MKD", "MNE", "KOS"},  # Yugoslavia, Gleditsch-Ward 345
    "SDN": {"SSD"},  # Sudan, before South Sudan's independence in 2011
    "RUS": {  # the Soviet Union, Gleditsch-Ward 365
        "ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "TJK", "TKM",
        "UKR", "UZB",
    },
    "ETH": {"ERI"},  # Ethiopia, before Eritrea's independence in 1993
    "IDN": {"TLS"},  # Indonesia, before Timor-Leste's independence in 2002
    "PAK": {"BGD"},  # Pakistan, before Bangladesh's independence in 1971
}  # fmt: skip


def successor_at(state: str, latitude: float, longitude: float) -> str | None:
    """The name of the successor of `state` the point lies in, or None when it lies in no
    successor of it."""
    found = country_at(latitude, longitude)
    if found is None or found[0] not in SUCCESSORS.get(state, set()):
        return None
    return found[1]
