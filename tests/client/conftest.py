"""Fixtures: a small local sandbox over real HTTP, and clients connected to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

import kustomer_nb as kn

EXPIRED = "expired-token-0123456789abcdef"
LIMITED = "limited-token-0123456789abcdef"
NOW = "2026-11-30T12:00:00Z"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "KUSTOMER_API_TOKEN",
        "KUSTOMER_BASE_URL",
        "KUSTOMER_ORG",
        "KUSTOMER_REGION",
        "KUSTOMER_NB_CACHE_DIR",
        "KUSTOMER_NB_DEMO_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def sb() -> Iterator[Any]:
    """3,000 conversations over 30 days, limits off, an expired and a limited token."""
    from kustomer_nb.sandbox import SandboxConfig, serve

    config = SandboxConfig(
        conversations=3000,
        days=30,
        seed=11,
        now=NOW,
        rate_limit=None,
        search_rate_limit=None,
        expired_tokens=(EXPIRED,),
        limited_tokens=(LIMITED,),
    )
    with serve(config) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Any, tmp_path: Path) -> Iterator[kn.Client]:
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as c:
        yield c


@pytest.fixture(scope="session")
def expired_token() -> str:
    return EXPIRED


@pytest.fixture(scope="session")
def limited_token() -> str:
    return LIMITED


@pytest.fixture(scope="session")
def raw(sb: Any) -> Raw:
    """Plain-requests access to the sandbox, for expected values."""
    return Raw(sb)


@pytest.fixture(scope="session")
def raw_for() -> type[Raw]:
    """``raw_for(other_sandbox)``: a :class:`Raw` for a test's own sandbox."""
    return Raw


class Raw:
    """Fetches with plain ``requests``, independently of kustomer_nb's client."""

    def __init__(self, sb: Any) -> None:
        self.sb = sb
        self.session = requests.Session()
        retry = Retry(
            total=30,
            backoff_factor=0.05,
            status_forcelist=(500, 502, 503, 504),
            allowed_methods=None,
        )
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.headers["Authorization"] = f"Bearer {sb.token}"

    def pages(self, path: str, **params: Any) -> list[dict[str, Any]]:
        return raw_pages(self.sb, path, session=self.session, **params)

    def search(
        self, body: dict[str, Any], page: int, page_size: int
    ) -> requests.Response:
        return raw_search(self.sb, body, page, page_size, session=self.session)


def raw_pages(
    sb: Any, path: str, *, session: requests.Session, **params: Any
) -> list[dict[str, Any]]:
    """Every record of a GET list, fetched with plain requests (the expected values)."""
    records: list[dict[str, Any]] = []
    page = 1
    while True:
        response = session.get(
            f"{sb.base_url}/v1{path}",
            params={**params, "page": page, "pageSize": 100},
            timeout=30,
        )
        response.raise_for_status()
        doc = response.json()
        records += doc["data"]
        if not doc["data"] or not doc["links"].get("next"):
            break
        page += 1
    return records


def raw_search(
    sb: Any,
    body: dict[str, Any],
    page: int,
    page_size: int,
    *,
    session: requests.Session,
) -> requests.Response:
    """One search page, fetched with plain requests."""
    return session.post(
        f"{sb.base_url}/v1/customers/search",
        params={"page": page, "pageSize": page_size},
        json=body,
        timeout=30,
    )
