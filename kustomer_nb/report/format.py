"""Formatting for report tables: durations, changes, HTML tables."""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

__all__ = ["duration", "change", "hours", "html_table"]


def duration(value: Any) -> str:
    """A Timedelta as ``"2d 3h"``, ``"1h 05m"`` or ``"4m 10s"``; missing → ``"–"``."""
    if value is None or pd.isna(value):
        return "–"
    seconds = int(round(pd.Timedelta(value).total_seconds()))
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    days, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {h}h"
    if h:
        return f"{sign}{h}h {m:02d}m"
    return f"{sign}{m}m {s:02d}s"


def hours(values: pd.Series) -> pd.Series:
    """Timedeltas as float hours (for charts)."""
    return (values / pd.Timedelta(1, "h")).astype("float64").round(2)


def change(new: Any, old: Any) -> str:
    """Week-over-week change as ``"+12.5%"``; ``"n/a"`` without a base."""
    if new is None or old is None or pd.isna(new) or pd.isna(old):
        return "n/a"
    if isinstance(new, pd.Timedelta):
        new, old = new.total_seconds(), pd.Timedelta(old).total_seconds()
    if old == 0:
        return "n/a" if new else "±0%"
    pct = (float(new) - float(old)) / float(old) * 100
    return "±0%" if math.isclose(pct, 0, abs_tol=0.05) else f"{pct:+.1f}%"


NO_DATA = "No data for this period"


def html_table(frame: pd.DataFrame, *, kn_id: str, caption: str = "") -> str:
    """A frame as an HTML table carrying ``data-kn`` for tests and styling.

    An empty frame keeps its header row and says ``No data for this period``.
    """
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_timedelta64_dtype(values):
            shown[column] = values.map(duration)
        elif pd.api.types.is_integer_dtype(values) and not pd.api.types.is_bool_dtype(
            values
        ):
            # Counts read as in the headline: 12,411, not 12411.
            shown[column] = values.map(lambda n: "–" if pd.isna(n) else f"{n:,}")
    body = shown.to_html(
        index=False,
        na_rep="–",
        classes="dataframe kn-table",
        border=0,
        float_format=lambda x: f"{x:,.2f}",
    )
    head = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    body = body.replace(">\n  <thead>", f">{head}\n  <thead>", 1)
    if frame.empty:
        body += f'<p class="kn-no-data">{NO_DATA}</p>'
    return f'<div data-kn="{html.escape(kn_id)}">{body}</div>'
