"""Conversations: ``GET /conversations``, or search when filtered by date or status."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from kustomer_nb.client import Client
from kustomer_nb.loaders._frame import Column, build_frame
from kustomer_nb.loaders._params import DateLike, choices, iso_utc

__all__ = ["COLUMNS", "STATUSES", "load_conversations"]

log = logging.getLogger(__name__)

#: Kustomer's standard search covers objects updated within this span (REFERENCE §2.2).
SEARCH_HORIZON = pd.Timedelta(days=730)

STATUSES = ("open", "snoozed", "done")
A = "attributes."

COLUMNS: tuple[Column, ...] = (
    Column("id", "id", "string"),
    Column("name", A + "name", "string"),
    Column("status", A + "status", "category", STATUSES),
    Column("channel", (A + "firstMessageIn.channel", A + "channels.0"), "category"),
    Column("channels", A + "channels", "list"),
    Column("direction", A + "direction", "category", ("in", "out")),
    Column("priority", A + "priority", "int"),
    Column("preview", A + "preview", "string"),
    Column("created_at", A + "createdAt", "datetime"),
    Column("updated_at", A + "updatedAt", "datetime"),
    Column("modified_at", A + "modifiedAt", "datetime"),
    Column("last_message_at", A + "lastMessageAt", "datetime"),
    Column("customer_id", "relationships.customer.data.id", "string"),
    Column("queue_id", "relationships.queue.data.id", "string"),
    Column("brand_id", "relationships.brand.data.id", "string"),
    Column("assigned_team_ids", A + "assignedTeams", "list"),
    Column("assigned_user_ids", A + "assignedUsers", "list"),
    Column("tag_ids", A + "tags", "list"),
    Column("first_response_sent_at", A + "firstResponse.sentAt", "datetime"),
    Column("first_response_time_ms", A + "firstResponse.time", "int"),
    Column("first_response_by", A + "firstResponse.createdBy", "string"),
    Column("first_done_at", A + "firstDone.createdAt", "datetime"),
    Column("first_done_time_ms", A + "firstDone.time", "int"),
    Column("last_done_at", A + "lastDone.createdAt", "datetime"),
    Column("last_done_time_ms", A + "lastDone.time", "int"),
    Column("done_count", A + "doneCount", "int"),
    Column("reopen_count", A + "reopenCount", "int"),
    Column("message_count", A + "messageCount", "int"),
    Column("inbound_message_count", A + "inboundMessageCount", "int"),
    Column("outbound_message_count", A + "outboundMessageCount", "int"),
    Column("note_count", A + "noteCount", "int"),
    Column("satisfaction", A + "satisfaction", "int"),
    Column("spam", A + "spam", "bool"),
)


def load_conversations(
    client: Client,
    *,
    created_after: DateLike | None = None,
    created_before: DateLike | None = None,
    updated_after: DateLike | None = None,
    status: str | Iterable[str] | None = None,
    sort: str = "asc",
    refresh: bool = False,
) -> pd.DataFrame:
    """Load conversations, one row per conversation.

    With any filter the pull goes through Kustomer's search (past its 100-page cap,
    each conversation once); with none, through ``GET /conversations``.

    Parameters
    ----------
    client : Client
        From :func:`kustomer_nb.connect`.
    created_after, created_before : str, date, datetime or Timestamp, optional
        Keep conversations created at or after / before this instant (naive = UTC).
    updated_after : str, date, datetime or Timestamp, optional
        Keep conversations updated at or after this instant.
    status : str or list of str, optional
        One or more of ``open``, ``snoozed``, ``done``.
    sort : {"asc", "desc"}
        Row order by ``created_at`` (by ``updated_at`` when only ``updated_after``
        is given).
    refresh : bool
        Refetch instead of reading the cache.

    Returns
    -------
    pandas.DataFrame
        ================================ ==========================================
        id, name, preview                ``string[pyarrow]``
        status                           ``category`` (open, snoozed, done, plus
                                         any other value seen, with a warning)
        channel                          ``category``: first inbound message's
                                         channel, else the first of ``channels``
        channels, assigned_team_ids,     ``list<string>[pyarrow]``
        assigned_user_ids, tag_ids
        direction                        ``category`` (in, out)
        priority, satisfaction           ``Int64``
        created_at, updated_at,          ``datetime64[ms, UTC]``
        modified_at, last_message_at
        customer_id, queue_id, brand_id  ``string[pyarrow]`` (relationship ids)
        first_response_sent_at,          ``datetime64[ms, UTC]`` (NaT when it has
        first_done_at, last_done_at      not happened)
        first_response_time_ms,          ``Int64``: Kustomer's own durations in
        first_done_time_ms,              milliseconds from creation
        last_done_time_ms
        first_response_by                ``string[pyarrow]`` (user id)
        done_count, reopen_count,        ``Int64``
        message_count,
        inbound_message_count,
        outbound_message_count,
        note_count
        spam                             ``boolean``
        ================================ ==========================================

    Raises
    ------
    ValueError
        A date that does not parse (naming the parameter), an unknown status or sort.

    Warnings
    --------
    Kustomer's standard search only sees conversations updated in the last two
    years; older ones need its archive search, which kustomer-nb does not use. A
    filtered pull whose lower bound lies further back logs a WARNING. Unfiltered
    pulls (``GET /conversations``) are not limited.

    Examples
    --------
    >>> df = kn.load_conversations(client, created_after="2026-11-01")  # doctest: +SKIP
    """
    if sort not in ("asc", "desc"):
        raise ValueError(f"sort must be 'asc' or 'desc', not {sort!r}")
    where, sort_attr = _criteria(created_after, created_before, updated_after, status)

    pages: Iterator[list[dict[str, Any]]]
    if where:
        _warn_past_horizon(created_after, updated_after)
        pages = client.search_all(
            "conversation",
            where=where,
            sort_attr=sort_attr,
            direction=sort,
            refresh=refresh,
        )
    else:
        pages = client.get_pages("/conversations", refresh=refresh)
    frame = build_frame(pages, COLUMNS, "conversations")

    if not where:
        # GET /conversations is ordered by id; order rows as documented.
        frame = frame.sort_values("created_at", ascending=sort == "asc", kind="stable")
        frame = frame.reset_index(drop=True)
    return frame


def _criteria(
    created_after: DateLike | None,
    created_before: DateLike | None,
    updated_after: DateLike | None,
    status: str | Iterable[str] | None,
) -> tuple[list[dict[str, Any]], str]:
    after = iso_utc(created_after, "created_after")
    before = iso_utc(created_before, "created_before")
    updated = iso_utc(updated_after, "updated_after")
    statuses = choices(status, STATUSES, "status")
    if after and before and after >= before:
        raise ValueError(
            f"created_after ({after}) must be earlier than created_before ({before})"
        )

    where: list[dict[str, Any]] = []
    if after:
        where.append({"conversation_created_at": {"gte": after}})
    if before:
        where.append({"conversation_created_at": {"lt": before}})
    if updated:
        where.append({"conversation_updated_at": {"gte": updated}})
    if statuses:
        where.append({"conversation_status": {"in": statuses}})

    only_updated = updated is not None and after is None and before is None
    sort_attr = "conversation_updated_at" if only_updated else "conversation_created_at"
    return where, sort_attr


def _warn_past_horizon(*bounds: DateLike | None) -> None:
    given = [pd.Timestamp(iso_utc(b, "bound")) for b in bounds if b is not None]
    if given and max(given) < pd.Timestamp.now(tz="UTC") - SEARCH_HORIZON:
        log.warning(
            "Kustomer's search only covers conversations updated in the last two "
            "years: conversations last updated before %s are not in this result.",
            (pd.Timestamp.now(tz="UTC") - SEARCH_HORIZON).date(),
        )
