"""Page links: turning Kustomer's relative ``links.next`` into requests."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["next_link", "page_number", "split_link"]


def next_link(doc: dict[str, Any]) -> str | None:
    """The ``links.next`` of a list document, or None."""
    links = doc.get("links")
    if not isinstance(links, dict):
        return None
    link = links.get("next")
    return link if isinstance(link, str) and link else None


def split_link(link: str) -> tuple[str, dict[str, str]]:
    """A link's path and query parameters, whatever host it names.

    Kustomer sends relative ``/v1/...`` links; an absolute link is re-rooted on the
    client's own host (the token never follows a link to another host).
    """
    parts = urlsplit(link)
    return parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))


def page_number(link: str) -> int | None:
    """The ``page`` query value of a link, if it has one."""
    value = split_link(link)[1].get("page")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
