"""Input checks shared by the helpers: clear errors before pandas sees bad input."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from typing import Any

import pandas as pd

STATUSES = ("open", "snoozed", "done")
STRING = pd.StringDtype("pyarrow")


def require_frame(df: Any, func: str, columns: Iterable[str] = ()) -> None:
    """Raise a clear error unless ``df`` is a DataFrame holding ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}() expects a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{func}() needs column(s) {', '.join(missing)}, which the frame lacks; "
            "pass a frame from kn.load_conversations()"
        )


def time_zone(tz: Any) -> str:
    """Validate an IANA time zone name and return it."""
    if not isinstance(tz, str) or not tz:
        raise ValueError(f"tz must be an IANA time zone name such as 'UTC', got {tz!r}")
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {tz!r}: use an IANA name such as 'Europe/Paris'"
        ) from None
    return tz


def utc_timestamp(value: Any, name: str) -> pd.Timestamp:
    """A point in time as a UTC Timestamp; naive values mean UTC."""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date or timestamp, got {value!r}") from None
    if ts is pd.NaT:
        raise ValueError(f"{name} must be a date or timestamp, got {value!r}")
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def as_lists(values: pd.Series) -> list[list[str]]:
    """Each cell of an id-list column as a Python list (missing → empty)."""
    out = []
    for cell in values:
        if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
            out.append([])
        else:
            out.append([str(v) for v in cell if v is not None and v is not pd.NA])
    return out


def strings(values: Iterable[Any], index: pd.Index) -> pd.Series:
    """A string[pyarrow] Series on ``index``."""
    return pd.Series(list(values), index=index, dtype=STRING)
