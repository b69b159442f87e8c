import pandas as pd
import pytest

import kustomer_nb as kn

T = pd.Timedelta


def _frame(make):
    base = {"status": "done", "last_done_at": "2026-11-04T00:00:00Z"}
    return make(
        # Sunday 22:00 in New York (Monday 03:00 UTC): the week of Oct 26 there.
        {
            **base,
            "id": "a",
            "created_at": "2026-11-02T03:00:00Z",
            "channel": "email",
            "first_response_time_ms": 10 * 60_000,
        },
        # Monday 01:00 in New York: the week of Nov 2.
        {
            **base,
            "id": "b",
            "created_at": "2026-11-02T06:00:00Z",
            "channel": "email",
            "first_response_time_ms": 20 * 60_000,
        },
        {
            "id": "c",
            "created_at": "2026-11-03T06:00:00Z",
            "channel": "email",
            "status": "open",
            "first_response_time_ms": 30 * 60_000,
        },
        {
            "id": "d",
            "created_at": "2026-11-03T07:00:00Z",
            "channel": "chat",
            "status": "snoozed",
        },
    )


def test_summarize__counts_and_percentiles_by_channel(make):
    out = kn.summarize(_frame(make), "channel", tz="UTC").set_index("channel")

    email = out.loc["email"]
    assert (email["conversations"], email["open"], email["snoozed"], email["done"]) == (
        3,
        1,
        0,
        2,
    )
    assert email["first_response_median"] == T(minutes=20)
    # linear p90 of 10, 20, 30 minutes: 20 + 0.8 * 10
    assert email["first_response_p90"] == T(minutes=28)
    # full resolution only for the two done ones: 45 h and 42 h
    assert email["full_resolution_median"] == T(hours=43.5)
    chat = out.loc["chat"]
    assert (chat["conversations"], chat["snoozed"]) == (1, 1)
    assert pd.isna(chat["first_response_median"])
    assert out["conversations"].sum() == 4


def test_summarize__week_is_monday_start_in_the_given_tz(make):
    utc = kn.summarize(_frame(make), "week", tz="UTC")
    ny = kn.summarize(_frame(make), "week", tz="America/New_York")

    assert list(utc["conversations"]) == [4]
    assert utc["week"].iloc[0] == pd.Timestamp("2026-11-02", tz="UTC")
    assert list(ny["week"]) == [
        pd.Timestamp("2026-10-26", tz="America/New_York"),
        pd.Timestamp("2026-11-02", tz="America/New_York"),
    ]
    assert list(ny["conversations"]) == [1, 3]


def test_summarize__list_of_groups(make):
    out = kn.summarize(_frame(make), ["week", "channel"], tz="UTC")
    assert list(out.columns[:3]) == ["week", "channel", "conversations"]
    assert len(out) == 2 and out["conversations"].sum() == 4


def test_summarize__tz_is_required_and_validated(make):
    with pytest.raises(TypeError):
        kn.summarize(_frame(make), "week")
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        kn.summarize(_frame(make), "week", tz="Mars/Olympus")


def test_summarize__team_without_join_names_says_what_to_do(make):
    with pytest.raises(ValueError, match=r"needs a team column: call kn.join_names"):
        kn.summarize(_frame(make), "team", tz="UTC")
    with pytest.raises(ValueError, match="by must be one or more of"):
        kn.summarize(_frame(make), "agent_mood", tz="UTC")
