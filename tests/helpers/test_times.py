import pandas as pd
import pytest

import kustomer_nb as kn


def _frame(make):
    return make(
        # Kustomer's own ms win over timestamps (which say 5 min here).
        {
            "id": "a",
            "created_at": "2026-11-02T10:00:00Z",
            "status": "done",
            "first_response_sent_at": "2026-11-02T10:05:00Z",
            "first_response_time_ms": 241653,
            "first_done_at": "2026-11-02T10:00:01.457Z",
            "first_done_time_ms": 1457,
            "last_done_at": "2026-11-02T12:00:00Z",
        },
        # No precomputed ms: computed from timestamps; reopened, so not done now.
        {
            "id": "b",
            "created_at": "2026-11-02T10:00:00Z",
            "status": "open",
            "first_response_sent_at": "2026-11-02T11:30:00Z",
            "first_done_at": "2026-11-02T14:00:00Z",
            "last_done_at": "2026-11-02T14:00:00Z",
        },
        # Nothing happened yet.
        {"id": "c", "created_at": "2026-11-02T10:00:00Z", "status": "open"},
    )


def test_response_times__kustomer_ms_first_then_timestamps(make):
    out = kn.response_times(_frame(make))
    assert out["first_response_time"].iloc[0] == pd.Timedelta(milliseconds=241653)
    assert out["first_resolution_time"].iloc[0] == pd.Timedelta(seconds=1.457)
    assert out["first_response_time"].iloc[1] == pd.Timedelta(minutes=90)
    assert out["first_resolution_time"].iloc[1] == pd.Timedelta(hours=4)
    assert out["first_response_time"].isna().iloc[2]


def test_response_times__full_resolution_only_when_done(make):
    out = kn.response_times(_frame(make))
    assert out["full_resolution_time"].iloc[0] == pd.Timedelta(hours=2)
    assert out["full_resolution_time"].isna().tolist() == [False, True, True]
    assert all(
        str(out[c].dtype) == "timedelta64[ms]" for c in kn.helpers.times.TIME_COLUMNS
    )
    assert len(out) == 3


def test_response_times__missing_column_is_a_clear_error(make):
    with pytest.raises(ValueError, match="needs column.*first_done_time_ms"):
        kn.response_times(_frame(make).drop(columns=["first_done_time_ms"]))


def test_response_times__naive_datetimes_are_a_clear_error(make):
    frame = _frame(make)
    frame["first_done_at"] = frame["first_done_at"].dt.tz_localize(None)
    with pytest.raises(ValueError, match="first_done_at must be a time-zone-aware"):
        kn.response_times(frame)
