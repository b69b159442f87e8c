"""Bearer-token authentication that never shows the token."""

from __future__ import annotations

import hashlib

import requests

__all__ = ["BearerAuth"]


class BearerAuth(requests.auth.AuthBase):
    """Adds ``Authorization: Bearer <token>`` to every request.

    The token is kept private; ``repr`` shows only that one is set.
    """

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(token='***')"

    def fingerprint(self, salt: bytes) -> str:
        """A salted hash of the token, used to namespace cache keys."""
        return hashlib.sha256(salt + self._token.encode()).hexdigest()[:16]

    def redact(self, text: str) -> str:
        """``text`` with any occurrence of the token replaced.

        Strings shorter than 8 characters are left alone: no real key is that
        short, and replacing them would garble messages (``x`` in a host name).
        """
        if len(self._token) < 8:
            return text
        return text.replace(self._token, "***")
