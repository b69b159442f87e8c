import pandas as pd

import kustomer_nb as kn


def test_data_checks__flags_each_problem_with_its_count(make, lookup):
    convs = make(
        {
            "id": "a",
            "created_at": "2026-11-02T10:00:00Z",
            "queue_id": "q1",
            "updated_at": "2026-11-02T11:00:00Z",
        },
        {
            "id": "a",
            "created_at": "2026-11-02T10:00:00Z",
            "queue_id": "q1",
            "updated_at": "2026-11-02T11:00:00Z",
        },
        {
            "id": "b",
            "created_at": "2026-11-02T10:00:00Z",
            "queue_id": "q404",
            "updated_at": "2026-11-02T11:00:00Z",
            "first_response_time_ms": -5,
        },
        {
            "id": "c",
            "created_at": "2026-11-02T10:00:00Z",
            "queue_id": None,
            "updated_at": "2026-11-02T09:00:00Z",
            "status": "done",
        },
    )
    queues = lookup([("q1", "Returns"), ("q2", "Billing"), ("q3", "Old")])
    queues["deleted"] = pd.array([False, False, True], dtype="boolean")

    out = kn.data_checks(convs, queues=queues).set_index("check")

    assert out.loc["rows", ["count", "status"]].tolist() == [4, "pass"]
    assert out.loc["duplicate ids", ["count", "status"]].tolist() == [1, "warn"]
    assert out.loc["missing queue_id", "count"] == 1
    assert out.loc["missing id", ["count", "status"]].tolist() == [0, "pass"]
    assert out.loc["negative durations", "count"] == 1
    assert out.loc["updated before created", "count"] == 1
    assert out.loc["done without last_done_at", "count"] == 1
    assert out.loc["unknown queue ids", ["count", "detail"]].tolist() == [1, "q404"]
    assert out.loc["queues that received nothing", ["count", "detail"]].tolist() == [
        1,
        "Billing",
    ]


def test_data_checks__unknown_status_and_empty_frame(make):
    convs = make({"id": "a", "created_at": "2026-11-02T10:00:00Z"})
    convs["status"] = convs["status"].cat.add_categories("pending").astype("object")
    convs.loc[0, "status"] = "pending"
    out = kn.data_checks(convs).set_index("check")
    assert out.loc["unknown statuses", ["count", "detail"]].tolist() == [1, "pending"]

    empty = kn.data_checks(convs.iloc[0:0]).set_index("check")
    assert empty.loc["rows", ["count", "status"]].tolist() == [0, "warn"]


def test_data_checks__idle_queues_named_as_the_report_names_them(make, lookup):
    convs = make({"id": "a", "created_at": "2026-11-02T10:00:00Z", "queue_id": "q1"})
    queues = lookup([("q1", "RETURNS"), ("q2", "DEFAULT_QUEUE"), ("q3", "SPARE")])
    queues["display_name"] = pd.array(
        ["Returns", "Default Queue", None], dtype=pd.StringDtype("pyarrow")
    )
    out = kn.data_checks(convs, queues=queues).set_index("check")
    named = kn.join_names(convs.assign(queue_id=["q2"]), queues=queues)
    assert named["queue"].tolist() == ["Default Queue"]
    # the same name as kn.join_names; no display name → the name
    assert out.loc["queues that received nothing", "detail"] == "Default Queue, SPARE"
