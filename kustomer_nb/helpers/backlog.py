"""The backlog: conversations open at a point in time, by queue and age."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from kustomer_nb.helpers._validate import require_frame, utc_timestamp

__all__ = ["backlog", "open_at"]


def open_at(df: pd.DataFrame, at: Any) -> pd.Series:
    """Boolean mask: which conversations were open (or snoozed) at ``at``.

    A conversation counts as open at ``at`` when it was created at or before
    ``at`` and had not been resolved for the last time by then: ``last_done_at``
    is missing or later than ``at``. Conversations whose status is open or
    snoozed *now* also count (one that was done before ``at`` and reopened
    later cannot be told apart from the data, so it is counted as open).
    """
    require_frame(df, "backlog", ["status", "created_at", "last_done_at"])
    at = utc_timestamp(at, "at")
    created = df["created_at"] <= at
    last_done = df["last_done_at"]
    unresolved = last_done.isna() | (last_done > at)
    still_open = df["status"].astype("object").isin(["open", "snoozed"])
    return (created & (unresolved | still_open)).fillna(False).astype(bool)


def backlog(
    df: pd.DataFrame,
    at: Any,
    *,
    thresholds: Sequence[str | pd.Timedelta] = ("4h", "24h", "72h"),
    by: str = "queue",
) -> pd.DataFrame:
    """Conversations open at ``at``, per queue, bucketed by age.

    Open at ``at`` is defined by :func:`open_at`: created at or before ``at``
    and not yet resolved for the last time by then (``last_done_at`` missing or
    later than ``at``); conversations currently open or snoozed count as open.
    Snoozed conversations are part of the backlog. Age is ``at − created_at``.

    Parameters
    ----------
    df : DataFrame
        Conversations holding every one that may have been open at ``at``;
        ``queue`` from :func:`kn.join_names` (or pass ``by="queue_id"``).
    at : str, date or Timestamp
        The moment; naive values mean UTC. It must not be in the future (after
        the current time): no one knows yet what will be open then, and every
        conversation would look older than it is.
    thresholds : sequence of str or Timedelta
        Increasing age limits; the buckets are ``< t0``, ``t0–t1``, ..., ``≥ tn``.
    by : str
        The grouping column.

    Returns
    -------
    DataFrame
        One row per group with a backlog, largest first: ``by``, ``open``
        (Int64), one Int64 column per age bucket (named like ``"4h–24h"``) and
        ``oldest`` (``timedelta64[ms]``, the oldest conversation's age).

    Raises
    ------
    ValueError
        When ``at`` is after the current time, or ``thresholds`` or ``by`` are
        unusable.
    """
    require_frame(df, "backlog")
    if by not in df.columns:
        raise ValueError(_missing_by(by))
    limits = _thresholds(thresholds)
    at_utc = utc_timestamp(at, "at")
    now = pd.Timestamp.now(tz="UTC")
    if at_utc > now:
        raise ValueError(
            f"backlog() at={at!r} is in the future (now is {now:%Y-%m-%d %H:%M} "
            "UTC): the backlog can only be counted at a moment that has passed"
        )
    open_now = df[open_at(df, at_utc)]
    age = (at_utc - open_now["created_at"]).astype("timedelta64[ms]")

    labels = _labels(thresholds)
    edges = [pd.Timedelta(0), *limits, pd.Timedelta.max]
    bucket = pd.cut(age, edges, labels=labels, right=False, include_lowest=True)
    table = pd.crosstab(open_now[by].astype("object").fillna("(none)"), bucket)
    table = table.reindex(columns=labels, fill_value=0).astype("Int64")
    table.columns = list(labels)
    table.insert(0, "open", table.sum(axis=1).astype("Int64"))
    oldest = age.groupby(open_now[by].astype("object").fillna("(none)")).max()
    table["oldest"] = oldest.reindex(table.index).astype("timedelta64[ms]")
    table = table.sort_values(["open", "oldest"], ascending=False)
    return table.rename_axis(by).reset_index()


def _missing_by(by: str) -> str:
    """Say how to get the grouping column: names come from kn.join_names()."""
    if by == "queue":
        return (
            "backlog() by 'queue' needs a queue column: call kn.join_names(df, "
            "queues=kn.load_queues(client)) first, or pass by='queue_id'"
        )
    if by == "team":
        return (
            "backlog() by 'team' needs a team column: call "
            "kn.join_names(df, teams=kn.load_teams(client)) first"
        )
    return f"backlog() by {by!r} needs a {by} column, which the frame lacks"


def _thresholds(thresholds: Sequence[str | pd.Timedelta]) -> list[pd.Timedelta]:
    try:
        limits = [pd.Timedelta(t) for t in thresholds]
    except (TypeError, ValueError):
        raise ValueError(
            f"backlog() thresholds must be durations like '4h', got {thresholds!r}"
        ) from None
    if (
        not limits
        or any(t <= pd.Timedelta(0) for t in limits)
        or limits != sorted(set(limits))
    ):
        raise ValueError(
            f"backlog() thresholds must be positive and increasing, got {thresholds!r}"
        )
    return limits


def _labels(thresholds: Sequence[str | pd.Timedelta]) -> list[str]:
    names = [_short(pd.Timedelta(t)) for t in thresholds]
    middle = [f"{a}–{b}" for a, b in zip(names, names[1:], strict=False)]
    return [f"< {names[0]}", *middle, f"≥ {names[-1]}"]


def _short(t: pd.Timedelta) -> str:
    hours = t / pd.Timedelta(1, "h")
    return f"{hours:g}h" if hours < 24 * 7 or hours % 24 else f"{hours / 24:g}d"
