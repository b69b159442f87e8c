"""The Starlette app: auth, rate limits, faults and errors around the handlers.

Every response, errors included, carries the ``x-ratelimit-*`` headers. The order
of checks is: token (401), rate limit (429), injected fault (5xx), roles (403),
then the handler. ``Retry-After`` is never sent: REFERENCE has no evidence of it,
so clients must rely on ``x-ratelimit-reset``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kustomer_nb.sandbox.config import SandboxConfig
from kustomer_nb.sandbox.data import State
from kustomer_nb.sandbox.limits import Budget, Faults, RateLimits

logger = logging.getLogger(__name__)

#: Paths a token without roles may still call.
ROLE_FREE = frozenset({"/v1/users/current", "/v1/auth/tokens/current"})
_TITLES = {
    400: ("bad_request", "Bad Request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not_found", "Not Found"),
    405: ("method_not_allowed", "Method Not Allowed"),
    429: ("too_many_requests", "Too Many Requests"),
    500: ("internal_server_error", "Internal Server Error"),
    502: ("bad_gateway", "Bad Gateway"),
    503: ("service_unavailable", "Service Unavailable"),
}


class HTTPError(Exception):
    """Raised by handlers; answered with a Kustomer-style ``errors`` body."""

    def __init__(self, status: int, detail: str, title: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.title = status, detail, title


def error_body(status: int, detail: str, title: str | None = None) -> dict[str, Any]:
    """``{"errors": [{status, code, title, detail}]}``."""
    code, default = _TITLES.get(status, ("error", "Error"))
    entry = {
        "status": status,
        "code": code,
        "title": title or default,
        "detail": detail,
    }
    return {"errors": [entry]}


@dataclass
class Context:
    """What handlers see: the dataset, the config and shared helpers."""

    state: State
    config: SandboxConfig
    limits: RateLimits
    faults: Faults
    helpers: dict[str, Any]


Handler = Callable[[Context, Request, Any], Any]


def _json(status: int, payload: Any, budget: Budget) -> Response:
    body = b"" if payload is None else orjson.dumps(payload)
    media = None if payload is None else "application/json"
    return Response(
        body, status_code=status, media_type=media, headers=budget.headers()
    )


def _check_token(ctx: Context, request: Request) -> str:
    """'valid' or 'limited'; raises HTTPError(401) otherwise. Never echoes it."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme != "Bearer" or not token:
        raise HTTPError(
            401, "Missing or malformed Authorization header: use 'Bearer <token>'"
        )
    if hmac.compare_digest(token.encode(), (ctx.config.token or "").encode()):
        return "valid"
    if any(
        hmac.compare_digest(token.encode(), t.encode())
        for t in ctx.config.expired_tokens
    ):
        raise HTTPError(
            401, "Expired token: create a new API key", title="Expired token"
        )
    if any(
        hmac.compare_digest(token.encode(), t.encode())
        for t in ctx.config.limited_tokens
    ):
        return "limited"
    raise HTTPError(401, "Invalid token")


def endpoint(ctx: Context, handler: Handler, *, search: bool = False):
    """Wrap ``handler`` with auth, limits, faults, role checks and error bodies."""

    async def run(request: Request) -> Response:
        try:
            access = _check_token(ctx, request)
        except HTTPError as exc:
            return _json(
                exc.status,
                error_body(exc.status, exc.detail, exc.title),
                ctx.limits.peek(search),
            )
        budget = ctx.limits.take(search)
        if not budget.allowed:
            detail = f"Rate limit of {budget.limit} requests per minute exceeded"
            return _json(429, error_body(429, detail), budget)
        fault = ctx.faults.draw()
        if fault is not None:
            status, empty = fault
            return _json(
                status, None if empty else error_body(status, "injected fault"), budget
            )
        try:
            if access == "limited" and request.url.path not in ROLE_FREE:
                raise HTTPError(403, "The API key lacks a role for this endpoint")
            body = await _read_body(request)
            payload = handler(ctx, request, body)
        except HTTPError as exc:
            return _json(
                exc.status, error_body(exc.status, exc.detail, exc.title), budget
            )
        return _json(200, payload, budget)

    return run


async def _read_body(request: Request) -> Any:
    if request.method != "POST":
        return None
    raw = await request.body()
    try:
        return orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError as exc:
        raise HTTPError(400, f"Body is not valid JSON: {exc}") from exc


def _not_found(ctx: Context, request: Request, body: Any) -> Any:
    raise HTTPError(404, f"No route {request.method} {request.url.path}")


def create_app(state: State, config: SandboxConfig) -> Starlette:
    """Build the Starlette app serving ``state`` under ``/v1``."""
    from kustomer_nb.sandbox import handlers

    ctx = Context(
        state=state,
        config=config,
        limits=RateLimits(
            config.rate_limit, config.search_rate_limit, config.rate_window
        ),
        faults=Faults(config.fault_rate, config.seed),
        helpers=handlers.prepare(state),
    )
    routes = [
        Route(path, endpoint(ctx, fn, search=method == "POST"), methods=[method])
        for method, path, fn in handlers.ROUTES
    ]
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    routes.append(Route("/{path:path}", endpoint(ctx, _not_found), methods=methods))
    return Starlette(routes=routes)
