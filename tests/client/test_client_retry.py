"""Retries: 5xx faults and 429s are retried, the rate-limit window waited out."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

import kustomer_nb as kn

#: A short rate-limit window, so a 429 is waited out in seconds (Kustomer's is 60 s).
WINDOW = 4


def test_retry__faults_are_retried_to_a_complete_pull(
    raw_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from kustomer_nb.sandbox import SandboxConfig, serve

    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    config = SandboxConfig(
        conversations=400,
        days=10,
        now="2026-11-30T12:00:00Z",
        rate_limit=None,
        search_rate_limit=None,
        fault_rate=0.25,
    )
    with (
        serve(config) as sb,
        kn.connect(
            sb.token, base_url=sb.base_url, cache=False, max_retries=10
        ) as client,
    ):
        expected = {c["id"] for c in raw_for(sb).pages("/conversations")}
        listed = [
            r["id"]
            for page in client.get_pages("/conversations", page_size=20)
            for r in page
        ]
        searched = [
            r["id"]
            for page in client.search_all(
                "conversation",
                where=[],
                sort_attr="conversation_created_at",
                page_size=20,
            )
            for r in page
        ]

    assert sorted(listed) == sorted(expected)
    assert sorted(searched) == sorted(expected)
    retried = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")
    ]
    assert any("status 50" in m for m in retried)
    assert any(m.startswith("retrying POST /v1/customers/search") for m in retried)


def test_retry__429_is_waited_out_via_ratelimit_reset(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from kustomer_nb.sandbox import SandboxConfig, serve

    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    config = SandboxConfig(
        conversations=60,
        days=5,
        now="2026-11-30T12:00:00Z",
        rate_limit=None,
        search_rate_limit=4,
        rate_window=WINDOW,
    )
    body = {"queryContext": "conversation"}
    with serve(config) as sb:
        # Start at the top of a window, so the five requests below share one.
        time.sleep(WINDOW - time.time() % WINDOW)
        # Without retries the 429 surfaces as RateLimitError...
        with kn.connect(
            sb.token, base_url=sb.base_url, cache=False, max_retries=0
        ) as c:
            with pytest.raises(kn.RateLimitError) as info:
                for _ in range(5):
                    c.request("POST", "/customers/search", {"pageSize": 5}, json=body)
            assert info.value.status == 429

        # ...with them, the client sleeps until x-ratelimit-reset and carries on.
        with kn.connect(sb.token, base_url=sb.base_url, cache=False) as client:
            started = time.monotonic()
            pages = list(client.search(body, page_size=20))
            elapsed = time.monotonic() - started

    assert sum(len(p) for p in pages) == 60
    assert any("status 429" in r.getMessage() for r in caplog.records)
    assert elapsed < 2 * WINDOW + 2
