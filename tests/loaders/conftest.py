"""Fixtures: a sandbox serving generated data plus the real 2022 conversation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from loaders_support import NOW, REAL

import kustomer_nb as kn


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KUSTOMER_API_TOKEN", "KUSTOMER_BASE_URL", "KUSTOMER_NB_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def real_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("fixtures")
    shutil.copy(REAL, directory / REAL.name)
    return directory


@pytest.fixture(scope="session")
def sb(real_fixtures: Path) -> Iterator[Any]:
    """1,500 generated conversations over 20 days, plus the real 2022 one."""
    from kustomer_nb.sandbox import SandboxConfig, serve

    config = SandboxConfig(
        conversations=1500,
        days=20,
        seed=5,
        now=NOW,
        rate_limit=None,
        search_rate_limit=None,
        fixtures=real_fixtures,
    )
    with serve(config) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Any, tmp_path: Path) -> Iterator[kn.Client]:
    with kn.connect(sb.token, base_url=sb.base_url, cache_dir=tmp_path) as c:
        yield c


@pytest.fixture(scope="session")
def raw(sb: Any) -> Raw:
    return Raw(sb)


class Raw:
    """Every record of a GET list via plain ``requests`` (the expected values)."""

    def __init__(self, sb: Any) -> None:
        self.sb = sb
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {sb.token}"

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(
            f"{self.sb.base_url}/v1{path}", params=params, timeout=30
        )

    def pages(self, path: str, **params: Any) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        page = 1
        while True:
            response = self.get(path, **params, page=page, pageSize=100)
            response.raise_for_status()
            doc = response.json()
            records += doc["data"]
            if not doc["data"] or not doc["links"].get("next"):
                return records
            page += 1
