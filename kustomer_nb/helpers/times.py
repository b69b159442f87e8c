"""Response and resolution durations of conversations."""

from __future__ import annotations

import pandas as pd

from kustomer_nb.helpers._validate import require_frame

__all__ = ["response_times", "TIME_COLUMNS"]

TIME_COLUMNS = ("first_response_time", "first_resolution_time", "full_resolution_time")
_NEEDED = [
    "status",
    "created_at",
    "first_response_sent_at",
    "first_response_time_ms",
    "first_done_at",
    "first_done_time_ms",
    "last_done_at",
]


def response_times(df: pd.DataFrame) -> pd.DataFrame:
    """Add first-response and resolution durations as Timedelta columns.

    Definitions (all clock time, not business hours):

    - ``first_response_time``: from creation to the first agent response.
      Kustomer's own ``firstResponse.time`` (``first_response_time_ms``) where
      present, else ``first_response_sent_at − created_at``; missing when no one
      has responded yet.
    - ``first_resolution_time``: from creation to the first time the conversation
      was marked done. Kustomer's ``firstDone.time`` (``first_done_time_ms``) where
      present, else ``first_done_at − created_at``; missing when never done.
    - ``full_resolution_time``: from creation to the last time it was marked done
      (``last_done_at − created_at``), only for conversations whose status is
      ``done`` now; missing for open and snoozed ones, which may still change.

    Parameters
    ----------
    df : DataFrame
        From :func:`kn.load_conversations`.

    Returns
    -------
    DataFrame
        A copy with the three columns added, dtype ``timedelta64[ms]``.
    """
    require_frame(df, "response_times", _NEEDED)
    out = df.copy()
    created = _utc(out["created_at"], "created_at")
    out["first_response_time"] = _duration(
        out["first_response_time_ms"], created, out["first_response_sent_at"]
    )
    out["first_resolution_time"] = _duration(
        out["first_done_time_ms"], created, out["first_done_at"]
    )
    full = _utc(out["last_done_at"], "last_done_at") - created
    done = (out["status"].astype("object") == "done").fillna(False).astype(bool)
    out["full_resolution_time"] = full.where(done).astype("timedelta64[ms]")
    return out


def _duration(ms: pd.Series, start: pd.Series, end: pd.Series) -> pd.Series:
    """Kustomer's own duration (ms) where present, else ``end − start``."""
    try:
        own = pd.to_timedelta(pd.to_numeric(ms), unit="ms")
    except (TypeError, ValueError):
        raise ValueError(
            f"response_times(): {ms.name} must hold milliseconds as numbers"
        ) from None
    computed = _utc(end, str(end.name)) - start
    return own.fillna(computed).astype("timedelta64[ms]")


def _utc(values: pd.Series, name: str) -> pd.Series:
    """A datetime column as UTC datetimes, with a clear error otherwise."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC")
    if values.isna().all():
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ms, UTC]")
    raise ValueError(
        f"response_times(): {name} must be a time-zone-aware datetime column "
        f"(datetime64[ms, UTC]), got {values.dtype}"
    )
