"""The weekly trends report's tables, computed from loaded frames.

The notebook ``weekly_trends.ipynb`` calls these; each returns a small, display-ready
frame (already aggregated, so it can be charted directly).
"""

from __future__ import annotations

import pandas as pd

from kustomer_nb.helpers import backlog, open_at, response_times, summarize, week_start
from kustomer_nb.loaders._params import iso_utc
from kustomer_nb.report.format import change, duration
from kustomer_nb.report.period import Period

__all__ = [
    "ORDER_LABELS",
    "backlog_tables",
    "data_start_note",
    "first_created_after",
    "headline",
    "in_last_week",
    "intro",
    "order_currency",
    "order_value_note",
    "orders_by_channel",
    "orders_checks",
    "resolution_caveat",
    "status_by_queue",
    "team_volume",
    "times_table",
    "week_labels",
    "weekly_summary",
]

STATUSES = ("open", "snoozed", "done")
ORDER_LABELS = {
    "with_orders": "from customers with orders",
    "ordered_before": "from customers who had ordered before",
    "customers": "customers",
    "order_value": "order value",
}
ALL_CHANNELS = "(all channels)"


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
    weeks = week_start(pd.Series(period.mondays).dt.tz_convert("UTC"), period.tz)
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
    return [monday.strftime("%Y-%m-%d") for monday in period.mondays]


def intro(
    period: Period,
    conversations: pd.DataFrame,
    last: pd.DataFrame,
    data_start: pd.Timestamp | None = None,
) -> str:
    """The report's opening line: the week, the period, the counts, the data start.

    ``data_start`` is the first conversation created after the period (see
    :func:`first_created_after`); with no conversation in the period the line
    says so, and when the data starts.
    """
    weeks = _plural(period.weeks, "week")
    text = (
        f"**Week {period.iso_week}**: Monday {period.last_week_start:%Y-%m-%d} to "
        f"Sunday {period.sunday:%Y-%m-%d}, time zone **{period.tz}**; trends over "
        f"{weeks} from {period.start:%Y-%m-%d}. "
        f"{_plural(len(conversations), 'conversation')} created in the period, "
        f"{len(last):,} in the report week."
    )
    note = data_start_note(conversations, period)
    if conversations.empty:
        note = _empty_period_note(period, data_start)
    return f"{text} {note}" if note else text


def _empty_period_note(period: Period, data_start: pd.Timestamp | None) -> str:
    if data_start is None or pd.isna(data_start):
        return "**No conversations in this period**, and none created after it."
    first = pd.Timestamp(data_start).tz_convert(period.tz)
    return (
        f"**No conversations in this period**: the data starts {first:%Y-%m-%d}, "
        "after the period ends. Choose a later `week_end` to see it."
    )


def first_created_after(client, at) -> pd.Timestamp | None:
    """When the first conversation created at or after ``at`` was (UTC), or None.

    One search request of one record, however many conversations there are.
    """
    pages = client.search_all(
        "conversation",
        where=[{"conversation_created_at": {"gte": iso_utc(at, "at")}}],
        sort_attr="conversation_created_at",
        direction="asc",
        page_size=1,
    )
    try:
        first = next(pages, [])
    finally:
        pages.close()
    created = first[0].get("attributes", {}).get("createdAt") if first else None
    return pd.Timestamp(created).tz_convert("UTC") if created else None


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


def order_currency(orders: pd.DataFrame) -> str | None:
    """The orders' one currency (``"USD"``), ``"mixed: EUR, USD"``, or None.

    None when the orders carry no ``currency`` (an export without the column).
    """
    if "currency" not in orders.columns:
        return None
    found = sorted(str(c) for c in orders["currency"].dropna().unique())
    if not found:
        return None
    return found[0] if len(found) == 1 else f"mixed: {', '.join(found)}"


def order_value_note(currency: str | None) -> str:
    """What the order value column of :func:`orders_by_channel` adds up."""
    if currency is None:
        unit = "in the export's currency (it names none)"
    elif currency.startswith("mixed"):
        unit = f"amounts in different currencies added as they are ({currency[7:]})"
    else:
        unit = f"in {currency}"
    return (
        "**Order value**: for each customer, the total of their orders placed up to "
        "their first conversation of the week, counted once per customer (not once "
        "per conversation), cancelled and voided orders left out, refunded ones at "
        f"their full total; {unit}. A customer who wrote on two channels is in both "
        f"rows and once in {ALL_CHANNELS}."
    )


def orders_by_channel(
    joined: pd.DataFrame, currency: str | None = None
) -> pd.DataFrame:
    """Per channel: conversations, who had orders, customers, their order value.

    ``joined`` is the report week's conversations from :func:`kn.join_orders`.
    Columns: ``channel``; ``conversations``; those from customers with any order
    (whenever placed); those from customers who had ordered at or before the
    conversation; distinct ``customers``; and ``order value``: each distinct
    customer's ``orders_before_total`` at their first conversation in ``joined``
    (orders up to then, cancelled and voided ones left out), once per customer.
    A last row, ``(all channels)``, counts each customer once overall. The
    value's header names ``currency`` when given (``"order value (USD)"``).
    """
    df = joined.assign(
        channel=joined["channel"].astype("string").fillna("(none)").astype(object),
        customer_id=joined["customer_id"].astype(object),
    )
    known = df.dropna(subset=["customer_id"])
    first = known.sort_values("created_at", kind="stable").drop_duplicates(
        "customer_id"
    )
    value = first.set_index("customer_id")["orders_before_total"].astype("float64")

    def row(channel: str, part: pd.DataFrame) -> dict:
        customers = part["customer_id"].dropna().unique()
        return {
            "channel": channel,
            "conversations": len(part),
            "with_orders": int((part["orders"] > 0).sum()),
            "ordered_before": int((part["orders_before"] > 0).sum()),
            "customers": len(customers),
            "order_value": round(float(value.reindex(customers).sum()), 2),
        }

    rows = [row(str(c), part) for c, part in df.groupby("channel", sort=True)]
    rows.append(row(ALL_CHANNELS, df))
    table = pd.DataFrame(rows, columns=["channel", "conversations", *ORDER_LABELS])
    counts = ["conversations", "with_orders", "ordered_before", "customers"]
    table = table.astype({c: "int64" for c in counts} | {"order_value": "float64"})
    labels = dict(ORDER_LABELS)
    if currency:
        labels["order_value"] = f"order value ({currency})"
    return table.rename(columns=labels)


def orders_checks(orders: pd.DataFrame, joined: pd.DataFrame) -> pd.DataFrame:
    """Data-checks rows for the orders file: orders read, conversations matched.

    ``orders read`` warns when the file holds no order; ``orders matched``
    (conversations whose customer has an order, with their share of the report
    week's conversations in ``detail``)
    warns when there are conversations and none matched. Same columns as
    :func:`kn.data_checks`, to be appended to it.
    """
    matched = int((joined["orders"] > 0).sum())
    n = len(joined)
    share = f"{matched / n * 100:.1f}% of {n:,} in the report week" if n else ""
    rows = [
        ("orders read", len(orders), "warn" if len(orders) == 0 else "pass", ""),
        (
            "orders matched",
            matched,
            "warn" if n and not matched else "pass",
            share or "no conversations in the week",
        ),
    ]
    out = pd.DataFrame(rows, columns=["check", "count", "status", "detail"])
    string = pd.StringDtype("pyarrow")
    return out.astype(
        {"check": string, "count": "Int64", "status": string, "detail": string}
    )


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
