"""Search: one query of at most 100 pages, and a pull past that cap.

Kustomer answers at most 100 pages per search query (REFERENCE §2.2). To pull more,
:func:`search_all` sorts by a date attribute and, when a query reaches the cap,
restarts with ``<attr> gte <last value seen>`` (``lte`` when descending),
de-duplicating by id because records sharing the boundary value come back again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kustomer_nb.client._paging import next_link, page_number, split_link
from kustomer_nb.errors import BadRequestError, KustomerError

if TYPE_CHECKING:
    from kustomer_nb.client._client import Client

__all__ = ["SEARCH_PAGE_CAP", "SearchPage", "search_all", "search_pages"]

log = logging.getLogger(__name__)

SEARCH_PATH = "/customers/search"
#: Kustomer serves at most this many pages of one search query.
SEARCH_PAGE_CAP = 100


@dataclass(frozen=True)
class SearchPage:
    """One page of one search query."""

    number: int
    records: list[dict[str, Any]]
    capped: bool  # True when the query has more pages than the cap allows
    total: int | None


def search_pages(
    client: Client, criteria: dict[str, Any], page_size: int, *, refresh: bool
) -> Iterator[SearchPage]:
    """The pages of one query, up to the cap; the last one says if it was capped."""
    path, params = SEARCH_PATH, {"page": "1", "pageSize": str(page_size)}
    number = 1
    while True:
        try:
            doc = client.request("POST", path, params, json=criteria, refresh=refresh)
        except BadRequestError:
            if number <= SEARCH_PAGE_CAP:
                raise
            # Page 101+ is refused: we learnt of the cap the hard way.
            yield SearchPage(number - 1, [], True, None)
            return

        records = doc.get("data") or []
        link = next_link(doc)
        beyond = (
            link is not None and (page_number(link) or number + 1) > SEARCH_PAGE_CAP
        )
        meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
        total = meta.get("total") if isinstance(meta.get("total"), int) else None
        yield SearchPage(number, records, bool(records) and beyond, total)

        if link is None or not records or beyond:
            return
        path, params = split_link(link)
        number = page_number(link) or number + 1


def search_all(
    client: Client,
    query_context: str,
    *,
    where: list[dict[str, Any]],
    sort_attr: str,
    direction: str = "asc",
    page_size: int,
    refresh: bool = False,
) -> Iterator[list[dict[str, Any]]]:
    """Every matching record once, past the 100-page cap (see module docstring)."""
    if direction not in ("asc", "desc"):
        raise ValueError(f"direction must be 'asc' or 'desc', not {direction!r}")
    op = "gte" if direction == "asc" else "lte"
    seen: set[bytes | str] = set()
    bound: str | None = None

    while True:
        criteria = _criteria(query_context, where, sort_attr, direction, op, bound)
        last, capped = bound, False
        for page in search_pages(client, criteria, page_size, refresh=refresh):
            last = _last_value(page.records, query_context, sort_attr) or last
            fresh = _unseen(page.records, seen)
            capped = page.capped
            if fresh:
                yield fresh

        if not capped:
            return
        if last is None or last == bound:
            raise KustomerError(
                f"More than {SEARCH_PAGE_CAP} pages of {query_context} records share "
                f"{sort_attr} = {last}: the search cannot page past them. Narrow the "
                "query (add criteria) so fewer records share one value."
            )
        log.debug(
            "search reached %d pages; restarting at %s %s %s",
            SEARCH_PAGE_CAP,
            sort_attr,
            op,
            last,
        )
        bound = last


def _criteria(
    query_context: str,
    where: list[dict[str, Any]],
    sort_attr: str,
    direction: str,
    op: str,
    bound: str | None,
) -> dict[str, Any]:
    clauses = list(where)
    if bound is not None:
        clauses.append({sort_attr: {op: bound}})
    criteria: dict[str, Any] = {"queryContext": query_context}
    if clauses:
        criteria["and"] = clauses
    criteria["sort"] = [{sort_attr: direction}]
    return criteria


def _unseen(
    records: list[dict[str, Any]], seen: set[bytes | str]
) -> list[dict[str, Any]]:
    fresh = []
    for record in records:
        key = _id_key(record.get("id"))
        if key not in seen:
            seen.add(key)
            fresh.append(record)
    return fresh


def _id_key(value: Any) -> bytes | str:
    # 24-hex ObjectIds as 12 bytes: a million ids stay small in memory.
    text = str(value)
    if len(text) == 24:
        try:
            return bytes.fromhex(text)
        except ValueError:
            pass
    return text


def _last_value(
    records: list[dict[str, Any]], query_context: str, sort_attr: str
) -> str | None:
    if not records:
        return None
    name = _attribute_name(query_context, sort_attr)
    value = (records[-1].get("attributes") or {}).get(name)
    return value if isinstance(value, str) and value else None


def _attribute_name(query_context: str, sort_attr: str) -> str:
    """``conversation_updated_at`` → ``updatedAt`` (the attribute it indexes)."""
    prefix = f"{query_context}_"
    snake = sort_attr[len(prefix) :] if sort_attr.startswith(prefix) else sort_attr
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), snake)
