"""Events per period by event type, and reported deaths per period below, as a matplotlib
figure sharing its time axis. Periods are days, weeks, months or years, whichever keeps a
selection's span to a readable number of bars."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from conflict_events.export import Selection
from conflict_events.pictures.colours import event_type_colours, label, present_types
from conflict_events.pictures.figures import new_figure
from conflict_events.pictures.scene import NothingToDraw, title

SIZE_INCHES = (10.0, 6.0)
EVENTS_GID = "events:"  # gid of an event bar: events:<period start>:<event type>[:span]
FATALITIES_GID = "fatalities:"  # gid of a death-toll bar: fatalities:<period start>


@dataclass(frozen=True)
class Period:
    code: str  # pandas period frequency
    name: str
    up_to_days: float  # the longest span drawn with this period


PERIODS = (
    Period("D", "day", 92),
    Period("W", "week", 2 * 365),
    Period("M", "month", 15 * 365),
    Period("Y", "year", float("inf")),
)


def choose_period(flat: pd.DataFrame, name: str | None = None) -> Period:
    """The period named, else the finest one whose bars stay few enough for the
    selection's span of dates."""
    if name is not None:
        return next(p for p in PERIODS if p.name == name)
    span = (flat["event_date"].max() - flat["event_date"].min()).days
    return next(p for p in PERIODS if span <= p.up_to_days)


def periods_of(flat: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per event: the start of its period and whether its date is known only to a span
    reaching past that period (such events are counted at the span's start)."""
    periods = flat["event_date"].dt.to_period(period.code)
    start = periods.dt.start_time
    after = (periods + 1).dt.start_time
    end = flat["event_date_end"].fillna(flat["event_date"])
    return pd.DataFrame({"start": start, "after": after, "spans": end >= after}, index=flat.index)


def timeline_figure(selection: Selection, period_name: str | None = None) -> Figure:
    """`period_name` (day, week, month or year) fixes the bars' period; by default it
    follows the span of dates."""
    flat = selection.flat
    if flat.empty:
        raise NothingToDraw("no event matches the filters: there is nothing to draw")
    schema = selection.flat_schema
    period = choose_period(flat, period_name)
    bins = periods_of(flat, period)
    colours = event_type_colours(schema)
    figure = new_figure(*SIZE_INCHES, layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    types = present_types(schema, set(flat["event_type"].astype(str)))
    stacked: dict[pd.Timestamp, int] = {}
    for code in types:
        for spans in (False, True):
            chosen = bins[(flat["event_type"].astype(str) == code) & (bins["spans"] == spans)]
            for (start, after), group in chosen.groupby(["start", "after"]):
                below = stacked.get(start, 0)
                top.bar(
                    date2num(start),
                    len(group),
                    width=(after - start).days,
                    bottom=below,
                    align="edge",
                    color=colours[code],
                    edgecolor="white",
                    linewidth=0.5,
                    hatch="///" if spans else None,
                    gid=f"{EVENTS_GID}{start:%Y-%m-%d}:{code}{':span' if spans else ''}",
                )
                stacked[start] = below + len(group)
    handles = [Patch(color=colours[c], label=label(schema, "event_type", c)) for c in types]
    if bins["spans"].any():
        handles.append(
            Patch(
                facecolor="#777",
                edgecolor="white",
                hatch="///",
                label=f"date known only to a span longer than its {period.name}, "
                "counted at the span's start",
            )
        )
    top.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    top.set_ylabel(f"events per {period.name}\n(by first day)")
    top.yaxis.get_major_locator().set_params(integer=True)
    top.set_ylim(0, max(stacked.values()) * 1.25)
    top.set_title(title(selection))
    _fatalities(bottom, flat, bins, period)
    left, right = date2num(bins["start"].min()), date2num(bins["after"].max())
    pad = (right - left) * 0.02 + 1
    bottom.set_xlim(left - pad, right + pad)
    bottom.xaxis_date()
    return figure


def _fatalities(ax, flat: pd.DataFrame, bins: pd.DataFrame, period: Period) -> None:
    """Best estimates summed per period, with the summed low-high range where every count
    in the period has both bounds; events without a count are left out, never drawn as 0."""
    ax.set_ylabel(f"fatalities per {period.name}\n(best estimate)")
    counts = flat[["fatalities_low", "fatalities_best", "fatalities_high"]].notna()
    counted = counts["fatalities_best"]
    bounds_only = int((counts.any(axis=1) & ~counted).sum())
    if not counted.any():
        ax.text(
            0.5,
            0.5,
            f"No best estimate of deaths for any of these {len(flat):,} events"
            + (f"; {bounds_only:,} with only a low or high count" if bounds_only else ""),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#555",
        )
        ax.set_yticks([])
        return
    frame = flat.loc[counted, ["fatalities_low", "fatalities_best", "fatalities_high"]]
    frame = frame.join(bins)
    for (start, after), group in frame.groupby(["start", "after"]):
        best = int(group["fatalities_best"].sum())
        x = date2num(start)
        ax.bar(
            x,
            best,
            width=(after - start).days,
            align="edge",
            color="#555555",
            gid=f"{FATALITIES_GID}{start:%Y-%m-%d}",
        )
        if group[["fatalities_low", "fatalities_high"]].notna().all(axis=None):
            low, high = int(group["fatalities_low"].sum()), int(group["fatalities_high"].sum())
            ax.errorbar(
                x + (after - start).days / 2,
                best,
                yerr=[[best - low], [high - best]],
                color="black",
                capsize=3,
                lw=1,
            )
    missing = int((~counts.any(axis=1)).sum())
    notes = [f"{missing:,} of {len(flat):,} events: no count reported"] if missing else []
    notes += [f"{bounds_only:,}: only a low or high count"] if bounds_only else []
    if notes:
        ax.text(
            0.99,
            0.95,
            "; ".join(notes) + " (not drawn)",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8,
            color="#555",
        )
    ax.text(
        0.01,
        0.95,
        "bars: best estimate; whiskers: low to high where every count has both",
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=8,
        color="#555",
    )
    ax.set_ylim(0, None)
