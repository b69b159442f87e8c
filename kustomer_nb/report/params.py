"""Report parameters checked before anything runs, with messages for the CLI user."""

from __future__ import annotations

import datetime as dt
import numbers
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kustomer_nb.errors import KustomerError
from kustomer_nb.helpers._validate import time_zone

__all__ = [
    "MAX_WEEKS",
    "ReportParameterError",
    "check_orders_file",
    "check_tz",
    "check_week_end",
    "check_weeks",
]

MAX_WEEKS = 104


class ReportParameterError(KustomerError, ValueError):
    """A report parameter is invalid; the message names it and the value given.

    Also a ``ValueError``, so code catching bad values keeps working.
    """


def check_tz(tz: Any) -> str:
    """An IANA time zone name, else :class:`ReportParameterError`."""
    try:
        return time_zone(tz)
    except ValueError as error:
        raise ReportParameterError(str(error)) from None


def check_weeks(weeks: Any) -> int:
    """A whole number of weeks from 1 to :data:`MAX_WEEKS`."""
    whole = isinstance(weeks, numbers.Integral) and not isinstance(weeks, bool)
    if not whole or not 1 <= weeks <= MAX_WEEKS:
        raise ReportParameterError(
            f"weeks must be between 1 and {MAX_WEEKS} (a whole number of weeks), "
            f"got {weeks!r}"
        )
    return int(weeks)


def check_week_end(value: Any) -> dt.date:
    """A date: ``datetime.date``/``datetime``/Timestamp or an ISO ``YYYY-MM-DD`` string.

    Numbers are refused: ``20261129`` read as a timestamp is 1970.
    """
    message = f"week_end must be a date like 2026-11-29, got {value!r}"
    if not isinstance(value, str | dt.date | np.datetime64):
        raise ReportParameterError(message)
    try:
        day = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise ReportParameterError(message) from None
    if day is pd.NaT:
        raise ReportParameterError(message)
    return day.date()


def check_orders_file(value: Any) -> str | None:
    """None, or the absolute path of an existing, readable file."""
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise ReportParameterError(
            "orders_file must be the path of a Shopify orders export (CSV), "
            f"got {value!r}"
        )
    if not str(value).strip():
        raise ReportParameterError(
            "orders_file is empty: give the path of a Shopify orders export (CSV), "
            "or leave it unset to skip orders"
        )
    path = Path(value).expanduser().resolve()
    if not path.exists():
        raise ReportParameterError(f"orders_file: no such file: {path}")
    if not path.is_file():
        raise ReportParameterError(
            f"orders_file: {path} is not a file (a Shopify orders export CSV)"
        )
    if not os.access(path, os.R_OK):
        raise ReportParameterError(f"orders_file: cannot read {path} (permission)")
    return str(path)
