"""Shared sandboxes: small, frozen clock, rate limits off unless a test needs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kustomer_nb.sandbox import Sandbox, SandboxConfig, serve

REAL_2022 = Path(__file__).parent.parent / "data" / "conversation-real-2022.json"
REAL_ID = "621f80b634b1800f5978c7e4"
NOW = "2026-11-30T12:00:00Z"
EXPIRED = "expired-token-for-tests"
LIMITED = "limited-token-for-tests"


class Api:
    """A thin requests wrapper for one sandbox."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sb = sandbox
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {sandbox.token}"

    def get(self, path: str, **params: object) -> requests.Response:
        return self.session.get(self.sb.base_url + path, params=params, timeout=30)

    def search(self, body: dict, **params: object) -> requests.Response:
        url = self.sb.base_url + "/v1/customers/search"
        return self.session.post(url, params=params, json=body, timeout=30)


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding only the real 2022 conversation payload."""
    directory = tmp_path_factory.mktemp("fixtures")
    (directory / "conversation.json").write_bytes(REAL_2022.read_bytes())
    return directory


@pytest.fixture(scope="session")
def sandbox(fixtures_dir: Path) -> Iterator[Sandbox]:
    config = SandboxConfig(
        conversations=3000,
        days=60,
        seed=11,
        now=NOW,
        rate_limit=None,
        search_rate_limit=None,
        fixtures=fixtures_dir,
        expired_tokens=(EXPIRED,),
        limited_tokens=(LIMITED,),
    )
    with serve(config) as sb:
        yield sb


@pytest.fixture(scope="session")
def tokens() -> dict[str, str]:
    """The configured special tokens: expired and limited."""
    return {"expired": EXPIRED, "limited": LIMITED}


@pytest.fixture(scope="session")
def real_id() -> str:
    """Id of the real 2022 conversation served from fixtures."""
    return REAL_ID


@pytest.fixture(scope="session")
def api(sandbox: Sandbox) -> Api:
    return Api(sandbox)


@pytest.fixture(scope="session")
def listed(api: Api) -> list[dict]:
    """Every conversation (fixtures included), through GET /v1/conversations."""
    items, page = [], 1
    while True:
        body = api.get("/v1/conversations", page=page).json()
        items += body["data"]
        if body["links"]["next"] is None:
            return items
        page += 1
