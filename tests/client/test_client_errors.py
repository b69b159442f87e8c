"""API errors mapped to the error tree, with messages that say what to do."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import kustomer_nb as kn


def _connect(sb: Any, token: str) -> kn.Client:
    return kn.connect(token, base_url=sb.base_url, cache=False, max_retries=1)


def test_errors__expired_token(sb: Any, expired_token: str) -> None:
    with _connect(sb, expired_token) as client, pytest.raises(kn.AuthError) as info:
        client.get("/teams")
    error = info.value
    assert error.expired is True
    assert error.status == 401
    assert error.path == "/v1/teams"
    assert str(error) == (
        "The API token has expired: create a new key in Kustomer under "
        "Settings › Security › API Keys."
    )
    assert expired_token not in str(error) + repr(error) + repr(error.body)


def test_errors__rejected_token(sb: Any) -> None:
    token = "wrong-token-abcdef-123456"
    with _connect(sb, token) as client, pytest.raises(kn.AuthError) as info:
        client.get("/conversations", {"page": 1})
    error = info.value
    assert error.expired is False
    assert str(error).startswith(
        "The API token was rejected (401 on /v1/conversations)"
    )
    assert isinstance(error.body, dict) and error.body.get("errors")
    assert token not in str(error) + repr(error) + repr(error.body)


def test_errors__limited_token_is_forbidden(sb: Any, limited_token: str) -> None:
    with (
        _connect(sb, limited_token) as client,
        pytest.raises(kn.ForbiddenError) as info,
    ):
        client.get("/teams")
    assert info.value.status == 403
    assert "org.permission.team.read" in str(info.value)
    assert limited_token not in str(info.value)


def test_errors__limited_token_search_names_search_role(
    sb: Any, limited_token: str
) -> None:
    with (
        _connect(sb, limited_token) as client,
        pytest.raises(kn.ForbiddenError) as info,
    ):
        list(client.search({"queryContext": "conversation"}))
    assert "org.permission.search.create" in str(info.value)


def test_errors__not_found(client: kn.Client) -> None:
    with pytest.raises(kn.NotFoundError) as info:
        client.get("/conversations/000000000000000000000000")
    assert info.value.status == 404
    assert str(info.value).startswith(
        "Not found: /v1/conversations/000000000000000000000000"
    )


def test_errors__bad_search_key_is_bad_request(client: kn.Client) -> None:
    with pytest.raises(kn.BadRequestError) as info:
        list(client.search({"queryContext": "conversation", "sorts": []}))
    assert info.value.status == 400
    assert info.value.path == "/v1/customers/search"


def test_errors__unreachable_host_is_connection_failed() -> None:
    # Port 9 (discard) on loopback: nothing listens there.
    token = "tok-unreachable-xyz"
    with kn.connect(
        token, base_url="http://127.0.0.1:9", cache=False, max_retries=1
    ) as c:
        with pytest.raises(kn.ConnectionFailed) as info:
            c.get("/teams")
    assert "127.0.0.1:9" in str(info.value)
    assert token not in str(info.value)


class _HtmlHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = b"<html><body>Please log in</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def html_server() -> Iterator[str]:
    """A loopback server answering 200 with HTML (a wrong base URL, say)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HtmlHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_errors__non_json_200_is_a_clear_error(html_server: str) -> None:
    with kn.connect("tok", base_url=html_server, cache=False) as client:
        with pytest.raises(kn.KustomerError) as info:
            client.get("/teams")
    assert str(info.value).startswith(
        "Expected a JSON object from /v1/teams, got text/html"
    )
    assert info.value.body == "<html><body>Please log in</body></html>"
