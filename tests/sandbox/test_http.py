"""Envelopes, paging, clamps, lookups and auth, through real HTTP."""

from __future__ import annotations

import re

import numpy as np
import pytest
import requests

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")


def _all_pages(api, path: str, **params) -> list[dict]:
    items, url = [], path
    response = api.get(url, **params)
    while True:
        body = response.json()
        items += body["data"]
        following = body["links"]["next"]
        if following is None:
            return items
        response = api.session.get(api.sb.base_url + following, timeout=30)


def test_conversations__every_row_once_in_id_order(listed, sandbox, real_id):
    ids = [c["id"] for c in listed]
    assert len(ids) == len(sandbox.state.conv["created"]) == len(set(ids))
    assert ids == sorted(ids)
    assert real_id in ids


def test_conversations__sort_desc_reverses_ids(api):
    first = api.get("/v1/conversations", pageSize=5, sort="desc").json()["data"]
    ids = [c["id"] for c in first]
    assert ids == sorted(ids, reverse=True)
    last_page = api.get("/v1/conversations", pageSize=5).json()
    assert ids[0] > last_page["data"][0]["id"]


def test_conversations__page_size_clamped_at_100(api):
    body = api.get("/v1/conversations", pageSize=1000).json()
    assert body["meta"] == {"pageSize": 100, "page": 1}
    assert len(body["data"]) == 100
    assert body["links"]["next"] == "/v1/conversations?page=2&pageSize=100"
    assert body["links"]["prev"] is None


def test_conversations__last_page_has_no_next(api, sandbox):
    total = len(sandbox.state.conv["created"])
    pages = -(-total // 100)
    body = api.get("/v1/conversations", page=pages).json()
    assert body["links"]["next"] is None
    assert body["links"]["prev"] == f"/v1/conversations?page={pages - 1}&pageSize=100"
    assert len(body["data"]) == total - 100 * (pages - 1)


def test_conversations__bad_page_is_400(api):
    response = api.get("/v1/conversations", page="two")
    assert response.status_code == 400
    assert response.json()["errors"][0]["status"] == 400


def test_conversation__resource_shape(api):
    item = api.get("/v1/conversations", pageSize=1).json()["data"][0]
    assert set(item) == {"type", "id", "attributes", "relationships", "links"}
    assert item["type"] == "conversation" and OBJECT_ID.match(item["id"])
    assert item["links"]["self"] == f"/v1/conversations/{item['id']}"
    created = item["attributes"]["createdAt"]
    assert TIMESTAMP.match(created)
    # ObjectIds start with the creation epoch second.
    seconds = int(item["id"][:8], 16)
    assert np.datetime64(seconds, "s") == np.datetime64(created[:19])
    for name, relation in item["relationships"].items():
        assert relation["links"]["self"].startswith("/v1/"), name


def test_conversation__by_comma_separated_ids(api):
    ids = [c["id"] for c in api.get("/v1/conversations", pageSize=3).json()["data"]]
    one = api.get(f"/v1/conversations/{ids[0]}").json()
    assert one["data"]["id"] == ids[0]
    many = api.get("/v1/conversations/" + ",".join(ids)).json()
    assert [c["id"] for c in many["data"]] == ids


def test_conversation__unknown_id_is_404_errors_body(api):
    response = api.get("/v1/conversations/" + "0" * 24)
    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == 404


def test_customers__meta_has_total(api, sandbox):
    body = api.get("/v1/customers", pageSize=7).json()
    total = len(sandbox.state.cust["created"])
    assert body["meta"] == {
        "pageSize": 7,
        "page": 1,
        "total": total,
        "totalPages": -(-total // 7),
    }
    first = body["data"][0]
    again = api.get(f"/v1/customers/{first['id']}").json()["data"]
    assert again == first
    assert "@" in first["attributes"]["emails"][0]["email"]


def test_teams__six_with_agent_members(api):
    teams = api.get("/v1/teams", pageSize=1000).json()
    assert teams["meta"]["pageSize"] == 500
    users = {u["id"]: u for u in _all_pages(api, "/v1/users", pageSize=500)}
    assert len(teams["data"]) == 6
    for team in teams["data"]:
        assert team["attributes"]["members"]
        assert all(
            users[m]["attributes"]["userType"] == "user"
            for m in team["attributes"]["members"]
        )
    one = api.get(f"/v1/teams/{teams['data'][0]['id']}").json()["data"]
    assert one == teams["data"][0]


def test_queues__default_queue_is_system(api):
    queues = api.get("/v1/routing/queues").json()["data"]
    system = [q for q in queues if q["attributes"]["system"]]
    assert [q["attributes"]["name"] for q in system] == ["DEFAULT_QUEUE"]
    assert api.get(f"/v1/routing/queues/{system[0]['id']}").status_code == 200


@pytest.mark.parametrize("status", ["enabled", "disabled", "existing_only"])
def test_klasses__filtered_by_status(api, status):
    klasses = api.get("/v1/klasses", status=status).json()["data"]
    assert klasses and {k["attributes"]["status"] for k in klasses} == {status}
    one = api.get(f"/v1/klasses/{klasses[0]['id']}").json()["data"]
    assert one["id"] == klasses[0]["id"]


def test_klasses__default_is_enabled_and_bad_status_400(api):
    default = api.get("/v1/klasses").json()["data"]
    assert {k["attributes"]["status"] for k in default} == {"enabled"}
    assert api.get("/v1/klasses", status="existing-only").status_code == 400
    missing = api.get("/v1/klasses/" + "f" * 24)
    assert missing.status_code == 404 and "errors" in missing.json()


def test_users__filters_and_current(api, sandbox):
    machines = api.get("/v1/users", userType="machine").json()["data"]
    current = api.get("/v1/users/current").json()["data"]
    assert [u["id"] for u in machines] == [current["id"]]
    agents = api.get("/v1/users", userType="user").json()["data"]
    assert len(agents) >= 40
    deleted = api.get("/v1/users", deleted="true").json()["data"]
    assert deleted and all(u["attributes"]["deletedAt"] for u in deleted)
    both = api.get("/v1/users", deleted="true", userType="user")
    assert both.status_code == 400


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        (None, "Authorization"),
        ("Bearer wrong", "Invalid token"),
        ("Token abc", "Authorization"),
        ("Bearer {expired}", "Expired token"),
    ],
)
def test_auth__401_with_errors_body(sandbox, tokens, header, fragment):
    header = header and header.format(**tokens)
    headers = {"Authorization": header} if header else {}
    response = requests.get(f"{sandbox.base_url}/v1/teams", headers=headers, timeout=10)
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["status"] == 401 and error["code"] == "unauthorized"
    assert fragment in error["title"] + error["detail"]
    assert sandbox.token not in response.text


def test_auth__limited_token_403_except_identity(sandbox, tokens):
    headers = {"Authorization": f"Bearer {tokens['limited']}"}
    base = sandbox.base_url
    for path in ("/v1/conversations", "/v1/teams", "/v1/klasses"):
        response = requests.get(base + path, headers=headers, timeout=10)
        assert response.status_code == 403, path
        assert response.json()["errors"][0]["status"] == 403
    search = requests.post(
        base + "/v1/customers/search",
        json={"queryContext": "conversation"},
        headers=headers,
        timeout=10,
    )
    assert search.status_code == 403
    for path in ("/v1/users/current", "/v1/auth/tokens/current"):
        assert requests.get(base + path, headers=headers, timeout=10).status_code == 200


def test_auth__token_never_echoed(api, sandbox):
    for path in ("/v1/auth/tokens/current", "/v1/users/current", "/v1/nowhere"):
        assert sandbox.token not in api.get(path).text
    assert sandbox.token not in repr(sandbox.config)


def test_unknown_path__404_errors_body(api):
    response = api.get("/v1/nowhere")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_ready_lines__url_and_exports(sandbox):
    from kustomer_nb.sandbox import ready_lines

    lines = ready_lines(sandbox, "orders.csv")
    assert lines[1] == f"export KUSTOMER_BASE_URL={sandbox.base_url}"
    assert lines[2] == f"export KUSTOMER_API_TOKEN={sandbox.token}"
    assert lines[-1].endswith("orders.csv")
