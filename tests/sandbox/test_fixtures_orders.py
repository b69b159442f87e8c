"""Recorded fixtures served as they are; the Shopify orders export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import requests

from kustomer_nb.sandbox import serve, write_orders_csv

DATA = Path(__file__).parent.parent / "data"
SAMPLE_ORDERS = Path("/work/shared/data/shopify/orders_export_sample.csv")


def test_fixture__real_2022_payload_served_byte_for_byte(api, real_id):
    recorded = json.loads((DATA / "conversation-real-2022.json").read_text())["data"]
    served = api.get(f"/v1/conversations/{real_id}").json()["data"]
    assert served == recorded
    raw = api.get(f"/v1/conversations/{real_id}").content
    expected = json.dumps(
        recorded["attributes"], separators=(",", ":"), ensure_ascii=False
    )
    assert expected.encode() in raw


def test_fixture__searchable_within_horizon(tmp_path):
    (tmp_path / "one.json").write_bytes(
        (DATA / "conversation-real-2022.json").read_bytes()
    )
    team = {
        "type": "team",
        "id": "5fb5693d4d92eaf8702d456d",
        "attributes": {"name": "x"},
    }
    (tmp_path / "teams.json").write_text(json.dumps({"data": [team]}))
    customer = {
        "type": "customer",
        "id": "619bc15f5665e7c2aa00bb01",
        "attributes": {
            "name": "Recorded Person",
            "createdAt": "2021-11-22T16:12:15.000Z",
            "updatedAt": "2022-03-02T14:43:58.909Z",
        },
    }
    (tmp_path / "customer.json").write_text(json.dumps({"data": customer}))
    config = dict(
        conversations=100, days=30, now="2022-03-31T00:00:00Z", rate_limit=None
    )
    with serve(fixtures=tmp_path, search_rate_limit=None, **config) as sb:
        headers = {"Authorization": f"Bearer {sb.token}"}
        body = {
            "queryContext": "conversation",
            "and": [
                {"conversation_created_at": {"equals": "2022-03-02"}},
                {"conversation_channels": {"contains": "voice"}},
            ],
        }
        url = f"{sb.base_url}/v1/customers/search"
        found = requests.post(url, json=body, headers=headers, timeout=10).json()
        ids = [c["id"] for c in found["data"]]
        assert "621f80b634b1800f5978c7e4" in ids
        got = requests.get(
            f"{sb.base_url}/v1/teams/{team['id']}", headers=headers, timeout=10
        )
        assert got.json()["data"] == team


def test_fixture__bad_envelope_refused(tmp_path):
    (tmp_path / "bad.json").write_text('{"items": []}')
    with pytest.raises(ValueError, match="envelope"):
        with serve(conversations=10, days=2, fixtures=tmp_path):
            pass


@pytest.fixture(scope="module")
def orders(sandbox, tmp_path_factory) -> list[dict]:
    path = write_orders_csv(sandbox.state, tmp_path_factory.mktemp("orders") / "o.csv")
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_orders__exact_shopify_header(sandbox, tmp_path):
    path = write_orders_csv(sandbox.state, tmp_path / "orders.csv")
    header = path.read_text().splitlines()[0]
    if SAMPLE_ORDERS.exists():
        assert header == SAMPLE_ORDERS.read_text().splitlines()[0]
    assert len(header.split(",")) == 79


def test_orders__order_columns_only_on_first_line(orders):
    seen: set[str] = set()
    for row in orders:
        first = row["Name"] not in seen
        seen.add(row["Name"])
        assert bool(row["Created at"]) == first
        assert row["Lineitem name"]
    assert len(seen) < len(orders)


def test_orders__emails_statuses_and_timestamps(orders, sandbox):
    firsts = [r for r in orders if r["Created at"]]
    emails = [r["Email"] for r in firsts]
    assert any(e == "" for e in emails)
    assert any(e and e != e.lower() for e in emails)
    statuses = {r["Financial Status"] for r in firsts}
    assert {"paid", "refunded", "partially_refunded", "pending", "voided"} <= statuses
    assert all(r["Cancelled at"] for r in firsts if r["Financial Status"] == "voided")
    assert all(r["Created at"][-5:] in ("-0500", "-0400") for r in firsts)
    known = {
        c["attributes"]["emails"][0]["email"]
        for page in range(1, 4)
        for c in requests.get(
            f"{sandbox.base_url}/v1/customers",
            params={"page": page},
            headers={"Authorization": f"Bearer {sandbox.token}"},
            timeout=10,
        ).json()["data"]
    }
    assert known & {e.lower() for e in emails}
