import pandas as pd
import pytest

import kustomer_nb.helpers as h


@pytest.fixture
def frames(make, lookup):
    teams = lookup([("t1", "Tier 1"), ("t2", "Billing")])
    queues = lookup([("q1", "Returns")])
    users = lookup([("u1", "Ana Ruiz")])
    return _frame(make), teams, queues, users


def _frame(make):
    return make(
        {
            "id": "c1",
            "created_at": "2026-11-02T10:00Z",
            "assigned_team_ids": ["t2", "t1"],
            "queue_id": "q1",
            "first_response_by": "u1",
        },
        {
            "id": "c2",
            "created_at": "2026-11-02T11:00Z",
            "assigned_team_ids": [],
            "queue_id": None,
        },
        {
            "id": "c3",
            "created_at": "2026-11-02T12:00Z",
            "assigned_team_ids": ["t9"],
            "queue_id": "q404",
            "first_response_by": "u9",
        },
    )


def test_join_names__first_team_unassigned_and_unknown_ids_stay_visible(frames):
    frame, teams, queues, users = frames
    out = h.join_names(frame, teams=teams, queues=queues, users=users)

    assert list(out["team"]) == ["Billing", "(unassigned)", "unknown team t9"]
    assert [list(x) for x in out["team_names"]] == [
        ["Billing", "Tier 1"],
        [],
        ["unknown team t9"],
    ]
    assert list(out["queue"]) == ["Returns", "(no queue)", "unknown queue q404"]
    assert list(out["agent"]) == ["Ana Ruiz", "(no response)", "unknown user u9"]
    assert out["team"].dtype == pd.StringDtype("pyarrow")


def test_join_names__row_count_and_order_unchanged(frames):
    frame, teams, _, _ = frames
    out = h.join_names(frame, teams=teams)
    assert list(out["id"]) == list(frame["id"])
    assert "queue" not in out and "team" not in frame


def test_join_names__display_name_preferred_over_name(frames, lookup):
    queues = lookup([("q1", "returns_q")])
    queues["display_name"] = ["Returns & exchanges"]
    out = h.join_names(frames[0], queues=queues)
    assert out["queue"].iloc[0] == "Returns & exchanges"


def test_join_names__missing_column_is_a_clear_error(frames):
    frame, teams, _, _ = frames
    with pytest.raises(ValueError, match="needs column.*assigned_team_ids"):
        h.join_names(frame.drop(columns=["assigned_team_ids"]), teams=teams)


def test_join_names__bad_lookup_is_a_clear_error(frames):
    frame, teams, _, _ = frames
    with pytest.raises(ValueError, match="teams must be a DataFrame with id and name"):
        h.join_names(frame, teams=pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError, match="expects a pandas DataFrame"):
        h.join_names([1, 2], teams=teams)
