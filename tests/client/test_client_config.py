"""Where connect() points: token and host resolution, http refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

import kustomer_nb as kn
from kustomer_nb.client._config import resolve_base_url


def test_connect__no_token_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(kn.ConfigError) as info:
        kn.connect(cache_dir=tmp_path)
    assert str(info.value) == (
        "No API token: set KUSTOMER_API_TOKEN, or pass demo=True to use the sandbox."
    )


def test_connect__token_from_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KUSTOMER_API_TOKEN", "tok-env-123")
    with kn.connect(cache=False) as client:
        assert client.base_url == "https://api.kustomerapp.com"
        assert client.cache_path is None


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "https://api.kustomerapp.com"),
        ({"region": "us"}, "https://api.kustomerapp.com"),
        ({"region": "EU"}, "https://api.prod2.kustomerapp.com"),
        ({"region": "in"}, "https://api.prod4.kustomerapp.com"),
        ({"org": "acme", "region": "eu"}, "https://acme.api.kustomerapp.com"),
        (
            {"base_url": "https://x.example.com/v1/", "org": "acme"},
            "https://x.example.com",
        ),
        ({"base_url": "https://x.example.com"}, "https://x.example.com"),
        ({"base_url": "http://127.0.0.1:8123/v1"}, "http://127.0.0.1:8123"),
        ({"base_url": "http://localhost:8123"}, "http://localhost:8123"),
        ({"base_url": "http://127.9.9.9"}, "http://127.9.9.9"),
        ({"base_url": "http://[::1]:80/v1"}, "http://[::1]:80"),
    ],
)
def test_resolve_base_url__arguments(kwargs: dict[str, str], expected: str) -> None:
    assert resolve_base_url(**kwargs) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"KUSTOMER_REGION": "eu"}, "https://api.prod2.kustomerapp.com"),
        ({"KUSTOMER_REGION": "in"}, "https://api.prod4.kustomerapp.com"),
        (
            {"KUSTOMER_ORG": "acme", "KUSTOMER_REGION": "eu"},
            "https://acme.api.kustomerapp.com",
        ),
        (
            {"KUSTOMER_BASE_URL": "https://b.example.com/v1", "KUSTOMER_ORG": "acme"},
            "https://b.example.com",
        ),
    ],
)
def test_connect__host_from_env(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with kn.connect("tok", cache=False) as client:
        assert client.base_url == expected


def test_connect__argument_beats_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUSTOMER_ORG", "fromenv")
    with kn.connect("tok", org="fromarg", cache=False) as client:
        assert client.base_url == "https://fromarg.api.kustomerapp.com"


@pytest.mark.parametrize(
    "url",
    ["http://api.kustomerapp.com", "http://10.0.0.5:8000", "http://127.example.com"],
)
def test_connect__plain_http_to_remote_host_is_refused(url: str) -> None:
    with pytest.raises(kn.ConfigError, match="Refusing plain http://"):
        kn.connect("tok", base_url=url, cache=False)


@pytest.mark.parametrize("url", ["ftp://x.example.com", "not a url", "https://"])
def test_connect__bad_base_url(url: str) -> None:
    with pytest.raises(kn.ConfigError, match="Bad base URL"):
        kn.connect("tok", base_url=url, cache=False)


def test_connect__unknown_region() -> None:
    with pytest.raises(kn.ConfigError, match="use one of us, eu, in"):
        kn.connect("tok", region="mars", cache=False)


def test_connect__cache_dir_from_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KUSTOMER_NB_CACHE_DIR", str(tmp_path / "moved"))
    with kn.connect("tok") as client:
        assert client.cache_path == tmp_path / "moved" / "http_cache.sqlite"


def test_client__repr_hides_token(tmp_path: Path) -> None:
    token = "secret-token-do-not-show-42"
    with kn.connect(token, cache_dir=tmp_path) as client:
        assert token not in repr(client)
        assert token not in str(client)
        assert token not in repr(client._session.auth)
        assert token not in repr(vars(client))


def test_connect__credentials_in_base_url_are_refused() -> None:
    with pytest.raises(kn.ConfigError, match="user name or password") as info:
        kn.connect("tok", base_url="https://me:hunter2@acme.example.com", cache=False)
    assert "hunter2" not in str(info.value)


def test_connect__blank_token_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KUSTOMER_API_TOKEN", "   ")
    with pytest.raises(kn.ConfigError, match="No API token"):
        kn.connect(cache=False)
