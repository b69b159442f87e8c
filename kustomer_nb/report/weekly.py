"""The weekly trends report's tables, computed from loaded frames.

The notebook ``weekly_trends.ipynb`` calls these; each returns a small, display-ready
frame (already aggregated, so it can be charted directly).
"""

from __future__ import annotations

import pandas as pd

from kustomer_nb.helpers import backlog, open_at, summarize, week_start
from kustomer_nb.report.format import change, duration
from kustomer_nb.report.period import Period

__all__ = [
    "backlog_tables",
    "headline",
    "in_last_week",
    "status_by_queue",
    "times_table",
    "weekly_summary",
]


def in_last_week(df: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The conversations created in the report's last week."""
    created = df["created_at"]
    return df[(created >= period.last_week_start) & (created < period.end)]


def weekly_summary(df: pd.DataFrame, period: Period, by: list[str] | None = None):
    """:func:`kn.summarize` by week (plus ``by``), every week of the period present."""
    keys = ["week", *(by or [])]
    out = summarize(df, keys, tz=period.tz)
    if by:
        return out
    mondays = [period.start + pd.DateOffset(weeks=k) for k in range(period.weeks)]
    weeks = week_start(pd.Series(mondays).dt.tz_convert("UTC"), period.tz)
    full = out.set_index("week").reindex(weeks.rename("week"))
    counts = ["conversations", "open", "snoozed", "done"]
    full[counts] = full[counts].fillna(0)
    return full.reset_index()


def headline(
    weekly: pd.DataFrame, backlog_now: int, backlog_before: int
) -> pd.DataFrame:
    """This week against the previous one: volume, done share, times, backlog."""
    this = weekly.iloc[-1]
    prev = weekly.iloc[-2] if len(weekly) > 1 else pd.Series(dtype=object)

    def share(row: pd.Series) -> float | None:
        n = row.get("conversations")
        return None if n is None or pd.isna(n) or not n else row["done"] / n * 100

    rows = [
        ("Conversations created", this["conversations"], prev.get("conversations")),
        ("Done now (% of created)", share(this), share(prev)),
        (
            "First response, median",
            this["first_response_median"],
            prev.get("first_response_median"),
        ),
        (
            "First response, p90",
            this["first_response_p90"],
            prev.get("first_response_p90"),
        ),
        (
            "First resolution, median",
            this["first_resolution_median"],
            prev.get("first_resolution_median"),
        ),
        ("Open at week end (backlog)", backlog_now, backlog_before),
    ]
    shown = []
    for name, new, old in rows:
        moved = change(new, old)
        if name.startswith("Done now") and moved != "n/a":
            moved = f"{new - old:+.1f} pp"
        shown.append((name, _show(new), _show(old), moved))
    return pd.DataFrame(
        shown, columns=["metric", "this week", "previous week", "change"]
    )


def _show(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, pd.Timedelta):
        return duration(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value):,}"


def times_table(df: pd.DataFrame, by: str, tz: str) -> pd.DataFrame:
    """Medians and p90s of first response and resolutions per ``by``, busiest first.

    Column names are short labels for display (``"first response median"``).
    """
    out = summarize(df, by, tz=tz).sort_values("conversations", ascending=False)
    labels = {by: by, "conversations": "conversations"}
    for metric in ("first_response", "first_resolution", "full_resolution"):
        for q in ("median", "p90"):
            labels[f"{metric}_{q}"] = f"{metric.replace('_', ' ')} {q}"
    return out[list(labels)].rename(columns=labels).reset_index(drop=True)


def status_by_queue(df: pd.DataFrame, tz: str) -> pd.DataFrame:
    """Long table: queue, status, conversations (for a stacked bar)."""
    wide = summarize(df, "queue", tz=tz)[["queue", "open", "snoozed", "done"]]
    long = wide.melt("queue", var_name="status", value_name="conversations")
    return long.astype({"conversations": "int64"})


def backlog_tables(candidates: pd.DataFrame, period: Period):
    """Backlog by queue at the period end, and the counts at the last two week ends."""
    at = period.end
    table = backlog(candidates, at)
    before = period.end - pd.Timedelta(days=7)
    counts = (
        int(open_at(candidates, at).sum()),
        int(open_at(candidates, before).sum()),
    )
    return table, counts
