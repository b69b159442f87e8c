"""Where to connect: the token and the API host, from arguments or the environment."""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from kustomer_nb.errors import ConfigError

__all__ = ["REGION_HOSTS", "resolve_base_url", "resolve_token"]

REGION_HOSTS: dict[str, str] = {
    "us": "https://api.kustomerapp.com",
    "eu": "https://api.prod2.kustomerapp.com",
    "in": "https://api.prod4.kustomerapp.com",
}

NO_TOKEN = "No API token: set KUSTOMER_API_TOKEN, or pass demo=True to use the sandbox."


def resolve_token(token: str | None) -> str:
    """The API token from the argument, else ``KUSTOMER_API_TOKEN``.

    Raises
    ------
    ConfigError
        When neither gives a token.
    """
    token = (token or os.environ.get("KUSTOMER_API_TOKEN") or "").strip()
    if not token:
        raise ConfigError(NO_TOKEN)
    return token


def resolve_base_url(
    base_url: str | None = None, *, org: str | None = None, region: str | None = None
) -> str:
    """The API host, as ``scheme://host[:port]`` without ``/v1``.

    Precedence: ``base_url`` / ``KUSTOMER_BASE_URL``, then ``org`` / ``KUSTOMER_ORG``
    (``https://<org>.api.kustomerapp.com``), then ``region`` / ``KUSTOMER_REGION``
    (us, eu, in), else the US host.
    """
    base_url = base_url or os.environ.get("KUSTOMER_BASE_URL")
    org = org or os.environ.get("KUSTOMER_ORG")
    region = region or os.environ.get("KUSTOMER_REGION")

    if base_url:
        return _check_url(base_url)
    if org:
        return _org_host(org)
    if region:
        key = region.strip().lower()
        if key not in REGION_HOSTS:
            valid = ", ".join(REGION_HOSTS)
            raise ConfigError(
                f"Unknown Kustomer region {region!r}: use one of {valid}."
            )
        return REGION_HOSTS[key]
    return REGION_HOSTS["us"]


def _org_host(org: str) -> str:
    name = org.strip().lower()
    if not name or not all(c.isalnum() or c == "-" for c in name):
        raise ConfigError(
            f"Bad Kustomer org name {org!r}: use the subdomain of your Kustomer "
            "web app (acme for acme.kustomerapp.com)."
        )
    return f"https://{name}.api.kustomerapp.com"


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"Bad base URL {url!r}: expected https://<host>, e.g. "
            "https://acme.api.kustomerapp.com."
        )
    if parts.username or parts.password:
        raise ConfigError(
            f"The base URL for {parts.hostname} carries a user name or password: "
            "remove it, and put the API token in KUSTOMER_API_TOKEN instead."
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(
            f"Refusing plain http:// to {parts.hostname}: the token would travel "
            "unencrypted. Use https:// (http is allowed only for a local sandbox)."
        )
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[: -len("/v1")]
    return f"{parts.scheme}://{parts.netloc}{path}"


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
