"""Semantic rules on events: fatality ranges, date order and sources, vocabulary hierarchy."""

from __future__ import annotations

from collections.abc import Iterator

import ibis
import ibis.expr.types as ir

from conflict_events.metadata.reading import Context
from conflict_events.tables import ROW
from conflict_events.validation.problems import Problem, at_rows, cell_text
from conflict_events.validation.registry import rule
from conflict_events.validation.severity import relaxed

LAYER = "cross-table"
_FATALITIES = ("fatalities_low", "fatalities_best", "fatalities_high")
_DATES = ("event_date", "event_date_end")


@rule(
    "fatalities-order",
    LAYER,
    "fatalities_low <= fatalities_best <= fatalities_high wherever both numbers are given",
)
def fatalities_order(context: Context) -> Iterator[Problem]:
    events = context.table("events")
    if events is None or not set(_FATALITIES) <= set(events.typed.columns):
        return
    counts = events.typed
    reported = ibis.literal(False)
    for smaller, larger in (_FATALITIES[:2], _FATALITIES[1:], _FATALITIES[::2]):
        above = (counts[smaller] > counts[larger]).fill_null(False)
        yield from at_rows(
            events,
            counts.filter(above & ~reported),
            smaller,
            "fatalities-order",
            lambda row, smaller=smaller, larger=larger: (
                f"{smaller} ({row[smaller]}) is above {larger} ({row[larger]}): low <= best <= high"
            ),
            LAYER,
            smaller,
            larger,
        )
        reported = reported | above


@rule("date-order", LAYER, "An event does not end before it starts")
def date_order(context: Context) -> Iterator[Problem]:
    events = context.table("events")
    if events is None or not {"event_date", "event_date_end"} <= set(events.typed.columns):
        return
    dates = events.typed
    yield from at_rows(
        events,
        dates.filter((dates.event_date_end < dates.event_date).fill_null(False)),
        "event_date_end",
        "date-order",
        lambda row: (
            f"the event ends before it starts ({cell_text(row['event_date'])}): "
            "event_date_end must be on or after event_date"
        ),
        LAYER,
        "event_date",
    )


def _cited(evidence: ir.Table, sources: ir.Table) -> ir.Table:
    """(event_id, source_id, published_date) for each evidence row with a dated source."""
    dated = sources.filter(sources.published_date.notnull()).select("source_id", "published_date")
    return evidence.select("event_id", "source_id").join(dated, "source_id")


@rule(
    "date-after-publication",
    LAYER,
    "No event is dated after the publication of a source that reports it",
)
def dated_before_sources(context: Context) -> Iterator[Problem]:
    events, evidence, sources = (context.table(n) for n in ("events", "event_sources", "sources"))
    if events is None or evidence is None or sources is None:
        return
    cited = _cited(evidence.typed, sources.typed)
    first = cited.group_by("event_id").aggregate(first_published=cited.published_date.min())
    # The source published first, the lowest ID among ties, names the event's publication.
    earliest = cited.join(first, "event_id").filter(lambda t: t.published_date == t.first_published)
    named = earliest.group_by("event_id").aggregate(first_source=earliest.source_id.min())
    dated = events.typed.join(first, "event_id").join(named, "event_id")
    late = {c: (dated[c] > dated.first_published).fill_null(False) for c in _DATES}
    marked = dated.select(
        ROW, "first_source", "first_published", **{f"late_{c}": late[c] for c in _DATES}
    )
    found = marked.filter(ibis.or_(*[marked[f"late_{c}"] for c in _DATES]))
    rows = events.failing(
        found, None, "first_source", "first_published", *(f"late_{c}" for c in _DATES)
    )
    if not rows:
        return
    written = events.raw
    cells = written.filter(written[ROW].isin([r[ROW] for r in rows])).select(ROW, *_DATES)
    text = {r[ROW]: r for r in cells.to_pyarrow().to_pylist()}
    for column in _DATES:
        for row in rows:
            if not row[f"late_{column}"]:
                continue
            yield Problem(
                events.file,
                row[ROW],
                column,
                "date-after-publication",
                text[row[ROW]][column] or "",
                f"source {row['first_source']}, which reports this event, was published on "
                f"{cell_text(row['first_published'])}: date the event when it happened, on "
                "or before that",
                LAYER,
            )


@rule(
    "sub-event-type",
    LAYER,
    "A code whose category names a parent (sub-event type) sits under that parent's code",
)
def category_parents(context: Context) -> Iterator[Problem]:
    """(The id reported is the field's name with dashes: sub-event-type.)"""
    for table in context.tables.values():
        for field in table.resource.schema.fields:
            parent_field = field.parent_field
            columns = set(table.typed.columns)
            if parent_field is None or not {field.name, parent_field} <= columns:
                continue
            parents = {c["value"]: c.get("parent") for c in field.categories}
            typed = table.typed
            pairs = typed.filter(typed[field.name].notnull() & typed[parent_field].notnull())
            expected = pairs[field.name].substitute(parents, else_=ibis.null("string"))
            marked = pairs.mutate(_expected=expected)
            wrong = marked.filter(
                marked._expected.notnull() & (marked._expected != marked[parent_field])
            )
            yield from at_rows(
                table,
                wrong,
                field.name,
                field.name.replace("_", "-"),
                lambda row, name=field.name, parent=parent_field: (
                    f"'{row[name]}' belongs to {parent} '{row['_expected']}', "
                    f"not '{row[parent]}': fix one of the two"
                ),
                LAYER,
                field.name,
                parent_field,
                "_expected",
            )


@rule(
    "source-flag",
    LAYER,
    "An event flags only rules its package relaxes to warnings (x-warnings): curated events none",
)
def source_flags(context: Context) -> Iterator[Problem]:
    """A flag says "the source has it so", which only a package that keeps its source's
    records (an import) may say, and only of a rule it has relaxed."""
    events = context.table("events")
    if events is None or "source_flags" not in events.typed.columns:
        return
    allowed = sorted(relaxed(context.package.descriptor))
    typed = events.typed  # a list is kept as its delimited text
    delimiter = events.resource.schema.field("source_flags").delimiter
    flags = typed.source_flags.split(delimiter).filter(lambda flag: flag != "")
    unknown = flags.filter(lambda flag: ~flag.isin(allowed)) if allowed else flags
    marked = typed.mutate(_unknown=unknown.join(delimiter))
    wrong = marked.filter(marked._unknown.length() > 0)
    said = ", ".join(allowed) if allowed else "none"
    yield from at_rows(
        events,
        wrong,
        "source_flags",
        "source-flag",
        lambda row: (
            f"{row['_unknown']}: not a rule the package relaxes (x-warnings: {said}); "
            "remove the flag, or fix the data it excuses"
        ),
        LAYER,
        "_unknown",
    )
