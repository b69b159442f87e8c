"""Endpoint handlers: each returns the JSON payload or raises :class:`HTTPError`."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import orjson
from starlette.requests import Request

from kustomer_nb.sandbox.app import Context, HTTPError
from kustomer_nb.sandbox.customers import render_customers
from kustomer_nb.sandbox.data import State
from kustomer_nb.sandbox.org import API_ROLES, rel
from kustomer_nb.sandbox.resources import render_conversations
from kustomer_nb.sandbox.search import Searcher, SearchError, parse_id

SEARCH_MAX_PAGES = 100
KLASS_STATUSES = ("enabled", "disabled", "existing_only")


class _Lookup:
    """Find a row by 24-hex id in id-sorted (hi, lo) columns."""

    def __init__(self, table: dict[str, np.ndarray], order: np.ndarray) -> None:
        self.order = order
        self.hi = table["id_hi"][order]
        self.lo = table["id_lo"][order]

    def find(self, rid: str) -> int | None:
        parts = parse_id(rid)
        if parts is None:
            return None
        hi, lo = parts
        a, b = (
            np.searchsorted(self.hi, hi, "left"),
            np.searchsorted(self.hi, hi, "right"),
        )
        j = int(np.searchsorted(self.lo[a:b], np.uint64(lo)))
        if a + j < b and int(self.lo[a + j]) == lo:
            return int(self.order[a + j])
        return None


def prepare(state: State) -> dict[str, Any]:
    """Per-app helpers: id lookups, small-resource indexes and the searcher."""
    org = state.org
    return {
        "conversations": _Lookup(state.conv, state.conv_order),
        "customers": _Lookup(state.cust, state.cust_order),
        "searcher": Searcher(state),
        "by_id": {
            kind: {r["id"]: r for r in getattr(org, kind)}
            for kind in ("users", "teams", "queues", "klasses")
        },
    }


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise HTTPError(400, f"{name} must be an integer, not {raw!r}") from exc
    if value < 1:
        raise HTTPError(400, f"{name} must be >= 1")
    return value


def paging(request: Request, maximum: int) -> tuple[int, int]:
    """``(page, pageSize)`` from the query string; pageSize clamped at ``maximum``."""
    page = _int_param(request, "page", 1)
    return page, min(_int_param(request, "pageSize", 100), maximum)


def links(path: str, page: int, size: int, pages: int, last: bool = False) -> dict:
    """Relative pagination links with only ``page`` and ``pageSize``."""

    def link(p: int) -> str:
        return f"/v1/{path}?page={p}&pageSize={size}"

    out = {
        "self": link(page),
        "first": link(1),
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }
    if last:
        out["last"] = link(max(pages, 1))
    return out


def _page_of(rows: np.ndarray, page: int, size: int) -> np.ndarray:
    return rows[(page - 1) * size : page * size]


def _listing(request: Request, path: str, items: list, maximum: int) -> dict:
    page, size = paging(request, maximum)
    pages = math.ceil(len(items) / size)
    data = items[(page - 1) * size : page * size]
    return {
        "meta": {"pageSize": size, "page": page},
        "data": data,
        "links": links(path, page, size, pages),
    }


def list_conversations(ctx: Context, request: Request, body: Any) -> dict:
    page, size = paging(request, 100)
    sort = request.query_params.get("sort")
    if sort not in (None, "", "asc", "desc"):
        raise HTTPError(400, "sort must be 'desc' (or 'asc')")
    order = ctx.state.conv_order[::-1] if sort == "desc" else ctx.state.conv_order
    pages = math.ceil(len(order) / size)
    data = render_conversations(ctx.state, _page_of(order, page, size))
    return {
        "meta": {"pageSize": size, "page": page},
        "data": data,
        "links": links("conversations", page, size, pages),
    }


def get_conversations(ctx: Context, request: Request, body: Any) -> dict:
    ids = [i for i in request.path_params["ids"].split(",") if i]
    rows = [ctx.helpers["conversations"].find(i) for i in ids]
    missing = [i for i, row in zip(ids, rows, strict=True) if row is None]
    if missing or not ids:
        raise HTTPError(404, f"Conversation not found: {', '.join(missing)}")
    data = render_conversations(ctx.state, np.array(rows, dtype=np.int64))
    return {"data": data if len(ids) > 1 else data[0]}


def search(ctx: Context, request: Request, body: Any) -> dict:
    page, size = paging(request, 500)
    if page > SEARCH_MAX_PAGES:
        raise HTTPError(
            400, f"Search is limited to {SEARCH_MAX_PAGES} pages: narrow the query"
        )
    key = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    try:
        rows = ctx.helpers["searcher"].matches(body, key)
    except SearchError as exc:
        raise HTTPError(400, str(exc)) from exc
    chosen = _page_of(rows, page, size)
    if body["queryContext"] == "conversation":
        data = render_conversations(ctx.state, chosen)
    else:
        data = render_customers(ctx.state, chosen)
    total = len(rows)
    pages = math.ceil(total / size)
    meta = {
        "pageSize": size,
        "page": page,
        "total": total,
        "totalPages": pages,
        "aggregations": {},
    }
    return {
        "meta": meta,
        "data": data,
        "links": links("customers/search", page, size, pages, last=True),
    }


def list_customers(ctx: Context, request: Request, body: Any) -> dict:
    page, size = paging(request, 100)
    order = ctx.state.cust_order
    pages = math.ceil(len(order) / size)
    data = render_customers(ctx.state, _page_of(order, page, size))
    meta = {"pageSize": size, "page": page, "total": len(order), "totalPages": pages}
    return {"meta": meta, "data": data, "links": links("customers", page, size, pages)}


def get_customer(ctx: Context, request: Request, body: Any) -> dict:
    rid = request.path_params["id"]
    row = ctx.helpers["customers"].find(rid)
    if row is None:
        raise HTTPError(404, f"Customer not found: {rid}")
    return {"data": render_customers(ctx.state, np.array([row]))[0]}


def _small(kind: str, path: str, maximum: int, label: str):
    def listing(ctx: Context, request: Request, body: Any) -> dict:
        return _listing(request, path, getattr(ctx.state.org, kind), maximum)

    def one(ctx: Context, request: Request, body: Any) -> dict:
        rid = request.path_params["id"]
        found = ctx.helpers["by_id"][kind].get(rid)
        if found is None:
            raise HTTPError(404, f"{label} not found: {rid}")
        return {"data": found}

    return listing, one


list_teams, get_team = _small("teams", "teams", 500, "Team")
list_queues, get_queue = _small("queues", "routing/queues", 100, "Queue")
_, get_klass = _small("klasses", "klasses", 100, "Klass")


def list_klasses(ctx: Context, request: Request, body: Any) -> dict:
    status = request.query_params.get("status", "enabled")
    if status not in KLASS_STATUSES:
        raise HTTPError(400, f"status must be one of {', '.join(KLASS_STATUSES)}")
    items = [
        k for k in ctx.state.org.klasses if k["attributes"].get("status") == status
    ]
    return _listing(request, "klasses", items, 100)


def _user_filter(request: Request) -> tuple[str, str] | None:
    given = [
        k
        for k in ("pending", "deleted", "userType", "email")
        if k in request.query_params
    ]
    if len(given) > 1:
        raise HTTPError(400, f"filters are mutually exclusive: {', '.join(given)}")
    if not given:
        return None
    name, value = given[0], request.query_params[given[0]]
    if name in ("pending", "deleted") and value not in ("true", "false"):
        raise HTTPError(400, f"{name} must be true or false")
    if name == "userType" and value not in ("user", "machine", "limited"):
        raise HTTPError(400, "userType must be user, machine or limited")
    return name, value


def _user_matches(user: dict, rule: tuple[str, str] | None) -> bool:
    a = user["attributes"]
    deleted = a.get("deletedAt") is not None
    if rule is None:
        return not deleted
    name, value = rule
    if name == "deleted":
        return deleted == (value == "true")
    if name == "pending":
        return bool(a.get("pending")) == (value == "true") and not deleted
    if name == "userType":
        return a.get("userType") == value and not deleted
    return str(a.get("email", "")).lower() == value.lower()


def list_users(ctx: Context, request: Request, body: Any) -> dict:
    rule = _user_filter(request)
    items = [u for u in ctx.state.org.users if _user_matches(u, rule)]
    return _listing(request, "users", items, 500)


def get_users(ctx: Context, request: Request, body: Any) -> dict:
    ids = [i for i in request.path_params["ids"].split(",") if i]
    found = [ctx.helpers["by_id"]["users"].get(i) for i in ids]
    missing = [i for i, u in zip(ids, found, strict=True) if u is None]
    if missing or not ids:
        raise HTTPError(404, f"User not found: {', '.join(missing)}")
    return {"data": found if len(ids) > 1 else found[0]}


def current_user(ctx: Context, request: Request, body: Any) -> dict:
    user = ctx.helpers["by_id"]["users"][ctx.state.org.machine_user_id]
    if _is_limited(ctx, request):
        user = {**user, "attributes": {**user["attributes"], "roles": []}}
    return {"data": user}


def current_token(ctx: Context, request: Request, body: Any) -> dict:
    org = ctx.state.org
    user = ctx.helpers["by_id"]["users"][org.machine_user_id]
    roles = [] if _is_limited(ctx, request) else list(API_ROLES)
    attributes = {"name": "Reporting API key", "roles": roles, "expiresAt": None}
    attributes["createdAt"] = user["attributes"]["createdAt"]
    return {
        "data": {
            "type": "token",
            "id": org.machine_user_id,
            "attributes": attributes,
            "relationships": {
                "user": rel("user", org.machine_user_id, "users"),
                "org": rel("org", org.org_id, "orgs"),
            },
        }
    }


def _is_limited(ctx: Context, request: Request) -> bool:
    token = request.headers.get("authorization", "").partition(" ")[2]
    return token in ctx.config.limited_tokens


ROUTES = (
    ("GET", "/v1/conversations", list_conversations),
    ("GET", "/v1/conversations/{ids}", get_conversations),
    ("POST", "/v1/customers/search", search),
    ("GET", "/v1/customers", list_customers),
    ("GET", "/v1/customers/{id}", get_customer),
    ("GET", "/v1/teams", list_teams),
    ("GET", "/v1/teams/{id}", get_team),
    ("GET", "/v1/klasses", list_klasses),
    ("GET", "/v1/klasses/{id}", get_klass),
    ("GET", "/v1/routing/queues", list_queues),
    ("GET", "/v1/routing/queues/{id}", get_queue),
    ("GET", "/v1/users", list_users),
    ("GET", "/v1/users/current", current_user),
    ("GET", "/v1/users/{ids}", get_users),
    ("GET", "/v1/auth/tokens/current", current_token),
)
