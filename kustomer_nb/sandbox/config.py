"""Sandbox configuration."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["SandboxConfig", "make_token"]


def make_token() -> str:
    """A random token that looks like a Kustomer API key (a JWT: three parts)."""
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")
    return ".".join(
        [header.decode(), secrets.token_urlsafe(48), secrets.token_urlsafe(32)]
    )


@dataclass(frozen=True, kw_only=True)
class SandboxConfig:
    """How the local Kustomer API is generated and how it behaves.

    Parameters
    ----------
    conversations
        Number of generated conversations.
    days
        Days of history, ending at ``now``.
    seed
        Seed of every random choice: the same (seed, now, conversations, days)
        gives the same data.
    now
        The sandbox clock. ``None`` means the current UTC time; an ISO string or
        datetime freezes it: data runs up to it and time-relative rules (the
        2-year search horizon) are computed from it. Rate-limit windows always
        follow the real clock.
    port
        TCP port on 127.0.0.1; 0 picks a free one.
    token
        The valid API token; ``None`` generates a random one.
    expired_tokens
        Tokens answered with 401 "Expired token".
    limited_tokens
        Valid tokens without roles: 403 everywhere except ``/v1/users/current``
        and ``/v1/auth/tokens/current``.
    rate_limit
        Org-wide requests per fixed 60 s window; ``None`` turns it off.
    search_rate_limit
        Search requests per 60 s window for API keys; ``None`` turns it off.
    rate_window
        Length of the fixed rate-limit windows in seconds: Kustomer's is 60; tests
        shorten it to see a 429 waited out quickly.
    fault_rate
        Share of requests answered 500, 502 or 503 before doing any work.
    fixtures
        A directory of JSON files in the single (``{"data": {...}}``) or list
        (``{"data": [...]}``) envelope whose resources are served as they are.
    """

    conversations: int = 20_000
    days: int = 91
    seed: int = 7
    now: str | dt.datetime | None = None
    port: int = 0
    token: str | None = None
    expired_tokens: Sequence[str] = ()
    limited_tokens: Sequence[str] = ()
    rate_limit: int | None = 1000
    search_rate_limit: int | None = 100
    rate_window: int = 60
    fault_rate: float = 0.0
    fixtures: str | Path | None = field(default=None)

    def __post_init__(self) -> None:
        if self.conversations < 0:
            raise ValueError("conversations must be >= 0")
        if self.days < 1:
            raise ValueError("days must be >= 1")
        if self.rate_window < 1:
            raise ValueError("rate_window must be >= 1 second")
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError("fault_rate must be between 0 and 1")

    def with_token(self) -> SandboxConfig:
        """This config with a concrete token (generated when none was given)."""
        return self if self.token else replace(self, token=make_token())

    def __repr__(self) -> str:
        # Keep tokens out of reprs, logs and notebook outputs.
        shown = {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in ("token", "expired_tokens", "limited_tokens")
        }
        inner = ", ".join(f"{k}={v!r}" for k, v in shown.items())
        return f"SandboxConfig({inner}, token=***)"
