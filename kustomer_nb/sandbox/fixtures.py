"""Recorded resources (``--fixtures DIR``) merged into the served data.

Each ``*.json`` file holds a single-resource (``{"data": {...}}``) or list
(``{"data": [...]}``) envelope. Resources are served exactly as recorded; for
conversations and customers their searchable fields are also appended to the
columns, so fixtures are found by search and listed like generated records.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from kustomer_nb.sandbox._util import MISSING, parse_instant, split_object_id
from kustomer_nb.sandbox.timeline import STATUSES

logger = logging.getLogger(__name__)

_ORG_LISTS = {"team": "teams", "queue": "queues", "klass": "klasses", "user": "users"}
_TIME_FIELDS = {
    "created": ("createdAt",),
    "updated": ("updatedAt",),
    "modified": ("modifiedAt",),
    "last_activity": ("lastActivityAt",),
    "last_message_at": ("lastMessageAt",),
    "first_in": ("firstMessageIn", "sentAt"),
    "fr": ("firstResponse", "sentAt"),
    "done1": ("firstDone", "createdAt"),
    "last_done": ("lastDone", "createdAt"),
}

_MOMENTS = frozenset(_TIME_FIELDS) | {
    "reopen", "fr2", "done2", "last_in", "last_out", "snooze_at", "snooze_end",
    "csat_sent", "csat_at",
}  # fmt: skip
_INDEXES = frozenset({"team", "team2", "user", "responder", "customer", "channel2"})


def read_resources(directory: str | Path) -> list[dict[str, Any]]:
    """Every resource in the JSON envelopes of ``directory``, in file-name order.

    Raises
    ------
    ValueError
        When a file is not an envelope with a ``data`` object or list.
    """
    resources: list[dict[str, Any]] = []
    for path in sorted(Path(directory).glob("*.json")):
        document = orjson.loads(path.read_bytes())
        data = document.get("data") if isinstance(document, dict) else None
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a {{'data': ...}} envelope")
        resources.extend(data)
    return resources


def _ms(value: Any) -> int:
    if not isinstance(value, str) or not value:
        return MISSING
    return parse_instant(value)[0]


def _dig(attributes: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = attributes
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _index(registry: list[str], value: Any) -> int:
    if not isinstance(value, str):
        return -1
    if value not in registry:
        registry.append(value)
    return registry.index(value)


def _mask(registry: list[str], values: Any) -> int:
    mask = 0
    for value in values if isinstance(values, list) else []:
        position = _index(registry, value)
        if 0 <= position < 63:
            mask |= 1 << position
        else:
            logger.warning("fixture value %r not searchable (registry full)", value)
    return mask


def _conversation_row(state: Any, resource: dict[str, Any]) -> dict[str, Any]:
    attributes = resource.get("attributes", {})
    relationships = resource.get("relationships", {})
    reg = state.registry
    row: dict[str, Any] = {k: _ms(_dig(attributes, p)) for k, p in _TIME_FIELDS.items()}
    status = attributes.get("status")
    row["status"] = STATUSES.index(status) if status in STATUSES else -1
    row["queue"] = _index(reg["queue"], _dig(relationships, ("queue", "data", "id")))
    row["teams_mask"] = _mask(reg["team"], attributes.get("assignedTeams"))
    users = attributes.get("assignedUsers") or [None]
    row["user"] = _index(reg["user"], users[0])
    row["channels_mask"] = _mask(reg["channel"], attributes.get("channels"))
    row["tags_mask"] = _mask(reg["tag"], attributes.get("tags"))
    row["name_code"] = _index(reg["name"], attributes.get("name"))
    for column, key in (("priority", "priority"), ("reopen_count", "reopenCount")):
        row[column] = int(attributes.get(key) or 0)
    row["done_count"] = int(attributes.get("doneCount") or 0)
    row["msg_in"] = int(attributes.get("inboundMessageCount") or 0)
    row["msg_out"] = int(attributes.get("outboundMessageCount") or 0)
    return row


def _append(columns: dict[str, np.ndarray], rows: list[dict[str, Any]]) -> None:
    """Append fixture rows to every column (defaults: MISSING, -1 or 0)."""
    for key, column in columns.items():
        default: Any = 0
        if key in _MOMENTS:
            default = MISSING
        elif key in _INDEXES:
            default = -1
        values = [row.get(key, default) for row in rows]
        columns[key] = np.concatenate([column, np.array(values, dtype=column.dtype)])


def _identity(row: dict[str, Any], resource: dict[str, Any], position: int) -> None:
    row["id_hi"], row["id_lo"] = split_object_id(resource["id"])
    row["fixture"] = position


def load_fixtures(state: Any, directory: str | Path) -> None:
    """Add the recorded resources of ``directory`` to ``state`` in place.

    Raises
    ------
    ValueError
        When a conversation or customer id is not a 24-hex ObjectId.
    """
    conversations, customers = [], []
    for resource in read_resources(directory):
        kind = resource.get("type")
        if kind == "conversation":
            row = _conversation_row(state, resource)
            _identity(row, resource, len(state.fixture_conversations))
            state.fixture_conversations.append(resource)
            conversations.append(row)
        elif kind == "customer":
            attributes = resource.get("attributes", {})
            row = {"created": _ms(attributes.get("createdAt"))}
            row["updated"] = _ms(attributes.get("updatedAt"))
            _identity(row, resource, len(state.fixture_customers))
            state.fixture_customers.append(resource)
            customers.append(row)
        elif kind in _ORG_LISTS:
            getattr(state.org, _ORG_LISTS[kind]).append(resource)
        else:
            logger.warning("fixture of type %r ignored", kind)
    _append(state.conv, conversations)
    _append(state.cust, customers)
    logger.info(
        "fixtures: %d conversations, %d customers from %s",
        len(conversations),
        len(customers),
        directory,
    )
