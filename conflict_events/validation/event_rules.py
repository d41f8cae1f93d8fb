"""Semantic rules on events: fatality ranges, date order and sources, vocabulary hierarchy."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_events.validation.columns import arrow_table
from conflict_events.validation.context import Context
from conflict_events.validation.problems import Problem, cell_text

LAYER = "cross-table"
_FATALITIES = ("fatalities_low", "fatalities_best", "fatalities_high")


def fatalities_order(context: Context) -> Iterator[Problem]:
    """fatalities_low <= fatalities_best <= fatalities_high wherever both numbers are given."""
    events = context.table("events")
    if events is None or not set(_FATALITIES) <= set(events.typed):
        return
    counts = events.typed[list(_FATALITIES)]
    reported = pd.Series(False, index=counts.index)
    for smaller, larger in (_FATALITIES[:2], _FATALITIES[1:], _FATALITIES[::2]):
        wrong = (counts[smaller] > counts[larger]).fillna(False).astype(bool) & ~reported
        reported |= wrong
        for index in counts.index[wrong]:
            yield events.problem(
                index,
                smaller,
                "fatalities-order",
                f"{smaller} ({counts.at[index, smaller]}) is above {larger} "
                f"({counts.at[index, larger]}): low <= best <= high",
                LAYER,
            )


def date_order(context: Context) -> Iterator[Problem]:
    """An event does not end before it starts."""
    events = context.table("events")
    if events is None or not {"event_date", "event_date_end"} <= set(events.typed):
        return
    dates = events.typed
    wrong = (dates["event_date_end"] < dates["event_date"]).fillna(False).astype(bool)
    for index in dates.index[wrong]:
        yield events.problem(
            index,
            "event_date_end",
            "date-order",
            f"the event ends before it starts ({cell_text(dates.at[index, 'event_date'])}): "
            "event_date_end must be on or after event_date",
            LAYER,
        )


def _cited(evidence: pd.DataFrame, sources: pd.DataFrame) -> pa.Table:
    """(event_id, source_id, published_date) for each evidence row with a dated source."""
    cited = arrow_table(evidence, ["event_id", "source_id"]).join(
        arrow_table(sources, ["source_id", "published_date"]), "source_id"
    )
    return cited.filter(pc.is_valid(cited["published_date"]))


def _first_publication(events: pd.DataFrame, cited: pa.Table) -> pd.DataFrame:
    """Each event's dates beside the earliest publication of a source citing it, on the
    events' row labels; events without a dated source are left out. Joined and grouped by
    Arrow: pandas' merges of 1M text keys took seconds."""
    first = cited.group_by("event_id").aggregate([("published_date", "min")])
    dated = arrow_table(events, ["event_id", "event_date", "event_date_end"]).append_column(
        "row", pa.array(events.index.to_numpy())
    )
    joined = dated.join(first, "event_id", join_type="inner").to_pandas()
    joined = joined.rename(columns={"published_date_min": "published_date"})
    return joined.set_index("row").sort_index().rename_axis(None)


def _first_sources(cited: pa.Table, event_ids: list[str]) -> dict[str, str]:
    """For these events, the source published first (the lowest ID among ties)."""
    rows = cited.filter(pc.is_in(cited["event_id"], pa.array(event_ids, pa.string()))).to_pandas()
    rows = rows.sort_values(["published_date", "source_id"]).drop_duplicates("event_id")
    return dict(zip(rows["event_id"], rows["source_id"], strict=True))


def dated_before_sources(context: Context) -> Iterator[Problem]:
    """No event is dated after the publication of a source that reports it."""
    events, evidence, sources = (context.table(n) for n in ("events", "event_sources", "sources"))
    if events is None or evidence is None or sources is None:
        return
    cited = _cited(evidence.typed, sources.typed)
    joined = _first_publication(events.typed, cited)
    late = {
        column: joined.index[(joined[column] > joined["published_date"]).fillna(False)]
        for column in ("event_date", "event_date_end")
    }
    named = _first_sources(
        cited, [joined.at[i, "event_id"] for rows in late.values() for i in rows]
    )
    for column, rows in late.items():
        for index in rows:
            yield events.problem(
                index,
                column,
                "date-after-publication",
                f"source {named[joined.at[index, 'event_id']]}, which reports this event, was "
                f"published on {cell_text(joined.at[index, 'published_date'])}: date the event "
                "when it happened, on or before that",
                LAYER,
            )


def category_parents(context: Context) -> Iterator[Problem]:
    """A code whose category names a parent (sub-event type) sits under that parent's code."""
    for table in context.tables.values():
        for field in table.resource.schema.fields:
            parent_field = field.parent_field
            if parent_field is None or not {field.name, parent_field} <= set(table.typed):
                continue
            parents = {c["value"]: c.get("parent") for c in field.categories}
            pairs = table.typed[[field.name, parent_field]].dropna()
            expected = pairs[field.name].map(parents)
            wrong = expected.notna() & (expected != pairs[parent_field])
            for index in pairs.index[wrong]:
                yield table.problem(
                    index,
                    field.name,
                    field.name.replace("_", "-"),
                    f"'{pairs.at[index, field.name]}' belongs to {parent_field} "
                    f"'{expected[index]}', not '{pairs.at[index, parent_field]}': fix one of the two",
                    LAYER,
                )
