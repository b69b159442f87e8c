"""Volume, status counts and duration percentiles per team, queue, channel, week."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kustomer_nb.helpers._validate import require_frame, time_zone
from kustomer_nb.helpers.times import TIME_COLUMNS, response_times

__all__ = ["summarize", "week_start"]

GROUPS = ("team", "queue", "channel", "week")
_HINTS = {
    "team": "call kn.join_names(df, teams=kn.load_teams(client)) first",
    "queue": "call kn.join_names(df, queues=kn.load_queues(client)) first",
    "channel": "pass a frame from kn.load_conversations()",
}
_METRICS = {
    "first_response": "first_response_time",
    "first_resolution": "first_resolution_time",
    "full_resolution": "full_resolution_time",
}


def summarize(df: pd.DataFrame, by: str | Sequence[str], *, tz: str) -> pd.DataFrame:
    """Volume, status counts and median/p90 durations per group.

    Definitions:

    - ``conversations``: conversations in the group (every row counts once).
    - ``open``, ``snoozed``, ``done``: how many of them have that status now.
    - ``<metric>_median`` and ``<metric>_p90``: the median and 90th percentile
      (linear interpolation) of ``first_response_time``, ``first_resolution_time``
      and ``full_resolution_time`` (see :func:`kn.response_times`), over the
      conversations where the duration exists; missing when none has it.
    - ``week``: the Monday 00:00 in ``tz`` starting the week of ``created_at``.

    Parameters
    ----------
    df : DataFrame
        Conversations; the duration columns are added with
        :func:`kn.response_times` when absent. ``team``/``queue`` come from
        :func:`kn.join_names`.
    by : str or list of str
        One or more of ``"team"``, ``"queue"``, ``"channel"``, ``"week"``.
    tz : str
        IANA time zone for ``week`` (required, so the week boundary is explicit).

    Returns
    -------
    DataFrame
        One row per group present in ``df`` (a missing group value is its own
        group), sorted by the group columns: the ``by`` columns, then
        ``conversations``, ``open``, ``snoozed``, ``done`` (Int64) and the six
        duration columns (``timedelta64[ms]``).
    """
    keys = _group_keys(by)
    tz = time_zone(tz)
    require_frame(df, "summarize", ["status", "created_at"])
    if not set(TIME_COLUMNS) <= set(df.columns):
        df = response_times(df)
    frame = _with_week(df, tz) if "week" in keys else df
    for key in keys:
        if key not in frame.columns:
            raise ValueError(
                f"summarize() by {key!r} needs a {key} column: {_HINTS[key]}"
            )

    status = frame["status"].astype("object")
    counts = pd.DataFrame(
        {
            s: (status == s).fillna(False).astype(int)
            for s in ("open", "snoozed", "done")
        },
        index=frame.index,
    )
    counts.insert(0, "conversations", 1)
    millis = {
        name: frame[col] / pd.Timedelta(1, "ms") for name, col in _METRICS.items()
    }
    work = pd.concat([frame[keys], counts, pd.DataFrame(millis)], axis=1)
    grouped = work.groupby(keys, observed=True, dropna=False, sort=True)

    out = grouped[list(counts.columns)].sum().astype("Int64")
    for name in _METRICS:
        out[f"{name}_median"] = _as_timedelta(grouped[name].median())
        out[f"{name}_p90"] = _as_timedelta(grouped[name].quantile(0.9))
    return out.reset_index()


def week_start(created_at: pd.Series, tz: str) -> pd.Series:
    """The Monday 00:00 in ``tz`` starting each timestamp's week."""
    local = created_at.dt.tz_convert(time_zone(tz)).dt.tz_localize(None)
    monday = local.dt.normalize() - pd.to_timedelta(local.dt.day_of_week, unit="D")
    return monday.dt.tz_localize(
        tz, ambiguous=np.zeros(len(monday), dtype=bool), nonexistent="shift_forward"
    ).astype(f"datetime64[ms, {tz}]")


def _group_keys(by: str | Sequence[str]) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by)
    unknown = [k for k in keys if k not in GROUPS]
    if not keys or unknown:
        raise ValueError(
            f"summarize() by must be one or more of {', '.join(GROUPS)}; got {by!r}"
        )
    return keys


def _with_week(df: pd.DataFrame, tz: str) -> pd.DataFrame:
    if not isinstance(df["created_at"].dtype, pd.DatetimeTZDtype):
        raise ValueError(
            "summarize() by 'week' needs created_at as a time-zone-aware datetime "
            f"column (datetime64[ms, UTC]), got {df['created_at'].dtype}"
        )
    return df.assign(week=week_start(df["created_at"], tz))


def _as_timedelta(millis: pd.Series) -> pd.Series:
    return pd.to_timedelta(millis.round(), unit="ms").astype("timedelta64[ms]")
