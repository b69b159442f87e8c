"""Report periods: Monday–Sunday weeks in an explicit time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kustomer_nb.helpers._validate import time_zone

__all__ = ["Period", "last_full_week_end", "report_period"]


@dataclass(frozen=True)
class Period:
    """``weeks`` Monday–Sunday weeks in ``tz``, ending with the week of ``week_end``.

    ``start`` and ``end`` are the local Monday 00:00 boundaries (``end`` is
    exclusive: the Monday after the last week), as time-zone-aware Timestamps.
    """

    tz: str
    weeks: int
    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def last_week_start(self) -> pd.Timestamp:
        return _monday(self.end.date() - dt.timedelta(days=7), self.tz)

    @property
    def iso_week(self) -> str:
        """The last week's ISO label, e.g. ``2026-W48``."""
        year, week, _ = self.last_week_start.date().isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def sunday(self) -> dt.date:
        return self.end.date() - dt.timedelta(days=1)


def last_full_week_end(tz: str, now: Any = None) -> dt.date:
    """The Sunday ending the last full Monday–Sunday week before ``now`` in ``tz``."""
    now = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    if now.tzinfo is None:
        now = now.tz_localize("UTC")
    today = now.tz_convert(time_zone(tz)).date()
    return today - dt.timedelta(days=today.weekday() + 1)


def report_period(week_end: Any, weeks: int, tz: str, now: Any = None) -> Period:
    """The period of a weekly report; ``week_end=None`` → the last full week.

    ``week_end`` may be any date in the report's last week (a date, a
    ``YYYY-MM-DD`` string or a Timestamp, read as a local date in ``tz``).
    """
    tz = time_zone(tz)
    if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 1:
        raise ValueError(f"weeks must be a whole number ≥ 1, got {weeks!r}")
    day = last_full_week_end(tz, now) if week_end is None else _date(week_end)
    end = _monday(day + dt.timedelta(days=7 - day.weekday()), tz)
    start = _monday(end.date() - dt.timedelta(days=7 * weeks), tz)
    return Period(tz=tz, weeks=weeks, start=start, end=end)


def _date(value: Any) -> dt.date:
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        raise ValueError(
            f"week_end must be a date like 2026-11-29, got {value!r}"
        ) from None


def _monday(day: dt.date, tz: str) -> pd.Timestamp:
    return pd.Timestamp(day).tz_localize(
        tz, nonexistent="shift_forward", ambiguous=False
    )
