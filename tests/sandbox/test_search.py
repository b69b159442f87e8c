"""POST /v1/customers/search against values computed from the columns."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from kustomer_nb.sandbox._util import MISSING
from kustomer_nb.sandbox.timeline import STATUSES

CONV = "conversation"


def _generated(sandbox) -> dict[str, np.ndarray]:
    n = sandbox.state.n_generated
    return {k: v[:n] for k, v in sandbox.state.conv.items()}


def _iso(ms: int) -> str:
    moment = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


@pytest.mark.parametrize("status", STATUSES)
def test_search__status_total_matches_listing(api, listed, real_id, status):
    expected = sum(
        c["attributes"]["status"] == status and c["id"] != real_id for c in listed
    )
    body = {"queryContext": CONV, "and": [{"conversation_status": {"equals": status}}]}
    meta = api.search(body, pageSize=1).json()["meta"]
    assert meta["total"] == expected > 0
    assert meta["totalPages"] == expected


def test_search__page_101_refused_but_page_100_links_to_it(api):
    body = {"queryContext": CONV, "sort": [{"conversation_updated_at": "asc"}]}
    page100 = api.search(body, page=100, pageSize=2).json()
    assert page100["meta"]["total"] > 200
    assert page100["links"]["next"] == "/v1/customers/search?page=101&pageSize=2"
    refused = api.search(body, page=101, pageSize=2)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["status"] == 400


def test_search__total_uncapped_and_links(api, sandbox):
    body = {"queryContext": CONV}
    result = api.search(body, pageSize=10).json()
    total = sandbox.state.n_generated  # all within the horizon; the 2022 fixture is not
    assert result["meta"]["total"] == total
    assert result["meta"]["aggregations"] == {}
    assert (
        result["links"]["last"]
        == f"/v1/customers/search?page={-(-total // 10)}&pageSize=10"
    )
    assert result["links"]["prev"] is None


def test_search__page_size_clamped_at_500(api):
    result = api.search({"queryContext": CONV}, pageSize=5000).json()
    assert result["meta"]["pageSize"] == 500 and len(result["data"]) == 500


def test_search__updated_window_sorted_with_id_tiebreak(api, sandbox):
    c = _generated(sandbox)
    low = int(np.quantile(c["updated"], 0.4))
    high = int(np.quantile(c["updated"], 0.6))
    body = {
        "queryContext": CONV,
        "and": [
            {"conversation_updated_at": {"gte": _iso(low)}},
            {"conversation_updated_at": {"lt": _iso(high)}},
        ],
        "sort": [{"conversation_updated_at": "asc"}],
    }
    got = api.search(body, pageSize=500).json()["data"]
    expected = int(((c["updated"] >= low) & (c["updated"] < high)).sum())
    assert len(got) == expected
    keys = [(r["attributes"]["updatedAt"], r["id"]) for r in got]
    assert keys == sorted(keys)


def test_search__desc_sort_and_or_not(api, sandbox):
    c = _generated(sandbox)
    done, snoozed = STATUSES.index("done"), STATUSES.index("snoozed")
    body = {
        "queryContext": CONV,
        "or": [
            {"conversation_status": {"equals": "snoozed"}},
            {
                "and": [
                    {"conversation_status": {"in": ["done"]}},
                    {"conversation_reopen_count": {"gt": 0}},
                ]
            },
        ],
        "not": {"conversation_queue": {"equals": sandbox.state.org.queues[0]["id"]}},
        "sort": [{"conversation_created_at": "desc"}],
    }
    got = api.search(body, pageSize=500).json()
    mask = (c["status"] == snoozed) | ((c["status"] == done) & (c["reopen_count"] > 0))
    mask &= c["queue"] != 0
    assert got["meta"]["total"] == int(mask.sum()) > 0
    created = [r["attributes"]["createdAt"] for r in got["data"]]
    assert created == sorted(created, reverse=True)


def test_search__date_only_is_shifted_by_time_zone(api, sandbox):
    c = _generated(sandbox)
    zone = "America/Los_Angeles"
    day = dt.date(2026, 11, 20)
    start = dt.datetime.combine(day, dt.time(), ZoneInfo(zone)).timestamp() * 1000
    end = start + 86_400_000
    body = {
        "queryContext": CONV,
        "and": [{"conversation_created_at": {"equals": day.isoformat()}}],
        "timeZone": zone,
    }
    total = api.search(body, pageSize=1).json()["meta"]["total"]
    assert total == int(((c["created"] >= start) & (c["created"] < end)).sum()) > 0
    utc = api.search({**body, "timeZone": "UTC"}, pageSize=1).json()["meta"]["total"]
    assert utc != total


def test_search__not_set_finds_unanswered(api, sandbox):
    c = _generated(sandbox)
    body = {
        "queryContext": CONV,
        "and": [{"conversation_first_response_sent_at": {"not_set": True}}],
    }
    result = api.search(body, pageSize=500).json()
    assert result["meta"]["total"] == int((c["fr"] == MISSING).sum()) > 0
    for item in result["data"]:
        assert item["attributes"]["firstResponse"] == {}
        assert item["attributes"]["firstMessageOut"] == {}


def test_search__assigned_teams_contains(api, sandbox):
    c = _generated(sandbox)
    team = sandbox.state.org.teams[1]["id"]
    body = {
        "queryContext": CONV,
        "and": [{"conversation_assigned_teams": {"contains": team}}],
    }
    result = api.search(body, pageSize=500).json()
    assert result["meta"]["total"] == int((c["teams_mask"] & 2 != 0).sum()) > 0
    assert all(team in r["attributes"]["assignedTeams"] for r in result["data"])


def test_search__customer_context(api, sandbox):
    cust = sandbox.state.cust
    cut = int(np.median(cust["updated"]))
    body = {
        "queryContext": "customer",
        "and": [{"customer_updated_at": {"gte": _iso(cut)}}],
        "sort": [{"customer_updated_at": "asc"}],
    }
    result = api.search(body, pageSize=500).json()
    assert result["meta"]["total"] == int((cust["updated"] >= cut).sum())
    assert {r["type"] for r in result["data"]} == {"customer"}


def test_search__two_year_horizon_hides_old_records(api, sandbox):
    cust = sandbox.state.cust
    old = cust["updated"] < sandbox.state.search_horizon
    assert old.any()  # customers idle for more than two years exist
    result = api.search({"queryContext": "customer"}, pageSize=1).json()
    assert result["meta"]["total"] == int((~old).sum())
    # The real 2022 conversation is listed, but older than 2 years: not searchable.
    body = {
        "queryContext": CONV,
        "and": [{"conversation_created_at": {"lt": "2023-01-01"}}],
    }
    assert api.search(body).json()["meta"]["total"] == 0


@pytest.mark.parametrize(
    "body",
    [
        {"queryContext": CONV, "filter": {}},
        {"queryContext": CONV, "and": [{"conversation_nonsense": {"equals": 1}}]},
        {"queryContext": CONV, "and": [{"conversation_status": {"like": "open"}}]},
        {
            "queryContext": CONV,
            "and": [{"conversation_created_at": {"gte": "yesterday"}}],
        },
        {"queryContext": CONV, "sort": [{"conversation_status": "asc"}]},
        {"queryContext": CONV, "timeZone": "Mars/Olympus"},
        {"queryContext": "planet"},
        {"and": []},
    ],
)
def test_search__bad_body_is_400(api, body):
    response = api.search(body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["status"] == 400


@pytest.mark.parametrize(
    ("attribute", "column"),
    [
        ("conversation_created_at", "created"),
        ("conversation_updated_at", "updated"),
        ("conversation_last_done_created_at", "last_done"),
        ("conversation_first_response_sent_at", "fr"),
    ],
)
def test_search__date_attributes_gte_median(api, sandbox, attribute, column):
    values = _generated(sandbox)[column]
    present = values[values != MISSING]
    cut = int(np.median(present))
    body = {"queryContext": CONV, "and": [{attribute: {"gte": _iso(cut)}}]}
    total = api.search(body, pageSize=1).json()["meta"]["total"]
    assert total == int((present >= cut).sum()) > 0


def test_search__customer_created_at_lt(api, sandbox):
    cust = sandbox.state.cust
    visible = cust["updated"] >= sandbox.state.search_horizon
    cut = int(np.median(cust["created"]))
    body = {
        "queryContext": "customer",
        "and": [{"customer_created_at": {"lt": _iso(cut)}}],
    }
    total = api.search(body, pageSize=1).json()["meta"]["total"]
    assert total == int(((cust["created"] < cut) & visible).sum()) > 0


def test_search__one_queue_receives_nothing(api, sandbox):
    totals = {}
    for queue in sandbox.state.org.queues:
        body = {
            "queryContext": CONV,
            "and": [{"conversation_queue": {"equals": queue["id"]}}],
        }
        totals[queue["attributes"]["name"]] = api.search(body, pageSize=1).json()[
            "meta"
        ]["total"]
    empty = [name for name, total in totals.items() if total == 0]
    assert len(empty) == 1 and totals["DEFAULT_QUEUE"] > 0
    assert sum(totals.values()) == sandbox.state.n_generated


def test_search__gte_boundary_returns_every_tie(api, sandbox):
    c = _generated(sandbox)
    values, counts = np.unique(c["updated"], return_counts=True)
    tie = int(values[counts.argmax()])
    assert counts.max() >= 100
    body = {
        "queryContext": CONV,
        "and": [
            {"conversation_updated_at": {"gte": _iso(tie)}},
            {"conversation_updated_at": {"lte": _iso(tie)}},
        ],
        "sort": [{"conversation_updated_at": "asc"}],
    }
    ids = []
    for page in range(1, 1 + -(-int(counts.max()) // 100)):
        ids += [
            r["id"] for r in api.search(body, page=page, pageSize=100).json()["data"]
        ]
    assert len(ids) == len(set(ids)) == counts.max()
    assert ids == sorted(ids)
