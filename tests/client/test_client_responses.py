"""Reading Kustomer's error bodies, and the rate-limit wait (pure pieces)."""

from __future__ import annotations

import time

import pytest
from urllib3 import HTTPResponse

from kustomer_nb.client._responses import kustomer_detail
from kustomer_nb.client._retry import MAX_RESET_WAIT, make_retry


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"errors": [{"status": 404, "code": "not_found", "title": "Not Found"}]},
            "Not Found",
        ),
        (
            {"errors": [{"title": "Bad Request", "detail": "unknown key sorts"}]},
            "Bad Request - unknown key sorts",
        ),
        ({"errors": [{"code": "bad_request", "message": "page > 100"}]}, "page > 100"),
        ({"errors": [{"code": "rate_limited"}]}, "rate_limited"),
        (
            {"error": "Unauthorized", "message": "Expired token"},
            "Unauthorized; Expired token",
        ),
        ({"message": "Service unavailable"}, "Service unavailable"),
        ("<html>Bad gateway</html>", "<html>Bad gateway</html>"),
        (None, ""),
        ({}, ""),
    ],
)
def test_kustomer_detail__both_shapes(body: object, expected: str) -> None:
    assert kustomer_detail(body) == expected


def _response(status: int, headers: dict[str, str]) -> HTTPResponse:
    return HTTPResponse(body=b"", status=status, headers=headers, preload_content=False)


def test_retry__429_waits_until_ratelimit_reset() -> None:
    reset = time.time() + 3
    wait = make_retry(5).get_retry_after(
        _response(429, {"x-ratelimit-reset": str(reset)})
    )
    assert wait is not None and 2.5 < wait <= 3.5


def test_retry__429_wait_is_capped() -> None:
    reset = time.time() + 3600
    wait = make_retry(5).get_retry_after(
        _response(429, {"x-ratelimit-reset": str(reset)})
    )
    assert wait == MAX_RESET_WAIT


def test_retry__past_reset_retries_at_once() -> None:
    reset = time.time() - 10
    wait = make_retry(5).get_retry_after(
        _response(429, {"x-ratelimit-reset": str(reset)})
    )
    assert wait is not None and wait < 1


def test_retry__5xx_uses_backoff_not_reset() -> None:
    headers = {"x-ratelimit-reset": str(time.time() + 30)}
    assert make_retry(5).get_retry_after(_response(503, headers)) is None


def test_retry__retry_after_header_still_wins() -> None:
    headers = {"Retry-After": "2", "x-ratelimit-reset": str(time.time() + 30)}
    assert make_retry(5).get_retry_after(_response(429, headers)) == 2
