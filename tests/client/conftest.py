"""Fixtures: a small local sandbox over real HTTP, and clients connected to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

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


def raw_pages(sb: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every record of a GET list, fetched with plain requests (the expected values)."""
    records: list[dict[str, Any]] = []
    headers = {"Authorization": f"Bearer {sb.token}"}
    page = 1
    while True:
        response = requests.get(
            f"{sb.base_url}/v1{path}",
            params={**params, "page": page, "pageSize": 100},
            headers=headers,
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
    sb: Any, body: dict[str, Any], page: int, page_size: int
) -> requests.Response:
    """One search page, fetched with plain requests."""
    return requests.post(
        f"{sb.base_url}/v1/customers/search",
        params={"page": page, "pageSize": page_size},
        json=body,
        headers={"Authorization": f"Bearer {sb.token}"},
        timeout=30,
    )
