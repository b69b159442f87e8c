import pandas as pd
import pytest

import kustomer_nb as kn

AT = "2026-11-09T00:00:00Z"


def _frame(make):
    return make(
        # open at AT, 2 h old
        {"id": "a", "queue_id": "q1", "created_at": "2026-11-08T22:00:00Z"},
        # done after AT: was open at AT, 30 h old
        {
            "id": "b",
            "queue_id": "q1",
            "created_at": "2026-11-07T18:00:00Z",
            "status": "done",
            "last_done_at": "2026-11-09T05:00:00Z",
        },
        # done before AT: not in the backlog
        {
            "id": "c",
            "queue_id": "q1",
            "created_at": "2026-11-07T18:00:00Z",
            "status": "done",
            "last_done_at": "2026-11-08T05:00:00Z",
        },
        # snoozed now, done once before AT: counts as open (documented)
        {
            "id": "d",
            "queue_id": "q2",
            "created_at": "2026-11-01T00:00:00Z",
            "status": "snoozed",
            "last_done_at": "2026-11-02T00:00:00Z",
        },
        # created after AT
        {"id": "e", "queue_id": "q2", "created_at": "2026-11-09T01:00:00Z"},
        # no queue, 4 h old exactly: the 4h–24h bucket (lower bound inclusive)
        {"id": "f", "queue_id": None, "created_at": "2026-11-08T20:00:00Z"},
    )


def test_open_at__definition(make):
    assert list(kn.helpers.open_at(_frame(make), AT)) == [
        True,
        True,
        False,
        True,
        False,
        True,
    ]


def test_backlog__buckets_and_oldest_by_queue(make):
    out = kn.backlog(_frame(make), AT, by="queue_id").set_index("queue_id")

    assert list(out.columns) == ["open", "< 4h", "4h–24h", "24h–72h", "≥ 72h", "oldest"]
    assert out.loc["q1", ["open", "< 4h", "24h–72h"]].tolist() == [2, 1, 1]
    assert out.loc["q1", "oldest"] == pd.Timedelta(hours=30)
    assert out.loc["q2", ["open", "≥ 72h"]].tolist() == [1, 1]
    assert out.loc["q2", "oldest"] == pd.Timedelta(days=8)
    assert out.loc["(none)", "4h–24h"] == 1
    assert out["open"].sum() == 4


def test_backlog__nothing_open_gives_an_empty_frame_with_columns(make):
    out = kn.backlog(_frame(make), "2026-10-01", by="queue_id")
    assert len(out) == 0 and "oldest" in out.columns


def test_backlog__bad_thresholds_and_missing_queue_are_clear(make):
    with pytest.raises(ValueError, match="positive and increasing"):
        kn.backlog(_frame(make), AT, thresholds=("24h", "4h"), by="queue_id")
    with pytest.raises(ValueError, match="durations like '4h'"):
        kn.backlog(_frame(make), AT, thresholds=("soon",), by="queue_id")


def test_backlog__frame_without_queue_says_to_join_names(make):
    frame = _frame(make)
    assert "queue" not in frame.columns
    with pytest.raises(ValueError) as error:
        kn.backlog(frame, AT)
    message = str(error.value)
    assert "call kn.join_names(df, queues=kn.load_queues(client)) first" in message
    assert "by='queue_id'" in message
    assert "pass a frame from kn.load_conversations()" not in message


def test_backlog__moment_in_the_future_is_refused(make):
    tomorrow = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)
    with pytest.raises(ValueError, match=r"at='2030-01-01' is in the future"):
        kn.backlog(_frame(make), "2030-01-01", by="queue_id")
    with pytest.raises(ValueError, match="is in the future"):
        kn.backlog(_frame(make), tomorrow, by="queue_id")
    # a moment just passed is fine
    past = pd.Timestamp.now(tz="UTC") - pd.Timedelta(minutes=1)
    assert kn.backlog(_frame(make), past, by="queue_id")["open"].sum() >= 1
