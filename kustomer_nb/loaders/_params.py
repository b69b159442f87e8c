"""Checking and normalising loader arguments (dates, statuses)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

__all__ = ["DateLike", "choices", "iso_utc"]

DateLike = str | dt.date | dt.datetime | pd.Timestamp


def iso_utc(value: DateLike | None, name: str) -> str | None:
    """``value`` as a UTC ISO 8601 string with milliseconds and ``Z`` (naive = UTC).

    Raises
    ------
    ValueError
        Naming the parameter, when ``value`` is not a date.
    """
    if value is None:
        return None
    try:
        if not isinstance(value, str | dt.date):  # datetime and Timestamp are dates
            raise TypeError(type(value).__name__)
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"{name} must be a date: an ISO string like '2026-11-01' or "
            f"'2026-11-01T08:00:00Z', a date, a datetime or a Timestamp; got {value!r}"
        ) from exc
    if stamp is pd.NaT:
        raise ValueError(f"{name} must be a date, not {value!r}")
    stamp = (
        stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    )
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def choices(
    value: str | Iterable[str] | None, valid: tuple[str, ...], name: str
) -> list[str] | None:
    """``value`` (one string or several) checked against ``valid``.

    Raises
    ------
    ValueError
        Listing the valid values, when one is unknown.
    """
    if value is None:
        return None
    values = [value] if isinstance(value, str) else list(value)
    unknown = [v for v in values if v not in valid]
    if unknown or not values:
        raise ValueError(
            f"Unknown {name} {', '.join(map(repr, unknown)) or '(none given)'}: "
            f"use one or more of {', '.join(valid)}."
        )
    return values
