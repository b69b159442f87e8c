"""Page links: relative and absolute ``links.next`` (a pure piece)."""

from __future__ import annotations

import pytest

from kustomer_nb.client._paging import next_link, page_number, split_link


@pytest.mark.parametrize(
    "link",
    [
        "/v1/customers/search?page=3&pageSize=500",
        "https://acme.api.kustomerapp.com/v1/customers/search?page=3&pageSize=500",
        "https://elsewhere.example.com/v1/customers/search?page=3&pageSize=500",
    ],
)
def test_split_link__relative_or_absolute_is_rerooted(link: str) -> None:
    # Whatever host a link names, only its path and query are kept: the client
    # prefixes its own host, so the token never follows a link elsewhere.
    assert split_link(link) == (
        "/v1/customers/search",
        {"page": "3", "pageSize": "500"},
    )
    assert page_number(link) == 3


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            {"links": {"next": "/v1/teams?page=2&pageSize=500"}},
            "/v1/teams?page=2&pageSize=500",
        ),
        ({"links": {"next": None}}, None),
        ({"links": {"next": ""}}, None),
        ({"links": None}, None),
        ({}, None),
    ],
)
def test_next_link__tolerates_missing_links(doc: dict, expected: str | None) -> None:
    assert next_link(doc) == expected


def test_page_number__absent_or_bad() -> None:
    assert page_number("/v1/teams") is None
    assert page_number("/v1/teams?page=x") is None
