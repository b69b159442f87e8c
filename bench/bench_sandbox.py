"""Sandbox figures: generation time and peak RSS, render and HTTP throughput.

Run: ``python bench/bench_sandbox.py [--conversations 1000000]``. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import orjson
import requests

from kustomer_nb.sandbox import Sandbox, SandboxConfig, build_state
from kustomer_nb.sandbox.resources import render_conversations


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_generation(config: SandboxConfig):
    began = time.perf_counter()
    state = build_state(config)
    seconds = time.perf_counter() - began
    columns_mb = sum(a.nbytes for a in state.conv.values()) / 2**20
    print(f"generate {config.conversations:,} conversations: {seconds:.2f} s")
    print(f"  conversation columns: {columns_mb:.0f} MB; peak RSS {_rss_mb():.0f} MB")
    return state


def bench_render(state, pages: int = 20, size: int = 500) -> None:
    rng = np.random.default_rng(0)
    total = len(state.conv["created"])
    times = []
    for _ in range(pages):
        start = int(rng.integers(0, max(total - size, 1)))
        began = time.perf_counter()
        orjson.dumps(
            render_conversations(state, state.conv_order[start : start + size])
        )
        times.append(time.perf_counter() - began)
    median, worst = np.median(times) * 1000, max(times) * 1000
    rate = pages * size / sum(times)
    print(
        f"render+dump pages of {size}: median {median:.1f} ms, max {worst:.1f} ms, "
        f"{rate:,.0f} conv/s"
    )


def bench_http(state, config: SandboxConfig, pages: int = 20) -> None:
    sandbox = Sandbox(config.with_token(), state).start()
    try:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {sandbox.token}"
        body = {
            "queryContext": "conversation",
            "and": [{"conversation_updated_at": {"gte": "2000-01-01"}}],
            "sort": [{"conversation_updated_at": "asc"}],
        }
        url = f"{sandbox.base_url}/v1/customers/search"
        began, rows = time.perf_counter(), 0
        for page in range(1, pages + 1):
            response = session.post(
                url, params={"page": page, "pageSize": 500}, json=body, timeout=120
            )
            rows += len(response.json()["data"])
        seconds = time.perf_counter() - began
        rate = rows / seconds
        print(f"HTTP search pull (client parses JSON), limits off: {rate:,.0f} conv/s")
    finally:
        sandbox.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    config = SandboxConfig(
        conversations=args.conversations,
        days=args.days,
        now="2026-11-30T12:00:00Z",
        rate_limit=None,
        search_rate_limit=None,
    )
    state = bench_generation(config)
    bench_render(state)
    bench_http(state, config)
    print(f"peak RSS at the end: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
