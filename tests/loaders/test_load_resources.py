"""Teams, queues, klasses, customers and users: columns, dtypes, values."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from loaders_support import BOOL, CATEGORY, INT, LIST, STRING, UTC

import kustomer_nb as kn

TEAMS = {
    "id": STRING,
    "name": STRING,
    "display_name": STRING,
    "member_ids": LIST,
    "deleted": BOOL,
    "created_at": UTC,
    "updated_at": UTC,
}
QUEUES = {
    "id": STRING,
    "name": STRING,
    "display_name": STRING,
    "description": STRING,
    "priority": INT,
    "item_size": INT,
    "system": BOOL,
    "deleted": BOOL,
    "created_at": UTC,
    "updated_at": UTC,
}
KLASSES = {
    "id": STRING,
    "name": STRING,
    "display_name": STRING,
    "status": CATEGORY,
    "mixins": LIST,
    "created_at": UTC,
    "updated_at": UTC,
}
CUSTOMERS = {
    "id": STRING,
    "name": STRING,
    "display_name": STRING,
    "email": STRING,
    "emails": LIST,
    "external_id": STRING,
    "created_at": UTC,
    "updated_at": UTC,
    "last_activity_at": UTC,
    "conversation_count": INT,
}
USERS = {
    "id": STRING,
    "name": STRING,
    "display_name": STRING,
    "email": STRING,
    "user_type": CATEGORY,
    "created_at": UTC,
    "updated_at": UTC,
}


def _check(frame: pd.DataFrame, dtypes: dict[str, Any]) -> None:
    assert list(frame.columns) == list(dtypes)
    for column, dtype in dtypes.items():
        assert frame[column].dtype == dtype, column


def test_load_teams__values_and_dtypes(client: kn.Client, raw: Any) -> None:
    records = raw.pages("/teams")
    frame = kn.load_teams(client)
    _check(frame, TEAMS)
    assert 5 <= len(frame) <= 8
    assert list(frame["id"]) == [r["id"] for r in records]
    assert [list(m) for m in frame["member_ids"]] == [
        r["attributes"].get("members") or [] for r in records
    ]
    assert list(frame["name"]) == [r["attributes"]["name"] for r in records]


def test_load_queues__values_and_dtypes(client: kn.Client, raw: Any) -> None:
    records = raw.pages("/routing/queues")
    frame = kn.load_queues(client)
    _check(frame, QUEUES)
    assert list(frame["id"]) == [r["id"] for r in records]
    system = frame[frame["system"].fillna(False)]
    assert list(system["name"]) == ["DEFAULT_QUEUE"]
    assert list(frame["priority"]) == [r["attributes"].get("priority") for r in records]


def test_load_klasses__all_is_the_union_of_the_three(
    client: kn.Client, raw: Any
) -> None:
    by_status = {
        s: raw.pages("/klasses", status=s)
        for s in ("enabled", "disabled", "existing_only")
    }
    assert all(by_status.values()), "the sandbox has klasses in all three statuses"
    expected = {r["id"] for records in by_status.values() for r in records}

    frame = kn.load_klasses(client)
    _check(frame, KLASSES)
    assert len(frame) == len(expected) and set(frame["id"]) == expected
    assert frame["id"].is_unique
    assert set(frame["status"].dropna()) <= {"enabled", "disabled", "existing_only"}


@pytest.mark.parametrize("status", ["enabled", "disabled", "existing_only"])
def test_load_klasses__one_status(client: kn.Client, raw: Any, status: str) -> None:
    expected = [r["id"] for r in raw.pages("/klasses", status=status)]
    frame = kn.load_klasses(client, status)
    _check(frame, KLASSES)
    assert list(frame["id"]) == expected


@pytest.mark.parametrize("status", ["existing-only", "ENABLED", ""])
def test_load_klasses__bad_status(client: kn.Client, status: str) -> None:
    with pytest.raises(ValueError, match="use all, enabled, disabled, existing_only"):
        kn.load_klasses(client, status)


def test_load_klass__one_row(client: kn.Client, raw: Any) -> None:
    record = raw.pages("/klasses", status="disabled")[0]
    frame = kn.load_klass(client, record["id"])
    _check(frame, KLASSES)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["id"] == record["id"] and row["name"] == record["attributes"]["name"]
    assert row["status"] == "disabled"
    assert list(row["mixins"]) == (record["attributes"].get("mixins") or [])


def test_load_klass__missing_id_names_it(client: kn.Client) -> None:
    missing = "0123456789abcdef01234567"
    with pytest.raises(kn.NotFoundError, match=missing) as info:
        kn.load_klass(client, missing)
    assert info.value.status == 404


def test_load_customers__values_and_dtypes(client: kn.Client, raw: Any) -> None:
    records = raw.pages("/customers")
    frame = kn.load_customers(client)
    _check(frame, CUSTOMERS)
    assert list(frame["id"]) == [r["id"] for r in records]
    addresses = [[e["email"] for e in r["attributes"]["emails"]] for r in records]
    assert any(addresses)
    assert [list(v) for v in frame["emails"]] == addresses
    assert list(frame["email"].fillna("")) == [a[0] if a else "" for a in addresses]
    counts = [r["attributes"]["conversationCounts"]["all"] for r in records]
    assert list(frame["conversation_count"]) == counts


def test_load_users__values_and_dtypes(client: kn.Client, raw: Any) -> None:
    records = raw.pages("/users")
    frame = kn.load_users(client)
    _check(frame, USERS)
    assert list(frame["id"]) == [r["id"] for r in records]
    assert list(frame["email"]) == [r["attributes"].get("email") for r in records]
    assert set(frame["user_type"].dropna()) <= {"user", "machine", "limited"}
