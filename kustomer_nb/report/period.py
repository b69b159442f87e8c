"""Report periods: Monday–Sunday weeks in an explicit time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kustomer_nb.report.params import (
    ReportParameterError,
    check_tz,
    check_week_end,
    check_weeks,
)

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
    def mondays(self) -> list[pd.Timestamp]:
        """The local Monday 00:00 starting each week of the period, in order."""
        return [self.start + pd.DateOffset(weeks=k) for k in range(self.weeks)]

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
    today = _utc(now).tz_convert(check_tz(tz)).date()
    return today - dt.timedelta(days=today.weekday() + 1)


def report_period(week_end: Any, weeks: Any, tz: Any, now: Any = None) -> Period:
    """The period of a weekly report; ``week_end=None`` → the last full week.

    ``week_end`` may be any date in the report's last week (a date, a
    ``YYYY-MM-DD`` string or a Timestamp, read as a local date in ``tz``); that
    week must be over by ``now`` (default: the current time).

    Raises
    ------
    ReportParameterError
        (a ``KustomerError`` and ``ValueError``) for a time zone that is not an
        IANA name, ``weeks`` outside 1–104, a ``week_end`` that is not a date
        (numbers such as ``20261129`` included), or a week not over yet.
    """
    tz = check_tz(tz)
    weeks = check_weeks(weeks)
    day = last_full_week_end(tz, now) if week_end is None else check_week_end(week_end)
    end = _monday(day + dt.timedelta(days=7 - day.weekday()), tz)
    start = _monday(end.date() - dt.timedelta(days=7 * weeks), tz)
    period = Period(tz=tz, weeks=weeks, start=start, end=end)
    _refuse_unfinished(period, now)
    return period


def _refuse_unfinished(period: Period, now: Any) -> None:
    """A week still running (or to come) would report partial numbers as a trend."""
    now = _utc(now)
    if period.end <= now:
        return
    state = "is in the future" if period.last_week_start > now else "is not over yet"
    full = report_period(None, 1, period.tz, now)
    raise ReportParameterError(
        f"week {period.iso_week} (Monday {period.last_week_start:%Y-%m-%d} to Sunday "
        f"{period.sunday:%Y-%m-%d}, {period.tz}) {state}: it ends at "
        f"{period.end:%Y-%m-%d %H:%M} {period.tz}. The last full week is "
        f"{full.iso_week} (ending Sunday {full.sunday:%Y-%m-%d}): pass week_end "
        f"{full.sunday:%Y-%m-%d}, or leave week_end unset for it."
    )


def _utc(now: Any) -> pd.Timestamp:
    now = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    return now.tz_localize("UTC") if now.tzinfo is None else now.tz_convert("UTC")


def _monday(day: dt.date, tz: str) -> pd.Timestamp:
    return pd.Timestamp(day).tz_localize(
        tz, nonexistent="shift_forward", ambiguous=False
    )
