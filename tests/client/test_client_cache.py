"""The SQLite cache: hits, refresh, clearing, and no token on disk."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

import kustomer_nb as kn


def _from_cache(caplog: pytest.LogCaptureFixture) -> list[bool]:
    return [
        r.getMessage().endswith("(from_cache=True)")
        for r in caplog.records
        if "from_cache=" in r.getMessage()
    ]


def test_cache__second_get_is_served_from_cache(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    first = client.get("/teams")
    second = client.get("/teams")
    assert first == second
    assert _from_cache(caplog) == [False, True]


def test_cache__refresh_refetches(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    client.get("/teams")
    client.get("/teams", refresh=True)
    client.get("/teams")
    assert _from_cache(caplog) == [False, False, True]


def test_cache__search_post_is_cached_by_body(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    done = {
        "queryContext": "conversation",
        "and": [{"conversation_status": {"equals": "done"}}],
    }
    open_ = {
        "queryContext": "conversation",
        "and": [{"conversation_status": {"equals": "open"}}],
    }
    a = client.request("POST", "/customers/search", {"pageSize": 5}, json=done)
    b = client.request("POST", "/customers/search", {"pageSize": 5}, json=open_)
    c = client.request("POST", "/customers/search", {"pageSize": 5}, json=done)
    assert a == c and a != b
    assert _from_cache(caplog) == [False, False, True]


def test_cache__clear_cache_empties_it(
    client: kn.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    client.get("/teams")
    client.clear_cache()
    client.get("/teams")
    assert _from_cache(caplog) == [False, False]


def test_cache__off(sb: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    with kn.connect(sb.token, base_url=sb.base_url, cache=False) as client:
        client.get("/teams")
        client.get("/teams")
        assert client.cache_path is None
    assert _from_cache(caplog) == [False, False]


def test_cache__file_holds_no_token(sb: Any, tmp_path: Path) -> None:
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as client:
        kn.load_teams(client)
        kn.load_conversations(client, status="done")
        path = client.cache_path
    assert path is not None and path.stat().st_size > 0
    blob = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"REDACTED" in blob or b"Authorization" not in blob
    assert sb.token.encode() not in blob
    assert b"Bearer" not in blob.replace(b"Bearer REDACTED", b"")


def test_cache__other_token_cannot_read_cached_pages(
    sb: Any, tmp_path: Path, expired_token: str
) -> None:
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as good:
        good.get("/teams")
    with kn.connect(
        "not-a-valid-token", base_url=sb.base_url, cache_dir=tmp_path
    ) as bad:
        with pytest.raises(kn.AuthError):
            bad.get("/teams")
    with kn.connect(expired_token, base_url=sb.base_url, cache_dir=tmp_path) as expired:
        with pytest.raises(kn.AuthError):
            expired.get("/teams")


def test_cache__files_are_owner_only(sb: Any, tmp_path: Path) -> None:
    cache_dir = tmp_path / "new-cache"
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=cache_dir) as client:
        kn.load_teams(client)
    assert cache_dir.stat().st_mode & 0o077 == 0
    files = [p for p in cache_dir.iterdir() if p.is_file()]
    assert any(p.suffix == ".sqlite" for p in files)
    assert {p.name: p.stat().st_mode & 0o077 for p in files} == dict.fromkeys(
        (p.name for p in files), 0
    )


def test_cache__stats_count_cached_responses(sb: Any, tmp_path: Path) -> None:
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as first:
        first.get("/teams")
        assert (first.stats.requests, first.stats.from_cache) == (1, 0)
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as second:
        second.get("/teams")
        second.get("/teams", refresh=True)
    assert (second.stats.requests, second.stats.from_cache) == (2, 1)
    oldest = second.stats.oldest_cached_at
    assert oldest is not None and oldest.tzinfo is not None


def test_client__closed_client_says_so(sb: Any, tmp_path: Path) -> None:
    client = kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path)
    client.close()
    with pytest.raises(kn.KustomerError, match="client is closed"):
        kn.load_teams(client)


@pytest.mark.parametrize(("value", "on"), [("off", False), ("0", False), ("on", True)])
def test_cache__env_switch(
    sb: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    monkeypatch.setenv("KUSTOMER_NB_CACHE", value)
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as client:
        assert (client.cache_path is not None) is on
