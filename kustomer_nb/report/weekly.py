"""The weekly trends report's tables, computed from loaded frames.

The notebook ``weekly_trends.ipynb`` calls these; each returns a small, display-ready
frame (already aggregated, so it can be charted directly).
"""

from __future__ import annotations

import pandas as pd

from kustomer_nb.helpers import backlog, open_at, response_times, summarize, week_start
from kustomer_nb.report.format import change, duration
from kustomer_nb.report.period import Period

__all__ = [
    "ORDER_LABELS",
    "backlog_tables",
    "data_start_note",
    "headline",
    "in_last_week",
    "intro",
    "orders_by_channel",
    "resolution_caveat",
    "status_by_queue",
    "team_volume",
    "times_table",
    "week_labels",
    "weekly_summary",
]

STATUSES = ("open", "snoozed", "done")
ORDER_LABELS = {
    "with_orders": "conversations with orders",
    "ordered_before": "customers who ordered before",
    "orders_total": "orders total",
}


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
    full["resolved"] = _resolved_per_week(df, period.tz).reindex(full.index)
    counts = ["conversations", "open", "snoozed", "done", "resolved"]
    full[counts] = full[counts].fillna(0).astype("Int64")
    return full.reset_index()


def _resolved_per_week(df: pd.DataFrame, tz: str) -> pd.Series:
    """Conversations resolved at least once so far, per week of creation."""
    if "first_resolution_time" not in df.columns:
        df = response_times(df)
    week = week_start(df["created_at"], tz).rename("week")
    return df["first_resolution_time"].notna().groupby(week).sum()


def week_labels(period: Period) -> list[str]:
    """Every week of the period as ``YYYY-MM-DD`` Mondays: one axis for all charts."""
    return [
        (period.start + pd.DateOffset(weeks=k)).strftime("%Y-%m-%d")
        for k in range(period.weeks)
    ]


def intro(period: Period, conversations: pd.DataFrame, last: pd.DataFrame) -> str:
    """The report's opening line: the week, the period, the counts, the data start."""
    weeks = _plural(period.weeks, "week")
    text = (
        f"**Week {period.iso_week}**: Monday {period.last_week_start:%Y-%m-%d} to "
        f"Sunday {period.sunday:%Y-%m-%d}, time zone **{period.tz}**; trends over "
        f"{weeks} from {period.start:%Y-%m-%d}. "
        f"{_plural(len(conversations), 'conversation')} created in the period, "
        f"{len(last):,} in the report week."
    )
    note = data_start_note(conversations, period)
    return f"{text} {note}" if note else text


def data_start_note(conversations: pd.DataFrame, period: Period) -> str:
    """Say so when the data starts after the period does ("" when it does not).

    The first conversation pulled coming more than a day after the period's
    first Monday means earlier weeks are empty and its week is partial, not a dip.
    """
    if conversations.empty:
        return ""
    first = conversations["created_at"].min().tz_convert(period.tz)
    if first - period.start <= pd.Timedelta(days=1):
        return ""
    return (
        f"Data starts {first:%Y-%m-%d}: weeks before it are empty and that week "
        "is partial."
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def headline(
    weekly: pd.DataFrame, backlog_now: int, backlog_before: int
) -> pd.DataFrame:
    """This week against the previous one: volume, done share, times, backlog."""
    this = weekly.iloc[-1]
    prev = weekly.iloc[-2] if len(weekly) > 1 else pd.Series(dtype=object)

    def share(row: pd.Series, part: str = "done") -> float | None:
        n, k = row.get("conversations"), row.get(part)
        if n is None or k is None or pd.isna(n) or pd.isna(k) or not n:
            return None
        return float(k) / float(n) * 100

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
        (
            "Resolved so far (% of created)",
            share(this, "resolved"),
            share(prev, "resolved"),
        ),
        ("Open or snoozed at week end (backlog)", backlog_now, backlog_before),
    ]
    shown = []
    for name, new, old in rows:
        moved, show = change(new, old), _show
        if name.endswith("(% of created)"):
            # shares keep one decimal, so 95.0 and 98.1 line up
            show = _percent
            moved = moved if moved == "n/a" else f"{new - old:+.1f} pp"
        shown.append((name, show(new), show(old), moved))
    return pd.DataFrame(
        shown, columns=["metric", "this week", "previous week", "change"]
    )


def resolution_caveat(weekly: pd.DataFrame) -> str:
    """One line under the headline: resolution times cover resolved ones only.

    Gives the share resolved so far of the report week and the week before;
    ``""`` when neither week has a conversation.
    """
    rows = [weekly.iloc[i] for i in (-1, -2) if len(weekly) >= -i]
    labels = ("this week's", "the previous week's")
    said = [_share(row, label) for row, label in zip(rows, labels, strict=False)]
    if not any(said):
        return ""
    shares = " and ".join(s for s in said if s)
    return (
        f"Resolution times count only the conversations resolved so far ({shares}): "
        "the times of the unresolved ones are not counted yet and will raise the "
        "figure as they are resolved."
    )


def _share(row: pd.Series, label: str) -> str:
    n, k = row.get("conversations"), row.get("resolved")
    if n is None or k is None or pd.isna(n) or pd.isna(k) or not n:
        return ""
    return f"{float(k) / float(n) * 100:.1f}% of {label}"


def _percent(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:.1f}%"


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


def team_volume(df: pd.DataFrame, tz: str) -> pd.DataFrame:
    """Conversations per first assigned team with their status now, busiest first.

    ``open + snoozed + done`` adds up to ``conversations``.
    """
    out = summarize(df, "team", tz=tz)[["team", "conversations", *STATUSES]]
    out = out.sort_values("conversations", ascending=False, kind="stable")
    return out.astype({c: "int64" for c in ("conversations", *STATUSES)})


def orders_by_channel(joined: pd.DataFrame) -> pd.DataFrame:
    """Per channel: conversations, those whose customer has orders, orders total.

    Columns carry reader-facing names (``"conversations with orders"``...).
    """
    table = (
        joined.groupby("channel", observed=True, dropna=False)
        .agg(
            conversations=("id", "size"),
            with_orders=("orders", lambda s: int((s > 0).sum())),
            ordered_before=("orders_before", lambda s: int((s > 0).sum())),
            orders_total=("orders_total", "sum"),
        )
        .reset_index()
    )
    table["channel"] = table["channel"].astype("string").fillna("(none)")
    table["orders_total"] = table["orders_total"].astype("float64").round(2)
    return table.rename(columns=ORDER_LABELS)


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
