"""load_conversations through the sandbox: the real payload, filters, dtypes."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from loaders_support import BOOL, CATEGORY, INT, LIST, NOW, REAL, STRING, UTC

import kustomer_nb as kn

DTYPES: dict[str, Any] = {
    "id": STRING,
    "name": STRING,
    "status": CATEGORY,
    "channel": CATEGORY,
    "channels": LIST,
    "direction": CATEGORY,
    "priority": INT,
    "preview": STRING,
    "created_at": UTC,
    "updated_at": UTC,
    "modified_at": UTC,
    "last_message_at": UTC,
    "customer_id": STRING,
    "queue_id": STRING,
    "brand_id": STRING,
    "assigned_team_ids": LIST,
    "assigned_user_ids": LIST,
    "tag_ids": LIST,
    "first_response_sent_at": UTC,
    "first_response_time_ms": INT,
    "first_response_by": STRING,
    "first_done_at": UTC,
    "first_done_time_ms": INT,
    "last_done_at": UTC,
    "last_done_time_ms": INT,
    "done_count": INT,
    "reopen_count": INT,
    "message_count": INT,
    "inbound_message_count": INT,
    "outbound_message_count": INT,
    "note_count": INT,
    "satisfaction": INT,
    "spam": BOOL,
}
REAL_ID = "621f80b634b1800f5978c7e4"


def _check_dtypes(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == list(DTYPES)
    for column, dtype in DTYPES.items():
        assert frame[column].dtype == dtype, column


def _stamp(text: str) -> pd.Timestamp:
    return pd.Timestamp(text).as_unit("ms")


def _check_real_row(row: pd.Series) -> None:
    real = json.loads(REAL.read_text())["data"]
    a = real["attributes"]
    assert row["first_response_time_ms"] == 241653
    assert row["first_done_time_ms"] == 1457
    assert row["last_done_time_ms"] == 1457
    assert row["name"] == a["name"] and row["preview"] == a["preview"]
    assert row["status"] == "open" and row["direction"] == "in"
    assert row["channel"] == "voice"  # firstMessageIn.channel, not channels[0]
    assert list(row["channels"]) == ["email", "sms", "voice"]
    assert row["priority"] == 3
    assert row["created_at"] == _stamp("2022-03-02T14:35:34.848Z")
    assert row["updated_at"] == _stamp("2022-03-02T14:43:58.909Z")
    assert row["modified_at"] == _stamp("2022-03-02T14:43:58.574Z")
    assert row["last_message_at"] == _stamp("2022-03-02T14:40:30.391Z")
    assert row["first_response_sent_at"] == _stamp("2022-03-02T14:39:36.506Z")
    assert row["first_done_at"] == _stamp("2022-03-02T14:35:36.305Z")
    assert row["last_done_at"] == _stamp("2022-03-02T14:35:36.305Z")
    assert row["first_response_by"] == "61534348e1b09f00aa00aa01"
    assert row["customer_id"] == "619bc15f5665e7c2aa00bb01"
    assert row["queue_id"] == "5d49b1f8df500f001a960380"
    assert row["brand_id"] == "5daf7919124be4f2960cb092"
    assert list(row["tag_ids"]) == a["tags"]
    assert list(row["assigned_team_ids"]) == [] and list(row["assigned_user_ids"]) == []
    counts = ("done_count", "reopen_count", "message_count", "note_count")
    assert [row[c] for c in counts] == [1, 0, 9, 0]
    assert row["inbound_message_count"] == 6 and row["outbound_message_count"] == 3
    assert row["satisfaction"] == 0
    assert row["spam"] is False or (pd.notna(row["spam"]) and not row["spam"])


def test_load_conversations__real_2022_payload_via_get(client: kn.Client) -> None:
    frame = kn.load_conversations(client)
    _check_dtypes(frame)
    rows = frame[frame["id"] == REAL_ID]
    assert len(rows) == 1
    _check_real_row(rows.iloc[0])


def test_load_conversations__real_2022_payload_via_search(
    real_fixtures: Path, tmp_path: Path
) -> None:
    from kustomer_nb.sandbox import SandboxConfig, serve

    # Search hides updatedAt older than 2 years: freeze the clock in March 2022.
    config = SandboxConfig(
        conversations=200,
        days=14,
        now="2022-03-10T00:00:00Z",
        rate_limit=None,
        search_rate_limit=None,
        fixtures=real_fixtures,
    )
    with (
        serve(config) as sb,
        kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as c,
    ):
        frame = kn.load_conversations(
            c, created_after="2022-03-02", created_before=dt.date(2022, 3, 3)
        )
    _check_dtypes(frame)
    rows = frame[frame["id"] == REAL_ID]
    assert len(rows) == 1
    _check_real_row(rows.iloc[0])


def test_load_conversations__no_filter_matches_raw_and_sorts(
    client: kn.Client, raw: Any
) -> None:
    expected = {c["id"] for c in raw.pages("/conversations")}
    frame = kn.load_conversations(client)
    assert set(frame["id"]) == expected and len(frame) == len(expected)
    assert frame["created_at"].is_monotonic_increasing
    desc = kn.load_conversations(client, sort="desc")
    assert desc["created_at"].is_monotonic_decreasing


def test_load_conversations__filters_through_search(
    sb: Any, raw: Any, tmp_path: Path
) -> None:
    records = raw.pages("/conversations")
    after, before = (
        pd.Timestamp(NOW) - pd.Timedelta(days=12),
        pd.Timestamp(NOW) - pd.Timedelta(days=2),
    )
    expected = {
        r["id"]
        for r in records
        if after <= pd.Timestamp(r["attributes"]["createdAt"]) < before
        and r["attributes"]["status"] in ("open", "done")
    }
    assert len(expected) > 100 * 2  # more than one capped query at page size 2

    # A small search page size makes this pull restart past the 100-page cap.
    with kn.connect(
        sb.token, base_url=sb.base_url, cache_dir=tmp_path, search_page_size=2
    ) as c:
        frame = kn.load_conversations(
            c,
            created_after=after.isoformat(),
            created_before=before.tz_convert(None),  # naive means UTC
            status=["open", "done"],
        )

    _check_dtypes(frame)
    assert len(frame) == len(expected) and set(frame["id"]) == expected
    assert frame["created_at"].is_monotonic_increasing
    assert set(frame["status"].unique()) <= {"open", "done"}


def test_load_conversations__updated_after_sorts_by_updated_at(
    client: kn.Client, raw: Any
) -> None:
    since = pd.Timestamp(NOW) - pd.Timedelta(days=3)
    expected = {
        r["id"]
        for r in raw.pages("/conversations")
        if pd.Timestamp(r["attributes"]["updatedAt"]) >= since
    }
    frame = kn.load_conversations(client, updated_after=since, sort="desc")
    assert set(frame["id"]) == expected and len(frame) == len(expected)
    assert frame["updated_at"].is_monotonic_decreasing


def test_load_conversations__status_string(client: kn.Client, raw: Any) -> None:
    expected = {
        r["id"]
        for r in raw.pages("/conversations")
        if r["attributes"]["status"] == "done"
    }
    expected -= {REAL_ID}
    frame = kn.load_conversations(client, status="done")
    assert set(frame["id"]) == expected
    assert list(frame["status"].cat.categories[:3]) == ["open", "snoozed", "done"]


def test_load_conversations__empty_result_keeps_columns(client: kn.Client) -> None:
    frame = kn.load_conversations(client, created_after="2030-01-01")
    assert len(frame) == 0
    _check_dtypes(frame)


def test_load_conversations__missing_nested_objects_are_missing(
    client: kn.Client, raw: Any
) -> None:
    unanswered = [
        r["id"]
        for r in raw.pages("/conversations")
        if r["attributes"].get("firstResponse") == {}
    ]
    assert unanswered, "the sandbox should have unanswered conversations"
    frame = kn.load_conversations(client).set_index("id")
    rows = frame.loc[unanswered]
    assert rows["first_response_time_ms"].isna().all()
    assert rows["first_response_sent_at"].isna().all()
    assert rows["first_response_by"].isna().all()


@pytest.mark.parametrize("status", ["closed", ["open", "pending"], []])
def test_load_conversations__unknown_status_is_a_value_error(
    client: kn.Client, status: Any
) -> None:
    with pytest.raises(ValueError, match="use one or more of open, snoozed, done"):
        kn.load_conversations(client, status=status)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("created_after", "last tuesday"),
        ("created_before", 20261101),
        ("updated_after", "2026-13-01"),
    ],
)
def test_load_conversations__bad_date_names_the_parameter(
    client: kn.Client, name: str, value: Any
) -> None:
    with pytest.raises(ValueError, match=f"^{name} must be a date"):
        kn.load_conversations(client, **{name: value})


def test_load_conversations__bad_sort(client: kn.Client) -> None:
    with pytest.raises(ValueError, match="sort must be 'asc' or 'desc'"):
        kn.load_conversations(client, sort="up")


def test_load_conversations__unknown_status_in_data_is_kept_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kustomer_nb.sandbox import SandboxConfig, serve

    doc = json.loads(REAL.read_text())
    doc["data"]["attributes"]["status"] = "pending"
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "pending.json").write_text(json.dumps(doc))
    config = SandboxConfig(
        conversations=50,
        days=5,
        now=NOW,
        rate_limit=None,
        search_rate_limit=None,
        fixtures=fixtures,
    )
    with (
        serve(config) as sb,
        kn.connect(sb.token, base_url=sb.base_url, cache=False) as c,
    ):
        frame = kn.load_conversations(c)

    assert len(frame) == 51
    row = frame[frame["id"] == REAL_ID].iloc[0]
    assert row["status"] == "pending"
    assert "pending" in frame["status"].cat.categories
    assert frame["status"].notna().all()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        "pending" in r.getMessage() and "status" in r.getMessage() for r in warnings
    )


def test_load_conversations__logs_one_info_line(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kustomer_nb")
    frame = kn.load_conversations(client, status="open")
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert len(infos) == 1
    assert infos[0].startswith(f"pulled conversations: {len(frame)} rows, ")


def test_load_conversations__lower_bound_past_search_horizon_warns(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    three_years_ago = pd.Timestamp.now(tz="UTC") - pd.Timedelta(days=3 * 365)
    with caplog.at_level(logging.WARNING, logger="kustomer_nb.loaders.conversations"):
        kn.load_conversations(client, created_after=three_years_ago)
    assert any("last two years" in r.getMessage() for r in caplog.records)


def test_load_conversations__recent_lower_bound_does_not_warn(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kustomer_nb.loaders.conversations"):
        kn.load_conversations(client, created_after=pd.Timestamp.now(tz="UTC"))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_load_conversations__empty_created_window_is_a_value_error(
    client: kn.Client,
) -> None:
    with pytest.raises(ValueError, match="must be earlier than created_before"):
        kn.load_conversations(
            client, created_after="2026-11-20", created_before="2026-11-01"
        )


def test_load_conversations__real_2022_payload_response_times(
    client: kn.Client,
) -> None:
    frame = kn.response_times(kn.load_conversations(client))
    row = frame[frame["id"] == REAL_ID].iloc[0]
    assert row["first_response_time"] == pd.Timedelta(seconds=241.653)
    assert row["first_resolution_time"] == pd.Timedelta(seconds=1.457)
    # open again after its first done: no full resolution time yet
    assert pd.isna(row["full_resolution_time"])
