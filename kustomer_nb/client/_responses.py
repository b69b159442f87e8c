"""Turning HTTP responses into JSON documents or our errors."""

from __future__ import annotations

from typing import Any

import orjson
import requests

from kustomer_nb._gc import paused_gc
from kustomer_nb.errors import AuthError, KustomerError, error_for_status

__all__ = ["decode_body", "error_from_response", "json_document", "kustomer_detail"]

EXPIRED_HINT = (
    "The API token has expired: create a new key in Kustomer under "
    "Settings › Security › API Keys."
)

#: Path prefix → the role family a key needs (REFERENCE §1.4).
ROLE_FAMILIES: dict[str, str] = {
    "/v1/customers/search": "org.permission.search.create "
    "(legacy org.user.search.read)",
    "/v1/conversations": "org.permission.conversation.read "
    "(legacy org.user.conversation.read)",
    "/v1/customers": "org.permission.customer.read (legacy org.user.customer.read)",
    "/v1/teams": "org.permission.team.read (legacy org.user.team.read)",
    "/v1/users": "org.permission.user.read (legacy org.user.read)",
    "/v1/klasses": "org.permission.klass.read (legacy org.user.klass.read)",
    "/v1/routing": "org.permission.queue.read (legacy org.user.routing.read)",
}


def decode_body(response: requests.Response) -> Any:
    """The body as JSON if it parses, else as text, else None when empty."""
    content = response.content
    if not content or not content.strip():
        return None
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return response.text


def json_document(response: requests.Response, path: str) -> dict[str, Any]:
    """The JSON object of a 2xx response.

    Raises
    ------
    KustomerError
        When the body is not a JSON object (an HTML login page, a proxy error).
    """
    try:
        with paused_gc():
            doc = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        doc = None
    if not isinstance(doc, dict):
        kind = response.headers.get("Content-Type", "unknown content type")
        raise KustomerError(
            f"Expected a JSON object from {path}, got {kind} "
            f"({len(response.content)} bytes): check the base URL points at the "
            "Kustomer API (https://<org>.api.kustomerapp.com).",
            status=response.status_code,
            path=path,
            body=decode_body(response),
        )
    return doc


def kustomer_detail(body: Any) -> str:
    """Kustomer's own words from an error body, in either known shape."""
    if isinstance(body, str):
        return body.strip()[:300]
    if not isinstance(body, dict):
        return ""
    parts: list[str] = []
    errors = body.get("errors")
    if isinstance(errors, dict):
        errors = [errors]
    for item in errors if isinstance(errors, list) else []:
        if isinstance(item, dict):
            keys = ("title", "detail", "message")
            texts = [str(item[k]) for k in keys if item.get(k)]
            parts.append(" - ".join(texts) or str(item.get("code") or ""))
        elif item:
            parts.append(str(item))
    for key in ("error", "message"):
        if isinstance(body.get(key), str | int) and body.get(key):
            parts.append(str(body[key]))
    return "; ".join(p for p in parts if p)


def error_from_response(
    response: requests.Response, path: str, *, retries: int
) -> KustomerError:
    """The error for a non-2xx response (after any retries)."""
    status = response.status_code
    body = decode_body(response)
    detail = kustomer_detail(body)
    cls = error_for_status(status)
    message = _message(cls, status, path, detail, body, retries)
    return cls(message, status=status, path=path, body=body)


def _message(
    cls: type[KustomerError],
    status: int,
    path: str,
    detail: str,
    body: Any,
    retries: int,
) -> str:
    said = f" Kustomer said: {detail}" if detail else ""
    if cls is AuthError:
        if "expired token" in str(body).lower():
            return EXPIRED_HINT
        return (
            f"The API token was rejected (401 on {path}): check KUSTOMER_API_TOKEN and "
            "that the host is your org's (a key from another region is refused)." + said
        )
    if status == 403:
        role = next((r for p, r in ROLE_FAMILIES.items() if path.startswith(p)), None)
        need = (
            f" it needs {role}" if role else " it needs a read role for this resource"
        )
        return (
            f"The API token may not read {path}:{need}. Roles cannot be edited: create "
            "a new key with that role under Settings › Security › API Keys." + said
        )
    if status == 404:
        return f"Not found: {path}." + said
    if status == 429:
        return (
            f"Rate limit still exceeded on {path} after {retries} retries: wait a "
            "minute and try again, or pull less at once (other API users of the org "
            "share the budget)." + said
        )
    if status >= 500:
        return (
            f"Kustomer failed with {status} on {path} after {retries} retries: try "
            "again later." + said
        )
    return f"Kustomer refused the request ({status} on {path})." + said
