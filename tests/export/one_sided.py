"""What the seed no longer holds since its 2012 background event was retired: an event with
one actor and no state force, made from its second event (the advance near Aleppo)."""

from dataclasses import replace

import pandas as pd

from conflict_events.export.selection import Selection

EVENT = "evt_00000002"
INSURGENTS = "act_000003"  # Syrian insurgents, a rebel group


def insurgents_alone(selection: Selection) -> Selection:
    """The selection with the second event's actors replaced by Syrian insurgents as actor1."""
    links = selection.event_actors
    alone = pd.DataFrame({"event_id": [EVENT], "actor_id": [INSURGENTS], "role": ["actor1"]})
    kept = links[links.event_id != EVENT]
    return replace(selection, event_actors=pd.concat([kept, alone.astype(links.dtypes)]))
