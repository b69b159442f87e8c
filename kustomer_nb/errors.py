"""The error tree.

Every error kustomer-nb raises on purpose is a :class:`KustomerError`. API failures
keep the HTTP status, the request path and Kustomer's decoded error body, so a
notebook user sees what the API said without digging. No message ever contains the
API token.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIError",
    "AuthError",
    "BadRequestError",
    "ConfigError",
    "ConnectionFailed",
    "ForbiddenError",
    "KustomerError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "error_for_status",
]


class KustomerError(Exception):
    """Base class of every error kustomer-nb raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        path: str | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.path = path
        self.body = body

    def __str__(self) -> str:
        return self.message


class ConfigError(KustomerError):
    """The connection is not configured: no token, a bad base URL, and so on."""


class ConnectionFailed(KustomerError):
    """The API could not be reached, even after retrying."""


class APIError(KustomerError):
    """Kustomer answered with an error status (after any retries)."""


class BadRequestError(APIError):
    """400, 422 and other client errors: the request itself was refused."""


class AuthError(APIError):
    """401: the token is missing, wrong or expired."""

    @property
    def expired(self) -> bool:
        """True when Kustomer said the token has expired."""
        return "expired token" in str(self.body).lower()


class ForbiddenError(APIError):
    """403: the token is valid but its roles do not allow this endpoint."""


class NotFoundError(APIError):
    """404: no such object or path."""


class RateLimitError(APIError):
    """429: the org's rate limit was still exhausted after the retries."""


class ServerError(APIError):
    """5xx: Kustomer failed, and kept failing through the retries."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthError,
    403: ForbiddenError,
    404: NotFoundError,
    422: BadRequestError,
    429: RateLimitError,
}


def error_for_status(status: int) -> type[APIError]:
    """The error class for an HTTP status code (the one mapping table)."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return BadRequestError
