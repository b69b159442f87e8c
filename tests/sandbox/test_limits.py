"""Rate-limit headers and 429s, injected faults."""

from __future__ import annotations

import time

import pytest
import requests

from kustomer_nb.sandbox import serve

HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")


def _fresh_window() -> None:
    """Sleep past a minute boundary if one is about to cut the test in two."""
    if time.time() % 60 > 55:
        time.sleep(60.5 - time.time() % 60)


@pytest.fixture
def limited():
    with serve(
        conversations=50, days=5, now="2026-11-30", rate_limit=4, search_rate_limit=2
    ) as sb:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {sb.token}"
        yield sb, session


def test_limits__headers_on_every_response(api, sandbox):
    responses = [
        api.get("/v1/teams"),
        api.get("/v1/nowhere"),
        api.get("/v1/conversations/" + "0" * 24),
        api.search({"queryContext": "conversation"}),
        api.search({"queryContext": "bogus"}),
        requests.get(f"{sandbox.base_url}/v1/teams", timeout=10),
    ]
    for response in responses:
        assert all(h in response.headers for h in HEADERS), response.status_code
        assert "retry-after" not in response.headers


def test_limits__429_after_org_budget(limited):
    sb, session = limited
    _fresh_window()
    statuses = [session.get(f"{sb.base_url}/v1/teams", timeout=10) for _ in range(5)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 200, 429]
    assert [r.headers["x-ratelimit-remaining"] for r in statuses[:4]] == [
        "3",
        "2",
        "1",
        "0",
    ]
    over = statuses[-1]
    assert over.json()["errors"][0]["status"] == 429
    reset = int(over.headers["x-ratelimit-reset"])
    assert reset % 60 == 0 and 0 < reset - time.time() <= 60


def test_limits__search_has_its_own_budget(limited):
    sb, session = limited
    _fresh_window()
    url = f"{sb.base_url}/v1/customers/search"
    body = {"queryContext": "conversation"}
    searches = [session.post(url, json=body, timeout=10) for _ in range(3)]
    assert [r.status_code for r in searches] == [200, 200, 429]
    assert searches[0].headers["x-ratelimit-limit"] == "2"
    # The org budget (4) is still not spent: searches counted once each against it.
    teams = session.get(f"{sb.base_url}/v1/teams", timeout=10)
    assert teams.status_code == 200 and teams.headers["x-ratelimit-limit"] == "4"


def test_limits__off_never_refuses(api):
    assert all(api.get("/v1/teams").status_code == 200 for _ in range(30))


def test_faults__some_5xx_some_empty_before_work():
    with serve(
        conversations=20, days=3, now="2026-11-30", fault_rate=0.5, rate_limit=None
    ) as sb:
        headers = {"Authorization": f"Bearer {sb.token}"}
        got = [
            requests.get(f"{sb.base_url}/v1/teams", headers=headers, timeout=10)
            for _ in range(80)
        ]
    codes = {r.status_code for r in got}
    assert 200 in codes and codes - {200} <= {500, 502, 503} and len(codes) > 2
    failed = [r for r in got if r.status_code >= 500]
    assert any(r.content == b"" for r in failed)
    assert any(r.content and r.json()["errors"] for r in failed)
