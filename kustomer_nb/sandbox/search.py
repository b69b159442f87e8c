"""``POST /v1/customers/search``: criteria as vectorised numpy masks.

A query is validated, turned into a boolean mask over the columns, restricted to
the 2-year standard-search horizon and sorted with ``np.lexsort`` (the id rank
is the last tie-break, so equal ``updatedAt`` values come back in id order).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from kustomer_nb.sandbox._util import MISSING, parse_instant, split_object_id
from kustomer_nb.sandbox.timeline import STATUSES

ALLOWED_KEYS = frozenset(
    {"queryContext", "and", "or", "not", "sort", "timeZone", "includeDeleted"}
    | {"fields", "aggs", "searchHash"}
)
KNOWN_CONTEXTS = ("company", "message", "conversation_time", "note", "kobject")
KNOWN_CONTEXTS += ("work_session", "work_item")
LOGIC = ("and", "or", "not")
MAX_CRITERIA, MAX_SORT = 20, 5

#: attribute -> (column, kind, registry). Kinds: date, number, status, id, list, text.
CONVERSATION_ATTRS: dict[str, tuple[str, str, str | None]] = {
    "conversation_created_at": ("created", "date", None),
    "conversation_updated_at": ("updated", "date", None),
    "conversation_modified_at": ("modified", "date", None),
    "conversation_last_activity_at": ("last_activity", "date", None),
    "conversation_last_message_at": ("last_message_at", "date", None),
    "conversation_first_response_sent_at": ("fr", "date", None),
    "conversation_first_done_created_at": ("done1", "date", None),
    "conversation_last_done_created_at": ("last_done", "date", None),
    "conversation_first_response_time": ("first_response_time", "number", None),
    "conversation_priority": ("priority", "number", None),
    "conversation_reopen_count": ("reopen_count", "number", None),
    "conversation_done_count": ("done_count", "number", None),
    "conversation_status": ("status", "status", None),
    "conversation_queue": ("queue", "id", "queue"),
    "conversation_assigned_users": ("user", "id", "user"),
    "conversation_assigned_teams": ("teams_mask", "list", "team"),
    "conversation_channels": ("channels_mask", "list", "channel"),
    "conversation_tags": ("tags_mask", "list", "tag"),
    "conversation_name": ("name_code", "text", "name"),
}
CUSTOMER_ATTRS: dict[str, tuple[str, str, str | None]] = {
    "customer_created_at": ("created", "date", None),
    "customer_updated_at": ("updated", "date", None),
}
_OPS = {
    "date": {"equals", "in", "gt", "gte", "lt", "lte", "not_set"},
    "number": {"equals", "in", "gt", "gte", "lt", "lte", "not_set"},
    "status": {"equals", "in", "not_set"},
    "id": {"equals", "in", "contains", "not_set"},
    "list": {"equals", "in", "contains", "not_set"},
    "text": {"equals", "in", "contains", "not_set"},
}
ALL_OPS = frozenset().union(*_OPS.values())


class SearchError(ValueError):
    """The search body was refused (answered 400)."""


class _Query:
    """One validated query against one table."""

    def __init__(self, state: Any, body: dict[str, Any]) -> None:
        self.state = state
        self.context = body["queryContext"]
        if self.context == "conversation":
            self.table, self.attrs = state.conv, CONVERSATION_ATTRS
        else:
            self.table, self.attrs = state.cust, CUSTOMER_ATTRS
        self.zone = body.get("timeZone") or "UTC"

    def column(self, name: str) -> np.ndarray:
        if name == "first_response_time":
            fr, created = self.table["fr"], self.table["created"]
            return np.where(fr == MISSING, MISSING, fr - created)
        return self.table[name]

    def node(self, node: Any, combine: str = "and") -> np.ndarray:
        """Mask of a criteria node: an object or an array of objects."""
        items = node if isinstance(node, list) else [node]
        if isinstance(node, list) and len(node) > MAX_CRITERIA:
            raise SearchError(f"at most {MAX_CRITERIA} criteria per '{combine}'")
        masks = [self.item(item) for item in items]
        size = len(self.table["created"])
        if combine == "and":
            return np.logical_and.reduce(masks) if masks else np.ones(size, bool)
        hit = np.logical_or.reduce(masks) if masks else np.zeros(size, bool)
        return ~hit if combine == "not" else hit

    def item(self, item: Any) -> np.ndarray:
        if not isinstance(item, dict) or not item:
            raise SearchError("each criterion must be a non-empty object")
        masks = []
        for key, value in item.items():
            if key in LOGIC:
                masks.append(self.node(value, key))
            else:
                masks.append(self.attribute(key, value))
        return np.logical_and.reduce(masks)

    def attribute(self, name: str, ops: Any) -> np.ndarray:
        if name not in self.attrs:
            raise SearchError(f"unknown attribute {name!r} for {self.context!r}")
        if not isinstance(ops, dict) or not ops:
            raise SearchError(f"{name}: expected {{operator: value}}")
        column, kind, registry = self.attrs[name]
        masks = []
        for op, value in ops.items():
            if op not in _OPS[kind]:
                known = "unknown" if op not in ALL_OPS else "unsupported"
                raise SearchError(f"{name}: {known} operator {op!r}")
            masks.append(
                _MATCHERS[kind](self, self.column(column), op, value, registry)
            )
        return np.logical_and.reduce(masks)


def _in_values(value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise SearchError("'in' expects a non-empty array")
    return value


def _not_set(col: np.ndarray, value: Any, empty: Any) -> np.ndarray:
    return (col == empty) if value in (True, "true", None) else (col != empty)


def _match_date(q: _Query, col: np.ndarray, op: str, value: Any, _: Any) -> np.ndarray:
    if op == "not_set":
        return _not_set(col, value, MISSING)
    if op == "in":
        return np.logical_or.reduce(
            [_match_date(q, col, "equals", v, _) for v in _in_values(value)]
        )
    try:
        start, end = parse_instant(value, q.zone)
    except (ValueError, TypeError) as exc:
        raise SearchError(f"not a date: {value!r}") from exc
    return _compare(col, op, start, end, MISSING)


def _compare(
    col: np.ndarray, op: str, start: int, end: int, missing: int
) -> np.ndarray:
    present = col != missing
    if op == "equals":
        return present & (col >= start) & (col < end)
    if op == "gt":
        return present & (col >= end)
    if op == "gte":
        return present & (col >= start)
    if op == "lt":
        return present & (col < start)
    return present & (col < end)  # lte


def _match_number(
    q: _Query, col: np.ndarray, op: str, value: Any, _: Any
) -> np.ndarray:
    col = col.astype(np.int64)
    if op == "not_set":
        return _not_set(col, value, MISSING)
    values = _in_values(value) if op == "in" else [value]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise SearchError(f"not a number: {value!r}")
    if op == "in":
        return np.isin(col, values)
    number = float(values[0])
    start, end = int(np.ceil(number)), int(np.floor(number)) + 1
    return _compare(col, op, start, end, MISSING)


def _codes(values: list[Any], registry: list[str]) -> list[int]:
    if not all(isinstance(v, str) for v in values):
        raise SearchError(f"expected strings: {values!r}")
    return [registry.index(v) for v in values if v in registry]


def _match_status(
    q: _Query, col: np.ndarray, op: str, value: Any, _: Any
) -> np.ndarray:
    if op == "not_set":
        return _not_set(col, value, -1)
    values = _in_values(value) if op == "in" else [value]
    return np.isin(col, _codes(values, list(STATUSES)))


def _match_id(
    q: _Query, col: np.ndarray, op: str, value: Any, registry: str
) -> np.ndarray:
    if op == "not_set":
        return _not_set(col, value, -1)
    values = _in_values(value) if op == "in" else [value]
    return np.isin(col, _codes(values, q.state.registry[registry]))


def _match_list(
    q: _Query, col: np.ndarray, op: str, value: Any, registry: str
) -> np.ndarray:
    if op == "not_set":
        return _not_set(col, value, 0)
    values = _in_values(value) if op == "in" else [value]
    wanted = 0
    for code in _codes(values, q.state.registry[registry]):
        wanted |= 1 << code if code < 63 else 0
    return (col & wanted) != 0


def _match_text(
    q: _Query, col: np.ndarray, op: str, value: Any, registry: str
) -> np.ndarray:
    names = q.state.registry[registry]
    if op == "not_set":
        return _not_set(col, value, -1)
    values = _in_values(value) if op == "in" else [value]
    if not all(isinstance(v, str) for v in values):
        raise SearchError(f"expected strings: {value!r}")
    if op == "contains":
        needle = values[0].lower()
        codes = [i for i, name in enumerate(names) if needle in name.lower()]
    else:
        codes = [names.index(v) for v in values if v in names]
    return np.isin(col, codes)


_MATCHERS: dict[str, Callable[..., np.ndarray]] = {
    "date": _match_date,
    "number": _match_number,
    "status": _match_status,
    "id": _match_id,
    "list": _match_list,
    "text": _match_text,
}


def validate(body: Any) -> dict[str, Any]:
    """Check the body's shape; raise :class:`SearchError` on anything refused."""
    if not isinstance(body, dict):
        raise SearchError("the search body must be a JSON object")
    unknown = sorted(set(body) - ALLOWED_KEYS)
    if unknown:
        raise SearchError(f"unknown search keys: {', '.join(unknown)}")
    context = body.get("queryContext")
    if context not in ("conversation", "customer"):
        if isinstance(context, str) and (
            context in KNOWN_CONTEXTS or context.startswith("kobject_")
        ):
            raise SearchError(f"queryContext {context!r} is not served by the sandbox")
        raise SearchError("queryContext must be 'conversation' or 'customer'")
    zone = body.get("timeZone")
    if zone is not None:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
            raise SearchError(f"unknown timeZone {zone!r}") from exc
    sort = body.get("sort", [])
    sort = [sort] if isinstance(sort, dict) else sort
    if not isinstance(sort, list) or len(sort) > MAX_SORT:
        raise SearchError(f"sort must be an array of at most {MAX_SORT} entries")
    return body


def _sort_keys(query: _Query, sort: list[Any]) -> list[np.ndarray]:
    keys = []
    for entry in sort:
        if not isinstance(entry, dict) or len(entry) != 1:
            raise SearchError("each sort entry must be {attribute: 'asc'|'desc'}")
        ((name, direction),) = entry.items()
        if name not in query.attrs or query.attrs[name][1] not in ("date", "number"):
            raise SearchError(f"cannot sort by {name!r}")
        if direction not in ("asc", "desc"):
            raise SearchError(f"sort direction must be asc or desc, not {direction!r}")
        col = query.column(query.attrs[name][0]).astype(np.int64)
        # Missing values sort last in both directions.
        keys.append(
            np.where(col == MISSING, np.iinfo(np.int64).max, col)
            if direction == "asc"
            else ~col
        )
    return keys


class Searcher:
    """Runs searches; remembers recent result orders, as clients page one query."""

    def __init__(self, state: Any, cache_size: int = 8) -> None:
        self.state = state
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._size = cache_size

    def matches(self, body: Any, key: bytes) -> np.ndarray:
        """Row indices matching ``body``, in result order."""
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        body = validate(body)
        query = _Query(self.state, body)
        mask = np.ones(len(query.table["created"]), dtype=bool)
        for logic in LOGIC:
            if logic in body:
                mask &= query.node(body[logic], logic)
        mask &= query.table["updated"] >= self.state.search_horizon
        rows = np.flatnonzero(mask)
        rank = (
            self.state.conv_rank
            if query.context == "conversation"
            else self.state.cust_rank
        )
        sort = body.get("sort", [])
        keys = _sort_keys(query, [sort] if isinstance(sort, dict) else sort)
        keys = [rank[rows]] + [k[rows] for k in reversed(keys)]
        rows = rows[np.lexsort(keys)]
        self._cache[key] = rows
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return rows


def parse_id(value: str) -> tuple[int, int] | None:
    """(hi, lo) of a 24-hex id, or None when it is not one."""
    try:
        return split_object_id(value)
    except ValueError:
        return None
