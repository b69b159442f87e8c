"""connect(demo=True): an embedded sandbox that lives as long as the client."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import requests

import kustomer_nb as kn


def test_connect__demo_starts_and_stops_a_sandbox(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KUSTOMER_NB_DEMO_TOKEN", "demo-token-for-tests-123")
    with kn.connect(demo=True) as client:
        assert client.sandbox is not None
        assert client.sandbox.token == "demo-token-for-tests-123"
        assert client.base_url == client.sandbox.base_url
        assert client.get("/users/current")["data"]["id"]
        assert "demo-token-for-tests-123" not in repr(client)
        cache_path = client.cache_path
        base_url = client.base_url
    assert cache_path is not None and not cache_path.exists()  # temporary demo cache
    with pytest.raises(requests.ConnectionError):
        requests.get(base_url + "/v1/teams", timeout=2)


def test_logs__hold_no_token(
    client: kn.Client, sb: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    kn.load_conversations(client, status="open")
    kn.load_teams(client)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert text and sb.token not in text
