"""Search past the 100-page cap: every id once, ties across restarts kept."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kustomer_nb as kn


def _ids(pages: Iterator[list[dict[str, Any]]]) -> list[str]:
    return [record["id"] for page in pages for record in page]


def _restarts(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "restarting at" in r.getMessage()]


def test_search_all__past_100_pages_returns_every_id_once(
    client: kn.Client, raw: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    expected = {c["id"] for c in raw.pages("/conversations")}
    assert len(expected) > 100 * 10  # more than the cap at page size 10

    ids = _ids(
        client.search_all(
            "conversation", where=[], sort_attr="conversation_created_at", page_size=10
        )
    )

    assert len(ids) == len(set(ids))
    assert set(ids) == expected
    assert len(_restarts(caplog)) >= 2


def test_search_all__descending(client: kn.Client, raw: Any) -> None:
    expected = {c["id"] for c in raw.pages("/conversations")}
    pages = client.search_all(
        "conversation",
        where=[],
        sort_attr="conversation_created_at",
        direction="desc",
        page_size=10,
    )
    ids = _ids(pages)
    assert len(ids) == len(set(ids)) and set(ids) == expected


def test_search__one_query_refuses_to_truncate(client: kn.Client) -> None:
    pages = client.search({"queryContext": "conversation"}, page_size=10)
    with pytest.raises(kn.KustomerError, match="more than 100 pages"):
        for _ in pages:
            pass


def test_search__page_101_is_refused_by_the_api(raw: Any) -> None:
    # What the client works around: the cap is real in the sandbox too.
    body = {"queryContext": "conversation"}
    page_100 = raw.search(body, 100, 10).json()
    assert page_100["links"]["next"].startswith("/v1/customers/search?page=101")
    assert raw.search(body, 101, 10).status_code == 400


def _tie_boundary(records: list[dict[str, Any]]) -> tuple[int, str, str]:
    """A page size and lower bound putting a restart boundary inside a tie.

    With ``gte lower`` sorted by updatedAt, the first query ends after
    ``100 * page_size`` records; we want that record and the next to share a stamp.
    """
    stamps = sorted(r["attributes"]["updatedAt"] for r in records)
    for page_size in (10, 5, 4, 3, 2):
        window = 100 * page_size
        for end in range(window - 1, len(stamps) - 1):
            start = end - window + 1
            tie_spans_boundary = stamps[end] == stamps[end + 1]
            clean_start = start == 0 or stamps[start - 1] != stamps[start]
            if tie_spans_boundary and clean_start:
                return page_size, stamps[start], stamps[end]
    raise AssertionError("the sandbox data has no tie on updatedAt to test with")


def test_search_all__ties_across_a_restart_boundary_lose_nothing(
    client: kn.Client, raw: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kustomer_nb.client")
    records = raw.pages("/conversations")
    page_size, lower, tied = _tie_boundary(records)
    expected = {r["id"] for r in records if r["attributes"]["updatedAt"] >= lower}
    tie_group = {r["id"] for r in records if r["attributes"]["updatedAt"] == tied}
    assert len(tie_group) >= 2

    pages = client.search_all(
        "conversation",
        where=[{"conversation_updated_at": {"gte": lower}}],
        sort_attr="conversation_updated_at",
        page_size=page_size,
    )
    ids = _ids(pages)

    assert len(ids) == len(set(ids))
    assert set(ids) == expected
    assert tie_group <= set(ids)
    assert any(tied in message for message in _restarts(caplog)[:1])


def _tied_fixtures(directory: Path, count: int, stamp: str) -> Path:
    real = Path(__file__).parents[1] / "data" / "conversation-real-2022.json"
    template = json.loads(real.read_text())["data"]
    items = []
    for i in range(count):
        item = json.loads(json.dumps(template))
        item["id"] = f"{0x6500000000000000000000 + i:024x}"
        item["links"] = {"self": f"/v1/conversations/{item['id']}"}
        item["attributes"]["updatedAt"] = stamp
        item["attributes"]["createdAt"] = stamp
        items.append(item)
    (directory / "tied.json").write_text(json.dumps({"data": items}))
    return directory


def test_search_all__more_than_100_pages_sharing_one_value_raises(
    tmp_path: Path,
) -> None:
    from kustomer_nb.sandbox import SandboxConfig, serve

    stamp = "2026-11-20T10:00:00.000Z"
    config = SandboxConfig(
        conversations=1,  # the generated one sorts elsewhere
        days=5,
        now="2026-11-30T12:00:00Z",
        rate_limit=None,
        search_rate_limit=None,
        fixtures=_tied_fixtures(tmp_path, 120, stamp),
    )
    with (
        serve(config) as sb,
        kn.connect(sb.token, base_url=sb.base_url, cache=False) as client,
    ):
        pages = client.search_all(
            "conversation", where=[], sort_attr="conversation_updated_at", page_size=1
        )
        with pytest.raises(
            kn.KustomerError, match=f"share conversation_updated_at = {stamp}"
        ):
            _ids(pages)
