"""Hand-built frames with exactly the loaders' dtypes (docs/design.md)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

STRING = pd.StringDtype("pyarrow")
IDS = pd.ArrowDtype(pa.list_(pa.string()))
UTC = "datetime64[ms, UTC]"

_DTYPES = {
    "id": STRING,
    "name": STRING,
    "status": pd.CategoricalDtype(["open", "snoozed", "done"]),
    "channel": pd.CategoricalDtype(["email", "chat", "sms", "voice", "social"]),
    "channels": IDS,
    "created_at": UTC,
    "updated_at": UTC,
    "customer_id": STRING,
    "queue_id": STRING,
    "assigned_team_ids": IDS,
    "assigned_user_ids": IDS,
    "first_response_sent_at": UTC,
    "first_response_time_ms": "Int64",
    "first_response_by": STRING,
    "first_done_at": UTC,
    "first_done_time_ms": "Int64",
    "last_done_at": UTC,
    "last_done_time_ms": "Int64",
    "reopen_count": "Int64",
    "message_count": "Int64",
}
_DEFAULTS = {
    "name": "",
    "status": "open",
    "channel": "email",
    "channels": [],
    "updated_at": None,
    "customer_id": None,
    "queue_id": None,
    "assigned_team_ids": [],
    "assigned_user_ids": [],
    "first_response_sent_at": None,
    "first_response_time_ms": None,
    "first_response_by": None,
    "first_done_at": None,
    "first_done_time_ms": None,
    "last_done_at": None,
    "last_done_time_ms": None,
    "reopen_count": 0,
    "message_count": 1,
}


def conversations(*rows: dict) -> pd.DataFrame:
    """A conversations frame; each row gives id and created_at at least."""
    records = [{**_DEFAULTS, **row} for row in rows]
    frame = pd.DataFrame(records, columns=list(_DTYPES))
    for column, dtype in _DTYPES.items():
        values = frame[column]
        if str(dtype).startswith("datetime"):
            values = pd.to_datetime(values, utc=True, format="ISO8601")
        frame[column] = values.astype(dtype)
    return frame


def lookup(rows: list[tuple[str, str]], **extra) -> pd.DataFrame:
    """A teams/queues/users frame: id, name, display_name (+ extra columns)."""
    frame = pd.DataFrame(rows, columns=["id", "name"]).astype(STRING)
    frame["display_name"] = frame["name"]
    for column, values in extra.items():
        frame[column] = values
    return frame


@pytest.fixture
def make():
    """Build a conversations frame: ``make({"id": ..., "created_at": ...}, ...)``."""
    return conversations


@pytest.fixture(name="lookup")
def lookup_fixture():
    """Build a teams/queues/users frame: ``lookup([("t1", "Tier 1")])``."""
    return lookup
