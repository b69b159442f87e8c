"""The :class:`Client`: one authenticated, cached, retrying Kustomer connection."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import requests

from kustomer_nb.client import _search
from kustomer_nb.client._auth import BearerAuth
from kustomer_nb.client._paging import next_link, split_link
from kustomer_nb.client._responses import error_from_response, json_document
from kustomer_nb.errors import ConnectionFailed, KustomerError

__all__ = ["CacheStats", "Client", "LIST_PAGE_SIZES"]

log = logging.getLogger(__name__)

#: Largest page size per list endpoint (REFERENCE §2.2); others get DEFAULT_PAGE_SIZE.
LIST_PAGE_SIZES: dict[str, int] = {"/users": 500, "/teams": 500}
DEFAULT_PAGE_SIZE = 100
SEARCH_PAGE_SIZE = 500

Params = dict[str, Any]


@dataclass
class CacheStats:
    """How the client's responses were served, for a report's freshness note.

    Attributes
    ----------
    requests : int
        Responses received (after retries).
    from_cache : int
        Of those, served from the response cache.
    oldest_cached_at : pandas.Timestamp or None
        When the oldest cached response among them was fetched (UTC): the data is
        at least this old.
    """

    requests: int = 0
    from_cache: int = 0
    oldest_cached_at: pd.Timestamp | None = None

    def count(self, response: requests.Response) -> None:
        self.requests += 1
        if not getattr(response, "from_cache", False):
            return
        self.from_cache += 1
        fetched = getattr(response, "created_at", None)
        if fetched is not None:
            stamp = pd.Timestamp(fetched)
            stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
            if self.oldest_cached_at is None or stamp < self.oldest_cached_at:
                self.oldest_cached_at = stamp


class Client:
    """A connection to one Kustomer org. Make one with :func:`kustomer_nb.connect`.

    The methods return Kustomer's JSON as decoded dicts; the ``load_*`` functions
    turn them into DataFrames. Use it as a context manager, or call :meth:`close`.

    Attributes
    ----------
    base_url : str
        The API host, without ``/v1``.
    cache_path : pathlib.Path or None
        The SQLite cache file, or None when caching is off.
    sandbox : object or None
        The embedded sandbox when connected with ``demo=True``.
    stats : CacheStats
        How many responses came from the cache, and how old the oldest is.
    """

    def __init__(
        self,
        session: requests.Session,
        base_url: str,
        *,
        timeout: float | tuple[float, float] = (5, 60),
        max_retries: int = 5,
        page_size: int | None = None,
        search_page_size: int | None = None,
        cache_path: Path | None = None,
        sandbox: Any = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self._session = session
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.page_size = page_size
        self.search_page_size = search_page_size or SEARCH_PAGE_SIZE
        self.cache_path = cache_path
        self.sandbox = sandbox
        self.stats = CacheStats()
        self._on_close = on_close
        self._closed = False

    def __repr__(self) -> str:
        cache = str(self.cache_path) if self.cache_path else "off"
        demo = ", demo" if self.sandbox is not None else ""
        return f"<Client {self.base_url} cache={cache}{demo}>"

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the session, and stop the embedded sandbox if there is one."""
        self._closed = True
        self._session.close()
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()

    def clear_cache(self) -> None:
        """Delete every cached response (of every token) from the cache file."""
        cache = getattr(self._session, "cache", None)
        if cache is not None:
            cache.clear()
            log.debug("cache cleared: %s", self.cache_path)

    # -- requests ---------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        params: Params | None = None,
        *,
        json: Any = None,
        refresh: bool = False,
    ) -> dict[str, Any]:
        """One request; the decoded JSON document, or the mapped error.

        ``path`` is relative to ``/v1`` (``"/teams"``) or a ``/v1/...`` link.
        """
        if self._closed:
            raise KustomerError(
                "This client is closed: make a new one with kn.connect()."
            )
        path = path if path.startswith("/v1/") else "/v1" + path
        kwargs: dict[str, Any] = {
            "params": params,
            "json": json,
            "timeout": self.timeout,
        }
        if refresh and self.cache_path is not None:
            kwargs["force_refresh"] = True
        try:
            response = self._session.request(method, self.base_url + path, **kwargs)
        except requests.RequestException as exc:
            raise self._connection_failed(path, exc) from None

        log.debug(
            "%s %s -> %s (from_cache=%s)",
            method,
            path,
            response.status_code,
            getattr(response, "from_cache", False),
        )
        self.stats.count(response)
        if not response.ok:
            raise error_from_response(response, path, retries=self.max_retries)
        return json_document(response, path)

    def get(
        self, path: str, params: Params | None = None, *, refresh: bool = False
    ) -> dict[str, Any]:
        """GET one JSON document, e.g. ``client.get("/klasses/<id>")``."""
        return self.request("GET", path, params, refresh=refresh)

    def get_pages(
        self,
        path: str,
        params: Params | None = None,
        *,
        page_size: int | None = None,
        refresh: bool = False,
    ) -> Iterator[list[dict[str, Any]]]:
        """The ``data`` of each page of a GET list, following ``links.next``.

        Stops on ``next: null`` or an empty page. The page size defaults to the
        largest the endpoint allows (users and teams 500, others 100).
        """
        size = (
            page_size or self.page_size or LIST_PAGE_SIZES.get(path, DEFAULT_PAGE_SIZE)
        )
        extra = {k: str(v) for k, v in (params or {}).items()}
        query = {**extra, "page": "1", "pageSize": str(size)}
        current: str | None = None
        while True:
            doc = self.request("GET", path, query, refresh=refresh)
            records = doc.get("data") or []
            if records:
                yield records
            link = next_link(doc)
            if not records or link is None or link == current:
                return
            current = link
            path, query = split_link(link)
            # Kustomer's links carry only page and pageSize: keep our filters.
            query = {**extra, **query}

    def search(
        self,
        criteria: dict[str, Any],
        *,
        page_size: int | None = None,
        refresh: bool = False,
    ) -> Iterator[list[dict[str, Any]]]:
        """The pages of one search query (``POST /customers/search``), ≤ 100 pages.

        Raises
        ------
        KustomerError
            When the query matches more than 100 pages: use :meth:`search_all`.
        """
        size = page_size or self.search_page_size
        for page in _search.search_pages(self, criteria, size, refresh=refresh):
            if page.capped:
                raise KustomerError(
                    f"The search matches more than {_search.SEARCH_PAGE_CAP} pages "
                    f"({page.total} records); Kustomer serves no more. Use "
                    "client.search_all(), which splits the query by date."
                )
            if page.records:
                yield page.records

    def search_all(
        self,
        query_context: str,
        *,
        where: list[dict[str, Any]],
        sort_attr: str,
        direction: str = "asc",
        page_size: int | None = None,
        refresh: bool = False,
    ) -> Iterator[list[dict[str, Any]]]:
        """Every record of a search, past the 100-page cap, each id once.

        Sorted by ``sort_attr`` (e.g. ``"conversation_created_at"``); when a query
        reaches page 100 it restarts at the last value seen. Raises
        :class:`~kustomer_nb.KustomerError` rather than return a truncated result
        when more than 100 pages of records share one value.
        """
        return _search.search_all(
            self,
            query_context,
            where=where,
            sort_attr=sort_attr,
            direction=direction,
            page_size=page_size or self.search_page_size,
            refresh=refresh,
        )

    def _connection_failed(self, path: str, exc: Exception) -> ConnectionFailed:
        host = self.base_url.split("://", 1)[-1]
        kind = "timed out" if isinstance(exc, requests.Timeout) else "failed"
        auth = self._session.auth
        detail = _reason(exc)
        if isinstance(auth, BearerAuth):
            detail = auth.redact(detail)
        return ConnectionFailed(
            f"Connecting to {host} {kind}, even after retrying ({path}): {detail}. "
            "Check the network and the base URL.",
            path=path,
        )


def _reason(exc: Exception) -> str:
    """The innermost cause of a requests error, without urllib3's object reprs."""
    inner = exc.args[0] if exc.args else exc
    reason = getattr(inner, "reason", None) or inner
    text = str(reason).split(">: ", 1)[-1].strip()
    return text.rstrip(".") or type(exc).__name__
